import type { Kernel } from '../../../backend/backend.js';
import { allocate } from '../../../dtype.js';
import { sizeOf, stridesOf } from '../../../shape.js';
import { broadcastOffsets } from '../broadcast.js';
import { zeroCounter } from '../counter.js';
import type { CpuStorage } from '../storage.js';

/** Same values, new shape: the data is shared, since tensors are immutable. */
export const reshapeCpu: Kernel<'Reshape', CpuStorage> = ({ inputs: { x }, attrs: { shape }, storage }) =>
  storage.write(storage.values(x), shape, x.dtype);

/** Permutes axes: output axis i is input axis perm[i]. */
export const transposeCpu: Kernel<'Transpose', CpuStorage> = ({ inputs: { x }, attrs: { perm }, storage }) => {
  const v = storage.values(x);
  const shape = perm.map((axis) => x.shape[axis]);
  const out = allocate(x.dtype, v.length);
  const rank = shape.length;
  if (v.length === 0) return storage.write(out, shape, x.dtype);
  if (rank === 2 && perm[0] === 1) {
    // Blocked 2-D transpose: both the reads and the writes stay within a few cache lines per tile.
    const [rows, cols] = x.shape;
    const tile = 32;
    for (let r0 = 0; r0 < rows; r0 += tile) {
      const r1 = Math.min(r0 + tile, rows);
      for (let c0 = 0; c0 < cols; c0 += tile) {
        const c1 = Math.min(c0 + tile, cols);
        for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * rows + r] = v[r * cols + c];
      }
    }
    return storage.write(out, shape, x.dtype);
  }
  const inStrides = stridesOf(x.shape);
  const strides = perm.map((axis) => inStrides[axis]);
  const counter = zeroCounter(rank);
  const innerSize = rank === 0 ? 1 : shape[rank - 1];
  const innerStride = rank === 0 ? 0 : strides[rank - 1];
  let offset = 0;
  for (let o = 0; o < out.length; o += innerSize) {
    for (let j = 0; j < innerSize; j++) out[o + j] = v[offset + j * innerStride];
    for (let d = rank - 2; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        offset += strides[d];
        break;
      }
      counter[d] = 0;
      offset -= strides[d] * (shape[d] - 1);
    }
  }
  return storage.write(out, shape, x.dtype);
};

/** Repeats `x` along its size-1 (or missing leading) axes to fill `shape`. */
export const broadcastToCpu: Kernel<'BroadcastTo', CpuStorage> = ({ inputs: { x }, attrs: { shape }, storage }) => {
  const v = storage.values(x);
  const n = sizeOf(shape);
  // One element (the cotangent of every loss), or as many as the output (only size-1 axes were added): no offsets.
  if (v.length === 1 || v.length === n) {
    const out = allocate(x.dtype, n);
    if (v.length === n) out.set(v);
    else out.fill(v[0]);
    return storage.write(out, shape, x.dtype);
  }
  const offsets = broadcastOffsets(x.shape, shape);
  const out = allocate(x.dtype, offsets.length);
  for (let i = 0; i < out.length; i++) out[i] = v[offsets[i]];
  return storage.write(out, shape, x.dtype);
};

/** Copies the box `[begin, begin + size)`; the innermost axis is copied as contiguous runs. */
export const sliceCpu: Kernel<'Slice', CpuStorage> = ({ inputs: { x }, attrs: { begin, size }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, sizeOf(size));
  copyBox(v, stridesOf(x.shape), begin, out, size, true);
  return storage.write(out, size, x.dtype);
};

/** Surrounds `x` with `value`: `paddings[i] = [before, after]` for axis i. */
export const padCpu: Kernel<'Pad', CpuStorage> = ({ inputs: { x }, attrs: { paddings, value }, storage }) => {
  const v = storage.values(x);
  const rank = x.shape.length;
  const shape = new Array<number>(rank);
  const begin = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    begin[i] = paddings[i][0];
    shape[i] = x.shape[i] + paddings[i][0] + paddings[i][1];
  }
  const out = allocate(x.dtype, sizeOf(shape));
  if (value !== 0) out.fill(value);
  if (rank === 1) for (let i = 0, at = begin[0]; i < v.length; i++) out[at + i] = v[i];
  else copyBox(out, stridesOf(shape), begin, v, x.shape, false);
  return storage.write(out, shape, x.dtype);
};

