import { makeTensor } from '../backend/engine.js';
import { allocate, type DType } from '../dtype.js';
import type { Tensor } from '../tensor.js';

const SCALAR_SHAPE: readonly number[] = [];

/** A rank-0 tensor without validation: for internal use on numbers already checked. */
export function makeScalar(value: number, dtype: DType): Tensor {
  const values = allocate(dtype, 1);
  values[0] = dtype === 'bool' ? (value ? 1 : 0) : value;
  return makeTensor(values, SCALAR_SHAPE, dtype);
}

/**
 * Shared scalar tensors for the numbers ops receive (`mul(x, 2)`, gradient rules' constants): tensors are
 * immutable, so one `2` serves every call. Creating a tensor per number cost more than the tiny kernels of 2-D
 * problems. The cache is small and bounded; its tensors belong to no `tidy` scope, so no scope disposes them.
 */
const constants: Record<DType, Map<number, Tensor>> = {
  float32: new Map(),
  float64: new Map(),
  int32: new Map(),
  bool: new Map(),
};
const negativeZero: Partial<Record<DType, Tensor>> = {};
const MAX_CONSTANTS = 512;

export function constantScalar(value: number, dtype: DType): Tensor {
  // Maps key numbers by SameValueZero, which confuses -0 with 0 (1 / -0 is -Infinity): -0 is kept apart.
  const isNegativeZero = value === 0 && 1 / value < 0;
  const byValue = constants[dtype];
  const cached = isNegativeZero ? negativeZero[dtype] : byValue.get(value);
  if (cached !== undefined && !cached.isDisposed) return cached;
  const values = allocate(dtype, 1);
  values[0] = dtype === 'bool' ? (value ? 1 : 0) : value;
  const created = makeTensor(values, SCALAR_SHAPE, dtype, false);
  if (isNegativeZero) negativeZero[dtype] = created;
  else {
    if (byValue.size >= MAX_CONSTANTS) byValue.delete(byValue.keys().next().value as number);
    byValue.set(value, created);
  }
  return created;
}
