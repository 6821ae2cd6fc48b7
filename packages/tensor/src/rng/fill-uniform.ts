import { nextFloat24, nextFloat53 } from './draws.js';

/**
 * Fills `out` with `low + (high − low)·u`, u uniform on [0, 1), each value clamped into `[lo, hi]` (see
 * {@link floatInterval}) so that rounding can never produce `high`. A float32 target takes 24 random bits per
 * element (one output); a float64 target takes 53 (two outputs).
 *
 * @example fillUniform(state, new Float32Array(4), 0, 1, 0, 1 - 2 ** -24)
 */
export function fillUniform(
  state: Int32Array,
  out: Float32Array | Float64Array,
  low: number,
  high: number,
  lo: number,
  hi: number,
): void {
  const width = high - low;
  if (out instanceof Float32Array) {
    for (let i = 0; i < out.length; i++) {
      const value = Math.fround(low + width * nextFloat24(state));
      out[i] = Math.min(Math.max(value, lo), hi);
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      const value = low + width * nextFloat53(state);
      out[i] = Math.min(value, hi);
    }
  }
}
