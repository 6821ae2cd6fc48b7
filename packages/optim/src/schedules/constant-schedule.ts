import { checkStep, finite } from '../internal/schedule-step.js';
import type { Schedule } from '../types.js';

/**
 * ε_k = value for every step k. Equivalent to passing the number itself as a learning rate.
 * @example constantSchedule(0.1)(1000) // → 0.1
 */
export function constantSchedule(value: number): Schedule {
  const fn = 'constantSchedule';
  const constant = finite(fn, 'value', value);
  return (step) => {
    checkStep(fn, step);
    return constant;
  };
}
