import { NO_ATTRS, runKernel } from '../backend/engine.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertFloat, assertNumeric, assertTensor } from './validate.js';

// Element-wise functions of one tensor. Transcendental functions need a float dtype; the rest accept int32 too.

/** -x. @example neg(tensor([1, -2])) // → [-1, 2] */
export function neg(x: Tensor): Tensor {
  assertNumeric('neg', assertTensor('neg', x));
  return runKernel('Neg', { x }, NO_ATTRS);
}

/** e^x. @example exp(tensor([0, 1])) // → [1, 2.718…] */
export function exp(x: Tensor): Tensor {
  assertFloat('exp', assertTensor('exp', x));
  return runKernel('Exp', { x }, NO_ATTRS);
}

/** Natural logarithm; log(0) = -Infinity, log of a negative number is NaN. */
export function log(x: Tensor): Tensor {
  assertFloat('log', assertTensor('log', x));
  return runKernel('Log', { x }, NO_ATTRS);
}

/** log(1 + x), accurate for tiny x. */
export function log1p(x: Tensor): Tensor {
  assertFloat('log1p', assertTensor('log1p', x));
  return runKernel('Log1p', { x }, NO_ATTRS);
}

/** e^x - 1, accurate for tiny x. */
export function expm1(x: Tensor): Tensor {
  assertFloat('expm1', assertTensor('expm1', x));
  return runKernel('Expm1', { x }, NO_ATTRS);
}

/** √x. @example sqrt(tensor([4, 9])) // → [2, 3] */
export function sqrt(x: Tensor): Tensor {
  assertFloat('sqrt', assertTensor('sqrt', x));
  return runKernel('Sqrt', { x }, NO_ATTRS);
}

/** x². @example square(tensor([3])) // → [9] */
export function square(x: Tensor): Tensor {
  assertNumeric('square', assertTensor('square', x));
  return runKernel('Square', { x }, NO_ATTRS);
}

/** 1 / x. */
export function reciprocal(x: Tensor): Tensor {
  assertFloat('reciprocal', assertTensor('reciprocal', x));
  return runKernel('Reciprocal', { x }, NO_ATTRS);
}

/** |x|. */
export function abs(x: Tensor): Tensor {
  assertNumeric('abs', assertTensor('abs', x));
  return runKernel('Abs', { x }, NO_ATTRS);
}

/** -1, 0 or 1 by the sign of x (0 for both zeros, NaN for NaN). */
export function sign(x: Tensor): Tensor {
  assertNumeric('sign', assertTensor('sign', x));
  return runKernel('Sign', { x }, NO_ATTRS);
}

/** The largest integer not above x. */
export function floor(x: Tensor): Tensor {
  assertNumeric('floor', assertTensor('floor', x));
  return runKernel('Floor', { x }, NO_ATTRS);
}

/** sin(x). */
export function sin(x: Tensor): Tensor {
  assertFloat('sin', assertTensor('sin', x));
  return runKernel('Sin', { x }, NO_ATTRS);
}

/** cos(x). */
export function cos(x: Tensor): Tensor {
  assertFloat('cos', assertTensor('cos', x));
  return runKernel('Cos', { x }, NO_ATTRS);
}

/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  assertFloat('tanh', assertTensor('tanh', x));
  return runKernel('Tanh', { x }, NO_ATTRS);
}

/** 1 / (1 + e^-x), computed without overflow for large |x|. */
export function sigmoid(x: Tensor): Tensor {
  assertFloat('sigmoid', assertTensor('sigmoid', x));
  return runKernel('Sigmoid', { x }, NO_ATTRS);
}

/** max(x, 0). @example relu(tensor([-1, 2])) // → [0, 2] */
export function relu(x: Tensor): Tensor {
  assertNumeric('relu', assertTensor('relu', x));
  return runKernel('Relu', { x }, NO_ATTRS);
}

/** log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it neither overflows nor rounds to 0. */
export function softplus(x: Tensor): Tensor {
  assertFloat('softplus', assertTensor('softplus', x));
  return runKernel('Softplus', { x }, NO_ATTRS);
}

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /** Slope for negative inputs; default 0.01 (PyTorch's `negative_slope`). */
  readonly alpha?: number;
}

/** x for x ≥ 0, alpha·x otherwise. */
export function leakyRelu(x: Tensor, options: LeakyReluOptions = {}): Tensor {
  assertFloat('leakyRelu', assertTensor('leakyRelu', x));
  const alpha = options.alpha ?? 0.01;
  if (!Number.isFinite(alpha)) throw new ValueError(`leakyRelu: alpha must be finite, got ${alpha}`);
  return runKernel('LeakyRelu', { x }, { alpha });
}
