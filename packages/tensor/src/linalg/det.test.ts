import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError } from '../errors.js';
import { det } from './det.js';
import { slogdet } from './slogdet.js';
import { DTYPES, hilbert, make, matmul, mulberry32, randomMatrix, read } from './test-helpers.js';

describe('linalg.det and linalg.slogdet', () => {
  it('match closed forms', () => {
    expect(
      det(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype: 'float64' },
        ),
      ).item(),
    ).toBeCloseTo(-2, 14);
    expect(
      det(
        tensor(
          [
            [2, 5, 7],
            [0, 3, 11],
            [0, 0, 4],
          ],
          { dtype: 'float64' },
        ),
      ).item(),
    ).toBeCloseTo(24, 13);
    expect(
      det(
        tensor(
          [
            [0, 1],
            [1, 0],
          ],
          { dtype: 'float64' },
        ),
      ).item(),
    ).toBe(-1);
    const { sign, logAbsDet } = slogdet(
      tensor(
        [
          [0, 2],
          [3, 0],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(sign.item()).toBe(-1);
    expect(logAbsDet.item()).toBeCloseTo(Math.log(6), 14);
    // det(Hₙ) = cₙ⁴ / c₂ₙ with cₙ = Π_{i<n} i!; det(H₆) ≈ 5.3673e-18.
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    const c = (n: number) => Array.from({ length: n - 1 }, (_, i) => factorial(i + 1)).reduce((p, q) => p * q, 1);
    const exact = c(6) ** 4 / c(12);
    expect(Math.abs(det(make(hilbert(6), [6, 6], 'float64')).item() / exact - 1)).toBeLessThan(1e-7);
  });

  it.each(DTYPES)('det(AB) = det(A)·det(B) and slogdet agrees with det (%s)', (dtype) => {
    const n = 8;
    const uniform = mulberry32(4);
    const a = make(randomMatrix(uniform, n, n), [n, n], dtype);
    const b = make(randomMatrix(uniform, n, n), [n, n], dtype);
    const product = make(matmul(read(a), read(b), n, n, n), [n, n], 'float64');
    const [da, db] = [det(a).item(), det(b).item()];
    const tolerance = dtype === 'float32' ? 1e-4 : 1e-11;
    expect(Math.abs(det(product).item() / (da * db) - 1)).toBeLessThan(tolerance);
    const { sign, logAbsDet } = slogdet(a);
    expect(sign.dtype).toBe(dtype);
    expect(sign.item()).toBe(Math.sign(da));
    expect(Math.abs(logAbsDet.item() - Math.log(Math.abs(da)))).toBeLessThan(tolerance);
  });

  it('slogdet stays finite where det overflows, and reports singular matrices', () => {
    const n = 400;
    const scaled = new Float64Array(n * n);
    for (let i = 0; i < n; i++) scaled[i * n + i] = 10;
    const x = make(scaled, [n, n], 'float64');
    expect(det(x).item()).toBe(Number.POSITIVE_INFINITY);
    expect(slogdet(x).logAbsDet.item()).toBeCloseTo(n * Math.log(10), 9);
    const singular = slogdet(
      tensor(
        [
          [1, 2],
          [2, 4],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(singular.sign.item()).toBe(0);
    expect(singular.logAbsDet.item()).toBe(Number.NEGATIVE_INFINITY);
    expect(
      det(
        tensor(
          [
            [1, 2],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
      ).item(),
    ).toBe(0);
  });

  it('works on batches and rejects bad input', () => {
    const d = det(make([1, 0, 0, 2, 0, 1, 1, 0, 3, 0, 0, 3], [3, 2, 2], 'float64'));
    expect(d.shape).toEqual([3]);
    expect(d.toArray()).toEqual([2, -1, 9]);
    expect(slogdet(make([1, 0, 0, 2], [1, 2, 2], 'float64')).sign.shape).toEqual([1]);
    expect(() => det(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => slogdet(tensor([[1]], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => det(tensor([[Number.NaN]]))).toThrow(/linalg\.det: a has a non-finite entry/);
  });
});
