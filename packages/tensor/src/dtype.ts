import { DTypeError } from './errors.js';
import { POOLED_MIN_ELEMENTS, takeBuffer } from './memory/buffer-pool.js';

/** Element types. `float32` is the default; `bool` is stored as 0/1 bytes. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';
/** The floating-point dtypes, which transcendental ops, gradients and random samplers need. */
export type FloatDType = 'float32' | 'float64';

/** The typed array that stores each dtype. */
export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}
/** The storage of any dtype: what `dataSync()` and `data()` return (a `Uint8Array` of 0/1 for `bool`). */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;
export type DataOf<D extends DType> = DTypeArrays[D];

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** A zero-filled typed array for `dtype`: recycled from disposed CPU tensors when one of that size is free. */
export function allocate(dtype: DType, size: number): TypedArray {
  if (size >= POOLED_MIN_ELEMENTS) {
    const recycled = takeBuffer(dtype, size);
    if (recycled !== undefined) return recycled;
  }
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

/** Converts any array of numbers to the storage of `dtype` (floats truncate toward zero for int32, as NumPy). */
export function toTypedArray(values: ArrayLike<number | boolean>, dtype: DType): TypedArray {
  const out = allocate(dtype, values.length);
  if (dtype === 'bool') {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  } else if (dtype === 'int32') {
    for (let i = 0; i < values.length; i++) out[i] = Math.trunc(Number(values[i]));
  } else {
    for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  }
  return out;
}

/**
 * Whether `dtype` is `float32` or `float64`; narrows it to {@link FloatDType}.
 * @example isFloatDType('int32') // → false
 */
export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

export function assertDType(fn: string, value: unknown): DType {
  if (value === 'float32' || value === 'float64' || value === 'int32' || value === 'bool') return value;
  throw new DTypeError(`${fn}: unknown dtype ${JSON.stringify(value)}; expected one of ${DTYPES.join(', ')}`);
}

/** Machine epsilon of a float dtype: the gap between 1 and the next representable number. */
export function epsilonOf(dtype: FloatDType): number {
  return dtype === 'float32' ? 2 ** -23 : 2 ** -52;
}
