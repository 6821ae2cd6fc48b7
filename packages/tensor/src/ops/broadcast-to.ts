import { runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import { assertShape, broadcastShapes, formatShape, type Shape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/**
 * Repeats `x` along size-1 or missing leading axes to `shape`.
 * @example broadcastTo(tensor([1, 2]), [2, 2]) // → [[1, 2], [1, 2]]
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  assertTensor('broadcastTo', x);
  const target = assertShape('broadcastTo', shape);
  if (!shapesEqual(broadcastShapes('broadcastTo', x.shape, target), target)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(target)}`);
  }
  if (shapesEqual(x.shape, target)) return x;
  return runKernel('BroadcastTo', { x }, { shape: [...target] });
}
