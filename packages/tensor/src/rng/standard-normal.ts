import { nextFloat53 } from './draws.js';
import { xoshiro128Next } from './xoshiro128.js';

/** Doornik's ZIGNOR constants: 128 layers, the start of the tail R, and the common area V of every layer. */
const LAYERS = 128;
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
const TWO_26 = 2 ** 26;
const TWO_NEG_52 = 2 ** -52;

/** Right edges X[i] of the layers (X[0] is the base layer's virtual width V/f(R), X[128] = 0) and X[i+1]/X[i]. */
const edges = new Float64Array(LAYERS + 1);
const ratios = new Float64Array(LAYERS);
{
  // Each layer has area V: X[i] solves X[i-1]·(f(X[i]) − f(X[i-1])) = V, with f(x) = exp(−x²/2) unnormalized.
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  edges[0] = LAYER_AREA / f;
  edges[1] = TAIL_START;
  for (let i = 2; i < LAYERS; i++) {
    edges[i] = Math.sqrt(-2 * Math.log(LAYER_AREA / edges[i - 1] + f));
    f = Math.exp(-0.5 * edges[i] * edges[i]);
  }
  for (let i = 0; i < LAYERS; i++) ratios[i] = edges[i + 1] / edges[i];
}

/**
 * A standard normal by the ziggurat method in Doornik's ZIGNOR form. Two outputs a, b give a 53-bit u uniform on
 * [−1, 1) (as in `nextFloat53`) and, from their 7 otherwise unused low bits, an independent layer i; then
 * - |u| < X[i+1]/X[i] (98.8% of draws): return u·X[i], the point lies inside the layer's rectangle;
 * - i = 0, the base layer: return a sample of the tail |z| > R by Marsaglia's method,
 *   x = ln(U₁)/R, y = ln(U₂) until −2y ≥ x², then R − x, signed like u;
 * - otherwise accept x = u·X[i] in the wedge when a uniform height under the layer falls below f(x), else retry.
 * Drawing the layer from bits independent of u avoids the correlation Doornik found in the original
 * Marsaglia-Tsang ziggurat, which reused the bits of u for the layer.
 *
 * @see Marsaglia & Tsang 2000, "The ziggurat method for generating random variables", https://doi.org/10.18637/jss.v005.i08
 * @see Doornik 2005, "An improved ziggurat method to generate normal random samples", https://www.doornik.com/research/ziggurat.pdf
 * @example nextStandardNormal(state) // two outputs in the common case
 */
export function nextStandardNormal(state: Int32Array): number {
  for (;;) {
    const a = xoshiro128Next(state);
    const b = xoshiro128Next(state);
    const u = ((a >>> 5) * TWO_26 + (b >>> 6)) * TWO_NEG_52 - 1;
    const i = (a & 0x1f) | ((b & 0x3) << 5);
    if (Math.abs(u) < ratios[i]) return u * edges[i];
    if (i === 0) return normalTail(state, u < 0);
    const x = u * edges[i];
    const inner = Math.exp(-0.5 * (edges[i] * edges[i] - x * x));
    const outer = Math.exp(-0.5 * (edges[i + 1] * edges[i + 1] - x * x));
    if (outer + nextFloat53(state) * (inner - outer) < 1) return x;
  }
}

/** Marsaglia 1964: the normal tail beyond R from two exponentials; 1 − u keeps the logarithms finite. */
function normalTail(state: Int32Array, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(1 - nextFloat53(state)) / TAIL_START;
    y = Math.log(1 - nextFloat53(state));
  } while (-2 * y < x * x);
  return negative ? x - TAIL_START : TAIL_START - x;
}
