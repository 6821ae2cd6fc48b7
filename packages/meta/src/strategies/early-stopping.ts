import type { Tree } from '@descent/nn';
import { ValueError } from '@descent/tensor';
import type { EpochRecord, Strategy } from '../types.js';

/** What early stopping watches on validation data. */
export type Monitor = 'validationError' | 'validationLoss' | 'validationAccuracy';

/** Options of {@link earlyStopping}: what to watch, how long to wait, and whether to return the best parameters. */
export interface EarlyStoppingOptions {
  /** Default: the 0-1 loss (`validationError`) when accuracy is available, otherwise the validation loss. */
  readonly monitor?: Monitor;
  /** Epochs without improvement before stopping (the book's p); default 5. */
  readonly patience?: number;
  /** The smallest change that counts as an improvement; default 0 (strictly better). */
  readonly minDelta?: number;
  /** Return the parameters of the best epoch rather than the last; default true. */
  readonly restoreBest?: boolean;
}

interface EarlyStoppingState {
  best: number;
  bestEpoch: number;
  bad: number;
  bestParams: Tree | null;
}

/**
 * The book's early-stopping meta-algorithm (Deep Learning, Algorithm 7.1, used in 8.1.2): evaluate the *true* metric
 * on validation data after every epoch while the surrogate loss is optimized; stop after `patience` epochs without
 * improvement and return the best parameters. Ties do not count as improvements.
 * @example train({ ..., strategies: [earlyStopping({ patience: 5 })] })
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): Strategy & {
  /** The epoch (1-based) with the best monitored value so far; 0 before the first evaluation. */
  readonly bestEpoch: () => number;
} {
  const { patience = 5, minDelta = 0, restoreBest = true } = options;
  if (!Number.isInteger(patience) || patience < 1)
    throw new ValueError(`earlyStopping: patience must be a positive integer, got ${patience}`);
  if (!(minDelta >= 0)) throw new ValueError(`earlyStopping: minDelta must be ≥ 0, got ${minDelta}`);
  let memory: EarlyStoppingState = { best: Number.NaN, bestEpoch: 0, bad: 0, bestParams: null };
  const read = (record: EpochRecord): { value: number; maximize: boolean } => {
    const monitor = options.monitor ?? (record.validationError !== undefined ? 'validationError' : 'validationLoss');
    const value = record[monitor];
    if (value === undefined) {
      throw new ValueError(
        `earlyStopping: monitor "${monitor}" needs validation data${monitor === 'validationLoss' ? '' : ' with class labels'}`,
      );
    }
    return { value, maximize: monitor === 'validationAccuracy' };
  };
  return {
    name: 'earlyStopping',
    bestEpoch: () => memory.bestEpoch,
    afterEpoch({ epoch, params, history }) {
      const { value, maximize } = read(history[history.length - 1]);
      const improved =
        Number.isNaN(memory.best) || (maximize ? value > memory.best + minDelta : value < memory.best - minDelta);
      if (improved) memory = { best: value, bestEpoch: epoch, bad: 0, bestParams: restoreBest ? params : null };
      else memory = { ...memory, bad: memory.bad + 1 };
      return memory.bad >= patience ? 'stop' : undefined;
    },
    finalParams: () => (restoreBest && memory.bestParams !== null ? memory.bestParams : undefined),
    getState: () => ({ ...memory }),
    setState: (state) => {
      memory = { ...(state as EarlyStoppingState) };
    },
  };
}
