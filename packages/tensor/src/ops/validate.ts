import { constantScalar } from '../creation/scalar-value.js';
import { type DType, isFloatDType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';

/** What binary ops accept: a tensor, or a number that becomes a scalar of the other operand's dtype. */
export type TensorOrNumber = Tensor | number;

export function assertTensor(fn: string, value: unknown, name = 'x'): Tensor {
  if (value instanceof Tensor) {
    if (value.isDisposed) value.assertLive(fn);
    return value;
  }
  throw new ValueError(`${fn}: ${name} must be a Tensor, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (wrap it with tensor(...))';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return `${typeof value} ${String(value)}`;
}

export function assertFloat(fn: string, x: Tensor): void {
  if (!isFloatDType(x.dtype)) {
    throw new DTypeError(`${fn}: expected a float32 or float64 tensor, got ${x.dtype} (use cast(x, 'float32'))`);
  }
}

export function assertNumeric(fn: string, x: Tensor): void {
  if (x.dtype === 'bool') throw new DTypeError(`${fn}: expected a numeric tensor, got bool (use cast(x, 'float32'))`);
}

/**
 * One operand of a binary op: a tensor as it is, a number as a shared scalar of the dtype of the tensor beside it
 * (`other`), or float32 beside another number.
 */
export function operand(fn: string, value: TensorOrNumber, other: TensorOrNumber, name: 'a' | 'b'): Tensor {
  if (typeof value === 'number') return constantScalar(value, other instanceof Tensor ? other.dtype : 'float32');
  return assertTensor(fn, value, name);
}

/** Both operands have one dtype (numbers took the dtype of the tensor beside them, so only two tensors can differ). */
export function assertSameDType(fn: string, a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`${fn}: dtypes differ, ${a.dtype} and ${b.dtype} (cast one of them first)`);
  }
}

/** Resolves a pair of operands to tensors of one dtype; numbers take the dtype of the tensor beside them. */
export function operands(fn: string, a: TensorOrNumber, b: TensorOrNumber): readonly [Tensor, Tensor] {
  const x = operand(fn, a, b, 'a');
  const y = operand(fn, b, a, 'b');
  assertSameDType(fn, x, y);
  return [x, y];
}

export function assertInteger(fn: string, name: string, value: unknown, minimum = Number.NEGATIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    const expected = minimum === 0 ? 'a non-negative integer' : minimum === 1 ? 'a positive integer' : 'an integer';
    throw new ValueError(`${fn}: ${name} must be ${expected}, got ${describe(value)}`);
  }
  return value;
}

export function assertDTypeIs(fn: string, x: Tensor, dtype: DType, name = 'x'): void {
  if (x.dtype !== dtype) throw new DTypeError(`${fn}: ${name} must be ${dtype}, got ${x.dtype}`);
}
