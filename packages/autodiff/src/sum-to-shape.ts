import { reshape, type Shape, shapesEqual, sum, type Tensor } from '@descent/tensor';

/**
 * Undoes broadcasting: sums `dy` over the axes along which an input of `shape` was broadcast.
 * @example sumToShape(ones([4, 3]), [3]) // → [4, 4, 4]
 */
export function sumToShape(dy: Tensor, shape: Shape): Tensor {
  if (shapesEqual(dy.shape, shape)) return dy;
  const lead = dy.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? sum(dy, axes, { keepDims: true }) : dy;
  return reshape(summed, shape);
}
