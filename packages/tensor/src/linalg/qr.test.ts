import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { qr } from './qr.js';
import {
  DTYPES,
  difference,
  EPS,
  expectCloseTo,
  frobenius,
  hilbert,
  make,
  matmul,
  mulberry32,
  orthogonalityError,
  randomMatrix,
  read,
  transpose,
} from './test-helpers.js';

const SIZES: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 2],
  [5, 3],
  [3, 5],
  [10, 10],
  [20, 7],
  [7, 20],
  [25, 60],
  [60, 25],
  [60, 60],
];

/** Checks QᵀQ = I, R upper triangular and QR = A for the factors of the m×n matrix `a`. */
function expectFactorization(
  a: Float64Array,
  m: number,
  n: number,
  q: Float64Array,
  r: Float64Array,
  qCols: number,
  tolerance: number,
) {
  const rRows = r.length / n;
  expect(orthogonalityError(q, m, qCols)).toBeLessThan(tolerance);
  for (let i = 0; i < rRows; i++) for (let j = 0; j < Math.min(i, n); j++) expect(r[i * n + j]).toBe(0);
  const residual = frobenius(difference(matmul(q, r, m, qCols, n), a));
  expect(residual).toBeLessThanOrEqual(tolerance * Math.max(frobenius(a), Number.MIN_VALUE));
}

describe('linalg.qr', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    const tolerance = (size: number) => 10 * size * EPS[dtype];
    it.each(SIZES)('factors a random %i×%i matrix in reduced and complete modes', (m, n) => {
      const uniform = mulberry32(m * 100 + n);
      const x = make(randomMatrix(uniform, m, n), [m, n], dtype);
      const a = read(x);
      const k = Math.min(m, n);
      for (const mode of ['reduced', 'complete'] as const) {
        for (const nonNegativeDiagonal of [false, true]) {
          const { q, r } = qr(x, { mode, nonNegativeDiagonal });
          const qCols = mode === 'complete' ? m : k;
          expect(q.shape).toEqual([m, qCols]);
          expect(r.shape).toEqual([mode === 'complete' ? m : k, n]);
          expect(q.dtype).toBe(dtype);
          expect(r.dtype).toBe(dtype);
          const qValues = read(q);
          const rValues = read(r);
          expectFactorization(a, m, n, qValues, rValues, qCols, tolerance(Math.max(m, n)));
          if (mode === 'complete') {
            // A square Q is orthogonal both ways: its rows are orthonormal too.
            expect(orthogonalityError(transpose(qValues, m, m), m, m)).toBeLessThan(tolerance(m));
          }
          if (nonNegativeDiagonal) for (let i = 0; i < k; i++) expect(rValues[i * n + i]).toBeGreaterThanOrEqual(0);
        }
      }
    });
  });

  it('matches the closed form of a 2×2 matrix, with LAPACK signs by default', () => {
    const a = tensor(
      [
        [3, 1],
        [4, 2],
      ],
      { dtype: 'float64' },
    );
    const positive = qr(a, { nonNegativeDiagonal: true });
    const expectedQ = [0.6, -0.8, 0.8, 0.6];
    const expectedR = [5, 2.2, 0, 0.4];
    expectCloseTo(read(positive.q), expectedQ, 14);
    expectCloseTo(read(positive.r), expectedR, 14);
    // Householder reflects x onto −sign(x₁)‖x‖e₁, so a positive first entry gives a negative r₀₀ (as NumPy).
    const lapack = qr(a);
    expect(read(lapack.r)[0]).toBeCloseTo(-5, 14);
  });

  it('gives a Haar-distributed Q for Gaussian input only with nonNegativeDiagonal', () => {
    const uniform = mulberry32(7);
    const samples = 400;
    let flippedMean = 0;
    let householderMax = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < samples; s++) {
      const a = make(randomMatrix(uniform, 3, 3), [3, 3], 'float64');
      flippedMean += read(qr(a, { nonNegativeDiagonal: true }).q)[0] / samples;
      householderMax = Math.max(householderMax, read(qr(a).q)[0]);
    }
    // Under Haar measure E[q₀₀] = 0 (the sign of a column is uniform); sd of the mean is 1/√(3·400) ≈ 0.03.
    expect(Math.abs(flippedMean)).toBeLessThan(0.12);
    // Raw Householder ties the sign of q₀₀ = a₀₀/r₀₀ to −sign(a₀₀)·sign(a₀₀): never positive.
    expect(householderMax).toBeLessThanOrEqual(0);
  });

  it('factors rank-deficient and zero matrices with an orthonormal Q', () => {
    const m = 6;
    const n = 4;
    const uniform = mulberry32(3);
    const a = randomMatrix(uniform, m, n);
    for (let i = 0; i < m; i++) {
      a[i * n + 2] = a[i * n + 0]; // duplicate column
      a[i * n + 3] = 0; // zero column
    }
    for (const values of [a, new Float64Array(m * n)]) {
      const { q, r } = qr(make(values, [m, n], 'float64'));
      expectFactorization(values, m, n, read(q), read(r), n, 1e-13);
    }
  });

  it('keeps Q orthogonal and the residual small on Hilbert matrices', () => {
    for (let n = 6; n <= 10; n++) {
      const a = hilbert(n);
      const { q, r } = qr(make(a, [n, n], 'float64'));
      expectFactorization(a, n, n, read(q), read(r), n, 10 * n * EPS.float64);
    }
  });

  it('factors each matrix of a batch', () => {
    const uniform = mulberry32(11);
    const values = randomMatrix(uniform, 2 * 3 * 4, 3);
    const { q, r } = qr(make(values, [2, 3, 4, 3], 'float64'), { mode: 'complete' });
    expect(q.shape).toEqual([2, 3, 4, 4]);
    expect(r.shape).toEqual([2, 3, 4, 3]);
    const qs = read(q);
    const rs = read(r);
    for (let t = 0; t < 6; t++) {
      const single = qr(make(values.subarray(t * 12, (t + 1) * 12), [4, 3], 'float64'), { mode: 'complete' });
      expect(Array.from(qs.subarray(t * 16, (t + 1) * 16))).toEqual(Array.from(read(single.q)));
      expect(Array.from(rs.subarray(t * 12, (t + 1) * 12))).toEqual(Array.from(read(single.r)));
    }
  });

  it('handles empty matrices', () => {
    const { q, r } = qr(make([], [0, 3], 'float64'), { mode: 'complete' });
    expect(q.shape).toEqual([0, 0]);
    expect(r.shape).toEqual([0, 3]);
    const reduced = qr(make([], [3, 0], 'float64'));
    expect(reduced.q.shape).toEqual([3, 0]);
    expect(reduced.r.shape).toEqual([0, 0]);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => qr(tensor([[1, 2]], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => qr(tensor([1, 2]))).toThrow(ShapeError);
    expect(() => qr(tensor([1, 2]))).toThrow(/linalg\.qr: a must be a matrix .* got shape \[2\]/);
    expect(() => qr(tensor([[1, Number.NaN]]))).toThrow(/linalg\.qr: a has a non-finite entry \(NaN at \[0,1\]\)/);
    expect(() => qr(tensor([[1]]), { mode: 'full' as 'complete' })).toThrow(ValueError);
  });
});
