// Public surface of @descent/optim: explicit named re-exports only.

// Aliases: each a short chain of the transformations below, with PyTorch's rules and defaults.
export { type AdadeltaAliasOptions, adadelta } from './aliases/adadelta.js';
export { type AdagradOptions, adagrad } from './aliases/adagrad.js';
export { type AdamAliasOptions, adam } from './aliases/adam.js';
export { type AdamaxAliasOptions, adamax } from './aliases/adamax.js';
export { type AdamwOptions, adamw } from './aliases/adamw.js';
export { type NadamAliasOptions, nadam } from './aliases/nadam.js';
export { type RmspropOptions, rmsprop } from './aliases/rmsprop.js';
export { type MomentumForm, type SgdOptions, sgd } from './aliases/sgd.js';
// Applying updates and the stateful wrapper.
export { applyUpdates } from './apply-updates.js';
// Combinators.
export { type ChainState, chain } from './combine/chain.js';
export { type Mask, type MaskedState, masked } from './combine/masked.js';
export { type Labels, type PartitionState, partition } from './combine/partition.js';
export type { LabelFunction, LabelTree } from './internal/labels.js';
export { Optimizer, type OptimizerJSON } from './optimizer.js';
// Schedules: functions of the 0-based step.
export { constantSchedule } from './schedules/constant-schedule.js';
export { type CosineDecayOptions, cosineDecay } from './schedules/cosine-decay.js';
export { type ExponentialDecayOptions, exponentialDecay } from './schedules/exponential-decay.js';
export { type LinearScheduleOptions, linearSchedule } from './schedules/linear-schedule.js';
export { type StepDecayOptions, stepDecay } from './schedules/step-decay.js';
export { type WarmupCosineDecayOptions, warmupCosineDecay } from './schedules/warmup-cosine-decay.js';
// Serialization of state and parameters.
export { type JsonValue, stateFromJSON, stateToJSON, type TensorJSON } from './serialize.js';
// Transformations.
export {
  type AddDecayedWeightsOptions,
  type AddDecayedWeightsState,
  addDecayedWeights,
} from './transforms/add-decayed-weights.js';
export { type ClipByGlobalNormState, clipByGlobalNorm, globalNorm } from './transforms/clip-by-global-norm.js';
export { type ClipByValueState, clipByValue } from './transforms/clip-by-value.js';
export { type ScaleState, scale } from './transforms/scale.js';
export { type AdadeltaOptions, type ScaleByAdadeltaState, scaleByAdadelta } from './transforms/scale-by-adadelta.js';
export { type AdamOptions, type ScaleByAdamState, scaleByAdam } from './transforms/scale-by-adam.js';
export { type AdamaxOptions, type ScaleByAdamaxState, scaleByAdamax } from './transforms/scale-by-adamax.js';
export {
  type ScaleByLearningRateOptions,
  type ScaleByLearningRateState,
  scaleByLearningRate,
} from './transforms/scale-by-learning-rate.js';
export { type NadamOptions, type ScaleByNadamState, scaleByNadam } from './transforms/scale-by-nadam.js';
export { type ScaleByRmsOptions, type ScaleByRmsState, scaleByRms } from './transforms/scale-by-rms.js';
export { type ScaleByRssOptions, type ScaleByRssState, scaleByRss } from './transforms/scale-by-rss.js';
export { type TraceOptions, type TraceState, trace } from './transforms/trace.js';
// Types.
export type { GradientTransformation, ParamTree, ScalarOrSchedule, Schedule, StateOf, Updates } from './types.js';
