import { runKernel } from '../backend/engine.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxes, normalizeAxis, type Shape, shapesEqual, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/**
 * Same values in a new shape; one dimension may be -1 and is inferred.
 * @example reshape(arange(6), [2, -1]).shape // → [2, 3]
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  assertTensor('reshape', x);
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: shape must be an array, got ${String(shape)}`);
  let inferred = -1;
  let known = 1;
  // Plain loops: gradient rules reshape on every backward sweep.
  const resolved = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const dim = shape[i];
    if (dim === -1) {
      if (inferred >= 0) throw new ShapeError(`reshape: only one dimension may be -1, got ${formatShape(shape)}`);
      inferred = i;
    } else if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(`reshape: sizes must be non-negative integers or -1, got ${formatShape(shape)}`);
    } else known *= dim;
    resolved[i] = dim;
  }
  if (inferred >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot infer -1 in ${formatShape(shape)} for ${x.size} elements`);
    }
    resolved[inferred] = x.size / known;
  }
  if (sizeOf(resolved) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`,
    );
  }
  if (shapesEqual(resolved, x.shape)) return x;
  return runKernel('Reshape', { x }, { shape: resolved });
}

/** Inserts a size-1 axis at `axis` (negative counts from the end of the result). */
export function expandDims(x: Tensor, axis = 0): Tensor {
  assertTensor('expandDims', x);
  const at = normalizeAxis('expandDims', axis, x.shape.length + 1);
  const shape = [...x.shape];
  shape.splice(at, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 axes: the given ones (which must have size 1) or all of them. */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  assertTensor('squeeze', x);
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((dim) => dim !== 1),
    );
  // normalizeAxes rejects repeated axes and, unlike normalizeAxis, axis 0 of a scalar.
  const axes = normalizeAxes('squeeze', axis, x.shape.length);
  for (const a of axes) {
    if (x.shape[a] !== 1)
      throw new ShapeError(`squeeze: axis ${a} has size ${x.shape[a]}, not 1 (shape ${formatShape(x.shape)})`);
  }
  return reshape(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** All values as a 1-D tensor. */
export function flatten(x: Tensor): Tensor {
  assertTensor('flatten', x);
  if (!Number.isInteger(x.size)) throw new ValueError('flatten: invalid tensor');
  return reshape(x, [x.size]);
}
