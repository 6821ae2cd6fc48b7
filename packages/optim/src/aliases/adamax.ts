import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, moments, nonNegative, options } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { type AdamaxOptions, scaleByAdamax } from '../transforms/scale-by-adamax.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link adamax}: those of {@link scaleByAdamax} (β = (0.9, 0.999), δ = 1e-8, PyTorch's defaults) plus
 * weight decay.
 */
export interface AdamaxAliasOptions extends AdamaxOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** Coupled L² decay λ. Default 0. */
  readonly weightDecay?: number;
}

/**
 * Adamax (Kingma & Ba 2014, section 7.1), as `torch.optim.Adamax` (defaults included: ε = 2e-3) at step t:
 *
 * g ← g + λ·θ;  m ← β₁m + (1 − β₁)g;  n ← max(β₂·n, |g| + δ);  θ ← θ − ε/(1 − β₁ᵗ) · m / n.
 *
 * `chain(addDecayedWeights(λ), scaleByAdamax(…), scaleByLearningRate(ε))`. Beyond the book. optax adds δ outside
 * the maximum (m̂ / (n + δ)).
 * @see Kingma & Ba 2014, https://arxiv.org/abs/1412.6980
 * @see PyTorch `torch.optim.Adamax`, https://pytorch.org/docs/stable/generated/torch.optim.Adamax.html
 * @example
 * import { Optimizer, adamax } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(adamax(0.1), { w: tensor([1]) });
 * optimizer.step({ w: tensor([4]) }).w.toArray(); // ≈ [0.9]
 */
export function adamax(
  learningRate: ScalarOrSchedule = 2e-3,
  adamaxOptions?: AdamaxAliasOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'adamax';
  const rate = checkLearningRate(fn, learningRate);
  const { weightDecay = 0, maximize, ...rest } = options(fn, adamaxOptions);
  nonNegative(fn, 'weightDecay', weightDecay);
  const decay = weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [];
  return chain(...ascent(fn, maximize), ...decay, scaleByAdamax(moments(fn, rest)), scaleByLearningRate(rate));
}
