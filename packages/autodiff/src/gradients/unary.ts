import {
  add,
  cast,
  cos,
  DTypeError,
  div,
  greater,
  greaterEqual,
  isFloatDType,
  mul,
  neg,
  sigmoid,
  sign,
  sin,
  square,
  sub,
  where,
} from '@descent/tensor';
import type { GradientFn } from './types.js';

// d/dx of each element-wise function, multiplied by the incoming cotangent dy.

export const negGradient: GradientFn<'Neg'> = ({ dy }) => ({ x: neg(dy) });
export const expGradient: GradientFn<'Exp'> = ({ dy, output }) => ({ x: mul(dy, output) });
export const logGradient: GradientFn<'Log'> = ({ dy, inputs: { x } }) => ({ x: div(dy, x) });
export const log1pGradient: GradientFn<'Log1p'> = ({ dy, inputs: { x } }) => ({ x: div(dy, add(x, 1)) });
export const expm1Gradient: GradientFn<'Expm1'> = ({ dy, output }) => ({ x: mul(dy, add(output, 1)) });
/** d√x = 1 / (2√x): reuses the output. */
export const sqrtGradient: GradientFn<'Sqrt'> = ({ dy, output }) => ({ x: div(dy, mul(output, 2)) });
export const squareGradient: GradientFn<'Square'> = ({ dy, inputs: { x } }) => ({ x: mul(dy, mul(x, 2)) });
/** d(1/x) = -1/x² = -y². */
export const reciprocalGradient: GradientFn<'Reciprocal'> = ({ dy, output }) => ({ x: neg(mul(dy, square(output))) });
/** sign(x), with 0 at 0 as PyTorch. */
export const absGradient: GradientFn<'Abs'> = ({ dy, inputs: { x } }) => ({ x: mul(dy, sign(x)) });
export const sinGradient: GradientFn<'Sin'> = ({ dy, inputs: { x } }) => ({ x: mul(dy, cos(x)) });
export const cosGradient: GradientFn<'Cos'> = ({ dy, inputs: { x } }) => ({ x: neg(mul(dy, sin(x))) });
/** 1 - tanh² from the output, so the backward pass needs no second tanh. */
export const tanhGradient: GradientFn<'Tanh'> = ({ dy, output }) => ({ x: mul(dy, sub(1, square(output))) });
export const sigmoidGradient: GradientFn<'Sigmoid'> = ({ dy, output }) => ({
  x: mul(dy, mul(output, sub(1, output))),
});
/** 1 for x > 0, else 0 (the subgradient at 0 is 0, as in PyTorch). */
export const reluGradient: GradientFn<'Relu'> = ({ dy, inputs: { x } }) => ({ x: where(greater(x, 0), dy, 0) });
export const softplusGradient: GradientFn<'Softplus'> = ({ dy, inputs: { x } }) => ({ x: mul(dy, sigmoid(x)) });
export const leakyReluGradient: GradientFn<'LeakyRelu'> = ({ dy, inputs: { x }, attrs: { alpha } }) => ({
  x: where(greaterEqual(x, 0), dy, mul(dy, alpha)),
});

/**
 * Between float dtypes the cotangent is cast back. A float cast to int32 or bool has no derivative: reaching one
 * in the backward sweep means the loss depends on the integer values, which is an error, not a zero.
 */
export const castGradient: GradientFn<'Cast'> = ({ dy, inputs: { x }, attrs: { dtype } }) => {
  // The tape records a cast only when its input depends on a differentiated input, so an integer input here was
  // itself computed from one: the loss is a function of rounded values.
  if (!isFloatDType(x.dtype) || !isFloatDType(dtype)) {
    throw new DTypeError(
      `grad: cannot differentiate through an integer cast (${x.dtype} -> ${dtype}); integer values have no gradient (apply stopGradient before the cast if that is intended)`,
    );
  }
  return { x: cast(dy, x.dtype) };
};
