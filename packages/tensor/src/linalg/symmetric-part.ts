import { epsilonOf, type FloatDType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { batchNote, maxAbs } from './matrix-stack.js';

/**
 * The symmetry check of {@link cholesky} and {@link eigh}, which factor the symmetric part (A + Aᵀ)/2 after checking
 * that A is symmetric within a tolerance.
 */
export interface SymmetryOptions {
  /**
   * Largest accepted asymmetry, relative to the largest entry: |aᵢⱼ − aⱼᵢ| ≤ symmetryTolerance · max|a|.
   * Default √eps of the input dtype (1.5e-8 for float64, 3.5e-4 for float32): loose enough for rounding in a
   * computed matrix (AᵀA, a Hessian), tight enough to catch a matrix that was never meant to be symmetric.
   */
  readonly symmetryTolerance?: number;
}

/** The default relative asymmetry accepted for `dtype`: √eps. */
export function defaultSymmetryTolerance(dtype: FloatDType): number {
  return Math.sqrt(epsilonOf(dtype));
}

/**
 * Checks that the n×n matrix at `offset` is symmetric within `tolerance`, then replaces it, in place, by its
 * symmetric part (A + Aᵀ)/2: the nearest symmetric matrix, so the factorization is exact for a matrix within the
 * accepted rounding of the input rather than for whichever triangle happened to be read.
 */
export function symmetrizeInPlace(
  fn: string,
  values: Float64Array,
  offset: number,
  n: number,
  tolerance: number,
  batchIndex: number,
  count: number,
): void {
  const limit = tolerance * maxAbs(values, offset, n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const upper = values[offset + i * n + j];
      const lower = values[offset + j * n + i];
      const gap = Math.abs(upper - lower);
      if (gap > limit) {
        throw new ValueError(
          `${fn}: matrix is not symmetric${batchNote(batchIndex, count)} (|a[${i},${j}] − a[${j},${i}]| = ` +
            `${gap.toPrecision(3)}, expected at most ${limit.toPrecision(3)} = ${tolerance.toPrecision(3)}·max|a|)`,
        );
      }
      const mean = 0.5 * (upper + lower);
      values[offset + i * n + j] = mean;
      values[offset + j * n + i] = mean;
    }
  }
}

/** Validates a user-supplied symmetry tolerance, falling back to the dtype default. */
export function resolveSymmetryTolerance(fn: string, options: SymmetryOptions, dtype: FloatDType): number {
  const { symmetryTolerance = defaultSymmetryTolerance(dtype) } = options;
  if (typeof symmetryTolerance !== 'number' || !(symmetryTolerance >= 0)) {
    throw new ValueError(`${fn}: symmetryTolerance must be a non-negative number, got ${String(symmetryTolerance)}`);
  }
  return symmetryTolerance;
}
