import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, nonNegative, options, unitInterval } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { type AdadeltaOptions, scaleByAdadelta } from '../transforms/scale-by-adadelta.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link adadelta}: those of {@link scaleByAdadelta} (ρ = 0.9, δ = 1e-6, PyTorch's defaults) plus weight decay.
 */
export interface AdadeltaAliasOptions extends AdadeltaOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** Coupled L² decay λ. Default 0. */
  readonly weightDecay?: number;
}

/**
 * Adadelta (Zeiler 2012), as `torch.optim.Adadelta` (defaults included: ε = 1.0, ρ = 0.9, δ = 1e-6):
 *
 * g ← g + λ·θ;  E[g²] ← ρE[g²] + (1 − ρ)g²;  Δ = √(E[Δx²] + δ)/√(E[g²] + δ)·g;  E[Δx²] ← ρE[Δx²] + (1 − ρ)Δ²;  θ ← θ − ε·Δ.
 *
 * `chain(addDecayedWeights(λ), scaleByAdadelta({ rho, eps }), scaleByLearningRate(ε))`. Beyond the book; Zeiler's
 * paper has no ε (ε = 1).
 * @see Zeiler 2012, https://arxiv.org/abs/1212.5701
 * @see PyTorch `torch.optim.Adadelta`, https://pytorch.org/docs/stable/generated/torch.optim.Adadelta.html
 * @example
 * import { Optimizer, adadelta } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(adadelta(), { w: tensor([1]) });
 * optimizer.step({ w: tensor([1]) });
 */
export function adadelta(
  learningRate: ScalarOrSchedule = 1,
  adadeltaOptions?: AdadeltaAliasOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'adadelta';
  const rate = checkLearningRate(fn, learningRate);
  const { weightDecay = 0, maximize, ...rest } = options(fn, adadeltaOptions);
  nonNegative(fn, 'weightDecay', weightDecay);
  if (rest.rho !== undefined) unitInterval(fn, 'rho', rest.rho);
  if (rest.eps !== undefined) nonNegative(fn, 'eps', rest.eps);
  const decay = weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [];
  return chain(...ascent(fn, maximize), ...decay, scaleByAdadelta(rest), scaleByLearningRate(rate));
}
