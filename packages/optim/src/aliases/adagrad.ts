import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import { learningRate as checkLearningRate, learningRateAt, nonNegative, options } from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { type ScaleByRssOptions, scaleByRss } from '../transforms/scale-by-rss.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/**
 * Options of {@link adagrad}: those of {@link scaleByRss} (r₀ = 0, δ = 1e-10, PyTorch's defaults) plus
 * learning-rate decay and weight decay.
 */
export interface AdagradOptions extends ScaleByRssOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** η in ε_k = ε / (1 + k·η) (PyTorch `lr_decay`). Default 0. */
  readonly learningRateDecay?: number;
  /** Coupled L² decay λ: g ← g + λ·θ. Default 0. */
  readonly weightDecay?: number;
}

/**
 * AdaGrad, exactly as `torch.optim.Adagrad` (defaults included) at the 0-based step k:
 *
 * g ← g + λ·θ;  r ← r + g⊙g;  θ ← θ − ε/(1 + k·η) · g / (√r + δ),  r₀ = `initialAccumulatorValue`, δ = 1e-10.
 *
 * `chain(addDecayedWeights(λ), scaleByRss({ initialAccumulatorValue, eps }), scaleByLearningRate(ε_k))`. The book's
 * Algorithm 8.4 is the same rule with δ = 1e-7; optax's `adagrad` puts eps inside the root and starts r at 0.1.
 * @see Duchi, Hazan & Singer 2011, https://jmlr.org/papers/v12/duchi11a.html
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithm 8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @see PyTorch `torch.optim.Adagrad`, https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html
 * @example
 * import { Optimizer, adagrad } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(adagrad(0.5), { w: tensor([1]) });
 * optimizer.step({ w: tensor([2]) }).w.toArray(); // ≈ [0.5]
 */
export function adagrad(
  learningRate: ScalarOrSchedule = 1e-2,
  adagradOptions?: AdagradOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'adagrad';
  const rate = checkLearningRate(fn, learningRate);
  const { learningRateDecay = 0, weightDecay = 0, maximize, ...rss } = options(fn, adagradOptions);
  nonNegative(fn, 'learningRateDecay', learningRateDecay);
  nonNegative(fn, 'weightDecay', weightDecay);
  nonNegative(fn, 'initialAccumulatorValue', rss.initialAccumulatorValue ?? 0);
  nonNegative(fn, 'eps', rss.eps ?? 1e-10);
  // PyTorch's lr_decay is a schedule in disguise: clr = lr / (1 + (step − 1)·lr_decay) with its 1-based step.
  const decayed =
    learningRateDecay === 0 ? rate : (k: number) => learningRateAt(fn, rate, k) / (1 + k * learningRateDecay);
  return chain(
    ...ascent(fn, maximize),
    ...(weightDecay > 0 ? [addDecayedWeights(weightDecay)] : []),
    scaleByRss(rss),
    scaleByLearningRate(decayed),
  );
}
