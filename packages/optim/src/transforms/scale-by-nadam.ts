import { add, div, mul, sqrt, square, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { zerosTree } from '../internal/tree-fill.js';
import { nonNegative, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** Options of {@link scaleByNadam}; the defaults are `torch.optim.NAdam`'s (β = (0.9, 0.999), δ = 1e-8, ψ = 4e-3). */
export interface NadamOptions {
  /** β₁. Default 0.9. */
  readonly b1?: number;
  /** β₂. Default 0.999. */
  readonly b2?: number;
  /** δ, outside the root. Default 1e-8. */
  readonly eps?: number;
  /** ψ in Dozat's momentum schedule μ_t = β₁(1 − ½·0.96^{tψ}). Default 4e-3 (PyTorch `momentum_decay`). */
  readonly momentumDecay?: number;
}

/** The state of {@link scaleByNadam}: the step count, the product of the momentum schedule and the two moments. */
export interface ScaleByNadamState {
  readonly kind: 'scaleByNadam';
  /** Steps taken: t − 1 for step t. */
  readonly count: number;
  /** Π_{i ≤ t} μ_i (PyTorch `mu_product`), a float64 number. */
  readonly muProduct: number;
  /** m: the first moment estimate (PyTorch `exp_avg`). */
  readonly mu: ParamTree;
  /** v: the second moment estimate (PyTorch `exp_avg_sq`). */
  readonly nu: ParamTree;
}

/**
 * Nesterov-accelerated Adam with Dozat's momentum schedule, as `torch.optim.NAdam` (torch ≥ 2.0) computes it, at
 * step t: μ_t = β₁(1 − ½·0.96^{tψ}),  Π_t = Π_{t−1}·μ_t,
 * m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g⊙g;  v̂ = v / (1 − β₂ᵗ);
 * u = (1 − μ_t)/(1 − Π_t) · g/(√v̂ + δ) + μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/(√v̂ + δ).
 *
 * Differs from optax's `nadam` (`scale_by_adam(nesterov=True)`), which has no momentum schedule, and from torch < 2.0,
 * whose single-tensor path multiplied μ_t into Π twice (pytorch/pytorch#92699). PyTorch keeps Π in a tensor of the
 * default dtype (float32 unless changed); we keep it as a float64 number.
 * @see Dozat 2016, Incorporating Nesterov Momentum into Adam, https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ
 * @example
 * import { chain, scaleByNadam, scaleByLearningRate } from '@descent/optim';
 * const nadamLike = chain(scaleByNadam(), scaleByLearningRate(2e-3));
 */
export function scaleByNadam(nadamOptions?: NadamOptions): GradientTransformation<ScaleByNadamState> {
  const fn = 'scaleByNadam';
  const given = options(fn, nadamOptions);
  const b1 = unitInterval(fn, 'b1', given.b1 ?? 0.9);
  const b2 = unitInterval(fn, 'b2', given.b2 ?? 0.999);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-8);
  const momentumDecay = nonNegative(fn, 'momentumDecay', given.momentumDecay ?? 4e-3);
  const momentumAt = (step: number) => b1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
  return {
    init: (params) => ({ kind: fn, count: 0, muProduct: 1, mu: zerosTree(params), nu: zerosTree(params) }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const mu = matchLeaves(fn, flat, 'updates', state.mu, 'state.mu');
      const nu = matchLeaves(fn, flat, 'updates', state.nu, 'state.nu');
      const step = state.count + 1;
      const correction2 = 1 - b2 ** step;
      const momentum = momentumAt(step);
      const momentumNext = momentumAt(step + 1);
      const muProduct = state.muProduct * momentum;
      const gradientWeight = (1 - momentum) / (1 - muProduct);
      const momentWeight = momentumNext / (1 - muProduct * momentumNext);
      return tidy(() => {
        const nextMu = flat.leaves.map((g, i) => add(mul(mu[i], b1), mul(g, 1 - b1)));
        const nextNu = flat.leaves.map((g, i) => add(mul(nu[i], b2), mul(square(g), 1 - b2)));
        const out = flat.leaves.map((g, i) => {
          const denominator = add(sqrt(div(nextNu[i], correction2)), eps);
          return add(mul(div(g, denominator), gradientWeight), mul(div(nextMu[i], denominator), momentWeight));
        });
        const state1: ScaleByNadamState = {
          kind: fn,
          count: step,
          muProduct,
          mu: rebuild(flat, nextMu),
          nu: rebuild(flat, nextNu),
        };
        return [rebuild(flat, out), state1] as const;
      });
    },
  };
}
