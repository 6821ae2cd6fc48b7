import type { Examples } from '@descent/data';
import type { AnyModule, Tree } from '@descent/nn';
import type { GradientTransformation } from '@descent/optim';
import type { Rng, Tensor } from '@descent/tensor';

/** One record per epoch. Validation fields are present when validation data was given. */
export interface EpochRecord {
  readonly epoch: number;
  /** Mean surrogate loss over the epoch's minibatches (with the parameters as they were at each step). */
  readonly trainLoss: number;
  readonly validationLoss?: number;
  /** The true metric for classification: fraction correct. */
  readonly validationAccuracy?: number;
  /** The 0-1 loss on validation data, 1 − accuracy (Deep Learning 8.1.2). */
  readonly validationError?: number;
  readonly steps: number;
  readonly seconds: number;
}

/** The stream `onEvent` receives: for progress bars, live charts and logs. */
export type TrainEvent =
  | { readonly type: 'step'; readonly epoch: number; readonly step: number; readonly loss: number }
  | { readonly type: 'epoch'; readonly record: EpochRecord }
  | { readonly type: 'evaluation'; readonly epoch: number; readonly loss: number; readonly accuracy?: number }
  | { readonly type: 'checkpoint'; readonly epoch: number; readonly path: string }
  | { readonly type: 'stop'; readonly epoch: number; readonly reason: StopReason };

export type StopReason = 'epochs-completed' | 'early-stopping' | 'requested';

/** What a strategy sees; strategies may read everything and change `params` through their return values. */
export interface StrategyContext {
  readonly epoch: number;
  readonly step: number;
  readonly params: Tree;
  readonly history: readonly EpochRecord[];
}

/**
 * A training strategy (8.7): hooks called by `train`. Every hook is optional. A strategy's memory must be
 * serializable through `getState`/`setState`, so checkpoints resume it exactly.
 */
export interface Strategy {
  readonly name: string;
  /** After every optimizer step, with the new parameters. */
  afterStep?(context: StrategyContext): void;
  /** The parameters to evaluate (and return at the end) instead of the trained ones: averaged iterates. */
  evaluationParams?(context: StrategyContext): Tree;
  /** After each epoch's evaluation; 'stop' ends training. */
  afterEpoch?(context: StrategyContext): 'stop' | undefined;
  /** The parameters `train` returns, e.g. the best ones seen by early stopping. */
  finalParams?(context: StrategyContext): Tree | undefined;
  /** The training examples for an epoch, as indices (curriculum learning); all of them when absent. */
  selectExamples?(epoch: number, count: number, rng: Rng): Int32Array | undefined;
  getState?(): unknown;
  setState?(state: unknown): void;
}

export interface CheckpointOptions {
  /** File to write (atomically: a temporary file, then a rename). */
  readonly path: string;
  /** Write every this many epochs; default 1. */
  readonly every?: number;
}

export interface TrainOptions {
  readonly model: AnyModule;
  /** The surrogate loss to minimize, e.g. `softmaxCrossEntropy`. */
  readonly loss: (output: Tensor, targets: Tensor) => Tensor;
  readonly optimizer: GradientTransformation;
  readonly data: { readonly train: Examples; readonly validation?: Examples };
  readonly epochs: number;
  /** Examples per step, or 'full' for batch gradient descent; default 32. */
  readonly batchSize?: number | 'full';
  /** A seed or a generator: initialization, shuffling and dropout all draw from it. */
  readonly rng: Rng | number;
  readonly strategies?: readonly Strategy[];
  readonly onEvent?: (event: TrainEvent) => void;
  /** Start from these parameters and state instead of `model.init`. */
  readonly initial?: { readonly params: Tree; readonly state: Tree };
  readonly checkpoint?: CheckpointOptions;
  /** Continue from a checkpoint file written by an earlier run with the same options. */
  readonly resume?: string;
  /** Called between epochs; returning true stops training (for UIs). */
  readonly shouldStop?: () => boolean;
}

export interface TrainResult {
  /** The parameters to use: after strategies (best epoch, averaged iterates). */
  readonly params: Tree;
  readonly state: Tree;
  /** The last iterate of the optimizer, whatever strategies returned. */
  readonly lastParams: Tree;
  readonly optimizerState: unknown;
  readonly history: readonly EpochRecord[];
  readonly stopped: { readonly epoch: number; readonly reason: StopReason };
  readonly steps: number;
}
