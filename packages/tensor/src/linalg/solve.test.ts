import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { solve } from './solve.js';
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
  randomMatrix,
  read,
  withSpectrum,
} from './test-helpers.js';

/** Normwise backward error ‖Ax − b‖ / (‖A‖‖x‖ + ‖b‖): small for a stable solver whatever cond(A) is. */
function backwardError(a: Float64Array, x: Float64Array, b: Float64Array, n: number, k: number): number {
  const residual = frobenius(difference(matmul(a, x, n, n, k), b));
  return residual / (frobenius(a) * frobenius(x) + frobenius(b));
}

describe('linalg.solve', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    const tolerance = (n: number) => 10 * n * EPS[dtype];
    it.each([1, 2, 3, 5, 10, 25, 60])('solves a random %i×%i system for a vector and for 3 right-hand sides', (n) => {
      const uniform = mulberry32(n);
      const a = make(randomMatrix(uniform, n, n), [n, n], dtype);
      const vector = make(randomMatrix(uniform, n, 1), [n], dtype);
      const matrix = make(randomMatrix(uniform, n, 3), [n, 3], dtype);
      const x = solve(a, vector);
      expect(x.shape).toEqual([n]);
      expect(x.dtype).toBe(dtype);
      expect(backwardError(read(a), read(x), read(vector), n, 1)).toBeLessThan(tolerance(n));
      const xs = solve(a, matrix);
      expect(xs.shape).toEqual([n, 3]);
      expect(backwardError(read(a), read(xs), read(matrix), n, 3)).toBeLessThan(tolerance(n));
    });

    it('solves systems of condition number 1e8 to a small backward error', () => {
      for (const n of [5, 20, 40]) {
        const uniform = mulberry32(100 + n);
        const a = make(withSpectrum(uniform, logSpacedValues(n, 1e8)), [n, n], dtype);
        const b = make(randomMatrix(uniform, n, 2), [n, 2], dtype);
        expect(backwardError(read(a), read(solve(a, b)), read(b), n, 2)).toBeLessThan(tolerance(n));
      }
    });

    it('recovers a known solution of a well-conditioned system', () => {
      const n = 30;
      const uniform = mulberry32(5);
      const values = randomMatrix(uniform, n, n);
      for (let i = 0; i < n; i++) values[i * n + i] += 2 * n; // diagonally dominant: cond(A) ≈ 1
      const a = make(values, [n, n], dtype);
      const expected = randomMatrix(uniform, n, 1);
      const b = make(matmul(read(a), expected, n, n, 1), [n], dtype);
      const x = read(solve(a, b));
      expect(frobenius(difference(x, expected)) / frobenius(expected)).toBeLessThan(tolerance(n));
    });
  });

  it('matches a 2×2 closed form and pivots past a zero leading entry', () => {
    expect(
      solve(
        tensor(
          [
            [3, 1],
            [1, 2],
          ],
          { dtype: 'float64' },
        ),
        tensor([9, 8], { dtype: 'float64' }),
      ).toArray(),
    ).toEqual([2, 3]);
    // Without row exchanges the first pivot would be 0.
    expect(
      solve(
        tensor(
          [
            [0, 1],
            [1, 0],
          ],
          { dtype: 'float64' },
        ),
        tensor([5, 7], { dtype: 'float64' }),
      ).toArray(),
    ).toEqual([7, 5]);
  });

  it('solves Hilbert systems n = 6..10 to a small backward error', () => {
    for (let n = 6; n <= 10; n++) {
      const a = hilbert(n);
      const b = new Float64Array(n).fill(1);
      const x = read(solve(make(a, [n, n], 'float64'), make(b, [n], 'float64')));
      expect(backwardError(a, x, b, n, 1)).toBeLessThan(10 * n * EPS.float64);
    }
  });

  it('solves batches, reusing an unbatched a or b', () => {
    const uniform = mulberry32(9);
    const as = randomMatrix(uniform, 3 * 4, 4);
    const bs = randomMatrix(uniform, 3 * 4, 2);
    const batched = read(solve(make(as, [3, 4, 4], 'float64'), make(bs, [3, 4, 2], 'float64')));
    for (let t = 0; t < 3; t++) {
      const single = solve(
        make(as.subarray(t * 16, t * 16 + 16), [4, 4], 'float64'),
        make(bs.subarray(t * 8, t * 8 + 8), [4, 2], 'float64'),
      );
      expect(Array.from(batched.subarray(t * 8, t * 8 + 8))).toEqual(Array.from(read(single)));
    }
    const sharedA = solve(make(as.subarray(0, 16), [4, 4], 'float64'), make(bs, [3, 4, 2], 'float64'));
    expect(sharedA.shape).toEqual([3, 4, 2]);
    expect(Array.from(read(sharedA).subarray(0, 8))).toEqual(Array.from(batched.subarray(0, 8)));
    const sharedB = solve(make(as, [3, 4, 4], 'float64'), make(bs.subarray(0, 4), [4], 'float64'));
    expect(sharedB.shape).toEqual([3, 4]);
  });

  it('refuses singular matrices, naming the pivot', () => {
    const b = tensor([1, 1], { dtype: 'float64' });
    expect(() =>
      solve(
        tensor(
          [
            [1, 2],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
        b,
      ),
    ).toThrow(ValueError);
    expect(() =>
      solve(
        tensor(
          [
            [1, 2],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
        b,
      ),
    ).toThrow('linalg.solve: matrix is singular (pivot 1 is 0)');
    // Singular in exact arithmetic; in floating point the last pivot is rounding noise, not zero.
    const nearlySingular = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      { dtype: 'float64' },
    );
    expect(() => solve(nearlySingular, tensor([1, 1, 1], { dtype: 'float64' }))).toThrow(
      /linalg\.solve: matrix is singular to working precision \(pivot 2 is .*, expected \|pivot\| > n·eps·max\|a\|/,
    );
    const batch = make([1, 0, 0, 1, 0, 0, 0, 0], [2, 2, 2], 'float64');
    expect(() => solve(batch, b)).toThrow(/singular in matrix 1 of the batch \(pivot 0 is 0\)/);
  });

  it('rejects bad input with typed errors', () => {
    const a = tensor(
      [
        [1, 0],
        [0, 1],
      ],
      { dtype: 'float64' },
    );
    expect(() => solve(tensor([[1, 2, 3]], { dtype: 'float64' }), a)).toThrow(ShapeError);
    expect(() => solve(a, tensor([1, 2, 3], { dtype: 'float64' }))).toThrow(
      "linalg.solve: a has shape [2,2] but b has shape [3]; expected b of shape [2] or [..., 2, k] with a's batch axes",
    );
    expect(() =>
      solve(
        a,
        tensor(
          [
            [[1], [2]],
            [[1], [2]],
          ],
          { dtype: 'float64' },
        ).reshape([2, 2, 1]),
      ),
    ).not.toThrow();
    expect(() =>
      solve(make(new Float64Array(8), [2, 2, 2], 'float64'), make(new Float64Array(6), [3, 2, 1], 'float64')),
    ).toThrow(ShapeError);
    expect(() => solve(a, tensor([1, 2]))).toThrow(
      'linalg.solve: dtypes differ, a is float64 and b is float32 (cast one of them first)',
    );
    expect(() => solve(tensor([[1]], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => solve(a, tensor([1, Number.NaN], { dtype: 'float64' }))).toThrow(
      /b has a non-finite entry \(NaN at \[1\]\)/,
    );
  });
});
