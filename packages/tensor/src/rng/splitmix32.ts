/** Weyl increment: 2^32 / golden ratio, odd, so the counter visits every 32-bit value once. */
const GOLDEN_GAMMA = 0x9e3779b9;

/**
 * The first output of a splitmix32 stream whose counter starts at `counter`, and the counter to continue from:
 * `z ← z + 0x9e3779b9;  t = (z ⊕ z≫16)·0x21f0aaad;  t = (t ⊕ t≫15)·0x735a2d97;  out = t ⊕ t≫15` (all mod 2^32).
 * The finalizer is a bijection of 32-bit words, so distinct counters give distinct outputs; it is used only to
 * turn seeds into xoshiro states, never as the generator itself.
 *
 * @see Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", https://doi.org/10.1145/2714064.2660195
 * @see Wellons 2018, hash prospector (the 32-bit finalizer constants), https://github.com/skeeto/hash-prospector
 * @example
 * const [first, counter] = splitmix32(42);
 * const [second] = splitmix32(counter);
 */
export function splitmix32(counter: number): [output: number, counter: number] {
  const next = (counter + GOLDEN_GAMMA) | 0;
  let t = Math.imul(next ^ (next >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return [(t ^ (t >>> 15)) >>> 0, next];
}
