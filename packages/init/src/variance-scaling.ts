import { type FloatDType, type Rng, type Shape, sizeOf, type Tensor, zeros } from '@descent/tensor';
import { fansOf } from './fans.js';
import { assertOneOf, assertPositive, checkShape, randomOptions } from './internal/validate.js';
import type { FanMode, InitOptions } from './types.js';

/** The fan that sets the variance: one of the two, or their mean (Glorot & Bengio's compromise). */
export type VarianceScalingMode = FanMode | 'fanAvg';

/** The distribution drawn; the variance is `scale / n` for each. */
export type VarianceScalingDistribution = 'normal' | 'truncatedNormal' | 'uniform';

export interface VarianceScalingOptions extends InitOptions {
  /** Target variance times n, > 0; default 1. A gain g is `scale: g²`. */
  readonly scale?: number;
  /** Default `'fanIn'`. */
  readonly mode?: VarianceScalingMode;
  /** Default `'normal'`. */
  readonly distribution?: VarianceScalingDistribution;
}

/**
 * The standard deviation of a standard normal truncated to [−2, 2]: √(1 − 4φ(2) / (Φ(2) − Φ(−2))). Dividing by it
 * makes a ±2σ truncated normal have the intended variance (the constant of Keras and JAX `variance_scaling`).
 */
const TRUNCATED_STD = 0.87962566103423978;

const MODES: readonly VarianceScalingMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly VarianceScalingDistribution[] = ['normal', 'truncatedNormal', 'uniform'];

/**
 * Draws weights with variance `scale / n`, where n is the fan-in, the fan-out or their mean (see {@link fans} for
 * how shapes map to fans): N(0, scale/n); U(−√(3·scale/n), √(3·scale/n)); or a normal truncated at ±2σ whose std is
 * √(scale/n) / 0.8796 before cutting, so that the variance after cutting is still scale/n. The family behind
 * {@link lecunNormal} (scale 1, fanIn), {@link glorotUniform} (scale 1, fanAvg) and {@link heNormal} (scale 2, fanIn).
 *
 * As Keras's `VarianceScaling` and JAX's `variance_scaling`, except for the defaults: the distribution defaults to
 * `'normal'` (theirs to a truncated normal), and shapes follow Descent's fan conventions, not Keras's
 * `[...kernel, in, out]`.
 * @see Keras `VarianceScaling`, https://keras.io/api/layers/initializers/#variancescaling-class
 * @example varianceScaling([512, 512], { rng: createRng(0), scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' })
 */
export function varianceScaling(shape: Shape, options: VarianceScalingOptions): Tensor {
  const fn = 'varianceScaling';
  const checked = randomOptions(fn, options);
  const scale = assertPositive(fn, 'scale', options.scale ?? 1);
  const mode = assertOneOf(fn, 'mode', options.mode ?? 'fanIn', MODES);
  const distribution = assertOneOf(fn, 'distribution', options.distribution ?? 'normal', DISTRIBUTIONS);
  return drawScaled(fn, shape, checked, scale, mode, distribution);
}

/** The draw behind every variance-scaling initializer, with errors that name the caller. */
export function drawScaled(
  fn: string,
  shape: Shape,
  { rng, dtype }: { readonly rng: Rng; readonly dtype: FloatDType },
  scale: number,
  mode: VarianceScalingMode,
  distribution: VarianceScalingDistribution,
): Tensor {
  const checked = checkShape(fn, shape, { min: 2 });
  const { fanIn, fanOut } = fansOf(fn, checked);
  // A zero-size weight has a zero fan, hence an infinite variance; there is nothing to draw (PyTorch: a no-op).
  if (sizeOf(checked) === 0) return zeros(checked, { dtype });
  const n = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  const variance = scale / n;
  switch (distribution) {
    case 'uniform': {
      const limit = Math.sqrt(3 * variance);
      return rng.uniform(checked, { low: -limit, high: limit, dtype });
    }
    case 'normal':
      return rng.normal(checked, { std: Math.sqrt(variance), dtype });
    case 'truncatedNormal':
      return rng.truncatedNormal(checked, { std: Math.sqrt(variance) / TRUNCATED_STD, low: -2, high: 2, dtype });
  }
}
