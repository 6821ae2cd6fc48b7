import type { Backend, Kernel, KernelAttrs, KernelInputs, KernelName, KernelTable, TensorInfo } from '@descent/tensor';
import { defineBackend } from '@descent/tensor';
import { engineOf, GPU, type GpujsEngine, type GpujsMode } from './gpujs.js';
import { binaryGpu } from './kernels/binary.js';
import type { DeviceKernel, ProgramCall, Work } from './kernels/device-kernel.js';
import { matMulGpu } from './kernels/matmul.js';
import { reduceGpu } from './kernels/reduce.js';
import { unaryGpu } from './kernels/unary.js';
import { GpujsStorage } from './storage.js';

/** Every kernel of the vocabulary: a new kernel there is a type error here until it is listed. */
const VOCABULARY: Readonly<Record<KernelName, true>> = {
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

/** Reshape shares the data (a texture clone on GL): no copy, no download. */
const reshapeGpu: DeviceKernel<'Reshape'> = {
  covers: () => true,
  run: ({ x }, { shape }, storage) => storage.share(x, shape),
  work: () => ({ kind: 'free' }),
  program: () => ({ key: 'Reshape', output: [], signature: '' }),
};

/** The kernels gpu.js runs; every other kernel (and every uncovered case) runs the CPU reference on host values. */
const DEVICE_KERNELS: { readonly [K in KernelName]?: DeviceKernel<K> } = {
  Neg: unaryGpu('Neg'),
  Exp: unaryGpu('Exp'),
  Log: unaryGpu('Log'),
  Log1p: unaryGpu('Log1p'),
  Expm1: unaryGpu('Expm1'),
  Sqrt: unaryGpu('Sqrt'),
  Square: unaryGpu('Square'),
  Reciprocal: unaryGpu('Reciprocal'),
  Abs: unaryGpu('Abs'),
  Sign: unaryGpu('Sign'),
  Floor: unaryGpu('Floor'),
  Sin: unaryGpu('Sin'),
  Cos: unaryGpu('Cos'),
  Tanh: unaryGpu('Tanh'),
  Sigmoid: unaryGpu('Sigmoid'),
  Relu: unaryGpu('Relu'),
  Softplus: unaryGpu('Softplus'),
  LeakyRelu: unaryGpu('LeakyRelu'),
  Add: binaryGpu('Add'),
  Sub: binaryGpu('Sub'),
  Mul: binaryGpu('Mul'),
  Div: binaryGpu('Div'),
  Pow: binaryGpu('Pow'),
  Maximum: binaryGpu('Maximum'),
  Minimum: binaryGpu('Minimum'),
  Sum: reduceGpu('Sum'),
  Max: reduceGpu('Max'),
  Min: reduceGpu('Min'),
  MatMul: matMulGpu,
  Reshape: reshapeGpu,
};

/** The kernels with a gpu.js implementation (the rest always run the CPU reference). */
export const DEVICE_KERNEL_NAMES: readonly KernelName[] = Object.keys(DEVICE_KERNELS) as KernelName[];

/** The gpujs backend as this package holds it: the engine's `Backend` plus what `auto` asks of it. */
export interface GpujsBackend extends Backend {
  readonly storage: GpujsStorage;
  readonly mode: GpujsMode;
  readonly engine: GpujsEngine;
  /** Whether a gpu.js kernel (rather than the CPU reference) would run this op. */
  covers<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): boolean;
  /** The op's work for the cost model (`free` for data movement that copies nothing). */
  work<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Work;
  /** Whether the op's kernel is compiled for these sizes already. */
  isCompiled<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): boolean;
}

function deviceKernel<K extends KernelName>(kernel: K): DeviceKernel<K> | undefined {
  return DEVICE_KERNELS[kernel] as DeviceKernel<K> | undefined;
}

/** A gpujs backend on a fresh gpu.js instance in `mode`. */
export function createGpujsBackend(mode: GpujsMode, name = 'gpujs'): GpujsBackend {
  const gpu = new GPU({ mode });
  const engine = engineOf(gpu);
  const storage = new GpujsStorage(gpu, engine, name);
  const table: Record<string, Kernel<KernelName, GpujsStorage>> = {};
  for (const kernel of Object.keys(VOCABULARY) as KernelName[]) {
    const device = deviceKernel(kernel);
    table[kernel] = ({ inputs, attrs, storage: s }): TensorInfo =>
      device?.covers(inputs, attrs, s) ? device.run(inputs, attrs, s) : s.fallback(kernel, inputs, attrs);
  }
  const backend = defineBackend(storage, table as KernelTable<GpujsStorage>);
  return {
    ...backend,
    storage,
    mode,
    engine,
    covers: (kernel, inputs, attrs) => deviceKernel(kernel)?.covers(inputs, attrs, storage) ?? false,
    work: (kernel, inputs, attrs) => deviceKernel(kernel)?.work(inputs, attrs) ?? { kind: 'free' },
    isCompiled: (kernel, inputs, attrs) => {
      const device = deviceKernel(kernel);
      if (device === undefined) return true;
      const call: ProgramCall = device.program(inputs, attrs, storage);
      return call.output.length === 0 || storage.programs.isCompiled(call.key, call.output, call.signature);
    },
  };
}
