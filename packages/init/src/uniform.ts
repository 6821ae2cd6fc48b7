import type { Shape, Tensor } from '@descent/tensor';
import { ValueError } from '@descent/tensor';
import { assertFinite, checkShape, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';

export interface UniformInitOptions extends InitOptions {
  /** Inclusive lower end; default 0. */
  readonly low?: number;
  /** Exclusive upper end; default 1. */
  readonly high?: number;
}

/**
 * Independent draws from the uniform distribution: `W_ij ~ U(low, high)`, default U(0, 1) as
 * `torch.nn.init.uniform_` (Keras's `RandomUniform` defaults to U(−0.05, 0.05)). Any shape; no fans involved.
 * The heuristic that the book (§8.4) quotes for a layer with m inputs, U(−1/√m, 1/√m), is
 * `uniform(shape, { low: -1 / Math.sqrt(m), high: 1 / Math.sqrt(m) })` (PyTorch's default for `nn.Linear`);
 * {@link lecunUniform}, {@link glorotUniform} and {@link heUniform} choose the limits from the fans for you.
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example uniform([3, 2], { rng: createRng(0), low: -0.1, high: 0.1 })
 */
export function uniform(shape: Shape, options: UniformInitOptions): Tensor {
  const fn = 'uniform';
  const { rng, dtype } = randomOptions(fn, options);
  const checked = checkShape(fn, shape);
  const low = assertFinite(fn, 'low', options.low ?? 0);
  const high = assertFinite(fn, 'high', options.high ?? 1);
  if (!(low < high)) throw new ValueError(`${fn}: low must be below high, got low=${low}, high=${high}`);
  return rng.uniform(checked, { low, high, dtype });
}
