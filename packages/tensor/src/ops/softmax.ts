import { runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertFloat, assertTensor } from './validate.js';

/**
 * exp(x) / Σ exp(x) along `axis` (default: the last), shifted by the maximum so it never overflows.
 * @example softmax(tensor([0, Math.log(3)])) // → [0.25, 0.75]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  assertFloat('softmax', assertTensor('softmax', x));
  return runKernel('Softmax', { x }, { axis: softmaxAxis('softmax', x, axis) });
}

/** x - logSumExp(x) along `axis` (default: the last): finite where softmax underflows to 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertFloat('logSoftmax', assertTensor('logSoftmax', x));
  return runKernel('LogSoftmax', { x }, { axis: softmaxAxis('logSoftmax', x, axis) });
}

/** A scalar has no axis to normalize over (normalizeAxis would let axis 0 through, and the kernel then reads nothing). */
function softmaxAxis(fn: string, x: Tensor, axis: number): number {
  if (x.shape.length === 0) throw new ShapeError(`${fn}: expected a tensor with at least 1 dimension, got a scalar`);
  return normalizeAxis(fn, axis, x.shape.length);
}
