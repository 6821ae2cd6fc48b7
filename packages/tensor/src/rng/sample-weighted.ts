import { nextFloat53 } from './draws.js';

/**
 * `k` independent indices with P(i) = p[i] / Σp, by inverting the cumulative sum: one 53-bit uniform u per draw,
 * then the first i with `cumulative[i] > u·Σp` (binary search). An index of zero weight is never returned, since
 * its cumulative sum equals its predecessor's; if rounding puts `u·Σp` at the total, the last index of positive
 * weight is returned.
 *
 * @see Devroye 1986, Non-Uniform Random Variate Generation, §III.2 (inversion by search), http://luc.devroye.org/rnbookindex.html
 * @example sampleWeightedWithReplacement(state, [0.2, 0.8], 5) // mostly 1s
 */
export function sampleWeightedWithReplacement(state: Int32Array, p: ArrayLike<number>, k: number): Int32Array {
  const n = p.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    total += p[i];
    cumulative[i] = total;
    if (p[i] > 0) lastPositive = i;
  }
  const out = new Int32Array(k);
  for (let draw = 0; draw < k; draw++) {
    const target = nextFloat53(state) * total;
    let low = 0;
    let high = lastPositive;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    out[draw] = low;
  }
  return out;
}

/**
 * `k` distinct indices drawn one after another, each with probability proportional to its weight among those not
 * yet drawn (successive sampling, as NumPy's `choice(replace=False, p=…)`). Each index gets an exponential clock
 * `E_i / p_i` (E_i ~ Exp(1), one 53-bit uniform each, so n uniforms whatever k is); the k earliest clocks, in
 * order, are the sample, because the minimum of independent exponentials with rates p_i is index i with probability
 * p_i / Σp and the race restarts memorylessly. Zero weights never ring; the caller checks that at least k weights
 * are positive.
 *
 * @see Efraimidis & Spirakis 2006, "Weighted random sampling with a reservoir", https://doi.org/10.1016/j.ipl.2005.11.003
 * @example sampleWeightedWithoutReplacement(state, [0.5, 0.3, 0.2], 2) // e.g. Int32Array [0, 2]
 */
export function sampleWeightedWithoutReplacement(state: Int32Array, p: ArrayLike<number>, k: number): Int32Array {
  const n = p.length;
  const clocks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // 1 − u lies in (0, 1], so −log is finite and ≥ 0; a zero weight gives +∞ and never wins.
    const exponential = -Math.log(1 - nextFloat53(state));
    clocks[i] = p[i] > 0 ? exponential / p[i] : Number.POSITIVE_INFINITY;
  }
  // Ties are all but impossible with 53-bit clocks; the index breaks them so the order is still deterministic.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => clocks[x] - clocks[y] || x - y);
  return Int32Array.from(order.slice(0, k));
}
