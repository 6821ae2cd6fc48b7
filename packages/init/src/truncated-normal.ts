import type { Shape, Tensor } from '@descent/tensor';
import { ValueError } from '@descent/tensor';
import { assertFinite, assertPositive, checkShape, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';

export interface TruncatedNormalInitOptions extends InitOptions {
  /** Mean of the untruncated normal; default 0. */
  readonly mean?: number;
  /** Standard deviation of the untruncated normal, > 0; default 1. */
  readonly std?: number;
  /** Lower cut in standard deviations from the mean (may be −∞); default −2. */
  readonly low?: number;
  /** Upper cut in standard deviations from the mean (may be +∞); default 2. */
  readonly high?: number;
}

/**
 * Independent draws from a normal cut to `[mean + low·std, mean + high·std]` (default ±2 std) and renormalized:
 * `W_ij ~ N(mean, std²)` conditioned on the interval, sampled exactly (no clipping, no bunching at the cuts).
 * `std` is that of the normal before truncation, as TensorFlow, JAX and PyTorch take it; the spread after cutting at
 * ±2 is `0.8796·std`. (The `truncated` option of {@link lecunNormal}, {@link glorotNormal} and {@link heNormal}
 * corrects for that; this function does not.)
 *
 * Differs from PyTorch: `torch.nn.init.trunc_normal_(mean, std, a, b)` takes the cuts `a`, `b` in absolute units
 * (default ±2 whatever `std` is, so `trunc_normal_(std=0.02)` is barely truncated); here they count standard
 * deviations, as TensorFlow's `truncated_normal` and JAX's initializer. The two agree for mean 0 and std 1.
 * @see Robert 1995, "Simulation of truncated normal variables", https://doi.org/10.1007/BF00143942
 * @example truncatedNormal([768, 768], { rng: createRng(0), std: 0.02 }) // every value within ±0.04
 */
export function truncatedNormal(shape: Shape, options: TruncatedNormalInitOptions): Tensor {
  const fn = 'truncatedNormal';
  const { rng, dtype } = randomOptions(fn, options);
  const checked = checkShape(fn, shape);
  const mean = assertFinite(fn, 'mean', options.mean ?? 0);
  const std = assertPositive(fn, 'std', options.std ?? 1);
  const { low = -2, high = 2 } = options;
  if (typeof low !== 'number' || typeof high !== 'number' || !(low < high)) {
    throw new ValueError(`${fn}: low must be below high (in standard deviations), got low=${low}, high=${high}`);
  }
  return rng.truncatedNormal(checked, { mean, std, low, high, dtype });
}
