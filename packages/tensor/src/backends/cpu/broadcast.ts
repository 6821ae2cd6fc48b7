import type { TypedArray } from '../../dtype.js';
import { type Shape, shapesEqual, sizeOf } from '../../shape.js';
import { zeroCounter } from './counter.js';

/**
 * One contiguous run of a broadcast binary op: `out[outOffset + j] = f(a[aOffset + j * aStride], b[bOffset + j * bStride])`
 * for `j < n`, where each stride is 0 (broadcast) or 1. Kernels write this loop once; `binaryRows` calls it per run.
 */
export type BinaryRow = (
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  aOffset: number,
  bOffset: number,
  outOffset: number,
  n: number,
  aStride: number,
  bStride: number,
) => void;

/**
 * Walks a broadcast `a op b` as runs of contiguous output. Adjacent dimensions that are laid out contiguously in both
 * operands are merged first, so equal shapes and scalar operands take a single call, and `[m,n] + [n]` takes m calls
 * of length n. The closure is called per run, never per element.
 */
export function binaryRows(
  outShape: Shape,
  aShape: Shape,
  bShape: Shape,
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  row: BinaryRow,
): void {
  const total = sizeOf(outShape);
  if (total === 0) return;
  if (shapesEqual(aShape, outShape) && shapesEqual(bShape, outShape)) {
    row(a, b, out, 0, 0, 0, total, 1, 1);
    return;
  }
  const rank = outShape.length;
  // Merged dimensions, innermost first, with each operand's stride (0 where it is broadcast).
  const dims: number[] = [];
  const aStrides: number[] = [];
  const bStrides: number[] = [];
  let aStride = 1;
  let bStride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const size = outShape[i];
    const aIndex = i - (rank - aShape.length);
    const bIndex = i - (rank - bShape.length);
    const aSize = aIndex >= 0 ? aShape[aIndex] : 1;
    const bSize = bIndex >= 0 ? bShape[bIndex] : 1;
    const sa = aSize === 1 ? 0 : aStride;
    const sb = bSize === 1 ? 0 : bStride;
    aStride *= aSize;
    bStride *= bSize;
    if (size === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && sa === aStrides[last] * dims[last] && sb === bStrides[last] * dims[last]) dims[last] *= size;
    else {
      dims.push(size);
      aStrides.push(sa);
      bStrides.push(sb);
    }
  }
  if (dims.length === 0) {
    row(a, b, out, 0, 0, 0, 1, 0, 0);
    return;
  }
  const n = dims[0];
  const innerA = aStrides[0];
  const innerB = bStrides[0];
  const outer = dims.length - 1;
  const counter = zeroCounter(outer + 1);
  let aOffset = 0;
  let bOffset = 0;
  for (let outOffset = 0; outOffset < total; outOffset += n) {
    row(a, b, out, aOffset, bOffset, outOffset, n, innerA, innerB);
    for (let d = 1; d <= outer; d++) {
      if (++counter[d] < dims[d]) {
        aOffset += aStrides[d];
        bOffset += bStrides[d];
        break;
      }
      counter[d] = 0;
      aOffset -= aStrides[d] * (dims[d] - 1);
      bOffset -= bStrides[d] * (dims[d] - 1);
    }
  }
}

/** For each output element, the offset of the element it reads in an input of `inShape` broadcast to `outShape`. */
export function broadcastOffsets(inShape: Shape, outShape: Shape): Int32Array {
  const total = sizeOf(outShape);
  const offsets = new Int32Array(total);
  if (total === 0) return offsets;
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const inIndex = i - (rank - inShape.length);
    const size = inIndex >= 0 ? inShape[inIndex] : 1;
    strides[i] = size === 1 ? 0 : stride;
    stride *= size;
  }
  const counter = zeroCounter(rank);
  let offset = 0;
  for (let o = 0; o < total; o++) {
    offsets[o] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      if (++counter[d] < outShape[d]) {
        offset += strides[d];
        break;
      }
      counter[d] = 0;
      offset -= strides[d] * (outShape[d] - 1);
    }
  }
  return offsets;
}
