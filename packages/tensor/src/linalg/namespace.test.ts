import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import * as linalg from './namespace.js';
import { expectCloseTo, read } from './test-helpers.js';

// The @example of every export, run through the namespace as users call it.
describe('linalg examples', () => {
  const f64 = (values: Parameters<typeof tensor>[0]) => tensor(values, { dtype: 'float64' });

  it('qr', () => {
    const { q, r } = linalg.qr(
      f64([
        [3, 1],
        [4, 2],
      ]),
      { nonNegativeDiagonal: true },
    );
    expectCloseTo(read(q), [0.6, -0.8, 0.8, 0.6], 14);
    expectCloseTo(read(r), [5, 2.2, 0, 0.4], 14);
  });

  it('cholesky, solve, solveTriangular, inv, det, slogdet', () => {
    expect(
      linalg
        .cholesky(
          f64([
            [4, 2],
            [2, 2],
          ]),
        )
        .toArray(),
    ).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expectCloseTo(
      read(
        linalg.solve(
          f64([
            [3, 1],
            [1, 2],
          ]),
          f64([9, 8]),
        ),
      ),
      [2, 3],
      14,
    );
    expect(
      linalg
        .solveTriangular(
          f64([
            [2, 0],
            [1, 1],
          ]),
          f64([4, 5]),
          { lower: true },
        )
        .toArray(),
    ).toEqual([2, 3]);
    expectCloseTo(
      read(
        linalg.inv(
          f64([
            [4, 7],
            [2, 6],
          ]),
        ),
      ),
      [0.6, -0.7, -0.2, 0.4],
      14,
    );
    expect(
      linalg
        .det(
          f64([
            [1, 2],
            [3, 4],
          ]),
        )
        .item(),
    ).toBeCloseTo(-2, 14);
    const { sign, logAbsDet } = linalg.slogdet(
      f64([
        [0, 2],
        [3, 0],
      ]),
    );
    expect(sign.item()).toBe(-1);
    expect(logAbsDet.item()).toBeCloseTo(Math.log(6), 14);
  });

  it('eigh', () => {
    const { values, vectors } = linalg.eigh(
      f64([
        [2, 1],
        [1, 2],
      ]),
    );
    expectCloseTo(read(values), [1, 3], 14);
    expectCloseTo(read(vectors).map(Math.abs), [Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2], 14);
  });

  it('norm', () => {
    expect(linalg.norm(tensor([3, 4])).item()).toBe(5);
    expect(
      linalg
        .norm(
          tensor([
            [1, -2],
            [3, 4],
          ]),
          1,
        )
        .item(),
    ).toBe(6);
    expect(
      linalg
        .norm(
          tensor([
            [3, 4],
            [6, 8],
          ]),
          2,
          { axis: 1 },
        )
        .toArray(),
    ).toEqual([5, 10]);
  });
});
