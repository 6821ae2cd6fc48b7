import type { FloatDType } from '../dtype.js';
import { ValueError } from '../errors.js';

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/**
 * The closed interval `[lo, hi]` of `dtype` values that lie in the real interval [low, high): `lo` is the
 * smallest value ≥ low and `hi` the largest value < high. `low + (high − low)·u` with u < 1 can still round up to
 * `high` (for example 1 + (1 − 2^-24) in float32 is 2), so samplers clamp each draw into this interval instead of
 * trusting the arithmetic. Throws when no `dtype` value lies in [low, high).
 *
 * @example floatInterval('Rng.uniform', 1, 2, 'float32') // → [1, 2 − 2^-23]
 */
export function floatInterval(fn: string, low: number, high: number, dtype: FloatDType): [lo: number, hi: number] {
  let lo = low;
  let hi: number;
  if (dtype === 'float32') {
    // Beyond ±3.4e38 the draws would round to ±∞ and pile up on the clamp instead of spreading.
    if (!Number.isFinite(Math.fround(low)) || !Number.isFinite(Math.fround(high))) {
      throw new ValueError(`${fn}: [${low}, ${high}) exceeds the float32 range; use dtype float64`);
    }
    lo = Math.fround(low);
    if (lo < low) lo = nextFloat32(lo, 1);
    hi = Math.fround(high);
    if (hi >= high) hi = nextFloat32(hi, -1);
  } else {
    hi = nextFloat64Down(high);
  }
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new ValueError(`${fn}: no finite ${dtype} value lies in [${low}, ${high}); widen the interval`);
  }
  return [lo, hi];
}

/** The neighbouring float32 of a float32 `x` in `direction` (+1 up, −1 down), through its bit pattern. */
function nextFloat32(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * 2 ** -149;
  f32[0] = x;
  // For positive floats a larger bit pattern is a larger value; for negative ones it is the opposite.
  i32[0] += x > 0 === direction > 0 ? 1 : -1;
  return f32[0];
}

/** The largest float64 below a finite `x`. */
function nextFloat64Down(x: number): number {
  if (x === 0) return -(2 ** -1074);
  f64[0] = x;
  i64[0] += x > 0 ? -1n : 1n;
  return f64[0];
}
