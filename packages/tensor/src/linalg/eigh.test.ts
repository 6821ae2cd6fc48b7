import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { eigh } from './eigh.js';
import {
  DTYPES,
  difference,
  EPS,
  expectCloseTo,
  frobenius,
  hilbert,
  logSpacedValues,
  make,
  matmul,
  mulberry32,
  orthogonalityError,
  randomSymmetric,
  read,
  withSpectrum,
} from './test-helpers.js';

/** Checks ascending order, VᵀV = I and ‖AV − VΛ‖ ≤ tolerance·‖A‖; returns the eigenvalues. */
function expectDecomposition(a: Float64Array, n: number, tolerance: number, dtype: 'float32' | 'float64' = 'float64') {
  const { values, vectors } = eigh(make(a, [n, n], dtype));
  expect(values.shape).toEqual([n]);
  expect(vectors.shape).toEqual([n, n]);
  expect(values.dtype).toBe(dtype);
  const lambda = read(values);
  const v = read(vectors);
  for (let i = 1; i < n; i++) expect(lambda[i]).toBeGreaterThanOrEqual(lambda[i - 1]);
  expect(orthogonalityError(v, n, n)).toBeLessThan(tolerance);
  const vLambda = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vLambda[i * n + j] = v[i * n + j] * lambda[j];
  const scale = Math.max(frobenius(a), Number.MIN_VALUE);
  expect(frobenius(difference(matmul(a, v, n, n, n), vLambda)) / scale).toBeLessThan(tolerance);
  return lambda;
}

