import type { Shape, Tensor } from '@descent/tensor';
import { assertPositive, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';
import { drawScaled } from './variance-scaling.js';

export interface GlorotOptions extends InitOptions {
  /** Multiplies the limit or standard deviation, as PyTorch's `xavier_*_(gain)`; > 0, default 1. */
  readonly gain?: number;
}

export interface GlorotNormalOptions extends GlorotOptions {
  /** Draw from a normal truncated at ±2σ, rescaled to keep the variance (Keras's default); default false. */
  readonly truncated?: boolean;
}

/**
 * The book's normalized initialization (*Deep Learning* eq. 8.23), a.k.a. Xavier uniform: for m inputs and n outputs
 * `W_ij ~ U(−gain·√(6/(m+n)), gain·√(6/(m+n)))`, variance 2·gain²/(m+n): a compromise between keeping activation
 * variance (1/m) and gradient variance (1/n) constant across layers. m and n are {@link fans}: `[fanIn, fanOut]`
 * for dense weights, `[out, in, ...kernel]` for convolutions (receptive field times channels). The same as
 * PyTorch's `xavier_uniform_` and Keras's `glorot_uniform` (for Keras, transpose kernel shapes first).
 * @see Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks", https://proceedings.mlr.press/v9/glorot10a.html
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, eq. 8.23, https://www.deeplearningbook.org/contents/optimization.html
 * @example glorotUniform([784, 256], { rng: createRng(0) }) // limit √(6/1040) ≈ 0.0760
 */
export function glorotUniform(shape: Shape, options: GlorotOptions): Tensor {
  const fn = 'glorotUniform';
  const checked = randomOptions(fn, options);
  const gain = assertPositive(fn, 'gain', options.gain ?? 1);
  return drawScaled(fn, shape, checked, gain * gain, 'fanAvg', 'uniform');
}

/**
 * Glorot (Xavier) normal initialization: `W_ij ~ N(0, 2·gain²/(fanIn + fanOut))`, the normal with the variance of
 * {@link glorotUniform}. Fans as {@link fans}. As PyTorch's `xavier_normal_`; Keras's `glorot_normal` draws a ±2σ
 * truncated normal instead (`truncated: true`).
 * @see Glorot & Bengio 2010, https://proceedings.mlr.press/v9/glorot10a.html
 * @example glorotNormal([256, 10], { rng: createRng(0), dtype: 'float64' }) // std √(2/266) ≈ 0.0867
 */
export function glorotNormal(shape: Shape, options: GlorotNormalOptions): Tensor {
  const fn = 'glorotNormal';
  const checked = randomOptions(fn, options);
  const gain = assertPositive(fn, 'gain', options.gain ?? 1);
  const distribution = options.truncated === true ? 'truncatedNormal' : 'normal';
  return drawScaled(fn, shape, checked, gain * gain, 'fanAvg', distribution);
}
