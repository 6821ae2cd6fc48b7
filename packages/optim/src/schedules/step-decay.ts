import { checkStep, finite } from '../internal/schedule-step.js';
import { nonNegative, options, positiveInteger } from '../internal/validate.js';
import type { Schedule } from '../types.js';

/** Options of {@link stepDecay}: ε_k = ε₀·γ^⌊k / stepSize⌋ (PyTorch's `StepLR`). */
export interface StepDecayOptions {
  /** ε₀. */
  readonly initValue: number;
  /** Steps between decays. */
  readonly stepSize: number;
  /** γ, the factor at each decay. Default 0.1 (PyTorch `StepLR`'s `gamma`). */
  readonly decayRate?: number;
}

/**
 * Piecewise-constant decay, PyTorch's `StepLR`: ε_k = ε₀·γ^⌊k / stepSize⌋.
 * @example
 * import { sgd, stepDecay } from '@descent/optim';
 * const optimizer = sgd(stepDecay({ initValue: 0.1, stepSize: 30 }), { momentum: 0.9 });
 */
export function stepDecay(scheduleOptions: StepDecayOptions): Schedule {
  const fn = 'stepDecay';
  const given = options(fn, scheduleOptions);
  const initValue = finite(fn, 'initValue', given.initValue);
  const stepSize = positiveInteger(fn, 'stepSize', given.stepSize);
  const decayRate = nonNegative(fn, 'decayRate', given.decayRate ?? 0.1);
  return (step) => initValue * decayRate ** Math.floor(checkStep(fn, step) / stepSize);
}
