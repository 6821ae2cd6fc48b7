import { ValueError } from '@descent/tensor';
import type { AnyModule, Module, Tree } from '../module.js';
import { type ActivationName, activation } from './activations.js';
import { type DenseOptions, dense } from './dense.js';
import { dropout } from './dropout.js';
import { sequential } from './sequential.js';

/**
 * Options of {@link mlp}: those of {@link dense} for every layer, plus the hidden activation, normalization and
 * dropout.
 */
export interface MlpOptions extends DenseOptions {
  /** Hidden-layer activation; default relu. The output layer is linear (logits). */
  readonly activation?: ActivationName;
  /**
   * A normalization layer inserted after each hidden dense layer, before the activation, e.g. `batchNorm` from
   * `@descent/norm` (passed in, so that nn does not depend on norm).
   */
  readonly normalization?: (features: number) => AnyModule;
  /** Dropout rate after each hidden activation; default 0 (none). */
  readonly dropout?: number;
}

/**
 * A multilayer perceptron: `sizes = [inputs, hidden…, outputs]`, dense layers with an activation between them
 * and a linear output.
 * @example mlp([64, 128, 10], { activation: 'tanh', normalization: batchNorm })
 */
export function mlp(sizes: readonly number[], options: MlpOptions = {}): Module<Tree[], Tree[]> {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new ValueError(`mlp: sizes must list at least the input and output sizes, got ${JSON.stringify(sizes)}`);
  }
  const { activation: name = 'relu', normalization, dropout: rate = 0, ...denseOptions } = options;
  const layers: AnyModule[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push(dense(sizes[i], sizes[i + 1], denseOptions) as AnyModule);
    if (i + 2 === sizes.length) break;
    if (normalization !== undefined) layers.push(normalization(sizes[i + 1]));
    const hidden = activation(name);
    if (hidden !== undefined) layers.push(hidden as AnyModule);
    if (rate > 0) layers.push(dropout(rate) as AnyModule);
  }
  return sequential(layers);
}
