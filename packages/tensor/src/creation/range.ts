import { makeTensor } from '../backend/engine.js';
import { allocate, assertDType, type DType } from '../dtype.js';
import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** Options of {@link arange} and {@link linspace}. */
export interface RangeOptions {
  /** Default `float32`. */
  readonly dtype?: DType;
}

/**
 * Evenly spaced values in `[start, stop)` with `step`, as NumPy's arange; `arange(n)` counts from 0.
 * @example arange(0, 1, 0.25) // → [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, options: RangeOptions = {}): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  for (const [name, value] of [
    ['start', from],
    ['stop', to],
    ['step', step],
  ] as const) {
    if (!Number.isFinite(value)) throw new ValueError(`arange: ${name} must be a finite number, got ${value}`);
  }
  if (step === 0) throw new ValueError('arange: step must not be 0');
  const dtype = assertDType('arange', options.dtype ?? 'float32');
  const count = Math.max(0, Math.ceil((to - from) / step));
  const values = allocate(dtype, count);
  for (let i = 0; i < count; i++) values[i] = from + i * step;
  return makeTensor(values, [count], dtype);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 * @example linspace(0, 1, 5) // → [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, options: RangeOptions = {}): Tensor {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ValueError(`linspace: start and stop must be finite, got ${start} and ${stop}`);
  }
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError(`linspace: num must be a non-negative integer, got ${num}`);
  const dtype = assertDType('linspace', options.dtype ?? 'float32');
  const values = allocate(dtype, num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return makeTensor(values, [num], dtype);
}