/**
 * Copies between a dense array of `boxShape` and the box at `begin` inside a larger array with `strides`:
 * from the large array into the dense one when `intoDense`, the other way round otherwise.
 */
function copyBox(
  large: ArrayLike<number> & { [i: number]: number },
  strides: readonly number[],
  begin: readonly number[],
  dense: ArrayLike<number> & { [i: number]: number },
  boxShape: readonly number[],
  intoDense: boolean,
): void {
  const total = sizeOf(boxShape);
  if (total === 0) return;
  const rank = boxShape.length;
  if (rank === 0) {
    if (intoDense) dense[0] = large[0];
    else large[0] = dense[0];
    return;
  }
  let offset = 0;
  for (let d = 0; d < rank; d++) offset += begin[d] * strides[d];
  const inner = boxShape[rank - 1];
  const counter = zeroCounter(rank);
  for (let o = 0; o < total; o += inner) {
    if (intoDense) for (let j = 0; j < inner; j++) dense[o + j] = large[offset + j];
    else for (let j = 0; j < inner; j++) large[offset + j] = dense[o + j];
    for (let d = rank - 2; d >= 0; d--) {
      if (++counter[d] < boxShape[d]) {
        offset += strides[d];
        break;
      }
      counter[d] = 0;
      offset -= strides[d] * (boxShape[d] - 1);
    }
  }
}

/** Joins tensors along `axis`: each contributes a contiguous chunk per outer index. */
export const concatCpu: Kernel<'Concat', CpuStorage> = ({ inputs: { tensors }, attrs: { axis }, storage }) => {
  const first = tensors[0];
  const shape = [...first.shape];
  shape[axis] = tensors.reduce((total, t) => total + t.shape[axis], 0);
  const out = allocate(first.dtype, sizeOf(shape));
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  const rowLength = out.length / Math.max(outer, 1);
  let column = 0;
  for (const t of tensors) {
    const v = storage.values(t);
    const chunk = outer === 0 ? 0 : v.length / outer;
    for (let o = 0; o < outer; o++) {
      const from = o * chunk;
      out.set(v.subarray(from, from + chunk), o * rowLength + column);
    }
    column += chunk;
  }
  return storage.write(out, shape, first.dtype);
};

/** Picks slices of `x` along `axis` at `indices` (validated by the op): out shape x[:axis] + indices + x[axis+1:]. */
export const gatherCpu: Kernel<'Gather', CpuStorage> = ({ inputs: { x, indices }, attrs: { axis }, storage }) => {
  const v = storage.values(x);
  const index = storage.values(indices);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i];
  for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i];
  const length = x.shape[axis];
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = allocate(x.dtype, outer * index.length * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < index.length; k++) {
      const from = (o * length + index[k]) * inner;
      out.set(v.subarray(from, from + inner), (o * index.length + k) * inner);
    }
  }
  return storage.write(out, shape, x.dtype);
};

/** The adjoint of Gather: repeated indices add up. */
export const scatterAddCpu: Kernel<'ScatterAdd', CpuStorage> = ({
  inputs: { updates, indices },
  attrs: { axis, shape },
  storage,
}) => {
  const u = storage.values(updates);
  const index = storage.values(indices);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  const length = shape[axis];
  const out = allocate(updates.dtype, sizeOf(shape));
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < index.length; k++) {
      const to = (o * length + index[k]) * inner;
      const from = (o * index.length + k) * inner;
      for (let j = 0; j < inner; j++) out[to + j] += u[from + j];
    }
  }
  return storage.write(out, shape, updates.dtype);
};

/** A new last axis of length `depth`: `onValue` at each index, `offValue` elsewhere (out-of-range rows stay off). */
export const oneHotCpu: Kernel<'OneHot', CpuStorage> = ({
  inputs: { indices },
  attrs: { depth, onValue, offValue, dtype },
  storage,
}) => {
  const index = storage.values(indices);
  const out = allocate(dtype, index.length * depth);
  if (offValue !== 0) out.fill(offValue);
  for (let i = 0; i < index.length; i++) {
    const k = index[i];
    if (k >= 0 && k < depth) out[i * depth + k] = onValue;
  }
  return storage.write(out, [...indices.shape, depth], dtype);
};
