import type { Module } from '@descent/nn';
import {
  add,
  type DType,
  div,
  mean,
  mul,
  ones,
  reshape,
  type Shape,
  ShapeError,
  sqrt,
  square,
  sub,
  type Tensor,
  ValueError,
  zeros,
} from '@descent/tensor';

/**
 * Options of {@link batchNorm}; the defaults are PyTorch's `BatchNorm1d`/`BatchNorm2d` (momentum 0.1, eps 1e-5, affine).
 */
export interface BatchNormOptions {
  /** Weight of the new batch statistic in the running average (PyTorch's convention); default 0.1. */
  readonly momentum?: number;
  /** Added to the variance before the square root; default 1e-5. */
  readonly eps?: number;
  /** Learnable scale gamma and shift beta; default true. */
  readonly affine?: boolean;
  /** The dtype of the parameters and running statistics; default float32. */
  readonly dtype?: DType;
}

/**
 * The learnable parameters of {@link batchNorm}, each of shape [C]: the scale γ (initially 1) and the shift β
 * (initially 0).
 */
export type BatchNormParams = {
  readonly gamma: Tensor;
  readonly beta: Tensor;
};

/**
 * The running statistics of {@link batchNorm}, each of shape [C], used in evaluation: the mean (initially 0) and the
 * unbiased variance (initially 1).
 */
export type BatchNormState = {
  readonly mean: Tensor;
  readonly variance: Tensor;
};

/**
 * Batch normalization (Ioffe & Szegedy 2015; Deep Learning 8.7.1) over the channel axis 1 of `[N, C]` or
 * `[N, C, H, W]` inputs, with PyTorch's semantics:
 *   training:   y = γ (x − μ_B) / √(σ²_B + eps) + β with the batch mean and *biased* variance, and
 *               running ← (1 − momentum)·running + momentum·statistic, using the *unbiased* variance;
 *   evaluation: the running mean and variance replace the batch statistics.
 * Gradients flow through μ_B and σ²_B, which is what makes batch norm reparametrize the problem.
 * @see https://arxiv.org/abs/1502.03167
 * @example mlp([64, 128, 10], { normalization: (features) => batchNorm(features) })
 */
export function batchNorm(
  channels: number,
  options: BatchNormOptions = {},
): Module<BatchNormParams | null, BatchNormState> {
  const { momentum = 0.1, eps = 1e-5, affine = true, dtype = 'float32' } = options;
  if (!Number.isInteger(channels) || channels < 1)
    throw new ValueError(`batchNorm: channels must be a positive integer, got ${channels}`);
  if (!(momentum >= 0 && momentum <= 1)) throw new ValueError(`batchNorm: momentum must be in [0, 1], got ${momentum}`);
  if (!(eps > 0)) throw new ValueError(`batchNorm: eps must be positive, got ${eps}`);
  return {
    name: `batchNorm(${channels})`,
    init: () => ({
      params: affine ? { gamma: ones([channels], { dtype }), beta: zeros([channels], { dtype }) } : null,
      state: { mean: zeros([channels], { dtype }), variance: ones([channels], { dtype }) },
    }),
    apply: (params, state, x, ctx) => {
      if ((x.shape.length !== 2 && x.shape.length !== 4) || x.shape[1] !== channels) {
        throw new ShapeError(
          `batchNorm(${channels}): expected input [N, ${channels}] or [N, ${channels}, H, W], got [${x.shape}]`,
        );
      }
      const axes = x.shape.length === 2 ? [0] : [0, 2, 3];
      const broadcast: Shape = x.shape.length === 2 ? [1, channels] : [1, channels, 1, 1];
      const count = x.size / channels;
      let center: Tensor;
      let variance: Tensor;
      let nextState = state;
      if (ctx.training) {
        if (count < 2)
          throw new ValueError(
            `batchNorm(${channels}): training needs more than one value per channel, got [${x.shape}]`,
          );
        center = mean(x, axes, { keepDims: true });
        variance = mean(square(sub(x, center)), axes, { keepDims: true });
        const batchMean = reshape(center, [channels]);
        const unbiased = mul(reshape(variance, [channels]), count / (count - 1));
        nextState = {
          mean: add(mul(state.mean, 1 - momentum), mul(batchMean, momentum)),
          variance: add(mul(state.variance, 1 - momentum), mul(unbiased, momentum)),
        };
      } else {
        center = reshape(state.mean, broadcast);
        variance = reshape(state.variance, broadcast);
      }
      let y = div(sub(x, center), sqrt(add(variance, eps)));
      if (params !== null) y = add(mul(y, reshape(params.gamma, broadcast)), reshape(params.beta, broadcast));
      return { y, state: nextState };
    },
  };
}
