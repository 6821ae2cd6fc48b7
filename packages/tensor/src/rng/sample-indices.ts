import { nextBelow } from './draws.js';

/** Above this many slots per draw, a map of the displaced slots is smaller than the full index array. */
const SPARSE_RATIO = 16;

/**
 * The first `k` positions of a forward Fisher-Yates shuffle of 0…n−1: for i = 0…k−1, swap slot i with a slot
 * j = i + nextBelow(n − i) and emit slot i. With k = n − 1 (or n) this is a uniform random permutation; with
 * k < n it is a uniform sample without replacement, in the order drawn.
 *
 * When k is much smaller than n only the displaced slots are stored, in a map (O(k) memory, so a sample of 10
 * from 10⁹ allocates nothing large). Both layouts perform the same swaps, so they return identical indices.
 *
 * @see Knuth, TAOCP vol. 2, §3.4.2, Algorithm P; Durstenfeld 1964, https://doi.org/10.1145/364520.364540
 * @example sampleIndices(state, 10, 3) // → e.g. Int32Array [7, 2, 9]
 */
export function sampleIndices(state: Int32Array, n: number, k: number): Int32Array {
  const out = new Int32Array(k);
  // The last slot of a full shuffle has nowhere to go: drawing nextBelow(1) would waste an output.
  const swaps = Math.min(k, n - 1);
  if (n <= SPARSE_RATIO * k) {
    const slots = new Int32Array(n);
    for (let i = 0; i < n; i++) slots[i] = i;
    for (let i = 0; i < swaps; i++) {
      const j = i + nextBelow(state, n - i);
      const picked = slots[j];
      slots[j] = slots[i];
      slots[i] = picked;
    }
    out.set(slots.subarray(0, k));
    return out;
  }
  const displaced = new Map<number, number>();
  for (let i = 0; i < swaps; i++) {
    const j = i + nextBelow(state, n - i);
    const picked = displaced.get(j) ?? j;
    displaced.set(j, displaced.get(i) ?? i);
    out[i] = picked;
  }
  return out;
}
