import { ValueError } from '../errors.js';
import { batchNote } from './matrix-stack.js';

/**
 * LU factorization with partial pivoting, in place: PA = LU with L unit lower triangular (stored below the
 * diagonal) and U upper triangular (on and above it), row by row as LAPACK's getf2.
 * `pivots[k]` is the row swapped with row k at step k. Returns the permutation's sign, ±1.
 * An exactly zero pivot column is skipped, as LAPACK does, so callers decide what singular means.
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), Algorithm 3.4.1, https://jhupbooks.press.jhu.edu/title/matrix-computations
 */
export function luFactorInPlace(lu: Float64Array, offset: number, n: number, pivots: Int32Array): number {
  let sign = 1;
  for (let k = 0; k < n; k++) {
    // Partial pivoting: the largest entry of the column bounds every multiplier by 1, which keeps growth in check.
    let pivotRow = k;
    let largest = Math.abs(lu[offset + k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const magnitude = Math.abs(lu[offset + i * n + k]);
      if (magnitude > largest) {
        largest = magnitude;
        pivotRow = i;
      }
    }
    pivots[k] = pivotRow;
    if (pivotRow !== k) {
      sign = -sign;
      const a = offset + k * n;
      const b = offset + pivotRow * n;
      for (let j = 0; j < n; j++) {
        const held = lu[a + j];
        lu[a + j] = lu[b + j];
        lu[b + j] = held;
      }
    }
    const pivot = lu[offset + k * n + k];
    if (pivot === 0) continue;
    const pivotRowStart = offset + k * n;
    for (let i = k + 1; i < n; i++) {
      const rowStart = offset + i * n;
      const multiplier = lu[rowStart + k] / pivot;
      lu[rowStart + k] = multiplier;
      if (multiplier === 0) continue;
      for (let j = k + 1; j < n; j++) lu[rowStart + j] -= multiplier * lu[pivotRowStart + j];
    }
  }
  return sign;
}

/**
 * Throws when U has a pivot that is exactly zero or below n·eps·max|A| (eps of float64, the working precision):
 * past that point the computed solution is dominated by rounding, so we refuse rather than return noise.
 */
export function assertNonsingular(
  fn: string,
  lu: Float64Array,
  offset: number,
  n: number,
  scale: number,
  batchIndex: number,
  count: number,
): void {
  const threshold = n * 2 ** -52 * scale;
  for (let k = 0; k < n; k++) {
    const pivot = lu[offset + k * n + k];
    if (pivot === 0) {
      throw new ValueError(`${fn}: matrix is singular${batchNote(batchIndex, count)} (pivot ${k} is 0)`);
    }
    if (Math.abs(pivot) <= threshold) {
      throw new ValueError(
        `${fn}: matrix is singular to working precision${batchNote(batchIndex, count)} (pivot ${k} is ` +
          `${pivot.toPrecision(3)}, expected |pivot| > n·eps·max|a| = ${threshold.toPrecision(3)})`,
      );
    }
  }
}

/**
 * Solves A X = B for the n×k right-hand sides `b` (row-major, at `bOffset`), in place, from the factors of
 * {@link luFactorInPlace}: permute, then L y = Pb forward, then U x = y backward.
 */
export function luSolveInPlace(
  lu: Float64Array,
  offset: number,
  n: number,
  pivots: Int32Array,
  b: Float64Array,
  bOffset: number,
  k: number,
): void {
  for (let i = 0; i < n; i++) {
    const p = pivots[i];
    if (p === i) continue;
    for (let j = 0; j < k; j++) {
      const held = b[bOffset + i * k + j];
      b[bOffset + i * k + j] = b[bOffset + p * k + j];
      b[bOffset + p * k + j] = held;
    }
  }
  // Row-oriented substitution: the inner loop runs along a contiguous row of B.
  for (let i = 1; i < n; i++) {
    const row = bOffset + i * k;
    for (let t = 0; t < i; t++) {
      const l = lu[offset + i * n + t];
      if (l === 0) continue;
      const source = bOffset + t * k;
      for (let j = 0; j < k; j++) b[row + j] -= l * b[source + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const row = bOffset + i * k;
    for (let t = i + 1; t < n; t++) {
      const u = lu[offset + i * n + t];
      if (u === 0) continue;
      const source = bOffset + t * k;
      for (let j = 0; j < k; j++) b[row + j] -= u * b[source + j];
    }
    const diagonal = lu[offset + i * n + i];
    for (let j = 0; j < k; j++) b[row + j] /= diagonal;
  }
}
