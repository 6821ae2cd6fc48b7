import { makeTensor } from '../backend/engine.js';
import { assertDType, type DType, type TypedArray, toTypedArray } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { assertShape, formatShape, type Shape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { makeScalar } from './scalar-value.js';

/** Nested arrays of numbers or booleans, a typed array, or a single value. */
export type TensorLike = number | boolean | TypedArray | readonly TensorLike[];

/** Options of {@link tensor}: the dtype, and the shape for flat data. */
export interface TensorOptions {
  /** Default: `bool` for booleans, the typed array's own dtype, otherwise `float32`. */
  readonly dtype?: DType;
  /** Required for flat data that is not 1-D; checked against nested data. */
  readonly shape?: Shape;
}

/**
 * Creates a tensor from nested arrays, a typed array or a number.
 * @example tensor([[1, 2], [3, 4]]) // float32, shape [2, 2]
 * @example tensor(new Float64Array(6), { shape: [2, 3] })
 */
export function tensor(values: TensorLike, options: TensorOptions = {}): Tensor {
  const { flat, shape: inferred, dtype: natural } = flatten(values);
  const dtype = options.dtype === undefined ? natural : assertDType('tensor', options.dtype);
  let shape: Shape = inferred;
  if (options.shape !== undefined) {
    const requested = assertShape('tensor', options.shape);
    if (sizeOf(requested) !== flat.length) {
      throw new ShapeError(
        `tensor: ${flat.length} values do not fill shape ${formatShape(requested)} (${sizeOf(requested)} elements)`,
      );
    }
    if (inferred.length > 1 && !sameShape(inferred, requested)) {
      throw new ShapeError(`tensor: nested data has shape ${formatShape(inferred)}, not ${formatShape(requested)}`);
    }
    shape = [...requested];
  }
  const stored = ArrayBuffer.isView(flat) && dtypeOfArray(flat) === dtype ? flat.slice() : toTypedArray(flat, dtype);
  return makeTensor(stored, shape, dtype);
}

/**
 * A rank-0 tensor.
 * @example scalar(3).item() // → 3
 */
export function scalar(
  value: number | boolean,
  dtype: DType = typeof value === 'boolean' ? 'bool' : 'float32',
): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError(`scalar: expected a number or boolean, got ${typeof value}`);
  }
  return makeScalar(Number(value), assertDType('scalar', dtype));
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

function dtypeOfArray(values: TypedArray): DType {
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint8Array) return 'bool';
  return 'float32';
}

/** Flattens nested arrays row-major, checking that they are rectangular. */
function flatten(values: TensorLike): { flat: TypedArray | (number | boolean)[]; shape: number[]; dtype: DType } {
  if (typeof values === 'number') return { flat: [values], shape: [], dtype: 'float32' };
  if (typeof values === 'boolean') return { flat: [values], shape: [], dtype: 'bool' };
  if (ArrayBuffer.isView(values)) {
    if (
      values instanceof Float32Array ||
      values instanceof Float64Array ||
      values instanceof Int32Array ||
      values instanceof Uint8Array
    ) {
      return { flat: values, shape: [values.length], dtype: dtypeOfArray(values) };
    }
    throw new ValueError('tensor: typed arrays must be Float32Array, Float64Array, Int32Array or Uint8Array');
  }
  if (!Array.isArray(values))
    throw new ValueError(`tensor: expected numbers, booleans or arrays, got ${typeof values}`);
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const flat: (number | boolean)[] = [];
  let sawBoolean = false;
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof node === 'number') flat.push(node);
      else if (typeof node === 'boolean') {
        flat.push(node);
        sawBoolean = true;
      } else
        throw new ValueError(
          `tensor: element ${path} is ${Array.isArray(node) ? 'an array' : typeof node}, expected a number`,
        );
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      const got = Array.isArray(node) ? `length ${node.length}` : typeof node;
      throw new ShapeError(
        `tensor: ragged nested array: ${path || 'the top level'} has ${got}, expected length ${shape[depth]}`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, `${path}[${i}]`);
  };
  walk(values, 0, '');
  return { flat, shape, dtype: sawBoolean ? 'bool' : 'float32' };
}
