// Properties of reductions over random axis subsets, checked with fast-check (fixed seed, reproducible).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argmax,
  argmin,
  exp,
  type FloatDType,
  flatten,
  gather,
  logSoftmax,
  logSumExp,
  max,
  mean,
  min,
  prod,
  reshape,
  softmax,
  sub,
  sum,
  type Tensor,
} from '../src/index.js';
import { EXACT, expectClose, expectIdentical, make, refOf } from './assert.js';
import { TestRandom } from './random.js';
import * as R from './reference.js';

const RUNS = { seed: 8675309, numRuns: 100 } as const;

/** A shape (sizes 1-4, up to rank 5), a subset of its axes, keepDims, a data seed and a float dtype. */
const reduction = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 5 }).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    axes: fc.subarray(shape.map((_, i) => i)),
    negate: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    keepDims: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    dtype: fc.constantFrom<FloatDType>('float32', 'float64'),
  }),
);

/** Integer-valued data: sums are exact in any order, so results must match the reference bit for bit. */
function integers(shape: readonly number[], seed: number, dtype: FloatDType, low = -9, high = 9): [Tensor, R.Ref] {
  return make(shape, new TestRandom(seed).ints(R.size(shape), low, high), dtype);
}

/** The same axes, some written as negative numbers. */
function given(axes: readonly number[], negate: readonly boolean[], rank: number): number[] {
  return axes.map((a) => (negate[a] ? a - rank : a));
}

