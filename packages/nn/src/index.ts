// Public surface of @descent/nn: explicit named re-exports only.

// Losses.
export { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
export { type HingeOptions, hinge } from './losses/hinge.js';
export { mse } from './losses/mse.js';
export type { LossOptions, Reduction } from './losses/reduction.js';
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
// Metrics.
export { accuracy, zeroOneLoss } from './metrics/accuracy.js';
// Modules.
export type { AnyModule, ApplyContext, Initialized, Module, Tree } from './module.js';
export { stateless } from './module.js';
export { type ActivationName, leakyRelu, relu, sigmoid, softplus, tanh } from './modules/activations.js';
export { type DenseOptions, type DenseParams, dense } from './modules/dense.js';
export { dropout } from './modules/dropout.js';
export { type MlpOptions, mlp } from './modules/mlp.js';
export { residual } from './modules/residual.js';
export { sequential } from './modules/sequential.js';
// Saving and loading.
export { fromJson, type TreeJson, toJson } from './serialization/json.js';
export { fromSafetensors, toSafetensors } from './serialization/safetensors.js';
