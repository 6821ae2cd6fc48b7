import type { Tensor } from '../tensor.js';
import { assertNonsingular, luFactorInPlace, luSolveInPlace } from './lu-factor.js';
import { maxAbs, readMatrixStack, toTensor } from './matrix-stack.js';

/**
 * The inverse A⁻¹ of a square matrix (or of each matrix in a [..., n, n] stack), from the LU factorization with
 * partial pivoting PA = LU by solving A X = I column block by column block, in float64.
 * Prefer {@link solve} for A⁻¹b: it is cheaper and more accurate than forming the inverse.
 * Throws a ValueError when A is singular (a pivot 0 or below n·eps·max|a|, as {@link solve}).
 * @see Higham 2002, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), §14.3, https://doi.org/10.1137/1.9780898718027
 * @example
 * linalg.inv(tensor([[4, 7], [2, 6]], { dtype: 'float64' })) // → [[0.6, -0.7], [-0.2, 0.4]]
 */
export function inv(a: Tensor): Tensor {
  const fn = 'linalg.inv';
  const matrices = readMatrixStack(fn, a, { square: true });
  const n = matrices.rows;
  const size = n * n;
  const lu = matrices.values;
  const result = new Float64Array(matrices.count * size);
  const pivots = new Int32Array(n);
  for (let t = 0; t < matrices.count; t++) {
    const offset = t * size;
    const scale = maxAbs(lu, offset, size);
    luFactorInPlace(lu, offset, n, pivots);
    assertNonsingular(fn, lu, offset, n, scale, t, matrices.count);
    for (let i = 0; i < n; i++) result[offset + i * n + i] = 1;
    luSolveInPlace(lu, offset, n, pivots, result, offset, n);
  }
  return toTensor(result, [...matrices.batchShape, n, n], matrices.dtype);
}
