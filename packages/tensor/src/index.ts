// Public surface of @descent/tensor: explicit named re-exports only.

// Backends: the kernel vocabulary, the backend contract and the registry.
export type {
  Backend,
  CoreKernelName,
  CustomKernelSignatures,
  Kernel,
  KernelAttrs,
  KernelInputs,
  KernelName,
  KernelSignatures,
  KernelTable,
  Storage,
  TensorInfo,
} from './backend/backend.js';
export { defineBackend } from './backend/define-backend.js';
export {
  findBackend,
  getBackend,
  inputNames,
  type KernelListener,
  keep,
  memory,
  moveTo,
  onKernelRun,
  registerBackend,
  registerKernel,
  runKernel,
  setBackend,
  type TensorInputs,
  tidy,
  wrap,
} from './backend/engine.js';
export { createCpuBackend } from './backends/cpu/index.js';
export { CpuStorage } from './backends/cpu/storage.js';
export { type DTypeOptions, type EyeOptions, eye, full, ones, onesLike, zeros, zerosLike } from './creation/fill.js';
export { arange, linspace, type RangeOptions } from './creation/range.js';
export { scalar, type TensorLike, type TensorOptions, tensor } from './creation/tensor.js';
// Values, shapes and errors.
export { type DType, epsilonOf, type FloatDType, isFloatDType, type TypedArray } from './dtype.js';
export { DescentError, DTypeError, ShapeError, ValueError } from './errors.js';
/**
 * Linear algebra in float64 on matrices and [..., n, n] stacks: `cholesky`, `eigh`, `qr`, `solve`,
 * `solveTriangular`, `inv`, `det`, `slogdet` and `norm`, with NumPy's conventions.
 * @example import { linalg, tensor } from '@descent/tensor'; linalg.det(tensor([[1, 2], [3, 4]])) // → -2
 */
export * as linalg from './linalg/namespace.js';
export { argmax, argmin } from './ops/arg-reduce.js';
// Ops.
export { add, div, maximum, minimum, mul, pow, sub } from './ops/arithmetic.js';
export { broadcastTo } from './ops/broadcast-to.js';
export { cast } from './ops/cast.js';
export { equal, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, notEqual } from './ops/compare.js';
export { concat, stack } from './ops/concat.js';
export { type DivSqrtOptions, divSqrt, lerp } from './ops/fused.js';
export { gather, scatterAdd } from './ops/gather.js';
export { type MatMulOptions, matmul } from './ops/matmul.js';
export { type OneHotOptions, oneHot } from './ops/one-hot.js';
export { type PadOptions, pad } from './ops/pad.js';
export { type Axes, logSumExp, max, mean, min, prod, type ReduceOptions, sum } from './ops/reduce.js';
export { expandDims, flatten, reshape, squeeze } from './ops/reshape.js';
export { slice } from './ops/slice.js';
export { logSoftmax, softmax } from './ops/softmax.js';
export { transpose } from './ops/transpose.js';
export {
  abs,
  cos,
  exp,
  expm1,
  floor,
  type LeakyReluOptions,
  leakyRelu,
  log,
  log1p,
  neg,
  reciprocal,
  relu,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  tanh,
} from './ops/unary.js';
export type { TensorOrNumber } from './ops/validate.js';
export { where } from './ops/where.js';
// Randomness: the seeded, splittable generator.
export { createRng, Rng } from './rng/rng.js';
export type {
  BernoulliOptions,
  ChoiceOptions,
  NormalOptions,
  RngState,
  SplitLevel,
  TruncatedNormalOptions,
  UniformOptions,
} from './rng/types.js';
export { broadcastShapes, type Shape, shapesEqual, sizeOf } from './shape.js';
export { type NestedArray, Tensor } from './tensor.js';
/**
 * Parameter trees: tensors (or other leaves) nested in plain objects and arrays. `map` and `zip` apply a function
 * leaf by leaf; `flatten` / `unflatten` split a tree into its leaves and structure and back.
 * @example import { tensor, tree } from '@descent/tensor'; tree.map({ w: tensor([1]) }, (x) => x.mul(2))
 */
export * as tree from './tree/namespace.js';
