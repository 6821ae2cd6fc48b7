import { add, divSqrt, lerp, square, sub, tidy, ValueError } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { fullTree, zerosTree } from '../internal/tree-fill.js';
import { boolean, nonNegative, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** Options of {@link scaleByRms}; the defaults are `torch.optim.RMSprop`'s (ρ = 0.99, δ = 1e-8 outside the root). */
export interface ScaleByRmsOptions {
  /** ρ, the decay of the squared-gradient average (PyTorch `alpha`). Default 0.99 (PyTorch); the book suggests 0.9. */
  readonly decay?: number;
  /** δ. Default 1e-8, added outside the root (PyTorch); see `epsInSqrt`. */
  readonly eps?: number;
  /** Divide by √(r − ḡ² ) instead of √r: the centered RMSProp of Graves 2013 (PyTorch `centered`). Default false. */
  readonly centered?: boolean;
  /** Put δ inside the root, u = g / √(δ + r), as the book's Algorithm 8.5 (and optax) print it. Default false. */
  readonly epsInSqrt?: boolean;
  /** The start of r. Default 0 (PyTorch; optax's `initial_scale`). */
  readonly initialScale?: number;
}

/** The state of {@link scaleByRms}: the moving averages, shaped like the parameters. */
export interface ScaleByRmsState {
  readonly kind: 'scaleByRms';
  /** r: the moving average of squared updates (PyTorch `square_avg`). */
  readonly nu: ParamTree;
  /** ḡ: the moving average of updates when centered (PyTorch `grad_avg`), otherwise null. */
  readonly mu: ParamTree | null;
}

/**
 * RMSProp's scaling by a moving root mean square, as `torch.optim.RMSprop` computes it:
 * r ← ρ·r + (1 − ρ)·g⊙g;  u = g / (√r + δ)  (centered: ḡ ← ρ·ḡ + (1 − ρ)·g, u = g / (√(r − ḡ⊙ḡ) + δ)).
 *
 * With `epsInSqrt` the denominator is √(r + δ), the book's Algorithm 8.5 and optax's default. PyTorch puts δ outside.
 * @see Tieleman & Hinton 2012, Lecture 6.5, https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf
 * @see Graves 2013, eq. 38–40, https://arxiv.org/abs/1308.0850
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.5, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { chain, scaleByRms, scaleByLearningRate } from '@descent/optim';
 * const book85 = chain(scaleByRms({ decay: 0.9, eps: 1e-6, epsInSqrt: true }), scaleByLearningRate(1e-3));
 */
export function scaleByRms(rmsOptions?: ScaleByRmsOptions): GradientTransformation<ScaleByRmsState> {
  const fn = 'scaleByRms';
  const given = options(fn, rmsOptions);
  const decay = unitInterval(fn, 'decay', given.decay ?? 0.99);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-8);
  const centered = boolean(fn, 'centered', given.centered ?? false);
  const epsInSqrt = boolean(fn, 'epsInSqrt', given.epsInSqrt ?? false);
  const initialScale = nonNegative(fn, 'initialScale', given.initialScale ?? 0);
  return {
    init: (params) => ({ kind: fn, nu: fullTree(params, initialScale), mu: centered ? zerosTree(params) : null }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const nu = matchLeaves(fn, flat, 'updates', state.nu, 'state.nu');
      if (centered && state.mu === null) {
        throw new ValueError(`${fn}: centered, but the state has no mu; was it initialized with centered: false?`);
      }
      const mu = centered ? matchLeaves(fn, flat, 'updates', state.mu, 'state.mu') : [];
      return tidy(() => {
        const nextNu = flat.leaves.map((g, i) => lerp(nu[i], square(g), 1 - decay));
        const nextMu = centered ? flat.leaves.map((g, i) => lerp(mu[i], g, 1 - decay)) : [];
        const out = flat.leaves.map((g, i) => {
          const variance = centered ? sub(nextNu[i], square(nextMu[i])) : nextNu[i];
          return epsInSqrt ? divSqrt(g, add(variance, eps)) : divSqrt(g, variance, { eps });
        });
        const mu1 = centered ? rebuild(flat, nextMu) : null;
        return [rebuild(flat, out), { kind: fn, nu: rebuild(flat, nextNu), mu: mu1 }] as const;
      });
    },
  };
}
