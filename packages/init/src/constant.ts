import { full, type Shape, type Tensor } from '@descent/tensor';
import { assertFinite, checkShape, floatDType } from './internal/validate.js';
import type { DeterministicInitOptions } from './types.js';

export interface ConstantOptions extends DeterministicInitOptions {
  /** The value of every element; required. */
  readonly value: number;
}

/**
 * A tensor of `shape` filled with `value`: `W_ij = value`. Draws nothing; `rng` is accepted so that `constant` fits
 * the same call as the random initializers. Biases are usually `zeros`; the book (§8.4) suggests a small positive
 * constant such as 0.1 for ReLU biases so that units start active.
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example constant([3], { value: 0.1 }) // → [0.1, 0.1, 0.1]
 */
export function constant(shape: Shape, options: ConstantOptions): Tensor {
  return filled('constant', shape, options?.value, options);
}

/**
 * A tensor of zeros, `W_ij = 0`: the usual bias initialization. Never use it for weights: every unit of a layer would
 * compute the same function and receive the same gradient, so symmetry is never broken (the book, §8.4).
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example zeros([256]) // a float32 bias
 */
export function zeros(shape: Shape, options: DeterministicInitOptions = {}): Tensor {
  return filled('zeros', shape, 0, options);
}

/**
 * A tensor of ones, `W_ij = 1`: the usual scale of a normalization layer.
 * @example ones([64], { dtype: 'float64' })
 */
export function ones(shape: Shape, options: DeterministicInitOptions = {}): Tensor {
  return filled('ones', shape, 1, options);
}

function filled(fn: string, shape: Shape, value: unknown, options: DeterministicInitOptions | undefined): Tensor {
  const checked = checkShape(fn, shape);
  const dtype = floatDType(fn, options?.dtype);
  return full(checked, assertFinite(fn, 'value', value), { dtype });
}
