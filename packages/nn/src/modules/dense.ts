import { glorotUniform, type Initializer, zeros } from '@descent/init';
import { add, type FloatDType, matmul, type Tensor, ValueError } from '@descent/tensor';
import type { Module } from '../module.js';

/** Options of {@link dense}: initializers, whether there is a bias, and the dtype. */
export interface DenseOptions {
  /** Weight initializer; default `glorotUniform` (the book's normalized initialization, eq. 8.23). */
  readonly kernelInitializer?: Initializer;
  /** Bias initializer; default zeros. */
  readonly biasInitializer?: Initializer;
  /** Add a learnable bias b; default true. */
  readonly useBias?: boolean;
  /** The dtype of W and b; default float32. */
  readonly dtype?: FloatDType;
}

/**
 * The parameters of {@link dense}: the weights `w` of shape [inputs, outputs] and, unless `useBias: false`, the bias
 * `b` of shape [outputs].
 */
export type DenseParams = { readonly w: Tensor; readonly b: Tensor } | { readonly w: Tensor };

/**
 * A fully connected layer, y = x W + b, with W of shape [inputs, outputs] (fan-in first, as DESIGN.md fixes).
 * Leading axes of x are batch axes.
 * @example const layer = dense(784, 128); const { params } = layer.init(createRng(0));
 */
export function dense(inputs: number, outputs: number, options: DenseOptions = {}): Module<DenseParams, null> {
  for (const [name, value] of [
    ['inputs', inputs],
    ['outputs', outputs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new ValueError(`dense: ${name} must be a positive integer, got ${value}`);
  }
  const { kernelInitializer = glorotUniform, biasInitializer = zeros, useBias = true, dtype = 'float32' } = options;
  return {
    name: `dense(${inputs}→${outputs})`,
    init: (rng) => {
      const w = kernelInitializer([inputs, outputs], { rng, dtype });
      return { params: useBias ? { w, b: biasInitializer([outputs], { rng, dtype }) } : { w }, state: null };
    },
    apply: (params, state, x) => {
      if (x.shape[x.shape.length - 1] !== inputs) {
        throw new ValueError(
          `dense(${inputs}→${outputs}): input has ${x.shape[x.shape.length - 1]} features (shape [${x.shape}]), expected ${inputs}`,
        );
      }
      const product = matmul(x, params.w);
      return { y: 'b' in params ? add(product, params.b) : product, state };
    },
  };
}
