import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { inv } from './inv.js';
import {
  DTYPES,
  difference,
  EPS,
  expectCloseTo,
  frobenius,
  hilbert,
  identity,
  logSpacedValues,
  make,
  matmul,
  mulberry32,
  randomMatrix,
  read,
  withSpectrum,
} from './test-helpers.js';

/** ‖XA − I‖ / (‖X‖‖A‖): the residual that a stable inversion keeps at rounding level, whatever cond(A) is. */
function relativeResidual(x: Float64Array, a: Float64Array, n: number): number {
  return frobenius(difference(matmul(x, a, n, n, n), identity(n))) / (frobenius(x) * frobenius(a));
}

/** Exact inverse of the n×n Hilbert matrix (integers): (−1)^{i+j}(i+j−1)·C(n+i−1, n−j)·C(n+j−1, n−i)·C(i+j−2, i−1)², 1-based. */
function inverseHilbert(n: number): Float64Array {
  const choose = (p: number, q: number) => {
    let result = 1;
    for (let s = 1; s <= q; s++) result = (result * (p - q + s)) / s;
    return result;
  };
  const out = new Float64Array(n * n);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= n; j++) {
      const sign = (i + j) % 2 === 0 ? 1 : -1;
      out[(i - 1) * n + j - 1] =
        sign * (i + j - 1) * choose(n + i - 1, n - j) * choose(n + j - 1, n - i) * choose(i + j - 2, i - 1) ** 2;
    }
  }
  return out;
}

describe('linalg.inv', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    const tolerance = (n: number) => 10 * n * EPS[dtype];
    it.each([1, 2, 3, 5, 10, 25, 60])('inverts a random %i×%i matrix', (n) => {
      const a = make(randomMatrix(mulberry32(n), n, n), [n, n], dtype);
      const x = inv(a);
      expect(x.shape).toEqual([n, n]);
      expect(x.dtype).toBe(dtype);
      expect(relativeResidual(read(x), read(a), n)).toBeLessThan(tolerance(n));
    });

    it('inverts matrices of condition number 1e8 to a small residual', () => {
      for (const n of [5, 20]) {
        const a = make(withSpectrum(mulberry32(n + 50), logSpacedValues(n, 1e8)), [n, n], dtype);
        expect(relativeResidual(read(inv(a)), read(a), n)).toBeLessThan(tolerance(n));
      }
    });
  });

  it('matches closed forms: a 2×2 matrix and the integer inverse of Hilbert matrices', () => {
    const x = read(
      inv(
        tensor(
          [
            [4, 7],
            [2, 6],
          ],
          { dtype: 'float64' },
        ),
      ),
    );
    expectCloseTo(x, [0.6, -0.7, -0.2, 0.4], 14);
    for (let n = 6; n <= 10; n++) {
      const h = hilbert(n);
      const computed = read(inv(make(h, [n, n], 'float64')));
      expect(relativeResidual(computed, h, n)).toBeLessThan(10 * n * EPS.float64);
      // Forward error is bounded by cond(H)·eps: about 1e-8 at n = 6, about 1e-3 at n = 10.
      const exact = inverseHilbert(n);
      const forward = frobenius(difference(computed, exact)) / frobenius(exact);
      expect(forward).toBeLessThan(n === 6 ? 1e-7 : 1e-2);
    }
  });

  it('inverts each matrix of a batch', () => {
    const x = inv(make([2, 0, 0, 4, 0, 1, 1, 0], [2, 2, 2], 'float64'));
    expect(x.shape).toEqual([2, 2, 2]);
    expect(x.toArray()).toEqual([
      [
        [0.5, 0],
        [0, 0.25],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
  });

  it('refuses singular matrices and bad input', () => {
    expect(() =>
      inv(
        tensor(
          [
            [1, 2],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(ValueError);
    expect(() =>
      inv(
        tensor(
          [
            [1, 2],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow('linalg.inv: matrix is singular (pivot 1 is 0)');
    expect(() =>
      inv(
        tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toThrow(/singular to working precision/);
    expect(() =>
      inv(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toThrow(ShapeError);
    expect(() => inv(tensor([[1]], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => inv(tensor([[1]], { dtype: 'bool' }))).toThrow(DTypeError);
  });
});
