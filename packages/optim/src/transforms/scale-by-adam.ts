import { divSqrt, lerp, maximum, square, tidy, ValueError } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { zerosTree } from '../internal/tree-fill.js';
import { boolean, nonNegative, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/**
 * Options of {@link scaleByAdam} and {@link adamw}; the defaults are `torch.optim.Adam`'s (β = (0.9, 0.999), δ = 1e-8).
 */
export interface AdamOptions {
  /** β₁, the decay of the first moment. Default 0.9. */
  readonly b1?: number;
  /** β₂, the decay of the second moment. Default 0.999. */
  readonly b2?: number;
  /** δ, added to √v̂ outside the root (PyTorch, optax and the book agree). Default 1e-8. */
  readonly eps?: number;
  /** AMSGrad: normalize by the running maximum of v (Reddi, Kale & Kumar 2018), as PyTorch does. Default false. */
  readonly amsgrad?: boolean;
}

/** The state of {@link scaleByAdam}: the step count and the moment estimates, shaped like the parameters. */
export interface ScaleByAdamState {
  readonly kind: 'scaleByAdam';
  /** Steps taken: t − 1 for the bias corrections of step t. */
  readonly count: number;
  /** m: the first moment estimate (PyTorch `exp_avg`). */
  readonly mu: ParamTree;
  /** v: the second moment estimate (PyTorch `exp_avg_sq`). */
  readonly nu: ParamTree;
  /** max v so far, with `amsgrad` (PyTorch `max_exp_avg_sq`); otherwise null. */
  readonly nuMax: ParamTree | null;
}

/**
 * Rescales updates by bias-corrected moment estimates, as `torch.optim.Adam` computes them (Kingma & Ba 2014,
 * Algorithm 1; the book's Algorithm 8.7), at step t = 1, 2, …:
 *
 * m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g⊙g;  u = (m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + δ).
 *
 * With `amsgrad`, v̄ ← max(v̄, v) replaces v in the denominator. That is PyTorch's form: the maximum of the *raw* v,
 * bias-corrected afterwards by √(1 − β₂ᵗ). optax (`scale_by_amsgrad`) takes the maximum of the bias-corrected v̂
 * instead, and Reddi et al. use no bias correction at all. Applies no learning rate: see {@link adam}.
 * @see Kingma & Ba 2014, https://arxiv.org/abs/1412.6980
 * @see Reddi, Kale & Kumar 2018, https://openreview.net/forum?id=ryQu7f-RZ
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.7, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const amsgrad = chain(scaleByAdam({ amsgrad: true }), scaleByLearningRate(1e-3));
 */
export function scaleByAdam(adamOptions?: AdamOptions): GradientTransformation<ScaleByAdamState> {
  const fn = 'scaleByAdam';
  const given = options(fn, adamOptions);
  const b1 = unitInterval(fn, 'b1', given.b1 ?? 0.9);
  const b2 = unitInterval(fn, 'b2', given.b2 ?? 0.999);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-8);
  const amsgrad = boolean(fn, 'amsgrad', given.amsgrad ?? false);
  return {
    init: (params) => ({
      kind: fn,
      count: 0,
      mu: zerosTree(params),
      nu: zerosTree(params),
      nuMax: amsgrad ? zerosTree(params) : null,
    }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const mu = matchLeaves(fn, flat, 'updates', state.mu, 'state.mu');
      const nu = matchLeaves(fn, flat, 'updates', state.nu, 'state.nu');
      if (amsgrad && state.nuMax === null) {
        throw new ValueError(`${fn}: amsgrad, but the state has no nuMax; was it initialized with amsgrad: false?`);
      }
      const nuMax = amsgrad ? matchLeaves(fn, flat, 'updates', state.nuMax, 'state.nuMax') : [];
      const step = state.count + 1;
      // Bias corrections undo the zero start of m and v (Kingma & Ba, section 3). PyTorch divides √v by √(1 − β₂ᵗ)
      // before adding δ, so δ is not rescaled; we keep its order of operations.
      const correction1 = 1 - b1 ** step;
      const correction2Root = Math.sqrt(1 - b2 ** step);
      return tidy(() => {
        // Fused kernels: β·m + (1 − β)·g is one `lerp` pass, and m̂ / (√v̂ + δ) one `divSqrt` pass with the bias
        // corrections as scale factors: 5 passes over memory per parameter instead of 12.
        const nextMu = flat.leaves.map((g, i) => lerp(mu[i], g, 1 - b1));
        const nextNu = flat.leaves.map((g, i) => lerp(nu[i], square(g), 1 - b2));
        const nextMax = amsgrad ? nextNu.map((v, i) => maximum(nuMax[i], v)) : [];
        const out = nextMu.map((m, i) =>
          divSqrt(m, amsgrad ? nextMax[i] : nextNu[i], { scale: 1 / correction1, rootScale: 1 / correction2Root, eps }),
        );
        const state1: ScaleByAdamState = {
          kind: fn,
          count: step,
          mu: rebuild(flat, nextMu),
          nu: rebuild(flat, nextNu),
          nuMax: amsgrad ? rebuild(flat, nextMax) : null,
        };
        return [rebuild(flat, out), state1] as const;
      });
    },
  };
}
