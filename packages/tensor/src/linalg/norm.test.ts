import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { norm } from './norm.js';
import { DTYPES, expectCloseTo, frobenius, make, mulberry32, randomMatrix, read } from './test-helpers.js';

describe('linalg.norm', () => {
  it.each(DTYPES)('computes vector norms of every order (%s)', (dtype) => {
    const x = tensor([3, -4, 0], { dtype });
    expect(norm(x).item()).toBe(5);
    expect(norm(x).dtype).toBe(dtype);
    expect(norm(x).shape).toEqual([]);
    expect(norm(x, 2).item()).toBe(5);
    expect(norm(x, 1).item()).toBe(7);
    expect(norm(x, Number.POSITIVE_INFINITY).item()).toBe(4);
    expect(norm(x, Number.NEGATIVE_INFINITY).item()).toBe(0);
    expect(norm(x, 0).item()).toBe(2);
    expect(norm(x, 3).item()).toBeCloseTo(Math.cbrt(27 + 64), 5);
    expect(norm(tensor([1, 2], { dtype }), -1).item()).toBeCloseTo(2 / 3, 6);
  });

  it('does not overflow or underflow the 2-norm', () => {
    expect(norm(tensor([3e200, 4e200], { dtype: 'float64' })).item()).toBeCloseTo(5e200, -186);
    expect(norm(tensor([3e-200, 4e-200], { dtype: 'float64' })).item() / 5e-200).toBeCloseTo(1, 14);
    expect(norm(tensor([3e30, 4e30])).item() / 5e30).toBeCloseTo(1, 6);
    expect(norm(tensor([[3e-30], [4e-30]]), 'fro').item() / 5e-30).toBeCloseTo(1, 6);
    expect(norm(tensor([[3e300], [4e300]], { dtype: 'float64' }), 2).item() / 5e300).toBeCloseTo(1, 14);
  });

  it('computes matrix norms', () => {
    const a = tensor(
      [
        [1, -2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    expect(norm(a).item()).toBeCloseTo(Math.sqrt(30), 14);
    expect(norm(a, 'fro').item()).toBeCloseTo(Math.sqrt(30), 14);
    expect(norm(a, 1).item()).toBe(6);
    expect(norm(a, -1).item()).toBe(4);
    expect(norm(a, Number.POSITIVE_INFINITY).item()).toBe(7);
    expect(norm(a, Number.NEGATIVE_INFINITY).item()).toBe(3);
    // σ₁ of [[1, −2], [3, 4]]: λ_max(AᵀA) = 15 + √125.
    expect(norm(a, 2).item()).toBeCloseTo(Math.sqrt(15 + Math.sqrt(125)), 13);
  });

  it.each(DTYPES)('gives ‖u vᵀ‖₂ = ‖u‖‖v‖ for rank-one matrices (%s)', (dtype) => {
    for (const [m, n] of [
      [5, 3],
      [3, 5],
      [20, 20],
    ]) {
      const uniform = mulberry32(m * n);
      const u = randomMatrix(uniform, m, 1);
      const v = randomMatrix(uniform, 1, n);
      const outer = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) outer[i * n + j] = u[i] * v[j];
      const x = make(outer, [m, n], dtype);
      const expected = frobenius(read(x)); // a rank-one matrix has ‖·‖₂ = ‖·‖_F
      expect(Math.abs(norm(x, 2).item() / expected - 1)).toBeLessThan(dtype === 'float32' ? 1e-6 : 1e-14);
      expect(norm(x, 2).dtype).toBe(dtype);
    }
  });

  it('bounds the spectral norm by the other norms on random matrices', () => {
    const x = make(randomMatrix(mulberry32(8), 7, 4), [7, 4], 'float64');
    const spectral = norm(x, 2).item();
    expect(spectral).toBeLessThanOrEqual(norm(x, 'fro').item());
    expect(spectral).toBeGreaterThanOrEqual(norm(x, 'fro').item() / 2); // ‖A‖_F ≤ √rank·‖A‖₂
    expect(spectral).toBeLessThanOrEqual(Math.sqrt(norm(x, 1).item() * norm(x, Number.POSITIVE_INFINITY).item()));
  });

  it('reduces along axes, keeping dimensions on request', () => {
    const x = tensor(
      [
        [3, 4],
        [6, 8],
      ],
      { dtype: 'float64' },
    );
    expect(norm(x, 2, { axis: 1 }).toArray()).toEqual([5, 10]);
    expect(norm(x, undefined, { axis: -1, keepDims: true }).toArray()).toEqual([[5], [10]]);
    expect(read(norm(x, 2, { axis: 0 }))).toEqual(Float64Array.from([Math.sqrt(45), Math.sqrt(80)]));
    expect(norm(x, undefined, { keepDims: true }).shape).toEqual([1, 1]);
    const stack = tensor(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [0, 0],
          [0, 5],
        ],
      ],
      { dtype: 'float64' },
    );
    expect(norm(stack).item()).toBeCloseTo(Math.sqrt(55), 14);
    expect(norm(stack, 1, { axis: [1, 2] }).toArray()).toEqual([6, 5]);
    // Reversed axes transpose each matrix: the 1-norm becomes the max row sum.
    expect(norm(stack, 1, { axis: [2, 1] }).toArray()).toEqual([7, 5]);
    expect(norm(stack, 'fro', { axis: [0, 2], keepDims: true }).shape).toEqual([1, 2, 1]);
    expectCloseTo(read(norm(stack, 'fro', { axis: [0, 2] })), [Math.sqrt(1 + 4), Math.sqrt(9 + 16 + 25)], 14);
  });

  it('propagates non-finite values instead of throwing', () => {
    expect(norm(tensor([1, Number.NaN])).item()).toBeNaN();
    expect(norm(tensor([1, Number.POSITIVE_INFINITY])).item()).toBe(Number.POSITIVE_INFINITY);
    expect(
      norm(
        tensor([
          [1, Number.NaN],
          [0, 1],
        ]),
        2,
      ).item(),
    ).toBeNaN();
    expect(norm(tensor([1, Number.NaN]), Number.POSITIVE_INFINITY).item()).toBeNaN();
    expect(norm(tensor([]), 2).item()).toBe(0);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => norm(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => norm(tensor([[[1]]]), 1)).toThrow(ShapeError);
    expect(() => norm(tensor([[[1]]]), 1)).toThrow(
      'linalg.norm: ord 1 needs a vector or a matrix, got shape [1,1,1]; pass axis to choose',
    );
    expect(() => norm(tensor([1, 2]), 'fro')).toThrow(ValueError);
    expect(() => norm(tensor([[1, 2]]), 3)).toThrow(/matrix norm order must be one of/);
    expect(() => norm(tensor([[1, 2]]), 1, { axis: [1, -1] })).toThrow(ShapeError);
    expect(() => norm(tensor([[1, 2]]), 1, { axis: 2 })).toThrow(ShapeError);
    expect(() => norm(tensor([]), Number.POSITIVE_INFINITY)).toThrow(ShapeError);
  });
});
