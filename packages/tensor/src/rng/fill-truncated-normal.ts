import { nextFloat53 } from './draws.js';
import { nextStandardNormal } from './standard-normal.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT_E = Math.sqrt(Math.E);

/**
 * Fills `out` with `mean + std·z`, z a standard normal conditioned on `a ≤ z ≤ b` (`a < b`, either may be
 * infinite), by Robert's exact rejection samplers, picking once per call the proposal with the best acceptance
 * rate for [a, b]:
 * - 0 ∈ [a, b] and b − a ≥ √(2π): standard normals, keeping those inside.
 * - 0 ∈ [a, b], narrower: z ~ U(a, b), accepted with probability exp(−z²/2).
 * - 0 ≤ a (b ≤ 0 is the mirror image), b − a wide: z = a + E/α with E ~ Exp(1), a translated exponential with
 *   Robert's optimal rate α = (a + √(a² + 4))/2, accepted when z ≤ b and with probability exp(−(z − α)²/2).
 * - 0 ≤ a, narrow: z ~ U(a, b), accepted with probability exp((a² − z²)/2).
 * Every branch accepts about half of its proposals or more however far [a, b] lies in a tail, where plain
 * resampling of normals would almost never finish. Since `mean + std·z` is monotone in z and computed the same
 * way as the bounds, every value lies in [mean + a·std, mean + b·std] as evaluated in floating point.
 *
 * @see Robert 1995, "Simulation of truncated normal variables", https://doi.org/10.1007/BF00143942
 * @example fillTruncatedNormal(state, new Float32Array(100), 0, 1, -2, 2)
 */
export function fillTruncatedNormal(
  state: Int32Array,
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  a: number,
  b: number,
): void {
  if (a >= 0 || b <= 0) {
    // Sample the positive tail [a, b] (or [−b, −a], negated), so one routine covers both one-sided cases.
    const sign = a >= 0 ? 1 : -1;
    const from = sign > 0 ? a : -b;
    const to = sign > 0 ? b : -a;
    const scale = sign * std;
    if (to - from < uniformTailWidth(from)) {
      for (let i = 0; i < out.length; i++) out[i] = mean + scale * uniformTail(state, from, to);
    } else {
      const alpha = (from + Math.hypot(from, 2)) / 2;
      for (let i = 0; i < out.length; i++) out[i] = mean + scale * exponentialTail(state, from, to, alpha);
    }
  } else if (b - a < SQRT_2PI) {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * uniformCentral(state, a, b);
  } else {
    fillByNormalRejection(state, out, mean, std, a, b);
  }
}

/**
 * Robert's crossover (section 2.2): below this width a uniform proposal on [a, b] beats the translated
 * exponential, `2√e / (a + √(a² + 4)) · exp((a² − a√(a² + 4)) / 4)`.
 */
function uniformTailWidth(a: number): number {
  const root = Math.hypot(a, 2);
  return ((2 * SQRT_E) / (a + root)) * Math.exp((a * (a - root)) / 4);
}

function uniformCentral(state: Int32Array, a: number, b: number): number {
  for (;;) {
    const z = a + (b - a) * nextFloat53(state);
    if (nextFloat53(state) < Math.exp((-z * z) / 2)) return z;
  }
}

function uniformTail(state: Int32Array, a: number, b: number): number {
  for (;;) {
    const z = a + (b - a) * nextFloat53(state);
    // (a − z)(a + z) rather than a² − z², which overflows for a > 1e154.
    if (nextFloat53(state) < Math.exp(((a - z) * (a + z)) / 2)) return z;
  }
}

function exponentialTail(state: Int32Array, a: number, b: number, alpha: number): number {
  for (;;) {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const z = a - Math.log(1 - nextFloat53(state)) / alpha;
    const accept = nextFloat53(state);
    if (z <= b && accept < Math.exp(-((z - alpha) * (z - alpha)) / 2)) return z;
  }
}

/** Standard normals from {@link nextStandardNormal}, keeping those inside [a, b]. */
function fillByNormalRejection(
  state: Int32Array,
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  a: number,
  b: number,
): void {
  for (let i = 0; i < out.length; i++) {
    let z = nextStandardNormal(state);
    while (z < a || z > b) z = nextStandardNormal(state);
    out[i] = mean + std * z;
  }
}
