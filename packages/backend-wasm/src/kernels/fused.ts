import { sizeOf } from '@descent/tensor';
import { elementwiseShape, strideOf, type WasmKernel } from './wasm-kernel.js';

/** a + w·(b − a), computed in float64 and rounded once, as the CPU backend does (the same bits). */
export const lerpWasm: WasmKernel<'Lerp'> = {
  covers: ({ a, b }) => elementwiseShape('lerp', a, b) !== undefined,
  run: ({ a, b }, { weight }, storage) => {
    const shape = elementwiseShape('lerp', a, b) as readonly number[];
    const dtype = a.dtype;
    const n = sizeOf(shape);
    const out = storage.allocate(dtype, n);
    const { kernels } = storage.runtime();
    const run = dtype === 'float32' ? kernels.lerp_f32 : kernels.lerp_f64;
    run(storage.offset(a), strideOf(a), storage.offset(b), strideOf(b), out.offset, n, weight);
    return { dataId: out, shape, dtype };
  },
};

/**
 * scale·a / (rootScale·√b + eps). float32 computes a / ((rootScale/scale)·√b + eps/scale) in float32, one division
 * per lane (float64 divisions made it the slowest pass of an Adam step), so it is within 4 float32 ulp of the CPU
 * backend, which computes in float64 and rounds once; float64 matches it exactly.
 */
export const divSqrtWasm: WasmKernel<'DivSqrt'> = {
  covers: ({ a, b }) => elementwiseShape('divSqrt', a, b) !== undefined,
  run: ({ a, b }, { scale, rootScale, eps }, storage) => {
    const shape = elementwiseShape('divSqrt', a, b) as readonly number[];
    const dtype = a.dtype;
    const n = sizeOf(shape);
    const out = storage.allocate(dtype, n);
    const { kernels } = storage.runtime();
    const run = dtype === 'float32' ? kernels.divsqrt_f32 : kernels.divsqrt_f64;
    run(storage.offset(a), strideOf(a), storage.offset(b), strideOf(b), out.offset, n, scale, rootScale, eps);
    return { dataId: out, shape, dtype };
  },
};
