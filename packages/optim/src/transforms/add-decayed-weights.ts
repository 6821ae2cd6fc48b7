import { add, mul, tidy } from '@descent/tensor';
import type { Mask } from '../combine/masked.js';
import { isBoolean, resolveLabels } from '../internal/labels.js';
import { assertState } from '../internal/state.js';
import { flattenUpdates, rebuild, requireParams } from '../internal/tree.js';
import { nonNegative, options } from '../internal/validate.js';
import type { GradientTransformation } from '../types.js';

/** Options of {@link addDecayedWeights}. */
export interface AddDecayedWeightsOptions {
  /**
   * Which parameters decay: a tree of booleans shaped like the parameters (or a prefix of it), or a function of the
   * parameter's path and value, e.g. `(path, p) => p.rank > 1` to spare biases and norm scales. Default: all.
   */
  readonly mask?: Mask;
}

/** The state of {@link addDecayedWeights}: a tag only, weight decay keeps no memory. */
export interface AddDecayedWeightsState {
  readonly kind: 'addDecayedWeights';
}

/**
 * Adds weight decay λ·θ to the updates: u ← u + λ·θ (L² regularization, the book's section 7.1.1).
 *
 * Before an adaptive scaling this is PyTorch's coupled `weight_decay` (the gradient of λ/2·‖θ‖²); after it and before
 * the learning rate, it is AdamW's decoupled decay, −ε·λ·θ per step. Needs `params` in `update`.
 * @see Loshchilov & Hutter 2019, Decoupled Weight Decay Regularization, https://arxiv.org/abs/1711.05101
 * @example
 * import { addDecayedWeights, chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const adamw = chain(scaleByAdam(), addDecayedWeights(1e-2, { mask: (path, p) => p.rank > 1 }), scaleByLearningRate(1e-3));
 */
export function addDecayedWeights(
  weightDecay: number,
  decayOptions?: AddDecayedWeightsOptions,
): GradientTransformation<AddDecayedWeightsState> {
  const fn = 'addDecayedWeights';
  const lambda = nonNegative(fn, 'weightDecay', weightDecay);
  const mask = options(fn, decayOptions).mask;
  return {
    init: () => ({ kind: fn }),
    update(updates, state, params) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const thetas = requireParams(fn, flat, params);
      const selected =
        mask === undefined
          ? undefined
          : resolveLabels(fn, 'mask', mask, flat.structure, thetas, isBoolean, 'true or false');
      const out = tidy(() =>
        flat.leaves.map((u, i) => (selected === undefined || selected[i] ? add(u, mul(thetas[i], lambda)) : u)),
      );
      return [rebuild(flat, out), state];
    },
  };
}
