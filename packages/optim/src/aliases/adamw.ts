import { chain } from '../combine/chain.js';
import type { Mask } from '../combine/masked.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, moments, nonNegative, options } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { type AdamOptions, scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link adamw}: those of {@link scaleByAdam} (β = (0.9, 0.999), δ = 1e-8, PyTorch's defaults) plus
 * the decoupled weight decay (default 1e-2, as PyTorch) and its mask.
 */
export interface AdamwOptions extends AdamOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** Decoupled decay λ: θ ← θ − ε·λ·θ each step. Default 1e-2 (PyTorch; optax uses 1e-4). */
  readonly weightDecay?: number;
  /** Which parameters decay (a boolean tree or a function of path and value), e.g. not biases. Default all. */
  readonly mask?: Mask;
}

/**
 * AdamW, Adam with decoupled weight decay, as `torch.optim.AdamW` (defaults included: λ = 1e-2) at step t:
 *
 * θ ← θ − ε_t·λ·θ − ε_t/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + δ), with m and v from the raw gradient.
 *
 * `chain(scaleByAdam(…), addDecayedWeights(λ, { mask }), scaleByLearningRate(ε))` (optax's form). PyTorch first
 * multiplies θ by (1 − ε·λ), then adds the Adam step: the same update, rounded differently. Loshchilov & Hutter
 * scale the decay by a schedule multiplier η_t but not by ε; PyTorch and optax (and we) multiply by ε.
 * @see Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101
 * @see PyTorch `torch.optim.AdamW`, https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html
 * @example
 * import { Optimizer, adamw } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(adamw(1e-3, { weightDecay: 0.01, mask: (path, p) => p.rank > 1 }), {
 *   w: tensor([[1, 2]]),
 *   b: tensor([0]),
 * });
 * optimizer.step({ w: tensor([[0.1, 0.1]]), b: tensor([0.1]) });
 */
export function adamw(
  learningRate: ScalarOrSchedule = 1e-3,
  adamwOptions?: AdamwOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'adamw';
  const rate = checkLearningRate(fn, learningRate);
  const { weightDecay = 1e-2, mask, maximize, ...adamMoments } = options(fn, adamwOptions);
  nonNegative(fn, 'weightDecay', weightDecay);
  const decayOptions = mask === undefined ? {} : { mask };
  return chain(
    ...ascent(fn, maximize),
    scaleByAdam(moments(fn, adamMoments)),
    addDecayedWeights(weightDecay, decayOptions),
    scaleByLearningRate(rate),
  );
}
