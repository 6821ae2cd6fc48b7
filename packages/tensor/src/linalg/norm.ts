import type { FloatDType } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { assertFloat, assertTensor } from '../ops/validate.js';
import { formatShape, normalizeAxis, reducedShape, type Shape, stridesOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { euclideanNorm } from './euclidean-norm.js';
import { toTensor } from './matrix-stack.js';
import { symmetricEigenInPlace } from './symmetric-eigen.js';

/** A vector order p (any number, ±Infinity, 0), or a matrix order: `'fro'`, 1, −1, 2, Infinity, −Infinity. */
export type NormOrder = number | 'fro';

/** Options of {@link norm}: the axes to reduce and whether to keep them. The order is its own argument. */
export interface NormOptions {
  /**
   * One axis: a vector norm along it. Two axes [rowAxis, colAxis]: a matrix norm over them. Omitted: the whole
   * tensor, as a vector (or as a matrix for a 2-D tensor when `ord` is given), as NumPy.
   */
  readonly axis?: number | readonly [number, number];
  /** Keep the reduced axes as size 1, so the result broadcasts against `x`. Default false. */
  readonly keepDims?: boolean;
}

/**
 * Vector and matrix norms, computed in float64 and returned in the input dtype (NumPy's `linalg.norm`).
 * Vector orders: ‖x‖₂ = √Σxᵢ² (the default; overflow-safe, scaled by max|xᵢ| as `Math.hypot`), ‖x‖₁ = Σ|xᵢ|,
 * ‖x‖_∞ = max|xᵢ|, −Infinity: min|xᵢ|, 0: the number of non-zeros, otherwise (Σ|xᵢ|ᵖ)^{1/p}.
 * Matrix orders: `'fro'` √Σaᵢⱼ² (the default), 1: max column sum of |aᵢⱼ|, Infinity: max row sum, −1 and −Infinity
 * the minimums, 2: the largest singular value σ₁ = √λ_max(AᵀA) (from {@link eigh}'s algorithm; accurate to about
 * eps·σ₁). Unlike the factorizations, non-finite entries are not rejected: they propagate (NaN in, NaN out;
 * Infinity gives Infinity), so a norm can serve as a finiteness check.
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), §2.2–2.3, https://jhupbooks.press.jhu.edu/title/matrix-computations
 * @example
 * linalg.norm(tensor([3, 4])) // → 5
 * linalg.norm(tensor([[1, -2], [3, 4]]), 1) // → 6 (max column sum)
 * linalg.norm(tensor([[3, 4], [6, 8]]), 2, { axis: 1 }) // → [5, 10]
 */
export function norm(x: Tensor, ord?: NormOrder, options: NormOptions = {}): Tensor {
  const fn = 'linalg.norm';
  assertTensor(fn, x);
  assertFloat(fn, x);
  const { axis, keepDims = false } = options;
  const shape = x.shape;
  const rank = shape.length;
  const strides = stridesOf(shape);
  const values = Float64Array.from(x.dataSync());
  const dtype = x.dtype as FloatDType;

  if (axis === undefined && ord === undefined) {
    const result = new Float64Array([euclideanNorm(values, 0, 1, values.length)]);
    return toTensor(result, keepDims ? shape.map(() => 1) : [], dtype);
  }
  let rowAxis: number;
  let colAxis: number | undefined;
  if (axis === undefined) {
    if (rank !== 1 && rank !== 2) {
      throw new ShapeError(
        `${fn}: ord ${String(ord)} needs a vector or a matrix, got shape ${formatShape(shape)}; pass axis to choose`,
      );
    }
    rowAxis = 0;
    colAxis = rank === 2 ? 1 : undefined;
  } else if (typeof axis === 'number') {
    rowAxis = normalizeAxis(fn, axis, rank);
  } else if (Array.isArray(axis) && axis.length === 2) {
    rowAxis = normalizeAxis(fn, axis[0], rank);
    colAxis = normalizeAxis(fn, axis[1], rank);
    if (rowAxis === colAxis) throw new ShapeError(`${fn}: axis ${JSON.stringify(axis)} names the same axis twice`);
  } else {
    throw new ValueError(`${fn}: axis must be an integer or a pair of integers, got ${JSON.stringify(axis)}`);
  }

  const reduced = colAxis === undefined ? [rowAxis] : [rowAxis, colAxis];
  const offsets = outerOffsets(shape, strides, reduced);
  const result = new Float64Array(offsets.length);
  if (colAxis === undefined) {
    const order = ord ?? 2;
    if (typeof order !== 'number' || Number.isNaN(order)) {
      throw new ValueError(`${fn}: vector norm order must be a number, got ${JSON.stringify(order)}`);
    }
    const [stride, count] = [strides[rowAxis], shape[rowAxis]];
    if (count === 0 && (order === Number.POSITIVE_INFINITY || order === Number.NEGATIVE_INFINITY)) {
      throw new ShapeError(`${fn}: ord ${order} of an empty vector is undefined (axis ${rowAxis} has size 0)`);
    }
    for (let t = 0; t < offsets.length; t++) result[t] = vectorNorm(values, offsets[t], stride, count, order);
  } else {
    const order = ord ?? 'fro';
    if (!MATRIX_ORDERS.includes(order)) {
      throw new ValueError(
        `${fn}: matrix norm order must be one of 'fro', 1, -1, 2, Infinity, -Infinity, got ${JSON.stringify(order)}`,
      );
    }
    const layout = {
      rowStride: strides[rowAxis],
      colStride: strides[colAxis],
      rows: shape[rowAxis],
      cols: shape[colAxis],
    };
    for (let t = 0; t < offsets.length; t++) result[t] = matrixNorm(values, offsets[t], layout, order);
  }
  return toTensor(result, reducedShape(shape, reduced, keepDims), dtype);
}

const MATRIX_ORDERS: readonly NormOrder[] = ['fro', 1, -1, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Start of each vector or matrix: the offsets of every position of the axes not reduced, row-major. */
function outerOffsets(shape: Shape, strides: readonly number[], reduced: readonly number[]): number[] {
  const outer: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) if (!reduced.includes(axis)) outer.push(axis);
  let count = 1;
  for (const axis of outer) count *= shape[axis];
  const offsets = new Array<number>(count);
  const index = new Array<number>(outer.length).fill(0);
  let offset = 0;
  for (let t = 0; t < count; t++) {
    offsets[t] = offset;
    for (let d = outer.length - 1; d >= 0; d--) {
      const axis = outer[d];
      offset += strides[axis];
      if (++index[d] < shape[axis]) break;
      offset -= strides[axis] * shape[axis];
      index[d] = 0;
    }
  }
  return offsets;
}

function vectorNorm(values: Float64Array, offset: number, stride: number, count: number, ord: number): number {
  if (ord === 2) return euclideanNorm(values, offset, stride, count);
  let result = ord === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : 0;
  let hasNaN = false;
  const end = offset + count * stride;
  if (ord === Number.POSITIVE_INFINITY || ord === Number.NEGATIVE_INFINITY) {
    const takeMax = ord > 0;
    for (let at = offset; at < end; at += stride) {
      const magnitude = Math.abs(values[at]);
      if (Number.isNaN(magnitude)) hasNaN = true;
      else if (takeMax ? magnitude > result : magnitude < result) result = magnitude;
    }
    return hasNaN ? Number.NaN : result;
  }
  if (ord === 0) {
    // NaN counts as non-zero, as NumPy's (x != 0).sum().
    for (let at = offset; at < end; at += stride) if (values[at] !== 0) result++;
    return result;
  }
  if (ord === 1) {
    for (let at = offset; at < end; at += stride) result += Math.abs(values[at]);
    return result;
  }
  // General p: scale by the largest magnitude so that |x|ᵖ neither overflows nor underflows (p > 0 only; for
  // p < 0 the largest entries contribute least and zeros give 0, as NumPy).
  let largest = 1;
  if (ord > 0) {
    largest = vectorNorm(values, offset, stride, count, Number.POSITIVE_INFINITY);
    if (largest === 0 || !Number.isFinite(largest)) return largest;
  }
  for (let at = offset; at < end; at += stride) result += (Math.abs(values[at]) / largest) ** ord;
  return largest * result ** (1 / ord);
}

interface MatrixLayout {
  readonly rowStride: number;
  readonly colStride: number;
  readonly rows: number;
  readonly cols: number;
}

function matrixNorm(values: Float64Array, offset: number, layout: MatrixLayout, ord: NormOrder): number {
  const { rowStride, colStride, rows, cols } = layout;
  if (rows === 0 || cols === 0) return 0;
  const matrix = new Float64Array(rows * cols);
  let largest = 0;
  let hasNaN = false;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const value = values[offset + i * rowStride + j * colStride];
      matrix[i * cols + j] = value;
      const magnitude = Math.abs(value);
      if (magnitude > largest) largest = magnitude;
      else if (Number.isNaN(magnitude)) hasNaN = true;
    }
  }
  if (hasNaN) return Number.NaN;
  if (ord === 'fro') return euclideanNorm(matrix, 0, 1, matrix.length);
  if (ord === 2) return spectralNorm(matrix, rows, cols, largest);
  // 1 and −1 sum down columns; ±Infinity sum along rows.
  const byColumns = ord === 1 || ord === -1;
  const [outer, inner] = byColumns ? [cols, rows] : [rows, cols];
  const [outerStride, innerStride] = byColumns ? [1, cols] : [cols, 1];
  const takeMax = (ord as number) > 0;
  let result = takeMax ? 0 : Number.POSITIVE_INFINITY;
  for (let o = 0; o < outer; o++) {
    let sum = 0;
    for (let i = 0; i < inner; i++) sum += Math.abs(matrix[o * outerStride + i * innerStride]);
    if (takeMax ? sum > result : sum < result) result = sum;
  }
  return result;
}

/** σ₁ = √λ_max of the smaller Gram matrix (AᵀA or AAᵀ), after scaling A by its largest entry so σ₁ cannot overflow. */
function spectralNorm(matrix: Float64Array, rows: number, cols: number, largest: number): number {
  if (largest === 0 || largest === Number.POSITIVE_INFINITY) return largest;
  for (let i = 0; i < matrix.length; i++) matrix[i] /= largest;
  const byColumns = cols <= rows;
  const size = byColumns ? cols : rows;
  const gram = new Float64Array(size * size);
  for (let p = 0; p < size; p++) {
    for (let q = 0; q <= p; q++) {
      let sum = 0;
      if (byColumns) for (let i = 0; i < rows; i++) sum += matrix[i * cols + p] * matrix[i * cols + q];
      else for (let j = 0; j < cols; j++) sum += matrix[p * cols + j] * matrix[q * cols + j];
      gram[p * size + q] = sum;
      gram[q * size + p] = sum;
    }
  }
  const eigenvalues = new Float64Array(size);
  symmetricEigenInPlace(gram, size, eigenvalues, new Float64Array(size));
  return largest * Math.sqrt(Math.max(eigenvalues[size - 1], 0));
}
