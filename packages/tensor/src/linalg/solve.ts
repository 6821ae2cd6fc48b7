import type { Tensor } from '../tensor.js';
import { assertNonsingular, luFactorInPlace, luSolveInPlace } from './lu-factor.js';
import { maxAbs, readMatrixStack, toTensor } from './matrix-stack.js';
import { readRightHandSide } from './right-hand-side.js';

/**
 * Solves the square system A x = b by LU factorization with partial pivoting (PA = LU, then L y = Pb and U x = y),
 * computed in float64 and returned in the input dtype.
 *
 * `b` is a vector of shape [n] or a matrix of shape [n, k] (k right-hand sides). Stacks of systems work too: `a` of
 * shape [..., n, n] with `b` of shape [..., n, k] (or an unbatched `b`, reused for every matrix).
 * Throws a ValueError when A is singular: a pivot exactly 0, or below n·eps·max|a| with eps = 2⁻⁵² (float64, the
 * working precision), where the answer would be rounding noise. NumPy raises only on an exactly zero pivot. The
 * threshold is relative to the largest entry, so equilibrate a badly scaled system (rescale rows and columns)
 * before solving it. Partial pivoting is backward stable in practice: the computed x solves (A + E) x = b with
 * ‖E‖ ≈ n·eps·‖A‖ (growth factor aside).
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), §3.4, https://jhupbooks.press.jhu.edu/title/matrix-computations
 * @example
 * linalg.solve(tensor([[3, 1], [1, 2]], { dtype: 'float64' }), tensor([9, 8], { dtype: 'float64' })) // → [2, 3]
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  const fn = 'linalg.solve';
  const matrices = readMatrixStack(fn, a, { square: true });
  const rhs = readRightHandSide(fn, matrices, b);
  const n = matrices.rows;
  const size = n * n;
  const pivots = new Int32Array(n);
  const lu = matrices.values;
  for (let t = 0; t < rhs.count; t++) {
    const index = rhs.sharedMatrix ? 0 : t;
    const offset = index * size;
    // An unbatched `a` is factored once and reused for every block of `b`.
    if (t === 0 || !rhs.sharedMatrix) {
      const scale = maxAbs(lu, offset, size);
      luFactorInPlace(lu, offset, n, pivots);
      assertNonsingular(fn, lu, offset, n, scale, index, matrices.count);
    }
    luSolveInPlace(lu, offset, n, pivots, rhs.values, t * n * rhs.k, rhs.k);
  }
  return toTensor(rhs.values, rhs.shape, matrices.dtype);
}
