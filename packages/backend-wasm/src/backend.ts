import type {
  Backend,
  CoreKernelName,
  Kernel,
  KernelAttrs,
  KernelInputs,
  KernelName,
  KernelTable,
  TensorInfo,
} from '@descent/tensor';
import { defineBackend } from '@descent/tensor';
import { binaryWasm } from './kernels/binary.js';
import { divSqrtWasm, lerpWasm } from './kernels/fused.js';
import { sumWasm } from './kernels/reduce.js';
import { unaryWasm } from './kernels/unary.js';
import type { WasmKernel } from './kernels/wasm-kernel.js';
import { WasmStorage } from './storage.js';

/**
 * Every kernel of the core vocabulary: a new kernel there is a type error here until it is listed. (Kernels added
 * with `registerKernel` are not listed: the engine runs them on the CPU backend, moving the data.)
 */
const VOCABULARY: Readonly<Record<CoreKernelName, true>> = {
  Neg: true,
  Exp: true,
  Log: true,
  Log1p: true,
  Expm1: true,
  Sqrt: true,
  Square: true,
  Reciprocal: true,
  Abs: true,
  Sign: true,
  Floor: true,
  Sin: true,
  Cos: true,
  Tanh: true,
  Sigmoid: true,
  Relu: true,
  Softplus: true,
  LeakyRelu: true,
  Cast: true,
  Add: true,
  Sub: true,
  Mul: true,
  Div: true,
  Pow: true,
  Maximum: true,
  Minimum: true,
  Greater: true,
  GreaterEqual: true,
  Less: true,
  LessEqual: true,
  Equal: true,
  NotEqual: true,
  LogicalAnd: true,
  LogicalOr: true,
  Where: true,
  Lerp: true,
  DivSqrt: true,
  Sum: true,
  Prod: true,
  Max: true,
  Min: true,
  LogSumExp: true,
  ArgMax: true,
  ArgMin: true,
  Softmax: true,
  LogSoftmax: true,
  MatMul: true,
  Reshape: true,
  Transpose: true,
  BroadcastTo: true,
  Slice: true,
  Pad: true,
  Concat: true,
  Gather: true,
  ScatterAdd: true,
  OneHot: true,
};

/** Reshape shares the block: no copy, whatever the dtype. */
const reshapeWasm: WasmKernel<'Reshape'> = {
  covers: () => true,
  run: ({ x }, { shape }, storage) => storage.share(x, shape),
};

/** The kernels the module runs; every other kernel (and every uncovered case) runs the CPU reference in place. */
const WASM_KERNELS: { readonly [K in KernelName]?: WasmKernel<K> } = {
  Neg: unaryWasm('Neg'),
  Abs: unaryWasm('Abs'),
  Sqrt: unaryWasm('Sqrt'),
  Square: unaryWasm('Square'),
  Add: binaryWasm('Add'),
  Sub: binaryWasm('Sub'),
  Mul: binaryWasm('Mul'),
  Div: binaryWasm('Div'),
  Maximum: binaryWasm('Maximum'),
  Minimum: binaryWasm('Minimum'),
  Lerp: lerpWasm,
  DivSqrt: divSqrtWasm,
  Sum: sumWasm,
  Reshape: reshapeWasm,
};

/** The kernels with a WebAssembly implementation (the rest always run the CPU reference). */
export const WASM_KERNEL_NAMES: readonly KernelName[] = Object.keys(WASM_KERNELS) as KernelName[];

/** The wasm backend as this package holds it: the engine's `Backend` plus its storage and coverage. */
export interface WasmBackend extends Backend {
  readonly storage: WasmStorage;
  /** Whether a WebAssembly kernel (rather than the CPU reference) would run this op. */
  covers<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): boolean;
}

function wasmKernel<K extends KernelName>(kernel: K): WasmKernel<K> | undefined {
  return WASM_KERNELS[kernel] as WasmKernel<K> | undefined;
}

/** A wasm backend with its own memory (created on first use) under `name`. */
export function createWasmBackend(name = 'wasm'): WasmBackend {
  const storage = new WasmStorage(name);
  const table: Record<string, Kernel<KernelName, WasmStorage>> = {};
  for (const kernel of Object.keys(VOCABULARY) as CoreKernelName[]) {
    const own = wasmKernel(kernel);
    table[kernel] =
      own === undefined
        ? ({ inputs, attrs, storage: s }): TensorInfo => s.fallback(kernel, inputs, attrs)
        : ({ inputs, attrs, storage: s }): TensorInfo =>
            own.covers(inputs, attrs) ? own.run(inputs, attrs, s) : s.fallback(kernel, inputs, attrs);
  }
  return {
    ...defineBackend(storage, table as KernelTable<WasmStorage>),
    storage,
    covers: (kernel, inputs, attrs) => wasmKernel(kernel)?.covers(inputs, attrs) ?? false,
  };
}
