import { runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/**
 * The box starting at `begin` with `size` (-1: to the end of that axis). Missing trailing entries take whole axes.
 * @example slice(tensor([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, 2]) // → [[2, 3], [5, 6]]
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  assertTensor('slice', x);
  const rank = x.shape.length;
  if (begin.length > rank || (size !== undefined && size.length > rank)) {
    throw new ShapeError(`slice: begin/size have more entries than the rank ${rank} of ${formatShape(x.shape)}`);
  }
  // Arrays of the right length up front, and the whole-tensor check in the same loop: 2-D problems slice their
  // parameter vector on every evaluation.
  const start = new Array<number>(rank);
  const extent = new Array<number>(rank);
  let whole = true;
  for (let i = 0; i < rank; i++) {
    const b = i < begin.length ? begin[i] : 0;
    const requested = size !== undefined && i < size.length ? size[i] : -1;
    const s = requested === -1 ? x.shape[i] - b : requested;
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > x.shape[i]) {
      throw new ShapeError(
        `slice: begin ${JSON.stringify(begin)} with size ${JSON.stringify(size ?? [])} is out of bounds for ${formatShape(x.shape)} (axis ${i})`,
      );
    }
    start[i] = b;
    extent[i] = s;
    if (s !== x.shape[i]) whole = false;
  }
  if (whole) return x;
  return runKernel('Slice', { x }, { begin: start, size: extent });
}
