import { add, divSqrt, square, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { fullTree } from '../internal/tree-fill.js';
import { nonNegative, options } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** Options of {@link scaleByRss}; the defaults are `torch.optim.Adagrad`'s (r₀ = 0, δ = 1e-10). */
export interface ScaleByRssOptions {
  /** The accumulator's start r₀ (PyTorch `initial_accumulator_value`). Default 0. */
  readonly initialAccumulatorValue?: number;
  /** δ, added to √r (outside the root, as PyTorch and the book do). Default 1e-10 (PyTorch); the book uses 1e-7. */
  readonly eps?: number;
}

/** The state of {@link scaleByRss}: the accumulated squares, shaped like the parameters. */
export interface ScaleByRssState {
  readonly kind: 'scaleByRss';
  /** r: the running sum of squared updates (PyTorch `sum`). */
  readonly sumOfSquares: ParamTree;
}

/**
 * AdaGrad's scaling by the root of the sum of squares (the "rss"): r ← r + g⊙g;  u = g / (√r + δ).
 *
 * Matches `torch.optim.Adagrad` and the book's Algorithm 8.4. optax's `scale_by_rss` differs: it starts r at 0.1 and
 * computes g / √(r + eps) with eps 1e-7 inside the root.
 * @see Duchi, Hazan & Singer 2011, https://jmlr.org/papers/v12/duchi11a.html
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { chain, scaleByRss, scaleByLearningRate } from '@descent/optim';
 * const adagradLike = chain(scaleByRss({ eps: 1e-7 }), scaleByLearningRate(0.01));
 */
export function scaleByRss(rssOptions?: ScaleByRssOptions): GradientTransformation<ScaleByRssState> {
  const fn = 'scaleByRss';
  const given = options(fn, rssOptions);
  const initial = nonNegative(fn, 'initialAccumulatorValue', given.initialAccumulatorValue ?? 0);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-10);
  return {
    init: (params) => ({ kind: fn, sumOfSquares: fullTree(params, initial) }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const sums = matchLeaves(fn, flat, 'updates', state.sumOfSquares, 'state.sumOfSquares');
      return tidy(() => {
        const next = flat.leaves.map((g, i) => add(sums[i], square(g)));
        const out = flat.leaves.map((g, i) => divSqrt(g, next[i], { eps }));
        return [rebuild(flat, out), { kind: fn, sumOfSquares: rebuild(flat, next) }] as const;
      });
    },
  };
}
