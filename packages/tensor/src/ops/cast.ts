import { runKernel } from '../backend/engine.js';
import { assertDType, type DType } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/**
 * Converts to `dtype`: floats truncate toward zero on the way to int32, non-zero becomes true for bool.
 * @example cast(tensor([1.7, -1.7]), 'int32') // → [1, -1]
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor('cast', x);
  const target = assertDType('cast', dtype);
  if (target === x.dtype) return x;
  return runKernel('Cast', { x }, { dtype: target });
}
