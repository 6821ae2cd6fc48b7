import { add, div, mul, sqrt, square, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { zerosTree } from '../internal/tree-fill.js';
import { nonNegative, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** Options of {@link scaleByAdadelta}; the defaults are `torch.optim.Adadelta`'s. */
export interface AdadeltaOptions {
  /** ρ, the decay of both running averages. Default 0.9 (PyTorch; Zeiler uses 0.95). */
  readonly rho?: number;
  /** δ, inside both roots. Default 1e-6. */
  readonly eps?: number;
}

/** The state of {@link scaleByAdadelta}: the two running averages, shaped like the parameters. */
export interface ScaleByAdadeltaState {
  readonly kind: 'scaleByAdadelta';
  /** E[g²] (PyTorch `square_avg`). */
  readonly squaredGradientAverage: ParamTree;
  /** E[Δx²] (PyTorch `acc_delta`). */
  readonly squaredUpdateAverage: ParamTree;
}

/**
 * Adadelta's unit-correcting scaling, as `torch.optim.Adadelta` computes it:
 * E[g²] ← ρ·E[g²] + (1 − ρ)·g⊙g;  Δ = √(E[Δx²] + δ) / √(E[g²] + δ) ⊙ g;  E[Δx²] ← ρ·E[Δx²] + (1 − ρ)·Δ⊙Δ;  u = Δ.
 *
 * PyTorch (and we) then multiply by a learning rate, default 1.0; Zeiler's paper has none. Same as optax's
 * `scale_by_adadelta`.
 * @see Zeiler 2012, ADADELTA, https://arxiv.org/abs/1212.5701
 * @example
 * import { chain, scaleByAdadelta, scaleByLearningRate } from '@descent/optim';
 * const adadeltaLike = chain(scaleByAdadelta({ rho: 0.95 }), scaleByLearningRate(1));
 */
export function scaleByAdadelta(adadeltaOptions?: AdadeltaOptions): GradientTransformation<ScaleByAdadeltaState> {
  const fn = 'scaleByAdadelta';
  const given = options(fn, adadeltaOptions);
  const rho = unitInterval(fn, 'rho', given.rho ?? 0.9);
  const eps = nonNegative(fn, 'eps', given.eps ?? 1e-6);
  return {
    init: (params) => ({
      kind: fn,
      squaredGradientAverage: zerosTree(params),
      squaredUpdateAverage: zerosTree(params),
    }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const gradients = matchLeaves(fn, flat, 'updates', state.squaredGradientAverage, 'state.squaredGradientAverage');
      const deltas = matchLeaves(fn, flat, 'updates', state.squaredUpdateAverage, 'state.squaredUpdateAverage');
      return tidy(() => {
        const nextGradients = flat.leaves.map((g, i) => add(mul(gradients[i], rho), mul(square(g), 1 - rho)));
        const out = flat.leaves.map((g, i) => mul(div(sqrt(add(deltas[i], eps)), sqrt(add(nextGradients[i], eps))), g));
        const nextDeltas = out.map((delta, i) => add(mul(deltas[i], rho), mul(square(delta), 1 - rho)));
        const state1: ScaleByAdadeltaState = {
          kind: fn,
          squaredGradientAverage: rebuild(flat, nextGradients),
          squaredUpdateAverage: rebuild(flat, nextDeltas),
        };
        return [rebuild(flat, out), state1] as const;
      });
    },
  };
}
