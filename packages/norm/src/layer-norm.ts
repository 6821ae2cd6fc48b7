import type { Module } from '@descent/nn';
import {
  add,
  type DType,
  div,
  mean,
  mul,
  ones,
  type Shape,
  ShapeError,
  sqrt,
  square,
  sub,
  type Tensor,
  ValueError,
  zeros,
} from '@descent/tensor';

/** Options of {@link layerNorm}; the defaults are PyTorch's `LayerNorm` (eps 1e-5, elementwise affine). */
export interface LayerNormOptions {
  /** Added to the variance before the square root; default 1e-5. */
  readonly eps?: number;
  /** Learnable elementwise scale and shift of `normalizedShape`; default true. */
  readonly affine?: boolean;
  /** The dtype of the parameters; default float32. */
  readonly dtype?: DType;
}

/**
 * The learnable parameters of {@link layerNorm}, each of shape `normalizedShape`: the scale γ (initially 1) and the
 * shift β (initially 0).
 */
export type LayerNormParams = {
  readonly gamma: Tensor;
  readonly beta: Tensor;
};

/**
 * Layer normalization (Ba et al. 2016) over the trailing `normalizedShape` axes of each example, with the biased
 * variance, as PyTorch's LayerNorm: y = γ (x − μ) / √(σ² + eps) + β. No running statistics: training and
 * evaluation compute the same thing.
 * @see https://arxiv.org/abs/1607.06450
 * @example layerNorm([128])
 */
export function layerNorm(
  normalizedShape: Shape | number,
  options: LayerNormOptions = {},
): Module<LayerNormParams | null, null> {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const { eps = 1e-5, affine = true, dtype = 'float32' } = options;
  if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ValueError(`layerNorm: normalizedShape must be positive sizes, got ${JSON.stringify(normalizedShape)}`);
  }
  if (!(eps > 0)) throw new ValueError(`layerNorm: eps must be positive, got ${eps}`);
  return {
    name: `layerNorm([${shape}])`,
    init: () => ({
      params: affine ? { gamma: ones(shape, { dtype }), beta: zeros(shape, { dtype }) } : null,
      state: null,
    }),
    apply: (params, state, x) => {
      const trailing = x.shape.slice(x.shape.length - shape.length);
      if (trailing.length !== shape.length || !trailing.every((d, i) => d === shape[i])) {
        throw new ShapeError(`layerNorm([${shape}]): input [${x.shape}] does not end with [${shape}]`);
      }
      const axes = shape.map((_, i) => x.shape.length - shape.length + i);
      const center = mean(x, axes, { keepDims: true });
      const variance = mean(square(sub(x, center)), axes, { keepDims: true });
      let y = div(sub(x, center), sqrt(add(variance, eps)));
      if (params !== null) y = add(mul(y, params.gamma), params.beta);
      return { y, state };
    },
  };
}
