import { type DType, Tensor, tensor, ValueError } from '@descent/tensor';
import { describe } from './internal/validate.js';

/** What `JSON.parse` returns. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A tensor as JSON: dtype, shape and row-major values; NaN, ±Infinity and −0 are written as strings. */
export interface TensorJSON {
  readonly $tensor: {
    readonly dtype: DType;
    readonly shape: readonly number[];
    readonly values: readonly (number | 'NaN' | 'Infinity' | '-Infinity' | '-0')[];
  };
}

const DTYPES: readonly string[] = ['float32', 'float64', 'int32', 'bool'];

function encodeNumber(value: number): number | 'NaN' | 'Infinity' | '-Infinity' | '-0' {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0 && 1 / value < 0) return '-0';
  return value;
}

function decodeNumber(fn: string, value: unknown, at: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (value === '-0') return -0;
  throw new ValueError(`${fn}: ${at} is ${describe(value)}; expected a number, "NaN", "Infinity", "-Infinity" or "-0"`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Optimizer state (or a parameter tree) as plain JSON: tensors become {@link TensorJSON}, numbers that JSON cannot
 * hold become `{ "$number": "NaN" }`, and arrays, plain objects, strings, booleans and null are kept. Float values
 * are written in the shortest form that reads back to the same double, so float32 and float64 state round-trips
 * bit for bit through `JSON.stringify` / `JSON.parse` / {@link stateFromJSON}. Reads the tensors synchronously.
 * @example
 * import { sgd, stateToJSON } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = sgd(0.1, { momentum: 0.9 });
 * const saved = JSON.stringify(stateToJSON(optimizer.init({ w: tensor([1, 2]) })));
 */
export function stateToJSON(state: unknown): JsonValue {
  const fn = 'stateToJSON';
  const encode = (value: unknown, at: string): JsonValue => {
    if (value instanceof Tensor) {
      const values = Array.from(value.dataSync(), encodeNumber);
      return { $tensor: { dtype: value.dtype, shape: [...value.shape], values } };
    }
    if (typeof value === 'number')
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: encodeNumber(value) };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((item, i) => encode(item, `${at}[${i}]`));
    if (isPlainObject(value)) {
      const out: Record<string, JsonValue> = {};
      for (const key of Object.keys(value)) {
        if (key.startsWith('$')) throw new ValueError(`${fn}: ${at}.${key}: keys starting with "$" are reserved`);
        out[key] = encode(value[key], at ? `${at}.${key}` : key);
      }
      return out;
    }
    throw new ValueError(
      `${fn}: ${at || 'the state'} is ${describe(value)}; expected tensors, numbers, strings, booleans, null, arrays or plain objects`,
    );
  };
  return encode(state, '');
}

/**
 * Reads what {@link stateToJSON} wrote (after `JSON.parse`), creating tensors on the current backend. Validates every
 * tensor's dtype, shape and values and throws a `ValueError` naming the path of the first bad entry. Pair it with
 * `Optimizer.fromJSON`, or pass the result to the transformation that wrote it: its `update` refuses a state from
 * another transformation or another parameter tree.
 * @example
 * import { adam, stateFromJSON, stateToJSON } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const optimizer = adam(1e-3);
 * const state = optimizer.init({ w: tensor([1, 2]) });
 * const copy = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))));
 */
export function stateFromJSON(json: unknown): unknown {
  const fn = 'stateFromJSON';
  const decode = (value: unknown, at: string): unknown => {
    const where = at || 'the root';
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => decode(item, `${at}[${i}]`));
    if (!isPlainObject(value)) throw new ValueError(`${fn}: ${where} is ${describe(value)}; expected JSON`);
    if ('$number' in value) return decodeNumber(fn, value.$number, `${where}.$number`);
    if ('$tensor' in value) {
      const spec = value.$tensor as { dtype?: unknown; shape?: unknown; values?: unknown } | null;
      if (!isPlainObject(spec)) throw new ValueError(`${fn}: ${where}.$tensor must be an object`);
      const { dtype, shape, values } = spec;
      if (typeof dtype !== 'string' || !DTYPES.includes(dtype)) {
        throw new ValueError(`${fn}: ${where} has dtype ${describe(dtype)}; expected one of ${DTYPES.join(', ')}`);
      }
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new ValueError(
          `${fn}: ${where} has shape ${describe(shape)}; expected an array of non-negative integers`,
        );
      }
      const size = shape.reduce((a: number, b: number) => a * b, 1);
      if (!Array.isArray(values) || values.length !== size) {
        throw new ValueError(`${fn}: ${where} has ${describe(values)} for shape [${shape}]; expected ${size} values`);
      }
      const typed =
        dtype === 'float64'
          ? new Float64Array(size)
          : dtype === 'float32'
            ? new Float32Array(size)
            : dtype === 'int32'
              ? new Int32Array(size)
              : new Uint8Array(size);
      for (let i = 0; i < size; i++) typed[i] = decodeNumber(fn, values[i], `${where} value ${i}`);
      return tensor(typed, { dtype: dtype as DType, shape });
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = decode(value[key], at ? `${at}.${key}` : key);
    return out;
  };
  return decode(json, '');
}
