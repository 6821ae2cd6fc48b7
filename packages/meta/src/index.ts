// Public surface of @descent/meta: explicit named re-exports only.
export { type Checkpoint, parseCheckpoint, serializeCheckpoint } from './checkpoint.js';
export { type ContinuationOptions, type ContinuationResult, continuation } from './continuation.js';
export {
  type CoordinateDescentOptions,
  type CoordinateDescentResult,
  coordinateDescent,
} from './coordinate-descent.js';
export { type Evaluation, evaluate } from './evaluate.js';
export {
  type GreedyPretrainingOptions,
  type GreedyPretrainingResult,
  greedyPretraining,
} from './greedy-pretraining.js';
export { NonFiniteLossError } from './non-finite-loss-error.js';
export { ema, polyakAveraging } from './strategies/averaging.js';
export { type CurriculumOptions, curriculum } from './strategies/curriculum.js';
export { type EarlyStoppingOptions, earlyStopping, type Monitor } from './strategies/early-stopping.js';
export { train } from './train.js';
export { type EpochEnd, TrainingSession, type TrainingSessionOptions } from './training-session.js';
export type {
  CheckpointOptions,
  EpochRecord,
  StopReason,
  Strategy,
  StrategyContext,
  TrainEvent,
  TrainOptions,
  TrainResult,
} from './types.js';