describe('linalg.eigh', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    const tolerance = (n: number) => 10 * n * EPS[dtype];
    it.each([1, 2, 3, 5, 10, 25, 60])('decomposes a random symmetric %i×%i matrix', (n) => {
      const a = read(make(randomSymmetric(mulberry32(n), n), [n, n], dtype));
      const lambda = expectDecomposition(a, n, tolerance(n), dtype);
      // Invariants computed without the eigensolver: Σλ = trace A and Σλ² = ‖A‖_F².
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      const sum = lambda.reduce((p, q) => p + q, 0);
      const squares = lambda.reduce((p, q) => p + q * q, 0);
      expect(Math.abs(sum - trace)).toBeLessThan(tolerance(n) * frobenius(a) * Math.sqrt(n));
      expect(Math.abs(squares - frobenius(a) ** 2)).toBeLessThan(tolerance(n) * frobenius(a) ** 2);
    });

    it('recovers prescribed eigenvalues of condition number 1e8', () => {
      for (const n of [5, 20, 40]) {
        const spectrum = logSpacedValues(n, 1e8).map((value, i) => (i % 2 === 0 ? value : -value));
        const a = read(make(withSpectrum(mulberry32(n + 7), spectrum, true), [n, n], dtype));
        const lambda = expectDecomposition(a, n, tolerance(n), dtype);
        const expected = Float64Array.from(spectrum).sort();
        // Weyl: each eigenvalue moves by at most ‖E‖₂ under a perturbation E; rounding to float32 is such an E.
        for (let i = 0; i < n; i++) expect(Math.abs(lambda[i] - expected[i])).toBeLessThan(tolerance(n));
      }
    });
  });

  it('matches the closed-form spectrum of the tridiagonal [-1, 2, -1] matrix', () => {
    for (const n of [1, 2, 7, 30]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 2;
        if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
      }
      const { values, vectors } = eigh(make(a, [n, n], 'float64'));
      const lambda = read(values);
      const v = read(vectors);
      for (let k = 1; k <= n; k++) {
        expect(lambda[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
        // Eigenvector k is sin(jkπ/(n+1)), normalized; compare up to sign.
        const exact = Array.from({ length: n }, (_, j) => Math.sin(((j + 1) * k * Math.PI) / (n + 1)));
        const length = Math.hypot(...exact);
        const sign = Math.sign(v[k - 1]) * Math.sign(exact[0]);
        for (let j = 0; j < n; j++) expect(sign * v[j * n + k - 1]).toBeCloseTo(exact[j] / length, 12);
      }
    }
  });

  it('matches the 2×2 closed form and sorts a diagonal matrix', () => {
    const [p, q, r] = [1.5, -0.75, -2];
    const { values } = eigh(
      tensor(
        [
          [p, q],
          [q, r],
        ],
        { dtype: 'float64' },
      ),
    );
    const [mid, radius] = [(p + r) / 2, Math.hypot((p - r) / 2, q)];
    expect(read(values)[0]).toBeCloseTo(mid - radius, 14);
    expect(read(values)[1]).toBeCloseTo(mid + radius, 14);
    const diagonal = eigh(
      tensor(
        [
          [3, 0, 0],
          [0, -1, 0],
          [0, 0, 2],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(diagonal.values.toArray()).toEqual([-1, 2, 3]);
    expect(read(diagonal.vectors).map(Math.abs)).toEqual(Float64Array.from([0, 0, 1, 1, 0, 0, 0, 1, 0]));
  });

  it('gives an orthonormal basis for repeated eigenvalues', () => {
    const n = 12;
    const spectrum = Float64Array.from([1, 1, 1, 1, 2, 2, 2, 5, 5, 5, 5, 5]);
    const lambda = expectDecomposition(withSpectrum(mulberry32(21), spectrum, true), n, 10 * n * EPS.float64);
    for (let i = 0; i < n; i++) expect(lambda[i]).toBeCloseTo(spectrum[i], 13);
    const identityValues = expectDecomposition(
      Float64Array.from({ length: 25 }, (_, i) => (i % 6 === 0 ? 1 : 0)),
      5,
      1e-15,
    );
    expect(Array.from(identityValues)).toEqual([1, 1, 1, 1, 1]);
    expectDecomposition(new Float64Array(16), 4, 1e-15);
  });

  it('decomposes Hilbert matrices n = 6..10 to a small backward error', () => {
    for (let n = 6; n <= 10; n++) {
      const lambda = expectDecomposition(hilbert(n), n, 10 * n * EPS.float64);
      expect(lambda[0]).toBeGreaterThan(0);
    }
  });

  it('is unaffected by scale: entries near overflow or underflow', () => {
    const base = randomSymmetric(mulberry32(2), 6);
    const reference = read(eigh(make(base, [6, 6], 'float64')).values);
    for (const scale of [1e300, 1e-300]) {
      const values = read(
        eigh(
          make(
            base.map((x) => x * scale),
            [6, 6],
            'float64',
          ),
        ).values,
      );
      for (let i = 0; i < 6; i++) expect(values[i] / scale).toBeCloseTo(reference[i], 12);
    }
  });

  it('decomposes each matrix of a batch', () => {
    const { values, vectors } = eigh(make([2, 0, 0, 1, 0, 1, 1, 0], [2, 2, 2], 'float64'));
    expect(values.shape).toEqual([2, 2]);
    expect(vectors.shape).toEqual([2, 2, 2]);
    expectCloseTo(read(values), [1, 2, -1, 1], 14);
  });

  it('rejects non-symmetric matrices and bad input with typed errors', () => {
    expect(() =>
      eigh(
        tensor(
          [
            [1, 2],
            [0, 1],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(ValueError);
    expect(() =>
      eigh(
        tensor(
          [
            [1, 2],
            [0, 1],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(/linalg\.eigh: matrix is not symmetric \(\|a\[0,1\] − a\[1,0\]\| = 2\.00, expected at most 2\.98e-8/);
    expect(() => eigh(make([1, 0, 0, 1, 1, 2, 0, 1], [2, 2, 2], 'float64'))).toThrow(/in matrix 1 of the batch/);
    expect(() =>
      eigh(
        tensor([
          [1, 1e-3],
          [0, 1],
        ]),
      ),
    ).toThrow(/not symmetric/);
    expect(() =>
      eigh(
        tensor([
          [1, 1e-5],
          [0, 1],
        ]),
      ),
    ).not.toThrow();
    expect(() =>
      eigh(
        tensor([
          [1, 2],
          [0, 1],
        ]),
        { symmetryTolerance: 2 },
      ),
    ).not.toThrow();
    expect(() => eigh(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => eigh(tensor([1, 2]))).toThrow(ShapeError);
    expect(() => eigh(tensor([[1]], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => eigh(tensor([[1]], { dtype: 'int32' }))).toThrow(
      'linalg.eigh: expected a float32 or float64 tensor, got int32',
    );
    expect(() => eigh(tensor([[Number.NaN]]))).toThrow(ValueError);
  });
});
