import { ValueError } from '@descent/tensor';
import { chain } from '../combine/chain.js';
import { ascent } from '../internal/maximize.js';
import {
  boolean,
  learningRate as checkLearningRate,
  closedUnitInterval,
  nonNegative,
  options,
  unitInterval,
} from '../internal/validate.js';
import { addDecayedWeights } from '../transforms/add-decayed-weights.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { trace } from '../transforms/trace.js';
import type { GradientTransformation, ScalarOrSchedule } from '../types.js';

/** Where the learning rate sits relative to the momentum buffer. */
export type MomentumForm = 'pytorch' | 'book';

/** Options of {@link sgd}; every default is `torch.optim.SGD`'s: no momentum, dampening or weight decay. */
export interface SgdOptions {
  /** Ascend instead: the gradient is negated before anything else, weight decay included (PyTorch `maximize`). Default false. */
  readonly maximize?: boolean;
  /** α. Default 0 (plain SGD). */
  readonly momentum?: number;
  /** PyTorch's dampening d of the buffer's new term. Default 0. */
  readonly dampening?: number;
  /** Nesterov momentum. Default false. */
  readonly nesterov?: boolean;
  /** Coupled L² decay λ: g ← g + λ·θ before the momentum (PyTorch `weight_decay`). Default 0. */
  readonly weightDecay?: number;
  /**
   * `'pytorch'` (default): b ← α·b + g, θ ← θ − ε_k·b. `'book'`: v ← α·v − ε_k·g, θ ← θ + v (Algorithms 8.2 and 8.3,
   * the learning rate inside the velocity). The two agree while ε is constant and part ways under a schedule.
   */
  readonly form?: MomentumForm;
}

/**
 * Stochastic gradient descent, with optional momentum, Nesterov momentum, dampening and coupled weight decay, exactly
 * as `torch.optim.SGD` (defaults included) at step k:
 *
 * g ← g + λ·θ;  b₁ = g, b_k = α·b_{k−1} + (1 − d)·g;  θ ← θ − ε_k·b_k  (Nesterov: θ ← θ − ε_k·(g + α·b_k)).
 *
 * `chain(addDecayedWeights(λ), trace({ decay: α, nesterov, dampening }), scaleByLearningRate(ε))`.
 *
 * Nesterov here is the book's Algorithm 8.3 in look-ahead coordinates: the parameters you hold are θ + αv, the
 * interim point where Algorithm 8.3 evaluates the gradient, so `grad(loss)(params)` is the gradient it asks for
 * (Sutskever et al. 2013; Bengio et al. 2013). With `form: 'book'` the learning rate moves inside the velocity
 * (`chain(…, scaleByLearningRate(ε), trace(…))`): θ_book = params − α·v, v being the trace state. optax's `sgd` is
 * the PyTorch form without dampening or the first-step rule.
 * @see Robbins & Monro 1951; Polyak 1964; Sutskever, Martens, Dahl & Hinton 2013, http://proceedings.mlr.press/v28/sutskever13.html
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithms 8.1–8.3, https://www.deeplearningbook.org/contents/optimization.html
 * @see PyTorch `torch.optim.SGD`, https://pytorch.org/docs/stable/generated/torch.optim.SGD.html
 * @example
 * import { Optimizer, sgd } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = new Optimizer(sgd(0.1, { momentum: 0.9, nesterov: true }), { w: tensor([1, -1]) });
 * optimizer.step({ w: tensor([0.5, 0.5]) }).w.toArray(); // → [0.905, -1.095]
 */
export function sgd(
  learningRate: ScalarOrSchedule,
  sgdOptions?: SgdOptions,
): GradientTransformation<readonly unknown[]> {
  const fn = 'sgd';
  const rate = checkLearningRate(fn, learningRate);
  const given = options(fn, sgdOptions);
  const momentum = unitInterval(fn, 'momentum', given.momentum ?? 0);
  const dampening = closedUnitInterval(fn, 'dampening', given.dampening ?? 0);
  const nesterov = boolean(fn, 'nesterov', given.nesterov ?? false);
  const weightDecay = nonNegative(fn, 'weightDecay', given.weightDecay ?? 0);
  const form = given.form ?? 'pytorch';
  if (form !== 'pytorch' && form !== 'book')
    throw new ValueError(`${fn}: form must be 'pytorch' or 'book', got ${JSON.stringify(form)}`);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new ValueError(
      `${fn}: Nesterov momentum needs momentum > 0 and dampening 0, got ${momentum} and ${dampening}`,
    );
  }
  // On the raw gradient, in this order (PyTorch): the sign for `maximize`, then the coupled decay.
  const decay = [...ascent(fn, given.maximize), ...(weightDecay > 0 ? [addDecayedWeights(weightDecay)] : [])];
  const scale = scaleByLearningRate(rate);
  if (momentum === 0) return chain(...decay, scale);
  const buffer = trace({ decay: momentum, nesterov, dampening });
  return form === 'pytorch' ? chain(...decay, buffer, scale) : chain(...decay, scale, buffer);
}
