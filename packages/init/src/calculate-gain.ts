import { ValueError } from '@descent/tensor';
import { assertFinite } from './internal/validate.js';

/**
 * Nonlinearities {@link calculateGain} knows, in camelCase; PyTorch's snake_case spellings (`'leaky_relu'`,
 * `'conv_transpose2d'`) are accepted too, so code ported from `torch.nn.init` keeps its strings.
 */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'convTranspose1d'
  | 'convTranspose2d'
  | 'convTranspose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leakyRelu'
  | 'selu'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'leaky_relu';

const UNIT_GAIN: ReadonlySet<string> = new Set([
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'convTranspose1d',
  'convTranspose2d',
  'convTranspose3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
]);

/** PyTorch's default negative slope for `leaky_relu` when `param` is omitted. */
const DEFAULT_NEGATIVE_SLOPE = 0.01;

/**
 * The recommended gain for a nonlinearity, the factor by which the standard deviation of weights is scaled so that
 * activations keep their scale through the layer. The same table as `torch.nn.init.calculate_gain`:
 *
 * | nonlinearity | gain |
 * |---|---|
 * | linear, conv*d, convTranspose*d, sigmoid | 1 |
 * | tanh | 5/3 |
 * | relu | √2 |
 * | leakyRelu (`param` = negative slope, default 0.01) | √(2 / (1 + slope²)) |
 * | selu | 3/4 |
 *
 * `param` is read only for leakyRelu, as in PyTorch (which ignores it elsewhere). The selu gain 3/4 is PyTorch's
 * choice, trading self-normalization for steadier gradients; for the SELU paper's variance 1/fanIn use
 * `lecunNormal` (Klambauer et al. 2017), as PyTorch's docs also advise (`nonlinearity='linear'`).
 * @see He et al. 2015, "Delving Deep into Rectifiers", https://arxiv.org/abs/1502.01852 (relu, leakyRelu)
 * @see PyTorch `torch.nn.init.calculate_gain`, https://pytorch.org/docs/stable/nn.init.html
 * @example
 * calculateGain('relu');            // → 1.4142135623730951
 * calculateGain('leakyRelu', 0.2);  // → √(2 / 1.04) ≈ 1.3868
 * calculateGain('tanh');            // → 1.6666666666666667
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  return gainOf('calculateGain', nonlinearity, param);
}

/** {@link calculateGain}, with errors that name the calling initializer. */
export function gainOf(fn: string, nonlinearity: unknown, param: unknown): number {
  if (typeof nonlinearity === 'string' && UNIT_GAIN.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'selu':
      return 3 / 4;
    case 'leakyRelu':
    case 'leaky_relu': {
      const slope = param === undefined ? DEFAULT_NEGATIVE_SLOPE : assertFinite(fn, 'the negative slope', param);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    default:
      throw new ValueError(
        `${fn}: unsupported nonlinearity ${JSON.stringify(nonlinearity)}; expected linear, conv1d, conv2d, conv3d, ` +
          'convTranspose1d, convTranspose2d, convTranspose3d, sigmoid, tanh, relu, leakyRelu or selu',
      );
  }
}
