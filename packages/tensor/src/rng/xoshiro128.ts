/**
 * The xoshiro128** 1.1 engine on a four-word state. Everything is 32-bit integer arithmetic (`Math.imul`, shifts),
 * which V8 keeps in registers, so a step costs about a nanosecond.
 *
 * The state lives in an `Int32Array` rather than four object fields: values above 2^30 do not fit a small integer,
 * and fields would box them; typed-array elements never do.
 */

/** Jump polynomial for 2^64 steps, from the reference `jump()`. */
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;
/** Jump polynomial for 2^96 steps, from the reference `long_jump()`. */
const LONG_JUMP = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662] as const;

/**
 * Returns the next 32-bit output as an unsigned integer and advances `state` by one step:
 * `r = rotl(s1·5, 7)·9;  t = s1 << 9;  s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 11)`.
 *
 * @see Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators", https://prng.di.unimi.it/xoshiro128starstar.c
 * @example
 * const state = new Int32Array([1, 2, 3, 4]);
 * xoshiro128Next(state); // → 11520
 */
export function xoshiro128Next(state: Int32Array): number {
  const s0 = state[0];
  const s1 = state[1];
  const s2 = state[2] ^ s0;
  const s3 = state[3] ^ s1;
  const scrambled = Math.imul(s1, 5);
  const result = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0;
  state[0] = s0 ^ s3;
  state[1] = s1 ^ s2;
  state[2] = s2 ^ (s1 << 9);
  state[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

/**
 * Advances `state` by 2^64 steps, as if `xoshiro128Next` had run 2^64 times: 2^64 non-overlapping streams of
 * 2^64 outputs each start from successive jumps.
 *
 * @see Blackman & Vigna 2021, https://prng.di.unimi.it/xoshiro128starstar.c (`jump`)
 * @example
 * const state = new Int32Array([1, 2, 3, 4]);
 * xoshiro128Jump(state); // state is now 2^64 steps ahead
 */
export function xoshiro128Jump(state: Int32Array): void {
  jumpBy(state, JUMP);
}

/**
 * Advances `state` by 2^96 steps: 2^32 starting points, each of which `xoshiro128Jump` divides into 2^32
 * streams of 2^64 outputs.
 *
 * @see Blackman & Vigna 2021, https://prng.di.unimi.it/xoshiro128starstar.c (`long_jump`)
 * @example
 * const state = new Int32Array([1, 2, 3, 4]);
 * xoshiro128LongJump(state); // state is now 2^96 steps ahead
 */
export function xoshiro128LongJump(state: Int32Array): void {
  jumpBy(state, LONG_JUMP);
}

/**
 * The engine is linear over GF(2), so x^J mod its characteristic polynomial, evaluated at the transition
 * matrix, is a sum of the next 128 states: XOR the states whose coefficient bit is set.
 */
function jumpBy(state: Int32Array, polynomial: readonly number[]): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (const word of polynomial) {
    for (let bit = 0; bit < 32; bit++) {
      if ((word >>> bit) & 1) {
        s0 ^= state[0];
        s1 ^= state[1];
        s2 ^= state[2];
        s3 ^= state[3];
      }
      xoshiro128Next(state);
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}
