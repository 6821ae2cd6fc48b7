import { nextStandardNormal } from './standard-normal.js';

/**
 * Fills `out` with `mean + std·z`, z standard normal by the ziggurat ({@link nextStandardNormal}). Every z uses
 * 53-bit uniforms whatever the target dtype, so a float32 fill equals the float64 fill of the same stream rounded
 * to float32. Each element is drawn on its own (no cached spare), so the state alone determines what comes next.
 *
 * @example fillNormal(state, new Float32Array(1000), 0, 1)
 */
export function fillNormal(state: Int32Array, out: Float32Array | Float64Array, mean: number, std: number): void {
  for (let i = 0; i < out.length; i++) out[i] = mean + std * nextStandardNormal(state);
}
