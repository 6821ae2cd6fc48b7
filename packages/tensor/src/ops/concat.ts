import { opScope, runKernel } from '../backend/engine.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { expandDims } from './reshape.js';
import { assertTensor } from './validate.js';

/**
 * Joins tensors along an existing axis; all other sizes must match.
 * @example concat([tensor([1]), tensor([2, 3])]) // → [1, 2, 3]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('concat: expected a non-empty array of tensors');
  for (const [i, t] of tensors.entries()) assertTensor('concat', t, `tensors[${i}]`);
  const [first] = tensors;
  if (first.shape.length === 0) throw new ShapeError('concat: cannot concatenate scalars (use stack)');
  const at = normalizeAxis('concat', axis, first.shape.length);
  for (const [i, t] of tensors.entries()) {
    if (t.dtype !== first.dtype)
      throw new DTypeError(`concat: tensors[${i}] is ${t.dtype}, tensors[0] is ${first.dtype}`);
    const fits =
      t.shape.length === first.shape.length &&
      t.shape.every((dim: number, d: number) => d === at || dim === first.shape[d]);
    if (!fits) {
      throw new ShapeError(
        `concat: tensors[${i}] has shape ${formatShape(t.shape)}, incompatible with ${formatShape(first.shape)} along axis ${at}`,
      );
    }
  }
  if (tensors.length === 1) return first;
  return runKernel('Concat', { tensors }, { axis: at });
}

/**
 * Joins tensors of one shape along a new axis.
 * @example stack([tensor([1, 2]), tensor([3, 4])]) // → [[1, 2], [3, 4]]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('stack: expected a non-empty array of tensors');
  for (const [i, t] of tensors.entries()) assertTensor('stack', t, `tensors[${i}]`);
  const shape = tensors[0].shape;
  for (const [i, t] of tensors.entries()) {
    if (formatShape(t.shape) !== formatShape(shape)) {
      throw new ShapeError(
        `stack: tensors[${i}] has shape ${formatShape(t.shape)}, tensors[0] has ${formatShape(shape)}`,
      );
    }
  }
  const at = normalizeAxis('stack', axis, shape.length + 1);
  return opScope(() =>
    concat(
      tensors.map((t) => expandDims(t, at)),
      at,
    ),
  );
}
