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
  if (!Array.isArray(paddings) || paddings.length !== x.shape.length) {
    throw new ShapeError(
      `pad: got ${Array.isArray(paddings) ? paddings.length : String(paddings)} [before, after] pairs for a tensor of rank ${x.shape.length}`,
    );
  }
  // Plain loops and a copy of the pairs: gradients of slices pad on every backward sweep of small problems.
  const copied = new Array<readonly [number, number]>(paddings.length);
  for (let i = 0; i < paddings.length; i++) {
    const pair = paddings[i];
    if (!Array.isArray(pair) || pair.length !== 2 || !isCount(pair[0]) || !isCount(pair[1])) {
      throw new ValueError(
        `pad: each padding must be a [before, after] pair of non-negative integers, got ${JSON.stringify(pair)}`,
      );
    }
    copied[i] = [pair[0], pair[1]];
  }
  const value = options.value ?? 0;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new ValueError(`pad: value must be a number, got ${value}`);
  return runKernel('Pad', { x }, { paddings: copied, value });
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}
