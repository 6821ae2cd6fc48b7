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
const constants = new Map<string, Tensor>();
const MAX_CONSTANTS = 512;

export function constantScalar(value: number, dtype: DType): Tensor {
  // -0 and 0 differ (1 / -0 is -Infinity), so they get different keys.
  const key = value === 0 && 1 / value < 0 ? `${dtype}:-0` : `${dtype}:${value}`;
  const cached = constants.get(key);
  if (cached !== undefined && !cached.isDisposed) return cached;
  const values = allocate(dtype, 1);
  values[0] = dtype === 'bool' ? (value ? 1 : 0) : value;
  const created = makeTensor(values, SCALAR_SHAPE, dtype, false);
  if (constants.size >= MAX_CONSTANTS) constants.delete(constants.keys().next().value as string);
  constants.set(key, created);
  return created;
}
