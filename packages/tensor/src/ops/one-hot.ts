import { runKernel } from '../backend/engine.js';
import type { DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertDTypeIs, assertInteger, assertTensor } from './validate.js';

/** Options of {@link oneHot}: the two values and the dtype of the result. */
export interface OneHotOptions {
  /** The value at each index; default 1. */
  readonly onValue?: number;
  /** The value everywhere else; default 0. */
  readonly offValue?: number;
  /** Default float32. */
  readonly dtype?: DType;
}

/**
 * A new last axis of length `depth` with `onValue` at each int32 index. Indices outside [0, depth) are an error.
 * @example oneHot(tensor([0, 2], { dtype: 'int32' }), 3) // → [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: Tensor, depth: number, options: OneHotOptions = {}): Tensor {
  assertTensor('oneHot', indices, 'indices');
  assertDTypeIs('oneHot', indices, 'int32', 'indices');
  assertInteger('oneHot', 'depth', depth, 1);
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] >= depth)
      throw new ValueError(`oneHot: index ${values[i]} is out of range [0, ${depth})`);
  }
  const { onValue = 1, offValue = 0, dtype = 'float32' } = options;
  return runKernel('OneHot', { indices }, { depth, onValue, offValue, dtype });
}
