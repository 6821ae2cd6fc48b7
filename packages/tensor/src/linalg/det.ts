import type { Tensor } from '../tensor.js';
import { luFactorInPlace } from './lu-factor.js';
import { readMatrixStack, toTensor } from './matrix-stack.js';

/**
 * The determinant det A = sign(P) · Πᵢ uᵢᵢ from the LU factorization with partial pivoting PA = LU, computed in
 * float64 (one value per matrix of a [..., n, n] stack). A singular matrix gives 0 or a value at rounding level;
 * the product can overflow for large n, where {@link slogdet} does not.
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), §3.4, https://jhupbooks.press.jhu.edu/title/matrix-computations
 * @example
 * linalg.det(tensor([[1, 2], [3, 4]], { dtype: 'float64' })) // → -2
 */
export function det(a: Tensor): Tensor {
  const matrices = readMatrixStack('linalg.det', a, { square: true });
  const n = matrices.rows;
  const lu = matrices.values;
  const result = new Float64Array(matrices.count);
  const pivots = new Int32Array(n);
  for (let t = 0; t < matrices.count; t++) {
    const offset = t * n * n;
    let product = luFactorInPlace(lu, offset, n, pivots);
    for (let i = 0; i < n; i++) product *= lu[offset + i * n + i];
    // + 0 turns the −0 of a singular matrix with an odd permutation into 0.
    result[t] = product + 0;
  }
  return toTensor(result, matrices.batchShape, matrices.dtype);
}
