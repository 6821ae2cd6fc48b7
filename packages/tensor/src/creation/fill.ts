import { makeTensor } from '../backend/engine.js';
import { allocate, assertDType, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { assertTensor } from '../ops/validate.js';
import { assertShape, type Shape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** The dtype of a created tensor. */
export interface DTypeOptions {
  /** Default `float32`, or `bool` when {@link full} fills with a boolean. */
  readonly dtype?: DType;
}

/**
 * A tensor of `shape` with every element equal to `value`.
 * @example full([2, 2], 7) // → [[7, 7], [7, 7]]
 */
export function full(shape: Shape, value: number | boolean, options: DTypeOptions = {}): Tensor {
  return filled('full', shape, value, options);
}

/** `full` under the name of the function the user called, so errors name it. */
function filled(fn: string, shape: Shape, value: number | boolean, options: DTypeOptions): Tensor {
  const checked = assertShape(fn, shape);
  const dtype = assertDType(fn, options.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'));
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError(`${fn}: value must be a number or boolean, got ${typeof value}`);
  }
  const values = allocate(dtype, sizeOf(checked));
  const stored = dtype === 'bool' ? (value ? 1 : 0) : Number(value);
  if (stored !== 0) values.fill(stored);
  return makeTensor(values, [...checked], dtype);
}

/** @example zeros([2, 3]) */
export function zeros(shape: Shape, options: DTypeOptions = {}): Tensor {
  return filled('zeros', shape, 0, { dtype: options.dtype ?? 'float32' });
}

/** @example ones([3]) // → [1, 1, 1] */
export function ones(shape: Shape, options: DTypeOptions = {}): Tensor {
  return filled('ones', shape, 1, { dtype: options.dtype ?? 'float32' });
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  return filledLike('zerosLike', x, 0);
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  return filledLike('onesLike', x, 1);
}

/**
 * `full` with the shape and dtype of an existing tensor, which are valid already: no checks, and the (immutable)
 * shape is shared. Differentiation seeds every backward sweep with `onesLike(loss)`.
 */
function filledLike(fn: string, x: Tensor, value: 0 | 1): Tensor {
  assertTensor(fn, x);
  const values = allocate(x.dtype, x.size);
  if (value !== 0) for (let i = 0; i < values.length; i++) values[i] = value;
  return makeTensor(values, x.shape, x.dtype);
}

/** Options of {@link eye}: the number of columns and the dtype (default `float32`). */
export interface EyeOptions extends DTypeOptions {
  /** Number of columns; default `n` (square). */
  readonly columns?: number;
}

/**
 * The identity matrix (ones on the main diagonal).
 * @example eye(2) // → [[1, 0], [0, 1]]
 */
export function eye(n: number, options: EyeOptions = {}): Tensor {
  const columns = options.columns ?? n;
  assertShape('eye', [n, columns]);
  const dtype = assertDType('eye', options.dtype ?? 'float32');
  const values = allocate(dtype, n * columns);
  for (let i = 0; i < Math.min(n, columns); i++) values[i * columns + i] = 1;
  return makeTensor(values, [n, columns], dtype);
}
