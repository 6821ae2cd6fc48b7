import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { solveTriangular } from './solve-triangular.js';
import { DTYPES, difference, EPS, frobenius, make, matmul, mulberry32, randomMatrix, read } from './test-helpers.js';

describe('linalg.solveTriangular', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each([1, 4, 20, 60])('solves %i×%i lower and upper systems, reading only that triangle', (n) => {
      const uniform = mulberry32(n);
      const full = randomMatrix(uniform, n, n);
      for (let i = 0; i < n; i++) full[i * n + i] = 2 + Math.abs(full[i * n + i]);
      const a = make(full, [n, n], dtype);
      const stored = read(a);
      const b = make(randomMatrix(uniform, n, 2), [n, 2], dtype);
      for (const lower of [true, false]) {
        for (const unitDiagonal of [false, true]) {
          // The triangle actually used, as a dense matrix: the oracle multiplies by it.
          const t = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) if (lower ? j < i : j > i) t[i * n + j] = stored[i * n + j];
            t[i * n + i] = unitDiagonal ? 1 : stored[i * n + i];
          }
          const x = read(solveTriangular(a, b, { lower, unitDiagonal }));
          const residual = frobenius(difference(matmul(t, x, n, n, 2), read(b)));
          expect(residual / (frobenius(t) * frobenius(x) + frobenius(read(b)))).toBeLessThan(10 * n * EPS[dtype]);
        }
      }
    });
  });

  it('substitutes forward and backward on closed forms', () => {
    const lower = tensor(
      [
        [2, 0],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    expect(solveTriangular(lower, tensor([4, 5], { dtype: 'float64' }), { lower: true }).toArray()).toEqual([2, 3]);
    const upper = tensor(
      [
        [1, 1],
        [0, 2],
      ],
      { dtype: 'float64' },
    );
    expect(solveTriangular(upper, tensor([[5], [6]], { dtype: 'float64' })).toArray()).toEqual([[2], [3]]);
  });

  it('refuses a zero diagonal entry and bad input', () => {
    const singular = tensor(
      [
        [1, 0],
        [1, 0],
      ],
      { dtype: 'float64' },
    );
    expect(() => solveTriangular(singular, tensor([1, 1], { dtype: 'float64' }), { lower: true })).toThrow(ValueError);
    expect(() => solveTriangular(singular, tensor([1, 1], { dtype: 'float64' }), { lower: true })).toThrow(
      'linalg.solveTriangular: matrix is singular (diagonal entry 1 is 0)',
    );
    expect(() =>
      solveTriangular(singular, tensor([1, 1], { dtype: 'float64' }), { lower: true, unitDiagonal: true }),
    ).not.toThrow();
    expect(() => solveTriangular(tensor([[1, 2]]), tensor([1]))).toThrow(ShapeError);
    expect(() => solveTriangular(tensor([[1]], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }))).toThrow(
      DTypeError,
    );
  });
});
