import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, moments, nonNegative, options } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { type NadamOptions, scaleByNadam } from '../transforms/scale-by-nadam.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link nadam}: those of {@link scaleByNadam} (β = (0.9, 0.999), δ = 1e-8, ψ = 4e-3, PyTorch's
 * defaults) plus weight decay.
 */
export interface NadamAliasOptions extends NadamOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** Coupled L² decay λ. Default 0. */
  readonly weightDecay?: number;
}

/**
 * NAdam (Dozat 2016), as `torch.optim.NAdam` (torch ≥ 2.0; defaults included: ε = 2e-3, ψ = 4e-3) at step t:
 *
 * μ_t = β₁(1 − ½·0.96^{tψ});  θ ← θ − ε·[(1 − μ_t)/(1 − Πμ_{≤t}) · g + μ_{t+1}/(1 − Πμ_{≤t+1}) · m] / (√v̂ + δ).
 *
 * `chain(addDecayedWeights(λ), scaleByNadam(…), scaleByLearningRate(ε))`. Beyond the book. optax's `nadam` has no
 * momentum schedule (μ_t = β₁); torch < 2.0 multiplied μ_t in twice (pytorch/pytorch#92699).
 * @see Dozat 2016, https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ
 * @see PyTorch `torch.optim.NAdam`, https://pytorch.org/docs/stable/generated/torch.optim.NAdam.html
 * @example
 * import { Optimizer, nadam } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(nadam(2e-3), { w: tensor([1, 2]) });
 * optimizer.step({ w: tensor([0.5, -0.5]) });
 */
export function nadam(
  learningRate: ScalarOrSchedule = 2e-3,
  nadamOptions?: NadamAliasOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'nadam';
  const rate = checkLearningRate(fn, learningRate);
  const { weightDecay = 0, maximize, ...rest } = options(fn, nadamOptions);
  nonNegative(fn, 'weightDecay', weightDecay);
  if (rest.momentumDecay !== undefined) nonNegative(fn, 'momentumDecay', rest.momentumDecay);
  const decay = weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [];
  return chain(...ascent(fn, maximize), ...decay, scaleByNadam(moments(fn, rest)), scaleByLearningRate(rate));
}
