import { makeTensor } from '../backend/engine.js';
import type { FloatDType } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { assertFloat, assertTensor } from '../ops/validate.js';
import { formatShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';

/**
 * A validated `[..., rows, cols]` input copied to float64: every linalg routine computes in double precision, so a
 * float32 input loses nothing to the algorithm and only its result is rounded back.
 */
export interface MatrixStack {
  /** Row-major copy of all matrices, matrix `b` starting at `b * rows * cols`. */
  readonly values: Float64Array;
  /** The leading (batch) axes; `[]` for a single matrix. */
  readonly batchShape: readonly number[];
  /** Number of matrices: the product of `batchShape`. */
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly dtype: FloatDType;
}

export interface ReadMatrixOptions {
  /** Name of the argument in error messages. Default `a`. */
  readonly name?: string;
  /** Require `rows === cols`. */
  readonly square?: boolean;
}

/**
 * Validates a stack of matrices (a float tensor of rank ≥ 2 with finite entries) and copies it to float64.
 * Non-finite entries are rejected up front because factorizations would smear one NaN over every output.
 */
export function readMatrixStack(fn: string, a: unknown, options: ReadMatrixOptions = {}): MatrixStack {
  const { name = 'a', square = false } = options;
  const x = assertTensor(fn, a, name);
  assertFloat(fn, x);
  const rank = x.shape.length;
  if (rank < 2) {
    throw new ShapeError(
      `${fn}: ${name} must be a matrix of shape [..., ${square ? 'n, n' : 'm, n'}], got shape ${formatShape(x.shape)}`,
    );
  }
  const rows = x.shape[rank - 2];
  const cols = x.shape[rank - 1];
  if (square && rows !== cols) {
    throw new ShapeError(`${fn}: ${name} must be square, got shape ${formatShape(x.shape)}`);
  }
  const values = Float64Array.from(x.dataSync());
  assertFinite(fn, name, values, x.shape);
  const batchShape = x.shape.slice(0, -2);
  let count = 1;
  for (const dim of batchShape) count *= dim;
  return { values, batchShape, count, rows, cols, dtype: x.dtype as FloatDType };
}

/** Throws a ValueError naming the first non-finite entry by its index. */
export function assertFinite(fn: string, name: string, values: Float64Array, shape: Shape): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ValueError(
        `${fn}: ${name} has a non-finite entry (${values[i]} at ${formatShape(unravel(i, shape))}); expected finite values`,
      );
    }
  }
}

function unravel(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** Wraps float64 results as a tensor of `dtype`, rounding once when the input was float32. */
export function toTensor(values: Float64Array, shape: Shape, dtype: FloatDType): Tensor {
  return makeTensor(dtype === 'float32' ? Float32Array.from(values) : values, shape, dtype);
}

/** ` (matrix 3 of the batch)` for batched inputs, nothing for a single matrix: appended to error messages. */
export function batchNote(index: number, count: number): string {
  return count > 1 ? ` in matrix ${index} of the batch` : '';
}

/** Largest absolute entry of the `size` values from `offset`: the scale that relative tolerances refer to. */
export function maxAbs(values: Float64Array, offset: number, size: number): number {
  let largest = 0;
  for (let i = offset; i < offset + size; i++) {
    const magnitude = Math.abs(values[i]);
    if (magnitude > largest) largest = magnitude;
  }
  return largest;
}
