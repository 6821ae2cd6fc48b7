import { checkStep, finite } from '../internal/schedule-step.js';
import { options, positive, positiveInteger } from '../internal/validate.js';
import type { Schedule } from '../types.js';

/** Options of {@link cosineDecay}: ε_k = ε_min + (ε₀ − ε_min)·(½(1 + cos(π·min(k, T)/T)))^p. */
export interface CosineDecayOptions {
  /** ε₀. */
  readonly initValue: number;
  /** T: steps to reach `endValue`, held afterwards. */
  readonly decaySteps: number;
  /** ε_min. Default 0. */
  readonly endValue?: number;
  /** p, a power on the cosine factor. Default 1. */
  readonly exponent?: number;
}

/**
 * Cosine annealing without restarts: ε_k = ε_min + (ε₀ − ε_min)·(½(1 + cos(π·min(k, T)/T)))^p.
 * PyTorch's `CosineAnnealingLR` closed form (with `eta_min` = ε_min, T = `T_max`, p = 1) and optax's
 * `cosine_decay_schedule` (with `alpha` = ε_min/ε₀).
 * @see Loshchilov & Hutter 2017, SGDR, https://arxiv.org/abs/1608.03983
 * @example
 * import { cosineDecay, sgd } from '@descent/optim';
 * const optimizer = sgd(cosineDecay({ initValue: 0.1, decaySteps: 10_000 }), { momentum: 0.9 });
 */
export function cosineDecay(scheduleOptions: CosineDecayOptions): Schedule {
  const fn = 'cosineDecay';
  const given = options(fn, scheduleOptions);
  const initValue = finite(fn, 'initValue', given.initValue);
  const steps = positiveInteger(fn, 'decaySteps', given.decaySteps);
  const endValue = finite(fn, 'endValue', given.endValue ?? 0);
  const exponent = positive(fn, 'exponent', given.exponent ?? 1);
  return (step) => {
    const t = Math.min(checkStep(fn, step), steps) / steps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * t));
    return endValue + (initValue - endValue) * (exponent === 1 ? cosine : cosine ** exponent);
  };
}
