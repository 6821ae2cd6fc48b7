import { abs, add, div, maximum, mul, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { zerosTree } from '../internal/tree-fill.js';
import { nonNegative, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** Options of {@link scaleByAdamax}; the defaults are `torch.optim.Adamax`'s (β = (0.9, 0.999), δ = 1e-8). */
export interface AdamaxOptions {
  /** β₁. Default 0.9. */
  readonly b1?: number;
  /** β₂, the decay of the infinity norm. Default 0.999. */
  readonly b2?: number;
  /** δ, added to |g| inside the maximum (PyTorch). Default 1e-8. */
  readonly eps?: number;
}

/** The state of {@link scaleByAdamax}: the step count, the first moment and the weighted infinity norm. */
export interface ScaleByAdamaxState {
  readonly kind: 'scaleByAdamax';
  /** Steps taken: t − 1 for the bias correction of step t. */
  readonly count: number;
  /** m (PyTorch `exp_avg`). */
  readonly mu: ParamTree;
  /** u∞: the exponentially weighted infinity norm (PyTorch `exp_inf`). */
  readonly infinityNorm: ParamTree;
}

/**
 * Adamax, Adam with the infinity norm, as `torch.optim.Adamax` computes it at step t:
 * m ← β₁·m + (1 − β₁)·g;  n ← max(β₂·n, |g| + δ);  u = m / ((1 − β₁ᵗ)·n)  (computed as (m / n) / (1 − β₁ᵗ)).
 *
 * optax's `scale_by_adamax` adds δ outside the maximum instead: n ← max(β₂·n, |g|), u = m̂ / (n + δ).
 * @see Kingma & Ba 2014, section 7.1, https://arxiv.org/abs/1412.6980
 * @example
 * import { chain, scaleByAdamax, scaleByLearningRate } from '@descent/optim';
 * const adamaxLike = chain(scaleByAdamax(), scaleByLearningRate(2e-3));
 */
export function scaleByAdamax(adamaxOptions?: AdamaxOptions): GradientTransformation<ScaleByAdamaxState> {
  const fn = 'scaleByAdamax';
  const given = options(fn, adamaxOptions);
  const b1 = unitInterval(fn, 'b1', given.b1 ?? 0.9);
  const b2 = unitInterval(fn, 'b2', given.b2 ?? 0.999);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-8);
  return {
    init: (params) => ({ kind: fn, count: 0, mu: zerosTree(params), infinityNorm: zerosTree(params) }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const mu = matchLeaves(fn, flat, 'updates', state.mu, 'state.mu');
      const norms = matchLeaves(fn, flat, 'updates', state.infinityNorm, 'state.infinityNorm');
      const step = state.count + 1;
      const correction1 = 1 - b1 ** step;
      return tidy(() => {
        const nextMu = flat.leaves.map((g, i) => add(mul(mu[i], b1), mul(g, 1 - b1)));
        const nextNorm = flat.leaves.map((g, i) => maximum(mul(norms[i], b2), add(abs(g), eps)));
        const out = nextMu.map((m, i) => div(div(m, nextNorm[i]), correction1));
        const state1: ScaleByAdamaxState = {
          kind: fn,
          count: step,
          mu: rebuild(flat, nextMu),
          infinityNorm: rebuild(flat, nextNorm),
        };
        return [rebuild(flat, out), state1] as const;
      });
    },
  };
}
