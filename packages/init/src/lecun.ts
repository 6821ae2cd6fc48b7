import type { Shape, Tensor } from '@descent/tensor';
import { randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';
import { drawScaled } from './variance-scaling.js';

export interface LecunNormalOptions extends InitOptions {
  /** Draw from a normal truncated at ±2σ, rescaled to keep the variance 1/fanIn (Keras's default); default false. */
  readonly truncated?: boolean;
}

/**
 * LeCun uniform initialization: `W_ij ~ U(−√(3/fanIn), √(3/fanIn))`, variance 1/fanIn, so that a unit's
 * pre-activation has unit variance when its inputs do. Fans as {@link fans}: `[fanIn, fanOut]` for dense weights,
 * `[out, in, ...kernel]` for convolutions. As Keras's `lecun_uniform`; PyTorch has no named equivalent.
 * @see LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp", http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf
 * @example lecunUniform([784, 256], { rng: createRng(0) }) // limit √(3/784) ≈ 0.0619
 */
export function lecunUniform(shape: Shape, options: InitOptions): Tensor {
  const fn = 'lecunUniform';
  return drawScaled(fn, shape, randomOptions(fn, options), 1, 'fanIn', 'uniform');
}

/**
 * LeCun normal initialization: `W_ij ~ N(0, 1/fanIn)`, the initialization of self-normalizing (SELU) networks.
 * Fans as {@link fans}. Differs from Keras's `lecun_normal`, which draws a ±2σ truncated normal: pass
 * `truncated: true` for that.
 * @see LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp", http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf
 * @see Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks", https://arxiv.org/abs/1706.02515
 * @example lecunNormal([784, 256], { rng: createRng(0) }) // std 1/28
 */
export function lecunNormal(shape: Shape, options: LecunNormalOptions): Tensor {
  const fn = 'lecunNormal';
  const checked = randomOptions(fn, options);
  return drawScaled(fn, shape, checked, 1, 'fanIn', options.truncated === true ? 'truncatedNormal' : 'normal');
}
