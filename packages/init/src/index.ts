// Public surface of @descent/init: explicit named re-exports only.

export { calculateGain, type Nonlinearity } from './calculate-gain.js';
export { type ConstantOptions, constant, ones, zeros } from './constant.js';
export { type Fans, fans } from './fans.js';
export { type GlorotNormalOptions, type GlorotOptions, glorotNormal, glorotUniform } from './glorot.js';
export { type HeNormalOptions, type HeOptions, heNormal, heUniform } from './he.js';
export { type IdentityOptions, identity } from './identity.js';
export { type LecunNormalOptions, lecunNormal, lecunUniform } from './lecun.js';
export { type NormalInitOptions, normal } from './normal.js';
export { type OrthogonalMethod, type OrthogonalOptions, orthogonal } from './orthogonal.js';
export { type SparseOptions, sparse } from './sparse.js';
export { type TruncatedNormalInitOptions, truncatedNormal } from './truncated-normal.js';
export type { DeterministicInitOptions, FanMode, Initializer, InitOptions } from './types.js';
export { type UniformInitOptions, uniform } from './uniform.js';
export {
  type VarianceScalingDistribution,
  type VarianceScalingMode,
  type VarianceScalingOptions,
  varianceScaling,
} from './variance-scaling.js';
