import { runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/**
 * Permutes axes: axis i of the result is axis `perm[i]` of `x`. Default: reverse all axes.
 * @example transpose(zeros([2, 3, 4]), [0, 2, 1]).shape // → [2, 4, 3]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor('transpose', x);
  const rank = x.shape.length;
  const order = perm ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const resolved = order.map((axis) => (Number.isInteger(axis) && axis < 0 ? axis + rank : axis));
  const valid =
    resolved.length === rank &&
    resolved.every((axis) => Number.isInteger(axis) && axis >= 0 && axis < rank) &&
    new Set(resolved).size === rank;
  if (!valid) {
    throw new ShapeError(
      `transpose: perm ${JSON.stringify(order)} is not a permutation of the ${rank} axes of [${x.shape}]`,
    );
  }
  if (resolved.every((axis, i) => axis === i)) return x;
  return runKernel('Transpose', { x }, { perm: resolved });
}
