import { runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { ReduceOptions } from './reduce.js';
import { reshape } from './reshape.js';
import { assertNumeric, assertTensor } from './validate.js';

function argReduce(
  fn: string,
  kernel: 'ArgMax' | 'ArgMin',
  x: Tensor,
  axis: number | undefined,
  options: ReduceOptions,
) {
  assertNumeric(fn, assertTensor(fn, x));
  // Without an axis, NumPy flattens first.
  const input = axis === undefined ? reshape(x, [x.size]) : x;
  const resolved = normalizeAxis(fn, axis ?? 0, input.shape.length);
  if (input.shape[resolved] === 0) throw new ShapeError(`${fn}: axis ${resolved} has size 0 (shape [${x.shape}])`);
  return runKernel(kernel, { x: input }, { axis: resolved, keepDims: options.keepDims ?? false });
}

/**
 * int32 index of the first maximum along `axis` (of the flattened tensor when omitted).
 * @example argmax(tensor([[1, 5], [7, 2]]), 1) // → [1, 0]
 */
export function argmax(x: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return argReduce('argmax', 'ArgMax', x, axis, options);
}

/** int32 index of the first minimum along `axis` (of the flattened tensor when omitted). */
export function argmin(x: Tensor, axis?: number, options: ReduceOptions = {}): Tensor {
  return argReduce('argmin', 'ArgMin', x, axis, options);
}
