import type { KernelAttrs, KernelInputs, KernelName, Shape, TensorInfo } from '@descent/tensor';
import { broadcastShapes, shapesEqual, sizeOf } from '@descent/tensor';
import type { WasmStorage } from '../storage.js';

/** A kernel of the wasm module: the cases it covers, and how it runs them. Other cases fall back to the CPU. */
export interface WasmKernel<K extends KernelName> {
  covers(inputs: KernelInputs<K>, attrs: KernelAttrs<K>): boolean;
  run(inputs: KernelInputs<K>, attrs: KernelAttrs<K>, storage: WasmStorage): TensorInfo;
}

/** The dtypes the module computes in. */
export type FloatDType = 'float32' | 'float64';

export function isFloat(dtype: string): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

/**
 * The output shape of an element-wise `a op b` that the module covers: float operands of one dtype with equal
 * shapes, or one of them with a single element (a scalar or a size-1 tensor, read with stride 0). Undefined for
 * every other case (general broadcasting), which falls back to the CPU.
 */
export function elementwiseShape(kernel: string, a: TensorInfo, b: TensorInfo): Shape | undefined {
  if (!isFloat(a.dtype) || b.dtype !== a.dtype) return undefined;
  if (shapesEqual(a.shape, b.shape)) return a.shape;
  if (sizeOf(a.shape) === 1 || sizeOf(b.shape) === 1) return broadcastShapes(kernel, a.shape, b.shape);
  return undefined;
}

/** The stride a binary kernel reads an operand with: 0 for a one-element operand (splatted), else 1. */
export function strideOf(tensor: TensorInfo): number {
  return sizeOf(tensor.shape) === 1 ? 0 : 1;
}
