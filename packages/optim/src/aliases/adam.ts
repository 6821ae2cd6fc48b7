import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, moments, nonNegative, options } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { type AdamOptions, scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link adam}: those of {@link scaleByAdam} (β = (0.9, 0.999), δ = 1e-8, no AMSGrad; PyTorch's
 * defaults) plus coupled weight decay.
 */
export interface AdamAliasOptions extends AdamOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** Coupled L² decay λ, added to the gradient before the moments (PyTorch `Adam(weight_decay)`). Default 0. */
  readonly weightDecay?: number;
}

/**
 * Adam, exactly as `torch.optim.Adam` (defaults included: ε = 1e-3, β = (0.9, 0.999), δ = 1e-8 outside the root) at
 * step t = 1, 2, …:
 *
 * g ← g + λ·θ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g⊙g;  θ ← θ − ε_t/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + δ).
 *
 * `chain(addDecayedWeights(λ), scaleByAdam({ b1, b2, eps, amsgrad }), scaleByLearningRate(ε))`. The book's
 * Algorithm 8.7 and optax's `adam` are the same rule. TensorFlow/Keras folds the bias corrections into the step size
 * and adds its ε to the uncorrected √v (Kingma & Ba's "ε̂"), so the same ε means less there. `weightDecay` here is
 * coupled L²; for decoupled decay use {@link adamw}. AMSGrad follows PyTorch (the maximum of the raw v), not optax
 * (the maximum of v̂).
 * @see Kingma & Ba 2014, https://arxiv.org/abs/1412.6980
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.7, https://www.deeplearningbook.org/contents/optimization.html
 * @see PyTorch `torch.optim.Adam`, https://pytorch.org/docs/stable/generated/torch.optim.Adam.html
 * @example
 * import { Optimizer, adam } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(adam(0.1), { w: tensor([1, 2]) });
 * optimizer.step({ w: tensor([3, -4]) }).w.toArray(); // ≈ [0.9, 2.1]: the first step is ε·sign(g)
 */
export function adam(
  learningRate: ScalarOrSchedule = 1e-3,
  adamOptions?: AdamAliasOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'adam';
  const rate = checkLearningRate(fn, learningRate);
  const { weightDecay = 0, maximize, ...adamMoments } = options(fn, adamOptions);
  nonNegative(fn, 'weightDecay', weightDecay);
  const decay = weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [];
  return chain(...ascent(fn, maximize), ...decay, scaleByAdam(moments(fn, adamMoments)), scaleByLearningRate(rate));
}
