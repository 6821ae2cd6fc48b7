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

/**
 * Why `train` stopped: it ran every epoch, a strategy returned `'stop'` (early stopping), or `shouldStop` returned
 * true.
 */
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
  /** The strategy's memory as plain data (numbers, arrays, objects, tensors), saved in checkpoints. */
  getState?(): unknown;
  /** Restores what `getState` returned, when `train` resumes from a checkpoint. */
  setState?(state: unknown): void;
}

/**
 * Where and how often `train` writes checkpoints. One is also written at the last epoch and when training stops early.
 */
export interface CheckpointOptions {
  /** File to write (atomically: a temporary file, then a rename). */
  readonly path: string;
  /** Write every this many epochs; default 1. */
  readonly every?: number;
}

/** Options of `train`: what to train, on which data, with which optimizer, for how long, and the hooks around it. */
export interface TrainOptions {
  /** The module to train, e.g. `mlp([784, 128, 10])`. */
  readonly model: AnyModule;
  /** The surrogate loss to minimize, e.g. `softmaxCrossEntropy`. */
  readonly loss: (output: Tensor, targets: Tensor) => Tensor;
  /** Any `@descent/optim` transformation, e.g. `adam(1e-3)`; its updates are added to the parameters. */
  readonly optimizer: GradientTransformation;
  /** Training examples, and validation examples evaluated after every epoch (needed by early stopping). */
  readonly data: { readonly train: Examples; readonly validation?: Examples };
  /** The number of passes over the training data (fewer if a strategy stops early). */
  readonly epochs: number;
  /** Examples per step, or 'full' for batch gradient descent; default 32. */
  readonly batchSize?: number | 'full';
  /** A seed or a generator: initialization, shuffling and dropout all draw from it. */
  readonly rng: Rng | number;
  /** Chapter 8.7's strategies, such as `earlyStopping` or `polyakAveraging`, called in order at each hook. */
  readonly strategies?: readonly Strategy[];
  /** Receives a {@link TrainEvent} after every step, evaluation, epoch and checkpoint, and when training stops. */
  readonly onEvent?: (event: TrainEvent) => void;
  /** Start from these parameters and state instead of `model.init`. */
  readonly initial?: { readonly params: Tree; readonly state: Tree };
  /** Write checkpoints during training; default none. */
  readonly checkpoint?: CheckpointOptions;
  /** Continue from a checkpoint file written by an earlier run with the same options. */
  readonly resume?: string;
  /** Called between epochs; returning true stops training (for UIs). */
  readonly shouldStop?: () => boolean;
}

/** What `train` returns: the parameters to use, the final optimizer state and the per-epoch history. */
export interface TrainResult {
  /** The parameters to use: after strategies (best epoch, averaged iterates). */
  readonly params: Tree;
  /** The module state (running statistics) after the last step. */
  readonly state: Tree;
  /** The last iterate of the optimizer, whatever strategies returned. */
  readonly lastParams: Tree;
  /** The optimizer state after the last step (to continue training). */
  readonly optimizerState: unknown;
  /** One record per epoch run, including those before a resume. */
  readonly history: readonly EpochRecord[];
  /** The last epoch run and why training stopped. */
  readonly stopped: { readonly epoch: number; readonly reason: StopReason };
  /** Optimizer steps taken in total. */
  readonly steps: number;
}
