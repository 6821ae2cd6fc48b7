import type { TensorInfo } from '@descent/tensor';
import { sizeOf } from '@descent/tensor';
import type { BinaryExport, KernelExports } from '../instance.js';
import type { WasmData, WasmStorage } from '../storage.js';
import { elementwiseShape, strideOf, type WasmKernel } from './wasm-kernel.js';

type BinaryKernelName = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Maximum' | 'Minimum';

/** The module's exports per kernel and dtype. */
const EXPORTS: Readonly<Record<BinaryKernelName, { float32: keyof KernelExports; float64: keyof KernelExports }>> = {
  Add: { float32: 'add_f32', float64: 'add_f64' },
  Sub: { float32: 'sub_f32', float64: 'sub_f64' },
  Mul: { float32: 'mul_f32', float64: 'mul_f64' },
  Div: { float32: 'div_f32', float64: 'div_f64' },
  Maximum: { float32: 'max_f32', float64: 'max_f64' },
  Minimum: { float32: 'min_f32', float64: 'min_f64' },
};

/**
 * Mul by a one-element operand is deferred (no pass over memory) from this many elements on: below it the pass is
 * cheaper than the bookkeeping it would save.
 */
export const DEFER_MIN_ELEMENTS = 1024;

/**
 * An element-wise binary kernel on float32 or float64 operands of equal shapes or with one single-element side.
 * Maximum and Minimum keep the CPU's NaN and signed-zero rules (see kernels.wat). Mul by a one-element operand is
 * deferred, and an Add of a deferred product runs as one fused pass: optimizer steps are chains of `−ε·u` and
 * `θ + u`, and this halves their traffic with exactly the CPU's roundings (see `WasmStorage.deferScale`).
 */
export function binaryWasm<K extends BinaryKernelName>(kernel: K): WasmKernel<K> {
  const names = EXPORTS[kernel];
  return {
    covers: (inputs) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      return elementwiseShape(kernel, a, b) !== undefined;
    },
    run: (inputs, _attrs, storage) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      const shape = elementwiseShape(kernel, a, b) as readonly number[];
      const dtype = a.dtype as 'float32' | 'float64';
      const n = sizeOf(shape);
      const [aStride, bStride] = [strideOf(a), strideOf(b)];
      if (kernel === 'Mul' && aStride !== bStride) {
        // A tensor times a one-element operand (the optimizers' scalings). Products commute.
        const [x, s] = aStride === 1 ? [a, b] : [b, a];
        const scale = storage.view(s)[0];
        if (n >= DEFER_MIN_ELEMENTS) return { dataId: storage.deferScale(x, scale), shape, dtype };
        const out = storage.allocate(dtype, n);
        const { kernels } = storage.runtime();
        (dtype === 'float32' ? kernels.mul_scalar_f32 : kernels.mul_scalar_f64)(
          storage.offset(x),
          out.offset,
          n,
          scale,
        );
        return { dataId: out, shape, dtype };
      }
      if (kernel === 'Add' && aStride === 1 && bStride === 1) {
        const fused = addDeferred(a, b, storage, dtype, n);
        if (fused !== undefined) return { dataId: fused, shape, dtype };
      }
      const out = storage.allocate(dtype, n);
      const run = storage.runtime().kernels[names[dtype]] as BinaryExport;
      run(storage.offset(a), aStride, storage.offset(b), bStride, out.offset, n);
      return { dataId: out, shape, dtype };
    },
  };
}

/**
 * `y + x·scale` in one pass when one operand of an Add is a deferred product `x·scale` (Add commutes, so either
 * side); undefined when neither is.
 */
function addDeferred(
  a: TensorInfo,
  b: TensorInfo,
  storage: WasmStorage,
  dtype: 'float32' | 'float64',
  n: number,
): WasmData | undefined {
  const [aData, bData] = [a.dataId as WasmData, b.dataId as WasmData];
  const deferred = bData.scale !== undefined ? bData : aData.scale !== undefined ? aData : undefined;
  if (deferred === undefined) return undefined;
  const out = storage.allocate(dtype, n);
  // The other operand's offset first: computing it may compute a deferred product (even this one, for add(d, d)).
  const y = storage.offset(deferred === bData ? a : b);
  const { scale, held } = deferred;
  const { kernels } = storage.runtime();
  if (scale === undefined || held === undefined) {
    (kernels[EXPORTS.Add[dtype]] as BinaryExport)(y, 1, deferred.offset, 1, out.offset, n);
  } else {
    (dtype === 'float32' ? kernels.axpy_f32 : kernels.axpy_f64)(y, held.block.offset, out.offset, n, scale);
  }
  return out;
}
