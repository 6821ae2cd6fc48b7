import { xoshiro128Next } from './xoshiro128.js';

/**
 * The primitive draws every sampler is built from: floats in [0, 1) with a fixed number of random bits, and
 * unbiased integers below a bound. Each one states how many 32-bit outputs it consumes, because the stream
 * layout is part of the reproducibility contract.
 */

const TWO_NEG_24 = 2 ** -24;
const TWO_NEG_53 = 2 ** -53;
const TWO_26 = 2 ** 26;
const TWO_32 = 2 ** 32;
const TWO_53 = 2 ** 53;
/** Below this bound `x·n` is exact in float64 (2^32 · 2^21 = 2^53), so Lemire's method needs no 64-bit product. */
const LEMIRE_LIMIT = 2 ** 21;

/**
 * A float in [0, 1) on the grid k·2^-24, from the top 24 bits of one output: every float32 on that grid is
 * exactly representable, so the result is never 1 after rounding to float32.
 *
 * @example nextFloat24(state) // → 0.734375…, one output consumed
 */
export function nextFloat24(state: Int32Array): number {
  return (xoshiro128Next(state) >>> 8) * TWO_NEG_24;
}

/**
 * A float in [0, 1) on the grid k·2^-53, from 27 + 26 bits of two outputs (the top bits, which are the best
 * mixed): `(a≫5 · 2^26 + b≫6) · 2^-53`. The largest value is 1 − 2^-53, never 1.
 *
 * @see Matsumoto & Nishimura 2002, `genrand_res53`, http://www.math.sci.hiroshima-u.ac.jp/m-mat/MT/MT2002/emt19937ar.html
 * @example nextFloat53(state) // two outputs consumed
 */
export function nextFloat53(state: Int32Array): number {
  const a = xoshiro128Next(state) >>> 5;
  const b = xoshiro128Next(state) >>> 6;
  return (a * TWO_26 + b) * TWO_NEG_53;
}

/**
 * An unbiased integer in [0, n) for an integer 1 ≤ n ≤ 2^53.
 * - n ≤ 2^21: Lemire's multiply-shift, `⌊x·n / 2^32⌋`, rejecting `x` while `(x·n mod 2^32) < (2^32 − n) mod n`;
 *   usually one output and no division.
 * - n ≤ 2^32: `x mod n`, rejecting `x ≥ 2^32 − (2^32 mod n)`.
 * - otherwise the same rejection on 53-bit integers built from two outputs as in {@link nextFloat53}.
 *
 * @see Lemire 2019, "Fast random integer generation in an interval", https://doi.org/10.1145/3230636
 * @example nextBelow(state, 6) // a fair die roll minus one
 */
export function nextBelow(state: Int32Array, n: number): number {
  if (n <= LEMIRE_LIMIT) {
    let product = xoshiro128Next(state) * n;
    let low = product >>> 0;
    if (low < n) {
      // The threshold costs a division, so it is computed only on the rare path where rejection is possible.
      const threshold = (TWO_32 - n) % n;
      while (low < threshold) {
        product = xoshiro128Next(state) * n;
        low = product >>> 0;
      }
    }
    return (product - low) / TWO_32;
  }
  if (n <= TWO_32) {
    const limit = TWO_32 - (TWO_32 % n);
    let x = xoshiro128Next(state);
    while (x >= limit) x = xoshiro128Next(state);
    return x % n;
  }
  const limit = TWO_53 - (TWO_53 % n);
  let x = nextFloat53(state) * TWO_53;
  while (x >= limit) x = nextFloat53(state) * TWO_53;
  return x % n;
}
