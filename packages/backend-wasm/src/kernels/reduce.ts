import { sizeOf } from '@descent/tensor';
import { isFloat, type WasmKernel } from './wasm-kernel.js';

/**
 * Sum over every axis of a float32 or float64 tensor, accumulated in float64 with the CPU backend's four partial
 * sums (the same bits). Sums over some of the axes fall back to the CPU.
 */
export const sumWasm: WasmKernel<'Sum'> = {
  covers: ({ x }, { axes }) => isFloat(x.dtype) && axes.length === x.shape.length,
  run: ({ x }, { keepDims }, storage) => {
    const dtype = x.dtype;
    const shape = keepDims ? x.shape.map(() => 1) : [];
    const out = storage.allocate(dtype, 1);
    const { kernels } = storage.runtime();
    (dtype === 'float32' ? kernels.sum_f32 : kernels.sum_f64)(storage.offset(x), sizeOf(x.shape), out.offset);
    return { dataId: out, shape, dtype };
  },
};
