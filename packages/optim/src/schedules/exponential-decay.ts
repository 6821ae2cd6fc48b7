import { ValueError } from '@descent/tensor';
import { checkStep, finite } from '../internal/schedule-step.js';
import { boolean, nonNegativeInteger, options, positive, positiveInteger } from '../internal/validate.js';
import type { Schedule } from '../types.js';

/**
 * Options of {@link exponentialDecay}: ε_k = ε₀·γ^((k − b)/T) after `transitionBegin` b (optax's `exponential_decay`).
 */
export interface ExponentialDecayOptions {
  /** ε₀. */
  readonly initValue: number;
  /** γ: the factor applied every `transitionSteps` steps (> 0; below 1 decays). */
  readonly decayRate: number;
  /** T: steps per factor of γ. */
  readonly transitionSteps: number;
  /** Steps to hold ε₀ first. Default 0. */
  readonly transitionBegin?: number;
  /** Use ⌊(k − b)/T⌋, a staircase, instead of (k − b)/T. Default false. */
  readonly staircase?: boolean;
  /** A bound the value never passes: a floor when γ < 1, a ceiling when γ > 1. Default none. */
  readonly endValue?: number;
}

/**
 * ε_k = ε₀·γ^((k − b)/T) for k ≥ b (ε₀ before), optionally floored to a staircase and bounded by `endValue`
 * (optax `exponential_decay`; PyTorch's `ExponentialLR` is T = 1).
 * @example
 * import { adam, exponentialDecay } from '@descent/optim';
 * const optimizer = adam(exponentialDecay({ initValue: 1e-3, decayRate: 0.5, transitionSteps: 1000 }));
 */
export function exponentialDecay(scheduleOptions: ExponentialDecayOptions): Schedule {
  const fn = 'exponentialDecay';
  const given = options(fn, scheduleOptions);
  const initValue = finite(fn, 'initValue', given.initValue);
  const decayRate = positive(fn, 'decayRate', given.decayRate);
  const steps = positiveInteger(fn, 'transitionSteps', given.transitionSteps);
  const begin = nonNegativeInteger(fn, 'transitionBegin', given.transitionBegin ?? 0);
  const staircase = boolean(fn, 'staircase', given.staircase ?? false);
  const endValue = given.endValue === undefined ? undefined : finite(fn, 'endValue', given.endValue);
  if (endValue !== undefined && (decayRate < 1 ? endValue > initValue : endValue < initValue)) {
    throw new ValueError(
      `${fn}: endValue ${endValue} is on the wrong side of initValue ${initValue} for decayRate ${decayRate}`,
    );
  }
  return (step) => {
    const k = Math.max(checkStep(fn, step) - begin, 0);
    const value = initValue * decayRate ** (staircase ? Math.floor(k / steps) : k / steps);
    if (endValue === undefined) return value;
    return decayRate < 1 ? Math.max(value, endValue) : Math.min(value, endValue);
  };
}
