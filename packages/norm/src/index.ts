// Public surface of @descent/norm: explicit named re-exports only.
export { type BatchNormOptions, type BatchNormParams, type BatchNormState, batchNorm } from './batch-norm.js';
export { type LayerNormOptions, type LayerNormParams, layerNorm } from './layer-norm.js';
