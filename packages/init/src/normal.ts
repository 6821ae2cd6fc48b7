import type { Shape, Tensor } from '@descent/tensor';
import { assertFinite, assertPositive, checkShape, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';

export interface NormalInitOptions extends InitOptions {
  /** Default 0. */
  readonly mean?: number;
  /** Standard deviation, > 0; default 1. */
  readonly std?: number;
}

/**
 * Independent draws from the normal distribution: `W_ij ~ N(mean, std²)`, default N(0, 1) as
 * `torch.nn.init.normal_` (Keras's `RandomNormal` defaults to std 0.05). Any shape; no fans involved.
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example normal([784, 128], { rng: createRng(0), std: 0.01 })
 */
export function normal(shape: Shape, options: NormalInitOptions): Tensor {
  const fn = 'normal';
  const { rng, dtype } = randomOptions(fn, options);
  const checked = checkShape(fn, shape);
  const mean = assertFinite(fn, 'mean', options.mean ?? 0);
  const std = assertPositive(fn, 'std', options.std ?? 1);
  return rng.normal(checked, { mean, std, dtype });
}
