import { checkStep, finite } from '../internal/schedule-step.js';
import { nonNegativeInteger, options, positiveInteger } from '../internal/validate.js';
import type { Schedule } from '../types.js';

/** Options of {@link linearSchedule}: from ε₀ to ε_τ in τ steps, the book's eq. 8.14. */
export interface LinearScheduleOptions {
  /** ε₀. */
  readonly initValue: number;
  /** ε_τ, held after the transition. */
  readonly endValue: number;
  /** τ: the number of steps of the transition. */
  readonly transitionSteps: number;
  /** Steps to hold ε₀ before the transition starts. Default 0. */
  readonly transitionBegin?: number;
}

/**
 * Linear decay, the book's eq. 8.14: ε_k = (1 − α)·ε₀ + α·ε_τ with α = k/τ, and ε_k = ε_τ for k ≥ τ (k counted
 * from `transitionBegin`, 0-based). Same as optax's `linear_schedule`.
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, eq. 8.14, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { linearSchedule, sgd } from '@descent/optim';
 * const optimizer = sgd(linearSchedule({ initValue: 0.1, endValue: 0.001, transitionSteps: 1000 }));
 */
export function linearSchedule(scheduleOptions: LinearScheduleOptions): Schedule {
  const fn = 'linearSchedule';
  const given = options(fn, scheduleOptions);
  const initValue = finite(fn, 'initValue', given.initValue);
  const endValue = finite(fn, 'endValue', given.endValue);
  const steps = positiveInteger(fn, 'transitionSteps', given.transitionSteps);
  const begin = nonNegativeInteger(fn, 'transitionBegin', given.transitionBegin ?? 0);
  return (step) => {
    const k = Math.min(Math.max(checkStep(fn, step) - begin, 0), steps);
    const alpha = k / steps;
    return (1 - alpha) * initValue + alpha * endValue;
  };
}
