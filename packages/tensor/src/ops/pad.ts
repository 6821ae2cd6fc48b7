import { runKernel } from '../backend/engine.js';
import { ShapeError, ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

/** Options of {@link pad}. */
export interface PadOptions {
  /** The fill value; default 0. */
  readonly value?: number;
}

/**
 * Surrounds `x` with a constant: `paddings[i] = [before, after]` for axis i.
 * @example pad(tensor([1, 2]), [[1, 0]]) // → [0, 1, 2]
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], options: PadOptions = {}): Tensor {
  assertTensor('pad', x);
  if (paddings.length !== x.shape.length) {
    throw new ShapeError(`pad: got ${paddings.length} [before, after] pairs for a tensor of rank ${x.shape.length}`);
  }
  for (const pair of paddings) {
    if (pair.length !== 2 || !pair.every((p) => Number.isInteger(p) && p >= 0)) {
      throw new ValueError(
        `pad: each padding must be a [before, after] pair of non-negative integers, got ${JSON.stringify(pair)}`,
      );
    }
  }
  const value = options.value ?? 0;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new ValueError(`pad: value must be a number, got ${value}`);
  return runKernel('Pad', { x }, { paddings: paddings.map(([b, a]) => [b, a] as const), value });
}
