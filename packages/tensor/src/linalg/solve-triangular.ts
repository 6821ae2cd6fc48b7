import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { batchNote, readMatrixStack, toTensor } from './matrix-stack.js';
import { readRightHandSide } from './right-hand-side.js';

/**
 * Options of {@link solveTriangular}: which triangle of `a` to use (default upper, as SciPy) and whether its
 * diagonal is implicitly ones.
 */
export interface SolveTriangularOptions {
  /** Use the lower triangle of `a` (forward substitution). Default false: the upper triangle, as SciPy. */
  readonly lower?: boolean;
  /** Take the diagonal to be all ones without reading it (the L of an LU factorization). Default false. */
  readonly unitDiagonal?: boolean;
}

/**
 * Solves T x = b for triangular T by substitution: forward, xᵢ = (bᵢ − Σ_{j<i} tᵢⱼ xⱼ) / tᵢᵢ, for a lower T; backward,
 * from the last row, for an upper T. Only the chosen triangle of `a` is read; the other may hold anything finite.
 * `b` is a vector [n] or a matrix [n, k], with optional batch axes as in {@link solve}. Throws a ValueError on an
 * exactly zero diagonal entry, as SciPy. Substitution is backward stable: (T + E) x = b with |E| ≤ n·eps·|T|.
 * @see Higham 2002, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), Theorem 8.5, https://doi.org/10.1137/1.9780898718027
 * @example
 * linalg.solveTriangular(tensor([[2, 0], [1, 1]], { dtype: 'float64' }), tensor([4, 5], { dtype: 'float64' }), { lower: true }) // → [2, 3]
 */
export function solveTriangular(a: Tensor, b: Tensor, options: SolveTriangularOptions = {}): Tensor {
  const fn = 'linalg.solveTriangular';
  const { lower = false, unitDiagonal = false } = options;
  const matrices = readMatrixStack(fn, a, { square: true });
  const rhs = readRightHandSide(fn, matrices, b);
  const n = matrices.rows;
  const { k } = rhs;
  const t = matrices.values;
  const x = rhs.values;
  for (let block = 0; block < rhs.count; block++) {
    const matrixIndex = rhs.sharedMatrix ? 0 : block;
    const offset = matrixIndex * n * n;
    const xOffset = block * n * k;
    for (let step = 0; step < n; step++) {
      const i = lower ? step : n - 1 - step;
      const row = xOffset + i * k;
      const [from, to] = lower ? [0, i] : [i + 1, n];
      // Subtract the already solved rows; the inner loop runs along a contiguous row of x.
      for (let j = from; j < to; j++) {
        const coefficient = t[offset + i * n + j];
        if (coefficient === 0) continue;
        const source = xOffset + j * k;
        for (let c = 0; c < k; c++) x[row + c] -= coefficient * x[source + c];
      }
      if (unitDiagonal) continue;
      const diagonal = t[offset + i * n + i];
      if (diagonal === 0) {
        throw new ValueError(
          `${fn}: matrix is singular${batchNote(matrixIndex, matrices.count)} (diagonal entry ${i} is 0)`,
        );
      }
      for (let c = 0; c < k; c++) x[row + c] /= diagonal;
    }
  }
  return toTensor(x, rhs.shape, matrices.dtype);
}
