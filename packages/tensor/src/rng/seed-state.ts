import { ValueError } from '../errors.js';
import { splitmix32 } from './splitmix32.js';

const TWO_32 = 2 ** 32;

/**
 * Expands an integer seed into a xoshiro128** state. The seed is read as a 64-bit two's-complement integer split
 * into 32-bit halves `lo` and `hi`; two splitmix32 streams, A counting from `lo` and B from `hi ⊕ A₁`, give the
 * state `[A₁, B₁, A₂, B₂]`.
 *
 * Distinct safe integers give distinct states: A₁ determines `lo` and then B₁ determines `hi`, each through a
 * bijection. B feeds on A₁ so that every word depends on the whole seed: the first output of xoshiro128** is a
 * function of the second word alone, which must not repeat across seeds that share `hi` (all seeds below 2^32).
 * The state is never all zero (the one state xoshiro cannot leave), because A₁ and A₂ come from distinct counters
 * through a bijection, so at most one of them is 0.
 *
 * @example seedState('createRng', 42) // → Int32Array of 4 words
 */
export function seedState(fn: string, seed: number): Int32Array {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    const shown = typeof seed === 'number' ? String(seed) : typeof seed;
    throw new ValueError(`${fn}: seed must be a safe integer (|seed| < 2^53), got ${shown}`);
  }
  // Both halves are exact in float64: floor division by a power of two, then an exact remainder.
  const hi = Math.floor(seed / TWO_32);
  const lo = seed - hi * TWO_32;
  const [a1, a] = splitmix32(lo);
  const [b1, b] = splitmix32(hi ^ a1);
  const [a2] = splitmix32(a);
  const [b2] = splitmix32(b);
  return new Int32Array([a1, b1, a2, b2]);
}
