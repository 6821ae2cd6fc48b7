import type { Shape, Tensor } from '@descent/tensor';
import { ValueError } from '@descent/tensor';
import { gainOf, type Nonlinearity } from './calculate-gain.js';
import { assertOneOf, assertPositive, randomOptions } from './internal/validate.js';
import type { FanMode, InitOptions } from './types.js';
import { drawScaled } from './variance-scaling.js';

export interface HeOptions extends InitOptions {
  /** `'fanIn'` (default) preserves activation variance forward; `'fanOut'` gradient variance backward. */
  readonly mode?: FanMode;
  /** Sets the gain through {@link calculateGain}; default `'relu'` (gain √2). */
  readonly nonlinearity?: Nonlinearity;
  /**
   * The negative slope for `nonlinearity: 'leakyRelu'` (PyTorch's `a`). Default 0.01, as {@link calculateGain};
   * PyTorch's `kaiming_*_` default `a = 0` instead, so pass `negativeSlope: 0` to match `nonlinearity='leaky_relu'`.
   */
  readonly negativeSlope?: number;
  /** An explicit gain, > 0, instead of `nonlinearity`. */
  readonly gain?: number;
}

export interface HeNormalOptions extends HeOptions {
  /** Draw from a normal truncated at ±2σ, rescaled to keep the variance (Keras's `he_normal`); default false. */
  readonly truncated?: boolean;
}

const MODES: readonly FanMode[] = ['fanIn', 'fanOut'];

/**
 * He (Kaiming) uniform initialization: `W_ij ~ U(−gain·√(3/fan), gain·√(3/fan))`, variance gain²/fan, with fan the
 * fan-in (default) or fan-out of {@link fans} and gain from {@link calculateGain} (√2 for ReLU, so the limit is
 * √(6/fan)). Differs from PyTorch's `kaiming_uniform_` only in defaults: PyTorch's nonlinearity is `'leaky_relu'`
 * with a = 0, which has the same gain √2; and PyTorch's 2-D weights are `[out, in]` where ours are `[in, out]`.
 * @see He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers", https://arxiv.org/abs/1502.01852
 * @example heUniform([784, 256], { rng: createRng(0) }) // limit √(6/784) ≈ 0.0875
 */
export function heUniform(shape: Shape, options: HeOptions): Tensor {
  const fn = 'heUniform';
  const checked = randomOptions(fn, options);
  const [gain, mode] = heParameters(fn, options);
  return drawScaled(fn, shape, checked, gain * gain, mode, 'uniform');
}

/**
 * He (Kaiming) normal initialization: `W_ij ~ N(0, gain²/fan)`, fan the fan-in (default) or fan-out of
 * {@link fans}, gain from {@link calculateGain}: `N(0, 2/fanIn)` for ReLU, the variance that keeps the second
 * moment of rectified activations constant from layer to layer (He et al. 2015, eq. 10). As PyTorch's
 * `kaiming_normal_`; Keras's `he_normal` draws a ±2σ truncated normal instead (`truncated: true`).
 * @see He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers", https://arxiv.org/abs/1502.01852
 * @example heNormal([64, 32, 3, 3], { rng: createRng(0), mode: 'fanOut' }) // std √(2/576)
 */
export function heNormal(shape: Shape, options: HeNormalOptions): Tensor {
  const fn = 'heNormal';
  const checked = randomOptions(fn, options);
  const [gain, mode] = heParameters(fn, options);
  return drawScaled(fn, shape, checked, gain * gain, mode, options.truncated === true ? 'truncatedNormal' : 'normal');
}

function heParameters(fn: string, options: HeOptions): [gain: number, mode: FanMode] {
  const mode = assertOneOf(fn, 'mode', options.mode ?? 'fanIn', MODES);
  if (options.gain === undefined) return [gainOf(fn, options.nonlinearity ?? 'relu', options.negativeSlope), mode];
  if (options.nonlinearity !== undefined || options.negativeSlope !== undefined) {
    throw new ValueError(`${fn}: give either gain or nonlinearity (with negativeSlope), not both`);
  }
  return [assertPositive(fn, 'gain', options.gain), mode];
}
