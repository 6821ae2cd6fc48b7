import { ValueError } from '@descent/tensor';
import { checkStep, finite } from '../internal/schedule-step.js';
import { nonNegativeInteger, options, positive, positiveInteger } from '../internal/validate.js';
import type { Schedule } from '../types.js';

/**
 * Options of {@link warmupCosineDecay}: a linear warmup over W steps from `initValue` to `peakValue`, then cosine
 * decay to `endValue` at step T (optax's `warmup_cosine_decay_schedule`).
 */
export interface WarmupCosineDecayOptions {
  /** The value at step 0. Default 0. */
  readonly initValue?: number;
  /** The value reached at the end of the warmup. */
  readonly peakValue: number;
  /** W: steps of linear warmup. */
  readonly warmupSteps: number;
  /** T: total steps, warmup included, to reach `endValue`. */
  readonly decaySteps: number;
  /** The value after T steps. Default 0. */
  readonly endValue?: number;
  /** A power on the cosine factor. Default 1. */
  readonly exponent?: number;
}

/**
 * Linear warmup, then cosine decay (optax `warmup_cosine_decay_schedule`): for k < W,
 * ε_k = ε_init + (ε_peak − ε_init)·k/W; then ε_k = ε_end + (ε_peak − ε_end)·½(1 + cos(π·min(k − W, T − W)/(T − W))).
 * @see Goyal et al. 2017, Accurate, Large Minibatch SGD, https://arxiv.org/abs/1706.02677
 * @example
 * import { adamw, warmupCosineDecay } from '@descent/optim';
 * const optimizer = adamw(warmupCosineDecay({ peakValue: 1e-3, warmupSteps: 500, decaySteps: 10_000 }));
 */
export function warmupCosineDecay(scheduleOptions: WarmupCosineDecayOptions): Schedule {
  const fn = 'warmupCosineDecay';
  const given = options(fn, scheduleOptions);
  const initValue = finite(fn, 'initValue', given.initValue ?? 0);
  const peakValue = finite(fn, 'peakValue', given.peakValue);
  const warmupSteps = nonNegativeInteger(fn, 'warmupSteps', given.warmupSteps);
  const decaySteps = positiveInteger(fn, 'decaySteps', given.decaySteps);
  const endValue = finite(fn, 'endValue', given.endValue ?? 0);
  const exponent = positive(fn, 'exponent', given.exponent ?? 1);
  if (decaySteps <= warmupSteps) {
    throw new ValueError(
      `${fn}: decaySteps (${decaySteps}) must exceed warmupSteps (${warmupSteps}); it includes the warmup`,
    );
  }
  const cosineSteps = decaySteps - warmupSteps;
  return (step) => {
    const k = checkStep(fn, step);
    if (k < warmupSteps) return initValue + ((peakValue - initValue) * k) / warmupSteps;
    const t = Math.min(k - warmupSteps, cosineSteps) / cosineSteps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * t));
    return endValue + (peakValue - endValue) * (exponent === 1 ? cosine : cosine ** exponent);
  };
}
