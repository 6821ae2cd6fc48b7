import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { batchNote, readMatrixStack, toTensor } from './matrix-stack.js';
import { resolveSymmetryTolerance, type SymmetryOptions, symmetrizeInPlace } from './symmetric-part.js';

/** Options of {@link cholesky}: how asymmetric the input may be (see {@link SymmetryOptions}). */
export type CholeskyOptions = SymmetryOptions;

/**
 * The Cholesky factor of a symmetric positive definite matrix: lower triangular L with positive diagonal and
 * L Lᵀ = A, row by row (Cholesky–Banachiewicz) in float64:
 * lⱼⱼ = √(aⱼⱼ − Σ_{k<j} lⱼₖ²),  lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ for i > j.
 * Works on [..., n, n] stacks. Throws a ValueError when A is not symmetric (within `symmetryTolerance`, see
 * {@link SymmetryOptions}) or when a pivot aⱼⱼ − Σ lⱼₖ² is not positive, i.e. A is not positive definite in
 * floating point. LAPACK and NumPy read one triangle only; we check symmetry and factor (A + Aᵀ)/2 instead.
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), Algorithm 4.2.1, https://jhupbooks.press.jhu.edu/title/matrix-computations
 * @example
 * linalg.cholesky(tensor([[4, 2], [2, 2]], { dtype: 'float64' })) // → [[2, 0], [1, 1]]
 */
export function cholesky(a: Tensor, options: CholeskyOptions = {}): Tensor {
  const fn = 'linalg.cholesky';
  const matrices = readMatrixStack(fn, a, { square: true });
  const tolerance = resolveSymmetryTolerance(fn, options, matrices.dtype);
  const n = matrices.rows;
  const size = n * n;
  const values = matrices.values;
  const l = new Float64Array(matrices.count * size);
  for (let t = 0; t < matrices.count; t++) {
    const offset = t * size;
    symmetrizeInPlace(fn, values, offset, n, tolerance, t, matrices.count);
    for (let i = 0; i < n; i++) {
      const rowI = offset + i * n;
      for (let j = 0; j <= i; j++) {
        const rowJ = offset + j * n;
        let sum = values[rowI + j];
        for (let k = 0; k < j; k++) sum -= l[rowI + k] * l[rowJ + k];
        if (i === j) {
          // `!(sum > 0)` also catches NaN from an overflowing sum.
          if (!(sum > 0)) {
            throw new ValueError(
              `${fn}: matrix is not positive definite${batchNote(t, matrices.count)} (pivot ${i} is ` +
                `${sum.toPrecision(3)}, expected > 0)`,
            );
          }
          l[rowI + i] = Math.sqrt(sum);
        } else {
          l[rowI + j] = sum / l[rowJ + j];
        }
      }
    }
  }
  return toTensor(l, [...matrices.batchShape, n, n], matrices.dtype);
}
