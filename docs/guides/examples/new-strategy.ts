import type { Examples } from '@descent/data';
import { type Strategy, type TrainResult, train } from '@descent/meta';
import { dense, mse } from '@descent/nn';
import { sgd } from '@descent/optim';
import { type Tensor, ValueError } from '@descent/tensor';

export interface StopOnPlateauOptions {
  /** Epochs in a row without progress before training stops; default 3. */
  readonly patience?: number;
  /** Progress means a training loss below best·(1 − minRelativeImprovement); default 1e-3. */
  readonly minRelativeImprovement?: number;
}

/** What {@link stopOnPlateau} remembers: plain JSON, so that checkpoints resume it exactly. */
export interface StopOnPlateauState {
  /** The lowest training loss so far; null before the first epoch. */
  readonly best: number | null;
  /** Epochs in a row without progress. */
  readonly bad: number;
}

/**
 * Stops training when the *training* loss stops improving: after `patience` epochs in a row whose mean loss is not
 * at least `minRelativeImprovement` (relative) below the best so far. Needs no validation data, unlike
 * `earlyStopping`, so it ends optimization runs (full-batch fits, pretraining stages) that have nothing left to gain
 * rather than guarding against overfitting.
 * @example train({ ..., epochs: 1000, strategies: [stopOnPlateau({ patience: 5 })] })
 */
export function stopOnPlateau(options: StopOnPlateauOptions = {}): Strategy {
  const { patience = 3, minRelativeImprovement = 1e-3 } = options;
  if (!Number.isInteger(patience) || patience < 1) {
    throw new ValueError(`stopOnPlateau: patience must be a positive integer, got ${patience}`);
  }
  if (!(minRelativeImprovement >= 0 && minRelativeImprovement < 1)) {
    throw new ValueError(`stopOnPlateau: minRelativeImprovement must be in [0, 1), got ${minRelativeImprovement}`);
  }
  let memory: StopOnPlateauState = { best: null, bad: 0 };
  return {
    name: 'stopOnPlateau',
    afterEpoch({ history }) {
      const loss = history[history.length - 1].trainLoss;
      const { best, bad } = memory;
      // A relative threshold works at every scale of loss; |best| keeps it meaningful for negative losses.
      const improved = best === null || loss < best - minRelativeImprovement * Math.abs(best);
      memory = improved ? { best: loss, bad: 0 } : { best: Math.min(best, loss), bad: bad + 1 };
      return memory.bad >= patience ? 'stop' : undefined;
    },
    getState: () => ({ ...memory }),
    setState(state) {
      memory = { ...(state as StopOnPlateauState) };
    },
  };
}

// Usage: hand it to `train` with the built-in strategies; it stops the run when the loss stops moving.

/** Fits a linear model y ≈ x w + b to `data` by full-batch gradient descent until the training loss plateaus. */
export function fitUntilPlateau(data: Examples, maxEpochs = 500): Promise<TrainResult> {
  return train({
    model: dense(data.x.shape[1], 1),
    loss: (output: Tensor, targets: Tensor) => mse(output.reshape([targets.shape[0]]), targets),
    optimizer: sgd(0.1),
    data: { train: data },
    epochs: maxEpochs,
    batchSize: 'full',
    rng: 1,
    strategies: [stopOnPlateau({ patience: 3, minRelativeImprovement: 1e-3 })],
  });
}