describe('reductions (property-based)', () => {
  it('sum, max and min over any axis subset match the reference exactly on integer data', () => {
    fc.assert(
      fc.property(reduction, ({ shape, axes, negate, keepDims, seed, dtype }) => {
        const [x, xr] = integers(shape, seed, dtype);
        const axis = given(axes, negate, shape.length);
        expectClose(sum(x, axis, { keepDims }), R.reduce(xr, axes, keepDims, R.folds.sum), EXACT, { dtype });
        expectClose(max(x, axis, { keepDims }), R.reduce(xr, axes, keepDims, R.folds.max), EXACT, { dtype });
        expectClose(min(x, axis, { keepDims }), R.reduce(xr, axes, keepDims, R.folds.min), EXACT, { dtype });
      }),
      RUNS,
    );
  });

  it('prod of ±1 and ±2 is exact', () => {
    fc.assert(
      fc.property(reduction, ({ shape, axes, keepDims, seed, dtype }) => {
        const rng = new TestRandom(seed);
        const [x, xr] = make(
          shape,
          rng.ints(R.size(shape), 1, 2).map((v) => (rng.bool() ? v : -v)),
          dtype,
        );
        expectClose(prod(x, axes, { keepDims }), R.reduce(xr, axes, keepDims, R.folds.prod), EXACT, { dtype });
      }),
      RUNS,
    );
  });

  it('reducing several axes at once equals reducing them one at a time', () => {
    fc.assert(
      fc.property(reduction, ({ shape, axes, seed, dtype }) => {
        const [x] = integers(shape, seed, dtype);
        let stepwise = x;
        for (const a of [...axes].reverse()) stepwise = sum(stepwise, a);
        expectIdentical(sum(x, axes), stepwise);
      }),
      RUNS,
    );
  });

  it('keepDims only inserts size-1 axes, and the result broadcasts back against the input', () => {
    fc.assert(
      fc.property(reduction, ({ shape, axes, seed, dtype }) => {
        const [x, xr] = integers(shape, seed, dtype);
        const kept = max(x, axes, { keepDims: true });
        expect(kept.shape).toEqual(shape.map((d, i) => (axes.includes(i) ? 1 : d)));
        expectIdentical(reshape(kept, max(x, axes).shape), max(x, axes));
        // x - max(x) is <= 0 everywhere and reaches 0 in every reduced group.
        const gap = refOf(sub(x, kept));
        expect(gap.data.every((v) => v <= 0)).toBe(true);
        expect(R.reduce(gap, axes, false, R.folds.max).data.every((v) => v === 0)).toBe(true);
        expect(R.size(kept.shape)).toBe(R.reduce(xr, axes, true, R.folds.max).data.length);
      }),
      RUNS,
    );
  });

  it('reducing every axis equals reducing the flattened tensor, and omitting the axes means all of them', () => {
    fc.assert(
      fc.property(reduction, ({ shape, seed, dtype }) => {
        const [x] = integers(shape, seed, dtype);
        const all = shape.map((_, i) => i);
        expectIdentical(sum(x), sum(x, all));
        expectIdentical(sum(x), sum(flatten(x), 0));
        expectIdentical(min(x), min(flatten(x), 0));
      }),
      RUNS,
    );
  });

  it('mean times the count is the sum', () => {
    fc.assert(
      fc.property(reduction, ({ shape, axes, keepDims, seed, dtype }) => {
        const [x, xr] = integers(shape, seed, dtype);
        const count = axes.reduce((n, a) => n * shape[a], 1);
        const sums = R.reduce(xr, axes, keepDims, R.folds.sum);
        expectClose(
          mean(x, axes, { keepDims }),
          R.map(sums, (s) => s / count),
          { rtol: dtype === 'float32' ? 1e-6 : 1e-15 },
          { dtype },
        );
      }),
      RUNS,
    );
  });

  it('argmax and argmin point at an element equal to max and min, the first such one', () => {
    fc.assert(
      fc.property(reduction, fc.nat(), fc.boolean(), ({ shape, seed, dtype }, pick, keepDims) => {
        fc.pre(shape.length > 0);
        const axis = pick % shape.length;
        // Few distinct values, so ties are common and "first" matters.
        const [x, xr] = integers(shape, seed, dtype, 0, 2);
        for (const [fn, extreme, kind] of [
          [argmax, max, 'max'],
          [argmin, min, 'min'],
        ] as const) {
          const index = fn(x, axis, { keepDims });
          expectClose(index, R.argReduce(xr, axis, keepDims, kind), EXACT, { dtype: 'int32' });
          // Reading x at the index along the axis gives the extreme value.
          const expanded = keepDims
            ? index
            : reshape(
                index,
                shape.map((d, i) => (i === axis ? 1 : d)),
              );
          const picked = R.generate(expanded.shape, (at) => {
            const source = [...at];
            source[axis] = R.at(refOf(expanded), at);
            return R.at(xr, source);
          });
          expectClose(extreme(x, axis, { keepDims: true }), picked, EXACT);
        }
      }),
      RUNS,
    );
  });

  it('logSumExp lies between max and max + log(n), and softmax = exp(logSoftmax) sums to 1', () => {
    fc.assert(
      fc.property(reduction, fc.nat(), fc.constantFrom(0, 1000, -1000), ({ shape, seed, dtype }, pick, offset) => {
        fc.pre(shape.length > 0);
        const axis = pick % shape.length;
        const rng = new TestRandom(seed);
        const [x, xr] = make(
          shape,
          rng.values(R.size(shape), -20, 20).map((v) => v + offset),
          dtype,
        );
        const slack = dtype === 'float32' ? 1e-4 : 1e-11;
        const lse = refOf(logSumExp(x, axis));
        const top = R.reduce(xr, [axis], false, R.folds.max);
        lse.data.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(top.data[i] - slack);
          expect(v).toBeLessThanOrEqual(top.data[i] + Math.log(shape[axis]) + slack);
        });
        const p = softmax(x, axis);
        const tolerance = { rtol: dtype === 'float32' ? 4e-6 : 1e-13, atol: dtype === 'float32' ? 1e-7 : 1e-15 };
        expectClose(p, refOf(exp(logSoftmax(x, axis))), tolerance);
        expectClose(
          sum(p, axis),
          R.generate(top.shape, () => 1),
          { rtol: shape[axis] * (dtype === 'float32' ? 2e-7 : 3e-16) },
        );
      }),
      RUNS,
    );
  });

  it('gathering at argmax along a 1-D axis reads the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), (n, seed) => {
        const [x] = integers([n], seed, 'float64');
        const index = argmax(x).item();
        expect(gather(x, [index]).item()).toBe(max(x).item());
      }),
      RUNS,
    );
  });
});
