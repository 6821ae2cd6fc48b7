import type { Rng } from '@descent/tensor';
import { ValueError } from '@descent/tensor';
import type { Strategy } from '../types.js';

/** Options of {@link curriculum}: a difficulty per example, and how fast the set of examples in use grows. */
export interface CurriculumOptions {
  /** A difficulty score per training example (higher is harder). */
  readonly difficulty: ArrayLike<number>;
  /**
   * The fraction of examples (easiest first) in use at an epoch; default: linear from 0.25 at epoch 1 to 1 at
   * `fullAt`.
   */
  readonly pacing?: (epoch: number) => number;
  /** Epoch at which the default pacing reaches the whole dataset; default 5. */
  readonly fullAt?: number;
  /**
   * Stochastic curriculum (Zaremba & Sutskever 2014): this fraction of each epoch's examples is drawn uniformly
   * from the whole dataset, so hard examples are seen early too; default 0.
   */
  readonly mixing?: number;
}

/**
 * Curriculum learning (Bengio et al. 2009; Deep Learning 8.7.6): train on the easiest examples first and widen the
 * set by a pacing schedule, optionally mixing in random harder ones.
 * @see https://doi.org/10.1145/1553374.1553380
 * @example curriculum({ difficulty: distancesToBoundary, fullAt: 10, mixing: 0.1 })
 */
export function curriculum(options: CurriculumOptions): Strategy {
  const { difficulty, fullAt = 5, mixing = 0 } = options;
  if (!(mixing >= 0 && mixing <= 1)) throw new ValueError(`curriculum: mixing must be in [0, 1], got ${mixing}`);
  if (!Number.isInteger(fullAt) || fullAt < 1)
    throw new ValueError(`curriculum: fullAt must be a positive integer, got ${fullAt}`);
  const pacing =
    options.pacing ?? ((epoch: number) => Math.min(1, 0.25 + (0.75 * (epoch - 1)) / Math.max(1, fullAt - 1)));
  // Easiest first; ties keep the dataset order so the ranking is deterministic.
  const order = Array.from({ length: difficulty.length }, (_, i) => i).sort(
    (a, b) => difficulty[a] - difficulty[b] || a - b,
  );
  return {
    name: 'curriculum',
    selectExamples(epoch: number, count: number, rng: Rng) {
      if (count !== difficulty.length) {
        throw new ValueError(`curriculum: ${difficulty.length} difficulty scores for ${count} training examples`);
      }
      const fraction = pacing(epoch);
      if (!(fraction > 0 && fraction <= 1))
        throw new ValueError(`curriculum: pacing(${epoch}) = ${fraction}, expected (0, 1]`);
      const size = Math.max(1, Math.round(fraction * count));
      const random = Math.round(mixing * size);
      const chosen = new Set(order.slice(0, size - random));
      while (chosen.size < size) chosen.add(rng.nextInt(0, count));
      return Int32Array.from([...chosen].sort((a, b) => a - b));
    },
  };
}
