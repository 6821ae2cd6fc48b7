import type { Kernel, TensorInfo } from '../../../backend/backend.js';
import { allocate, type DType } from '../../../dtype.js';
import { reducedShape, sizeOf } from '../../../shape.js';
import { reduceRuns } from '../reduce-runs.js';
import type { CpuStorage } from '../storage.js';

// Reductions accumulate in float64 whatever the dtype, then round once: float32 sums of a million terms stay accurate.

function output(x: TensorInfo, axes: readonly number[], keepDims: boolean) {
  const shape = reducedShape(x.shape, axes, keepDims);
  return { shape, accumulator: new Float64Array(sizeOf(shape)) };
}

function finish(storage: CpuStorage, accumulator: Float64Array, shape: number[], dtype: DType): TensorInfo {
  const out = allocate(dtype, accumulator.length);
  // `set` between arrays of different types converts element by element in a slow generic path: for the handful of
  // outputs of a full reduction a loop is several times faster.
  if (accumulator.length <= 64) for (let i = 0; i < accumulator.length; i++) out[i] = accumulator[i];
  else out.set(accumulator);
  return storage.write(out, shape, dtype);
}

/** Four independent partial sums of `v[start, start + n)`: the additions no longer wait on each other (and round a little less). */
function runSum(v: ArrayLike<number>, start: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += v[start + j];
    s1 += v[start + j + 1];
    s2 += v[start + j + 2];
    s3 += v[start + j + 3];
  }
  for (; j < n; j++) s0 += v[start + j];
  return s0 + s1 + (s2 + s3);
}

export const sumCpu: Kernel<'Sum', CpuStorage> = ({ inputs: { x }, attrs: { axes, keepDims }, storage }) => {
  const v = storage.values(x);
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  if (axes.length === x.shape.length) {
    // A full reduction (every loss) is one run: no accumulator array, no run walk. The same arithmetic as below.
    const out = allocate(dtype, 1);
    out[0] = runSum(v, 0, v.length);
    return storage.write(out, reducedShape(x.shape, axes, keepDims), dtype);
  }
  const { shape, accumulator: acc } = output(x, axes, keepDims);
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) acc[o] += runSum(v, i, n);
    else for (let j = 0; j < n; j++) acc[o + j] += v[i + j];
  });
  return finish(storage, acc, shape, dtype);
};

export const prodCpu: Kernel<'Prod', CpuStorage> = ({ inputs: { x }, attrs: { axes, keepDims }, storage }) => {
  const v = storage.values(x);
  const { shape, accumulator: acc } = output(x, axes, keepDims);
  acc.fill(1);
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) {
      let total = 1;
      for (let j = 0; j < n; j++) total *= v[i + j];
      acc[o] *= total;
    } else for (let j = 0; j < n; j++) acc[o + j] *= v[i + j];
  });
  return finish(storage, acc, shape, x.dtype === 'bool' ? 'int32' : x.dtype);
};

export const maxCpu: Kernel<'Max', CpuStorage> = ({ inputs: { x }, attrs: { axes, keepDims }, storage }) => {
  const v = storage.values(x);
  const { shape, accumulator: acc } = output(x, axes, keepDims);
  acc.fill(Number.NEGATIVE_INFINITY);
  // `value > best || value !== value`: NaN wins and then stays, as in NumPy.
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) {
      let best = acc[o];
      for (let j = 0; j < n; j++) {
        const value = v[i + j];
        if (value > best || value !== value) best = value;
      }
      acc[o] = best;
    } else
      for (let j = 0; j < n; j++) {
        const value = v[i + j];
        if (value > acc[o + j] || value !== value) acc[o + j] = value;
      }
  });
  return finish(storage, acc, shape, x.dtype);
};

export const minCpu: Kernel<'Min', CpuStorage> = ({ inputs: { x }, attrs: { axes, keepDims }, storage }) => {
  const v = storage.values(x);
  const { shape, accumulator: acc } = output(x, axes, keepDims);
  acc.fill(Number.POSITIVE_INFINITY);
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) {
      let best = acc[o];
      for (let j = 0; j < n; j++) {
        const value = v[i + j];
        if (value < best || value !== value) best = value;
      }
      acc[o] = best;
    } else
      for (let j = 0; j < n; j++) {
        const value = v[i + j];
        if (value < acc[o + j] || value !== value) acc[o + j] = value;
      }
  });
  return finish(storage, acc, shape, x.dtype);
};

/** log Σ exp(x), shifted by the maximum so that no exp overflows. */
export const logSumExpCpu: Kernel<'LogSumExp', CpuStorage> = ({
  inputs: { x },
  attrs: { axes, keepDims },
  storage,
}) => {
  const v = storage.values(x);
  const { shape, accumulator: shift } = output(x, axes, keepDims);
  shift.fill(Number.NEGATIVE_INFINITY);
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) for (let j = 0; j < n; j++) shift[o] = Math.max(shift[o], v[i + j]);
    else for (let j = 0; j < n; j++) shift[o + j] = Math.max(shift[o + j], v[i + j]);
  });
  // An infinite maximum (all -inf, or a +inf present) would make x - max NaN; its log-sum-exp is the maximum itself.
  for (let o = 0; o < shift.length; o++) if (!Number.isFinite(shift[o]) && shift[o] === shift[o]) shift[o] = 0;
  const sum = new Float64Array(shift.length);
  reduceRuns(x.shape, axes, (i, o, n, reduced) => {
    if (reduced) {
      const m = shift[o];
      let total = 0;
      for (let j = 0; j < n; j++) total += Math.exp(v[i + j] - m);
      sum[o] += total;
    } else for (let j = 0; j < n; j++) sum[o + j] += Math.exp(v[i + j] - shift[o + j]);
  });
  for (let o = 0; o < sum.length; o++) sum[o] = shift[o] + Math.log(sum[o]);
  return finish(storage, sum, shape, x.dtype);
};
