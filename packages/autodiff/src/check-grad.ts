import { type Tensor, tensor, tree, ValueError } from '@descent/tensor';
import type { Tree } from './differentiate.js';
import { grad } from './grad.js';

/** Options of {@link checkGrad}. */
export interface CheckGradOptions {
  /** Finite-difference step; default 1e-6 for float64 inputs, 1e-2 for float32. */
  readonly epsilon?: number;
}

/** What {@link checkGrad} found: the largest error, where it occurred, and how many derivatives were compared. */
export interface CheckGradResult {
  /**
   * The worst error over all input elements, |analytic − numeric| / max(1, |analytic|, |numeric|): relative for
   * large derivatives, absolute below 1, so that derivatives near zero do not inflate it.
   */
  readonly maxError: number;
  /**
   * Where `maxError` occurred: the leaf (in `tree.flatten` order), the element's flat index in it, and both derivatives.
   */
  readonly worst: {
    readonly leaf: number;
    readonly index: number;
    readonly analytic: number;
    readonly numeric: number;
  };
  /** Number of scalar derivatives compared. */
  readonly checked: number;
}

/**
 * Compares the gradient of scalar `f` at `x` with central finite differences (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε, one
 * input element at a time: 2n evaluations of f. Use float64 inputs for a meaningful comparison.
 * @example checkGrad((x) => sum(tanh(x)), tensor([0.5, -1], { dtype: 'float64' })).maxError // ≈ 1e-10
 */
export function checkGrad<P extends Tree>(f: (x: P) => Tensor, x: P, options: CheckGradOptions = {}): CheckGradResult {
  const analytic = tree.flatten(grad(f)(x)).leaves.map((leaf) => leaf.dataSync());
  const { leaves, structure } = tree.flatten(x);
  const evaluate = (replaced: number, values: Float64Array | Float32Array, leaf: Tensor): number => {
    const swapped = leaves.map((original, i) =>
      i === replaced ? tensor(values, { shape: leaf.shape, dtype: leaf.dtype }) : original,
    );
    const value = f(tree.unflatten(structure, swapped) as P);
    if (value.size !== 1) throw new ValueError(`checkGrad: f must return a scalar, got shape [${value.shape}]`);
    return value.item();
  };
  let worst = { leaf: -1, index: -1, analytic: 0, numeric: 0 };
  let maxError = 0;
  let checked = 0;
  leaves.forEach((leaf, l) => {
    const epsilon = options.epsilon ?? (leaf.dtype === 'float64' ? 1e-6 : 1e-2);
    if (!(epsilon > 0)) throw new ValueError(`checkGrad: epsilon must be positive, got ${epsilon}`);
    const base = leaf.dataSync();
    const values = leaf.dtype === 'float64' ? new Float64Array(base) : new Float32Array(base);
    for (let i = 0; i < values.length; i++) {
      const original = values[i];
      values[i] = original + epsilon;
      const plus = evaluate(l, values, leaf);
      values[i] = original - epsilon;
      const minus = evaluate(l, values, leaf);
      values[i] = original;
      const numeric = (plus - minus) / (2 * epsilon);
      const exact = analytic[l][i];
      const error = Math.abs(exact - numeric) / Math.max(1, Math.abs(exact), Math.abs(numeric));
      checked++;
      if (!(error <= maxError)) {
        maxError = error;
        worst = { leaf: l, index: i, analytic: exact, numeric };
      }
    }
  });
  return { maxError, worst, checked };
}
