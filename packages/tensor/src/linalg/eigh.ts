import type { Tensor } from '../tensor.js';
import { batchNote, readMatrixStack, toTensor } from './matrix-stack.js';
import { notConverged, symmetricEigenInPlace } from './symmetric-eigen.js';
import { resolveSymmetryTolerance, type SymmetryOptions, symmetrizeInPlace } from './symmetric-part.js';

/** Options of {@link eigh}: how asymmetric the input may be (see {@link SymmetryOptions}). */
export type EighOptions = SymmetryOptions;

/** The eigendecomposition A = V diag(values) Vᵀ of a symmetric matrix. */
export interface EighResult {
  /** Eigenvalues in ascending order, shape [..., n]. */
  readonly values: Tensor;
  /** Orthonormal eigenvectors as columns (column i belongs to values[i]), shape [..., n, n]. */
  readonly vectors: Tensor;
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix (or a [..., n, n] stack): A vᵢ = λᵢ vᵢ with
 * λ₀ ≤ λ₁ ≤ … ≤ λₙ₋₁ (ascending, as NumPy's eigh) and VᵀV = I.
 * Householder tridiagonalization then implicit QL with shifts (EISPACK tred2 + tql2), in float64 after an exact
 * power-of-two rescaling. Backward stable: the result is exact for some A + E with ‖E‖ ≈ n·eps·‖A‖, so each
 * eigenvalue is accurate to about n·eps·‖A‖ in absolute terms, whatever the conditioning; repeated eigenvalues get
 * an orthonormal basis of their eigenspace. Each eigenvector's sign is arbitrary, as in LAPACK.
 * Throws a ValueError when A is not symmetric within `symmetryTolerance` (see {@link SymmetryOptions}); the
 * symmetric part (A + Aᵀ)/2 is what gets decomposed. NumPy reads one triangle and never checks.
 * @see Bowdler, Martin, Reinsch & Wilkinson 1968, "The QR and QL algorithms for symmetric matrices", https://doi.org/10.1007/BF02166356
 * @example
 * const { values, vectors } = linalg.eigh(tensor([[2, 1], [1, 2]], { dtype: 'float64' }))
 * // values → [1, 3]; vectors → [[-0.707, 0.707], [0.707, 0.707]] (up to the sign of each column)
 */
export function eigh(a: Tensor, options: EighOptions = {}): EighResult {
  const fn = 'linalg.eigh';
  const matrices = readMatrixStack(fn, a, { square: true });
  const tolerance = resolveSymmetryTolerance(fn, options, matrices.dtype);
  const n = matrices.rows;
  const size = n * n;
  const values = new Float64Array(matrices.count * n);
  const offDiagonal = new Float64Array(n);
  const maxIterations = 60;
  for (let t = 0; t < matrices.count; t++) {
    symmetrizeInPlace(fn, matrices.values, t * size, n, tolerance, t, matrices.count);
    const block = matrices.values.subarray(t * size, (t + 1) * size);
    if (!symmetricEigenInPlace(block, n, values.subarray(t * n, (t + 1) * n), offDiagonal, maxIterations)) {
      throw notConverged(fn, batchNote(t, matrices.count), maxIterations);
    }
  }
  return {
    values: toTensor(values, [...matrices.batchShape, n], matrices.dtype),
    vectors: toTensor(matrices.values, [...matrices.batchShape, n, n], matrices.dtype),
  };
}
