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
