import {
  cosineDecay,
  exponentialDecay,
  linearSchedule,
  type Schedule,
  stepDecay,
  warmupCosineDecay,
} from '@descent/optim';
import { asUsage, UsageError } from '../errors.js';

/** The schedules `--schedule` takes, with their syntax. */
export const SCHEDULES: Readonly<Record<string, string>> = {
  constant: 'the learning rate throughout (default)',
  cosine: 'cosine decay to 0 over the run (Loshchilov & Hutter 2017)',
  'warmup-cosine[:E]': 'linear warmup for E epochs (default 1), then cosine decay to 0',
  'exponential:G': 'multiply the rate by G every epoch',
  'step:E[,G]': 'multiply the rate by G (default 0.1) every E epochs',
  'linear[:F]': 'linear decay to F times the rate (default 0) over the run (8.3.1)',
};

/** A schedule resolved against a run's length: the value the optimizer takes and a function for display. */
export interface ResolvedSchedule {
  /** A number for `constant`, otherwise a function of the 0-based step. */
  readonly learningRate: number | Schedule;
  /** The learning rate at a 0-based step. */
  readonly at: (step: number) => number;
}

function numberArgument(spec: string, text: string | undefined, fallback?: number): number {
  if (text === undefined || text === '') {
    if (fallback === undefined) throw new UsageError(`--schedule ${spec}: missing a number`);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--schedule ${spec}: '${text}' is not a number`);
  return value;
}

/**
 * Parses `--schedule` (`cosine`, `step:10,0.5` …) for a base learning rate and a run of `epochs` epochs of
 * `stepsPerEpoch` steps. Epoch counts in the syntax become step counts.
 */
export function resolveSchedule(
  spec: string,
  learningRate: number,
  stepsPerEpoch: number,
  epochs: number,
): ResolvedSchedule {
  const [name, rest] = spec.split(':', 2) as [string, string | undefined];
  const args = rest === undefined ? [] : rest.split(',');
  const total = Math.max(1, stepsPerEpoch * epochs);
  const build = (): Schedule | number => {
    switch (name) {
      case 'constant':
        return learningRate;
      case 'cosine':
        return cosineDecay({ initValue: learningRate, decaySteps: total });
      case 'warmup-cosine': {
        const warmupEpochs = numberArgument(spec, args[0], 1);
        const warmupSteps = Math.round(warmupEpochs * stepsPerEpoch);
        return warmupCosineDecay({
          initValue: 0,
          peakValue: learningRate,
          warmupSteps,
          decaySteps: Math.max(total, warmupSteps + 1),
        });
      }
      case 'exponential':
        return exponentialDecay({
          initValue: learningRate,
          decayRate: numberArgument(spec, args[0]),
          transitionSteps: stepsPerEpoch,
        });
      case 'step': {
        const epochsPerDecay = numberArgument(spec, args[0]);
        if (!Number.isInteger(epochsPerDecay) || epochsPerDecay < 1) {
          throw new UsageError(`--schedule ${spec}: E must be a positive whole number of epochs`);
        }
        return stepDecay({
          initValue: learningRate,
          stepSize: epochsPerDecay * stepsPerEpoch,
          decayRate: numberArgument(spec, args[1], 0.1),
        });
      }
      case 'linear':
        return linearSchedule({
          initValue: learningRate,
          endValue: learningRate * numberArgument(spec, args[0], 0),
          transitionSteps: total,
        });
      default:
        throw new UsageError(
          `unknown schedule '${spec}'; choose one of ${Object.keys(SCHEDULES).join(', ')} (E epochs, G a factor)`,
        );
    }
  };
  const learningRateOrSchedule = asUsage(build);
  const at = typeof learningRateOrSchedule === 'number' ? () => learningRate : learningRateOrSchedule;
  return { learningRate: learningRateOrSchedule, at };
}
