import type { Tensor } from '../tensor.js';
import { luFactorInPlace } from './lu-factor.js';
import { readMatrixStack, toTensor } from './matrix-stack.js';

/** The determinant as a sign and a logarithm, so that it neither overflows nor underflows. */
export interface SlogdetResult {
  /** +1, −1, or 0 for a singular matrix; shape [...batch]. */
  readonly sign: Tensor;
  /** log|det A|, −Infinity for a singular matrix; shape [...batch]. */
  readonly logAbsDet: Tensor;
}

/**
 * Sign and natural log of |det A| from the LU factorization PA = LU: det A = sign(P) · Πᵢ uᵢᵢ, so
 * log|det A| = Σᵢ log|uᵢᵢ|, a sum that stays finite where the product would overflow (det of a 500×500 matrix of
 * 10s is 10⁵⁰⁰). An exactly zero pivot gives sign 0 and logAbsDet −Infinity, as NumPy.
 * @see NumPy, `numpy.linalg.slogdet`, https://numpy.org/doc/stable/reference/generated/numpy.linalg.slogdet.html
 * @example
 * const { sign, logAbsDet } = linalg.slogdet(tensor([[0, 2], [3, 0]], { dtype: 'float64' }))
 * // sign → -1, logAbsDet → log(6)
 */
export function slogdet(a: Tensor): SlogdetResult {
  const matrices = readMatrixStack('linalg.slogdet', a, { square: true });
  const n = matrices.rows;
  const lu = matrices.values;
  const signs = new Float64Array(matrices.count);
  const logs = new Float64Array(matrices.count);
  const pivots = new Int32Array(n);
  for (let t = 0; t < matrices.count; t++) {
    const offset = t * n * n;
    let sign = luFactorInPlace(lu, offset, n, pivots);
    let logAbs = 0;
    for (let i = 0; i < n; i++) {
      const pivot = lu[offset + i * n + i];
      if (pivot === 0) {
        sign = 0;
        logAbs = Number.NEGATIVE_INFINITY;
        break;
      }
      if (pivot < 0) sign = -sign;
      logAbs += Math.log(Math.abs(pivot));
    }
    signs[t] = sign;
    logs[t] = logAbs;
  }
  return {
    sign: toTensor(signs, matrices.batchShape, matrices.dtype),
    logAbsDet: toTensor(logs, matrices.batchShape, matrices.dtype),
  };
}
