import { sizeOf } from '@descent/tensor';
import type { KernelExports, UnaryExport } from '../instance.js';
import { isFloat, type WasmKernel } from './wasm-kernel.js';

type UnaryKernelName = 'Neg' | 'Abs' | 'Sqrt' | 'Square';

const EXPORTS: Readonly<Record<UnaryKernelName, { float32: keyof KernelExports; float64: keyof KernelExports }>> = {
  Neg: { float32: 'neg_f32', float64: 'neg_f64' },
  Abs: { float32: 'abs_f32', float64: 'abs_f64' },
  Sqrt: { float32: 'sqrt_f32', float64: 'sqrt_f64' },
  Square: { float32: 'square_f32', float64: 'square_f64' },
};

/** An element-wise kernel of one float32 or float64 input (IEEE operations: the same bits as the CPU backend). */
export function unaryWasm<K extends UnaryKernelName>(kernel: K): WasmKernel<K> {
  const names = EXPORTS[kernel];
  return {
    covers: ({ x }) => isFloat(x.dtype),
    run: ({ x }, _attrs, storage) => {
      const dtype = x.dtype as 'float32' | 'float64';
      const n = sizeOf(x.shape);
      const out = storage.allocate(dtype, n);
      const run = storage.runtime().kernels[names[dtype]] as UnaryExport;
      run(storage.offset(x), out.offset, n);
      return { dataId: out, shape: x.shape, dtype };
    },
  };
}
