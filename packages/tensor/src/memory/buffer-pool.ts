import type { DType, TypedArray } from '../dtype.js';

/**
 * Recycles the typed arrays of disposed CPU tensors. Allocating a large typed array costs far more than filling it
 * (the operating system hands out fresh zeroed pages), so a training step that disposes its intermediates through
 * `tidy` hands the same buffers to the next step instead.
 *
 * Safety: a buffer may back several tensors (reshape shares data), so buffers are reference-counted by the CPU
 * storage and pooled only when the last tensor using them is disposed. Only arrays that own their whole buffer are
 * pooled, and small ones are never pooled: for them a `new` is cheaper than the bookkeeping.
 */
/** Arrays smaller than this are never pooled. */
export const POOLED_MIN_ELEMENTS = 4096;
const MIN_ELEMENTS = POOLED_MIN_ELEMENTS;
const MAX_POOLED_BYTES = 256 * 1024 * 1024;
const MAX_PER_SIZE = 32;

const free = new Map<string, TypedArray[]>();
const references = new WeakMap<ArrayBufferLike, number>();
let pooledBytes = 0;

function poolable(values: TypedArray): boolean {
  return values.length >= MIN_ELEMENTS && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
}

function keyOf(dtype: DType, length: number): string {
  return `${dtype}:${length}`;
}

function dtypeOf(values: TypedArray): DType {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  return 'bool';
}

/** A tensor now uses `values`. */
export function retainBuffer(values: TypedArray): void {
  if (poolable(values)) references.set(values.buffer, (references.get(values.buffer) ?? 0) + 1);
}

/** A tensor using `values` was disposed; the buffer is pooled once no tensor uses it. */
export function releaseBuffer(values: TypedArray): void {
  if (!poolable(values)) return;
  const count = (references.get(values.buffer) ?? 1) - 1;
  if (count > 0) {
    references.set(values.buffer, count);
    return;
  }
  references.delete(values.buffer);
  if (pooledBytes + values.byteLength > MAX_POOLED_BYTES) return;
  const key = keyOf(dtypeOf(values), values.length);
  const list = free.get(key);
  if (list === undefined) free.set(key, [values]);
  else if (list.length < MAX_PER_SIZE) list.push(values);
  else return;
  pooledBytes += values.byteLength;
}

/** A recycled, zero-filled array of `dtype` and `size`, or undefined when none is pooled. */
export function takeBuffer(dtype: DType, size: number): TypedArray | undefined {
  if (size < MIN_ELEMENTS) return undefined;
  const values = free.get(keyOf(dtype, size))?.pop();
  if (values === undefined) return undefined;
  pooledBytes -= values.byteLength;
  values.fill(0);
  return values;
}

/** Drops every pooled buffer (for tests and memory pressure). */
export function clearBufferPool(): void {
  free.clear();
  pooledBytes = 0;
}

/** Bytes held by the pool now. */
export function pooledBufferBytes(): number {
  return pooledBytes;
}
