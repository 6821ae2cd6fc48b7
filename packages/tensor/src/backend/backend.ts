import type { DType, TypedArray } from '../dtype.js';
import type { Shape } from '../shape.js';

/**
 * What a kernel sees of a tensor: where its data lives (`dataId`, owned by one backend), its shape and dtype.
 * `Tensor` implements this interface, so kernels receive tensors without any repacking.
 */
export interface TensorInfo {
  readonly dataId: object;
  readonly shape: Shape;
  readonly dtype: DType;
}

type Unary = { inputs: { x: TensorInfo }; attrs: {} };
type Binary = { inputs: { a: TensorInfo; b: TensorInfo }; attrs: {} };
type Reduction = { inputs: { x: TensorInfo }; attrs: { axes: readonly number[]; keepDims: boolean } };

/**
 * The kernel vocabulary: one entry per primitive, shared by every backend and by autodiff.
 * Ops validate their arguments before a kernel runs, so kernels may assume well-formed attributes
 * (axes are normalized and sorted, shapes are compatible). Every change here is a breaking change.
 */
export interface KernelSignatures {
  // Element-wise, one input.
  Neg: Unary;
  Exp: Unary;
  Log: Unary;
  Log1p: Unary;
  Expm1: Unary;
  Sqrt: Unary;
  Square: Unary;
  Reciprocal: Unary;
  Abs: Unary;
  Sign: Unary;
  Floor: Unary;
  Sin: Unary;
  Cos: Unary;
  Tanh: Unary;
  Sigmoid: Unary;
  Relu: Unary;
  Softplus: Unary;
  LeakyRelu: { inputs: { x: TensorInfo }; attrs: { alpha: number } };
  Cast: { inputs: { x: TensorInfo }; attrs: { dtype: DType } };
  // Element-wise, two inputs, NumPy broadcasting.
  Add: Binary;
  Sub: Binary;
  Mul: Binary;
  Div: Binary;
  Pow: Binary;
  Maximum: Binary;
  Minimum: Binary;
  Greater: Binary;
  GreaterEqual: Binary;
  Less: Binary;
  LessEqual: Binary;
  Equal: Binary;
  NotEqual: Binary;
  LogicalAnd: Binary;
  LogicalOr: Binary;
  Where: { inputs: { condition: TensorInfo; a: TensorInfo; b: TensorInfo }; attrs: {} };
  // Fused element-wise updates for optimizers: one pass over memory instead of three to five.
  /** a + weight·(b − a): moving averages (momentum, Adam's moments). */
  Lerp: { inputs: { a: TensorInfo; b: TensorInfo }; attrs: { weight: number } };
  /** scale·a / (rootScale·√b + eps): the normalized step of AdaGrad, RMSProp and Adam. */
  DivSqrt: { inputs: { a: TensorInfo; b: TensorInfo }; attrs: { scale: number; rootScale: number; eps: number } };
  // Reductions over sorted, distinct axes.
  Sum: Reduction;
  Prod: Reduction;
  Max: Reduction;
  Min: Reduction;
  LogSumExp: Reduction;
  ArgMax: { inputs: { x: TensorInfo }; attrs: { axis: number; keepDims: boolean } };
  ArgMin: { inputs: { x: TensorInfo }; attrs: { axis: number; keepDims: boolean } };
  Softmax: { inputs: { x: TensorInfo }; attrs: { axis: number } };
  LogSoftmax: { inputs: { x: TensorInfo }; attrs: { axis: number } };
  // Linear algebra: batched, leading dimensions broadcast.
  MatMul: { inputs: { a: TensorInfo; b: TensorInfo }; attrs: { transposeA: boolean; transposeB: boolean } };
  // Data movement.
  Reshape: { inputs: { x: TensorInfo }; attrs: { shape: Shape } };
  Transpose: { inputs: { x: TensorInfo }; attrs: { perm: readonly number[] } };
  BroadcastTo: { inputs: { x: TensorInfo }; attrs: { shape: Shape } };
  Slice: { inputs: { x: TensorInfo }; attrs: { begin: readonly number[]; size: readonly number[] } };
  Pad: { inputs: { x: TensorInfo }; attrs: { paddings: readonly (readonly [number, number])[]; value: number } };
  Concat: { inputs: { tensors: readonly TensorInfo[] }; attrs: { axis: number } };
  Gather: { inputs: { x: TensorInfo; indices: TensorInfo }; attrs: { axis: number } };
  /** The adjoint of Gather: zeros of `shape` with each slice of `updates` added at its index along `axis`. */
  ScatterAdd: { inputs: { updates: TensorInfo; indices: TensorInfo }; attrs: { axis: number; shape: Shape } };
  OneHot: {
    inputs: { indices: TensorInfo };
    attrs: { depth: number; onValue: number; offValue: number; dtype: DType };
  };
}

