import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { cholesky } from './cholesky.js';
import {
  DTYPES,
  difference,
  EPS,
  frobenius,
  hilbert,
  logSpacedValues,
  make,
  matmul,
  mulberry32,
  randomSpd,
  read,
  transpose,
  withSpectrum,
} from './test-helpers.js';

/** ‖LLᵀ − A‖_F / ‖A‖_F, after checking that L is lower triangular with a positive diagonal. */
function backwardError(a: Float64Array, l: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) {
    expect(l[i * n + i]).toBeGreaterThan(0);
    for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
  }
  return frobenius(difference(matmul(l, transpose(l, n, n), n, n, n), a)) / frobenius(a);
}

describe('linalg.cholesky', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each([1, 2, 3, 5, 10, 25, 60])('factors a random %i×%i SPD matrix', (n) => {
      const x = make(randomSpd(mulberry32(n), n), [n, n], dtype);
      const l = cholesky(x);
      expect(l.shape).toEqual([n, n]);
      expect(l.dtype).toBe(dtype);
      expect(backwardError(read(x), read(l), n)).toBeLessThan(10 * n * EPS[dtype]);
    });

    // In float32, rounding the entries moves eigenvalues by about eps32 ≈ 1e-7, so a float32 matrix of condition
    // 1e8 need not be positive definite at all; 1e5 keeps it definite while still far from well conditioned.
    const condition = dtype === 'float32' ? 1e5 : 1e8;
    it(`factors matrices with condition number ${condition} to a small backward error`, () => {
      for (const n of [5, 20, 40]) {
        const x = make(withSpectrum(mulberry32(n + 1), logSpacedValues(n, condition), true), [n, n], dtype);
        expect(backwardError(read(x), read(cholesky(x)), n)).toBeLessThan(10 * n * EPS[dtype]);
      }
    });
  });

  it('matches closed forms', () => {
    expect(
      cholesky(
        tensor(
          [
            [4, 2],
            [2, 2],
          ],
          { dtype: 'float64' },
        ),
      ).toArray(),
    ).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    expect(cholesky(tensor(a, { dtype: 'float64' })).toArray()).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it('factors Hilbert matrices n = 6..10 to a small backward error', () => {
    for (let n = 6; n <= 10; n++) {
      const a = hilbert(n);
      expect(backwardError(a, read(cholesky(make(a, [n, n], 'float64'))), n)).toBeLessThan(10 * n * EPS.float64);
    }
  });

  it('factors each matrix of a batch', () => {
    const first = randomSpd(mulberry32(1), 3);
    const second = randomSpd(mulberry32(2), 3);
    const both = new Float64Array([...first, ...second]);
    const l = read(cholesky(make(both, [2, 3, 3], 'float64')));
    expect(Array.from(l.subarray(0, 9))).toEqual(Array.from(read(cholesky(make(first, [3, 3], 'float64')))));
    expect(Array.from(l.subarray(9))).toEqual(Array.from(read(cholesky(make(second, [3, 3], 'float64')))));
  });

  it('accepts rounding-level asymmetry and uses the symmetric part', () => {
    const l = cholesky(
      tensor(
        [
          [4, 2 + 1e-13],
          [2, 2],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(read(l)[2]).toBeCloseTo(1, 12);
  });

  it('says which pivot fails when the matrix is not positive definite', () => {
    const indefinite = tensor(
      [
        [1, 2],
        [2, 1],
      ],
      { dtype: 'float64' },
    );
    expect(() => cholesky(indefinite)).toThrow(ValueError);
    expect(() => cholesky(indefinite)).toThrow(
      'linalg.cholesky: matrix is not positive definite (pivot 1 is -3.00, expected > 0)',
    );
    expect(() => cholesky(tensor([[0]], { dtype: 'float32' }))).toThrow(/pivot 0 is 0/);
    const semidefinite = tensor(
      [
        [1, 1],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    expect(() => cholesky(semidefinite)).toThrow(/not positive definite/);
    const batch = make([1, 0, 0, 1, 1, 0, 0, -1], [2, 2, 2], 'float64');
    expect(() => cholesky(batch)).toThrow(/not positive definite in matrix 1 of the batch \(pivot 1 is -1/);
  });

  it('rejects bad input with typed errors', () => {
    expect(() =>
      cholesky(
        tensor(
          [
            [2, 1],
            [0, 2],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(/linalg\.cholesky: matrix is not symmetric \(\|a\[0,1\] − a\[1,0\]\| = 1\.00/);
    expect(() =>
      cholesky(
        tensor([
          [2, 1],
          [0, 2],
        ]),
        { symmetryTolerance: 1 },
      ),
    ).not.toThrow();
    expect(() => cholesky(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => cholesky(tensor([[1, 2, 3]]))).toThrow('linalg.cholesky: a must be square, got shape [1,3]');
    expect(() => cholesky(tensor([[1]], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => cholesky(tensor([[Number.POSITIVE_INFINITY]]))).toThrow(ValueError);
    expect(() => cholesky(tensor([[1]]), { symmetryTolerance: -1 })).toThrow(/symmetryTolerance/);
  });
});
