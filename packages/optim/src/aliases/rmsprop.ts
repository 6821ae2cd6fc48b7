import { ValueError } from '@descent/tensor';
import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import {
  boolean,
  learningRate as checkLearningRate,
  nonNegative,
  options,
  unitInterval,
} from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { type ScaleByRmsOptions, scaleByRms } from '../transforms/scale-by-rms.js';
import { trace } from '../transforms/trace.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';
import type { MomentumForm } from './sgd.js';

/**
 * Options of {@link rmsprop}: those of {@link scaleByRms} (ρ = 0.99, δ = 1e-8 outside the root, not centered;
 * PyTorch's defaults) plus momentum and weight decay.
 */
export interface RmspropOptions extends ScaleByRmsOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** α, momentum on the scaled step (PyTorch `momentum`). Default 0. */
  readonly momentum?: number;
  /** Nesterov momentum: with `momentum`, the book's Algorithm 8.6 (PyTorch has no such option). Default false. */
  readonly nesterov?: boolean;
  /** Coupled L² decay λ: g ← g + λ·θ. Default 0. */
  readonly weightDecay?: number;
  /** `'pytorch'` (default) keeps ε outside the momentum buffer; `'book'` puts it inside (v ← αv − ε·g/√r). */
  readonly form?: MomentumForm;
}

/**
 * RMSProp, exactly as `torch.optim.RMSprop` (defaults included: ρ = 0.99, δ = 1e-8 outside the root):
 *
 * g ← g + λ·θ;  r ← ρ·r + (1 − ρ)·g⊙g;  s = g / (√r + δ)  (centered: √(r − ḡ⊙ḡ));
 * without momentum θ ← θ − ε·s; with it b ← α·b + s, θ ← θ − ε·b (Nesterov: θ ← θ − ε·(s + α·b)).
 *
 * `chain(addDecayedWeights(λ), scaleByRms(…), trace({ decay: α, nesterov }), scaleByLearningRate(ε))`.
 * The book's Algorithm 8.5 is `{ decay: 0.9, eps: 1e-6, epsInSqrt: true }` (δ inside the root), and Algorithm 8.6 is
 * `{ momentum, nesterov: true, epsInSqrt: true, eps: 0, form: 'book' }`, whose parameters are the look-ahead point
 * θ + αv where 8.6 evaluates the gradient. optax's `rmsprop` puts eps inside the root by default (`eps_in_sqrt`).
 * @see Tieleman & Hinton 2012, https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithms 8.5 and 8.6, https://www.deeplearningbook.org/contents/optimization.html
 * @see PyTorch `torch.optim.RMSprop`, https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html
 * @example
 * import { Optimizer, rmsprop } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(rmsprop(0.01, { centered: true, momentum: 0.9 }), { w: tensor([1, 2]) });
 * optimizer.step({ w: tensor([0.1, -0.2]) });
 */
export function rmsprop(
  learningRate: ScalarOrSchedule = 1e-2,
  rmspropOptions?: RmspropOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'rmsprop';
  const rate = checkLearningRate(fn, learningRate);
  const {
    momentum = 0,
    nesterov = false,
    weightDecay = 0,
    form = 'pytorch',
    maximize,
    ...rms
  } = options(fn, rmspropOptions);
  unitInterval(fn, 'momentum', momentum);
  boolean(fn, 'nesterov', nesterov);
  nonNegative(fn, 'weightDecay', weightDecay);
  unitInterval(fn, 'decay', rms.decay ?? 0.99);
  nonNegative(fn, 'eps', rms.eps ?? 1e-8);
  if (form !== 'pytorch' && form !== 'book')
    throw new ValueError(`${fn}: form must be 'pytorch' or 'book', got ${JSON.stringify(form)}`);
  if (nesterov && momentum === 0) throw new ValueError(`${fn}: Nesterov momentum needs momentum > 0`);
  // On the raw gradient, in this order (PyTorch): the sign for `maximize`, then the coupled decay.
  const decay = [...ascent(fn, maximize), ...(weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [])];
  const scale = scaleByLearningRate(rate);
  if (momentum === 0) return chain(...decay, scaleByRms(rms), scale);
  const buffer = trace({ decay: momentum, nesterov });
  return form === 'pytorch'
    ? chain(...decay, scaleByRms(rms), buffer, scale)
    : chain(...decay, scaleByRms(rms), scale, buffer);
}