/**
 * Kernels added outside the core, declared by module augmentation and given implementations with `registerKernel`
 * (and gradient rules with autodiff's `registerGradient`):
 * ```ts
 * declare module '@descent/tensor' {
 *   interface CustomKernelSignatures {
 *     Huber: { inputs: { x: TensorInfo }; attrs: { delta: number } };
 *   }
 * }
 * ```
 * Empty in the core. A separate interface from {@link KernelSignatures}, so that the tables that must cover the
 * core vocabulary (the CPU backend's kernels, autodiff's rules) stay complete when an extension adds names.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface CustomKernelSignatures {}

/** The name of a primitive in the core vocabulary: `'Add'`, `'MatMul'`, … (PascalCase string literals). */
export type CoreKernelName = keyof KernelSignatures;
/** The name of any kernel: the core vocabulary and the custom kernels declared in {@link CustomKernelSignatures}. */
export type KernelName = CoreKernelName | keyof CustomKernelSignatures;
type AllKernelSignatures = KernelSignatures & CustomKernelSignatures;
/** The named tensor inputs of kernel `K`, e.g. `{ a: TensorInfo; b: TensorInfo }` for `'Add'`. */
export type KernelInputs<K extends KernelName> = AllKernelSignatures[K]['inputs'];
/** The non-tensor attributes of kernel `K`, e.g. `{ axes: readonly number[]; keepDims: boolean }` for `'Sum'`. */
export type KernelAttrs<K extends KernelName> = AllKernelSignatures[K]['attrs'];

/** The memory half of a backend. Compute lives in its kernel table. */
export interface Storage {
  readonly name: string;
  /** Takes ownership of `values` (the caller must not modify them afterwards). */
  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo;
  /** A copy of the values, row-major, without blocking (GPU backends download asynchronously). */
  read(tensor: TensorInfo): Promise<TypedArray>;
  /** A copy of the values, safe to modify. */
  readSync(tensor: TensorInfo): TypedArray;
  /** Frees the data of `tensor`; the engine calls it once per data id, when the last tensor using it is disposed. */
  dispose(tensor: TensorInfo): void;
}

/**
 * One backend's implementation of kernel `K`: reads its inputs from storage `S`, writes the result there and
 * returns it. Arguments arrive validated (see {@link KernelSignatures}).
 */
export type Kernel<K extends KernelName, S extends Storage> = (call: {
  readonly inputs: KernelInputs<K>;
  readonly attrs: KernelAttrs<K>;
  readonly storage: S;
}) => TensorInfo;

/**
 * A backend's kernels by name. Any kernel may be missing: the engine then runs it on the CPU backend, whose table is
 * complete.
 */
export type KernelTable<S extends Storage> = { readonly [K in KernelName]?: Kernel<K, S> };

/** What the engine holds: storage plus a type-erased `run`, packed by `defineBackend(storage, kernelTable)`. */
export interface Backend extends Storage {
  /** Whether this backend has its own kernel for `kernel` (otherwise the engine runs it on the CPU backend). */
  has(kernel: KernelName): boolean;
  /** Runs `kernel` from this backend's table on `inputs` (which live on this backend) and returns the output. */
  run<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): TensorInfo;
  /**
   * Router backends (such as `auto`) pick, per op, the concrete backend that runs it; the engine then moves the
   * inputs there. Concrete backends leave this undefined.
   */
  select?<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Backend;
  /**
   * A router that wants to learn from what it routed sets this true from `select` until the engine has reported the
   * op's time to `observe`: the engine then times `run` (the wall time of the kernel alone, after any inputs moved).
   */
  readonly observing?: boolean;
  /** Called with the wall time of the op a router just routed, when `observing` was true (see there). */
  observe?(kernel: KernelName, ran: Backend, ms: number): void;
  /**
   * Adds a kernel this backend does not have yet (backends made by `defineBackend` support it); see
   * `registerKernel`, which is how extensions call it.
   */
  register?<K extends KernelName>(kernel: K, implementation: Kernel<K, never>): void;
}
