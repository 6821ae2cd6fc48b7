import { mul, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, rebuild } from '../internal/tree.js';
import { boolean, learningRate as checkLearningRate, learningRateAt, options } from '../internal/validate.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/** Options of {@link scaleByLearningRate}. */
export interface ScaleByLearningRateOptions {
  /** Multiply by −learningRate, so that adding the updates descends. Default true. */
  readonly flipSign?: boolean;
}

/** The state of {@link scaleByLearningRate}: the step count that a {@link Schedule} is evaluated at. */
export interface ScaleByLearningRateState {
  readonly kind: 'scaleByLearningRate';
  /** Updates applied so far: the schedule's step. */
  readonly count: number;
}

/**
 * Scales updates by −ε_k, a constant or a {@link Schedule} evaluated at the 0-based step k:
 * u ← −ε_k · u. The last link of most aliases (optax `scale_by_learning_rate`).
 *
 * A schedule's value is checked at each step: NaN, ±∞ or a negative rate throws a `ValueError`.
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.1 and eq. 8.14, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { scaleByLearningRate, cosineDecay } from '@descent/optim';
 * const step = scaleByLearningRate(cosineDecay({ initValue: 0.1, decaySteps: 1000 }));
 */
export function scaleByLearningRate(
  learningRate: ScalarOrSchedule,
  scaleOptions?: ScaleByLearningRateOptions,
): GradientTransformation<ScaleByLearningRateState> {
  const fn = 'scaleByLearningRate';
  const rate = checkLearningRate(fn, learningRate);
  const flipSign = boolean(fn, 'flipSign', options(fn, scaleOptions).flipSign ?? true);
  return {
    init: () => ({ kind: fn, count: 0 }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const epsilon = learningRateAt(fn, rate, state.count);
      const factor = flipSign ? -epsilon : epsilon;
      const scaled = tidy(() =>
        rebuild(
          flat,
          flat.leaves.map((u) => mul(u, factor)),
        ),
      );
      return [scaled, { kind: fn, count: state.count + 1 }];
    },
  };
}
