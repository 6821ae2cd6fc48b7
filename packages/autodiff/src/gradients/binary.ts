import {
  add,
  div,
  equal,
  greater,
  less,
  log,
  mul,
  neg,
  pow,
  sqrt,
  square,
  sub,
  type Tensor,
  where,
} from '@descent/tensor';
import { sumToShape } from '../sum-to-shape.js';
import type { GradientFn } from './types.js';

// Broadcasting is undone in every rule: each cotangent is summed back to its input's shape.

// Only the partials of inputs that depend on a differentiated input are computed (a constant gets none). Rules are
// written as plain conditionals rather than through a helper taking closures: no allocation beyond the result,
// which the tiny kernels of 2-D problems notice.

export const addGradient: GradientFn<'Add'> = ({ dy, inputs: { a, b }, needs }) => ({
  a: needs(a) ? sumToShape(dy, a.shape) : undefined,
  b: needs(b) ? sumToShape(dy, b.shape) : undefined,
});

export const subGradient: GradientFn<'Sub'> = ({ dy, inputs: { a, b }, needs }) => ({
  a: needs(a) ? sumToShape(dy, a.shape) : undefined,
  b: needs(b) ? sumToShape(neg(dy), b.shape) : undefined,
});

export const mulGradient: GradientFn<'Mul'> = ({ dy, inputs: { a, b }, needs }) => ({
  a: needs(a) ? sumToShape(mul(dy, b), a.shape) : undefined,
  b: needs(b) ? sumToShape(mul(dy, a), b.shape) : undefined,
});

/** d(a/b) = da/b - a·db/b². */
export const divGradient: GradientFn<'Div'> = ({ dy, inputs: { a, b }, needs }) => ({
  a: needs(a) ? sumToShape(div(dy, b), a.shape) : undefined,
  b: needs(b) ? sumToShape(neg(div(mul(dy, a), square(b))), b.shape) : undefined,
});

/**
 * d(a^b) = b·a^(b-1)·da + a^b·log(a)·db. The exponent's term is taken as 0 where a ≤ 0 (log undefined), as
 * PyTorch does for a = 0.
 */
export const powGradient: GradientFn<'Pow'> = ({ dy, inputs: { a, b }, output, needs }) => ({
  a: needs(a) ? sumToShape(mul(dy, mul(b, pow(a, sub(b, 1)))), a.shape) : undefined,
  b: needs(b)
    ? sumToShape(mul(dy, where(greater(a, 0), mul(output, log(where(greater(a, 0), a, 1))), 0)), b.shape)
    : undefined,
});

/** The cotangent goes to the chosen operand (`chosenA` where a wins); ties split it evenly, as PyTorch. */
function selectGradient(dy: Tensor, a: Tensor, b: Tensor, needs: (t: Tensor) => boolean, aWins: Tensor, tie: Tensor) {
  const half = mul(dy, 0.5);
  return {
    a: needs(a) ? sumToShape(where(tie, half, where(aWins, dy, 0)), a.shape) : undefined,
    b: needs(b) ? sumToShape(where(tie, half, where(aWins, 0, dy)), b.shape) : undefined,
  };
}

export const maximumGradient: GradientFn<'Maximum'> = ({ dy, inputs: { a, b }, needs }) =>
  selectGradient(dy, a, b, needs, greater(a, b), equal(a, b));

export const minimumGradient: GradientFn<'Minimum'> = ({ dy, inputs: { a, b }, needs }) =>
  selectGradient(dy, a, b, needs, less(a, b), equal(a, b));

export const whereGradient: GradientFn<'Where'> = ({ dy, inputs: { condition, a, b }, needs }) => ({
  a: needs(a) ? sumToShape(where(condition, dy, 0), a.shape) : undefined,
  b: needs(b) ? sumToShape(where(condition, 0, dy), b.shape) : undefined,
});

/** lerp = (1 − w)·a + w·b. */
export const lerpGradient: GradientFn<'Lerp'> = ({ dy, inputs: { a, b }, attrs: { weight }, needs }) => ({
  a: needs(a) ? sumToShape(mul(dy, 1 - weight), a.shape) : undefined,
  b: needs(b) ? sumToShape(mul(dy, weight), b.shape) : undefined,
});

/**
 * y = s·a / (r√b + e): ∂y/∂a = s / (r√b + e), ∂y/∂b = −y · r / (2√b · (r√b + e)).
 */
export const divSqrtGradient: GradientFn<'DivSqrt'> = ({
  dy,
  inputs: { a, b },
  attrs: { scale, rootScale, eps },
  output,
  needs,
}) => ({
  a: needs(a) ? sumToShape(div(mul(dy, scale), add(mul(sqrt(b), rootScale), eps)), a.shape) : undefined,
  b: needs(b)
    ? sumToShape(
        neg(div(mul(mul(dy, output), rootScale), mul(mul(sqrt(b), 2), add(mul(sqrt(b), rootScale), eps)))),
        b.shape,
      )
    : undefined,
});
