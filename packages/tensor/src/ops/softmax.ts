import { runKernel } from '../backend/engine.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertFloat, assertTensor } from './validate.js';

/**
 * exp(x) / Σ exp(x) along `axis` (default: the last), shifted by the maximum so it never overflows.
 * @example softmax(tensor([0, Math.log(3)])) // → [0.25, 0.75]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  assertFloat('softmax', assertTensor('softmax', x));
  return runKernel('Softmax', { x }, { axis: normalizeAxis('softmax', axis, x.shape.length) });
}

/** x - logSumExp(x) along `axis` (default: the last): finite where softmax underflows to 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertFloat('logSoftmax', assertTensor('logSoftmax', x));
  return runKernel('LogSoftmax', { x }, { axis: normalizeAxis('logSoftmax', axis, x.shape.length) });
}
