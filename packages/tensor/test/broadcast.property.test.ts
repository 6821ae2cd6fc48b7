// Properties of NumPy broadcasting, checked with fast-check over random shapes (fixed seed, so runs reproduce).
// Data comes from a seed drawn by fast-check, so shrinking works on shapes while the values stay reproducible.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  broadcastShapes,
  broadcastTo,
  type FloatDType,
  full,
  maximum,
  mul,
  ShapeError,
  scalar,
  sub,
  type Tensor,
  tensor,
  where,
  zeros,
} from '../src/index.js';
import { EXACT, expectClose, expectIdentical, make } from './assert.js';
import { TestRandom } from './random.js';
import * as R from './reference.js';

const RUNS = { seed: 20240611, numRuns: 150 } as const;
const DTYPES: readonly FloatDType[] = ['float32', 'float64'];

const dim = fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 4 }));
const anyShape = fc.array(dim, { maxLength: 5 });

/** An output shape and two operand shapes that broadcast to it (dropped leading axes, sizes turned into 1). */
const broadcastable = anyShape.chain((out) => {
  const operand = fc
    .tuple(
      fc.integer({ min: 0, max: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    )
    .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
  return fc.record({
    out: fc.constant(out),
    a: operand,
    b: operand,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    dtype: fc.constantFrom(...DTYPES),
  });
});

/** Integer-valued data: every sum and product below is exact, so results must match bit for bit. */
function integers(shape: readonly number[], seed: number, dtype: FloatDType): [Tensor, R.Ref] {
  return make(shape, new TestRandom(seed).ints(R.size(shape), -9, 9), dtype);
}

describe('broadcasting (property-based)', () => {
  it('broadcastShapes follows the NumPy rule and throws ShapeError exactly when it does not apply', () => {
    fc.assert(
      fc.property(anyShape, anyShape, (a, b) => {
        const expected = R.broadcastShape(a, b);
        if (expected === undefined) {
          expect(() => broadcastShapes('add', a, b)).toThrow(ShapeError);
          expect(() => add(zeros(a), zeros(b))).toThrow(
            `add: shapes [${a.join(',')}] and [${b.join(',')}] cannot be broadcast together`,
          );
        } else {
          expect(broadcastShapes('add', a, b)).toEqual(expected);
          expect(add(zeros(a), zeros(b)).shape).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('a binary op reads each operand at the broadcast position (against the reference)', () => {
    fc.assert(
      fc.property(broadcastable, ({ a, b, seed, dtype }) => {
        const [x, xr] = integers(a, seed, dtype);
        const [y, yr] = integers(b, seed + 1, dtype);
        expectClose(add(x, y), R.binary(xr, yr, R.scalarOps.add), EXACT, { dtype });
        expectClose(sub(x, y), R.binary(xr, yr, R.scalarOps.sub), EXACT, { dtype });
        expectClose(maximum(x, y), R.binary(xr, yr, R.scalarOps.maximum), EXACT, { dtype });
      }),
      RUNS,
    );
  });

  it('broadcasting commutes: a + b and b + a, a * b and b * a are identical', () => {
    fc.assert(
      fc.property(broadcastable, ({ a, b, seed, dtype }) => {
        const [x] = integers(a, seed, dtype);
        const [y] = integers(b, seed + 1, dtype);
        expectIdentical(add(x, y), add(y, x));
        expectIdentical(mul(x, y), mul(y, x));
      }),
      RUNS,
    );
  });

  it('is the same as broadcasting both operands to the output shape first', () => {
    fc.assert(
      fc.property(broadcastable, ({ out, a, b, seed, dtype }) => {
        const [x] = integers(a, seed, dtype);
        const [y] = integers(b, seed + 1, dtype);
        const shape = R.broadcastShape(a, b) ?? [];
        expectIdentical(mul(x, y), mul(broadcastTo(x, shape), broadcastTo(y, shape)));
        // The output shape the operands were cut from also holds both of them.
        expect(broadcastTo(x, out).shape).toEqual(out);
        expect(broadcastShapes('test', shape, out)).toEqual(out);
      }),
      RUNS,
    );
  });

  it('a number, a scalar tensor and a full tensor are interchangeable operands', () => {
    fc.assert(
      fc.property(broadcastable, fc.integer({ min: -50, max: 50 }), ({ a, seed, dtype }, value) => {
        const [x] = integers(a, seed, dtype);
        const viaNumber = add(x, value / 4);
        expectIdentical(viaNumber, add(x, scalar(value / 4, dtype)));
        expectIdentical(viaNumber, add(x, full(a, value / 4, { dtype })));
        expectIdentical(add(value / 4, x), viaNumber);
      }),
      RUNS,
    );
  });

  it('where broadcasts its three operands together', () => {
    fc.assert(
      fc.property(broadcastable, fc.array(fc.boolean(), { maxLength: 5 }), ({ out, a, b, seed, dtype }, mask) => {
        const conditionShape = out.slice(out.length - mask.length).map((d, i) => (mask[i] ? 1 : d));
        const rng = new TestRandom(seed + 2);
        const [c, cr] = make(conditionShape, rng.ints(R.size(conditionShape), 0, 1), 'bool');
        const [x, xr] = integers(a, seed, dtype);
        const [y, yr] = integers(b, seed + 1, dtype);
        const picked = where(c, x, y);
        expectClose(picked, R.where(cr, xr, yr), EXACT, { dtype });
        const joint = R.broadcastShape(R.broadcastShape(conditionShape, a) ?? [], b) ?? [];
        expectIdentical(picked, where(broadcastTo(c, joint), broadcastTo(x, joint), broadcastTo(y, joint)));
        expect(broadcastShapes('test', joint, out)).toEqual(out);
      }),
      RUNS,
    );
  });

  it('broadcastTo accepts exactly the shapes the operand broadcasts to', () => {
    fc.assert(
      fc.property(anyShape, anyShape, fc.integer({ min: 0, max: 1000 }), (from, to, seed) => {
        const [x, xr] = integers(from, seed, 'float64');
        const joint = R.broadcastShape(from, to);
        const fits = joint !== undefined && joint.length === to.length && joint.every((d, i) => d === to[i]);
        if (fits) expectClose(broadcastTo(x, to), R.broadcastTo(xr, to), EXACT);
        else expect(() => broadcastTo(x, to)).toThrow(ShapeError);
      }),
      RUNS,
    );
  });

  it('size-1 and rank-0 operands broadcast across zero-size axes to empty results', () => {
    expect(add(tensor(1), zeros([0, 3])).shape).toEqual([0, 3]);
    expect(add(zeros([1, 3]), zeros([4, 0, 1])).shape).toEqual([4, 0, 3]);
    expect(() => add(zeros([2]), zeros([0]))).toThrow(ShapeError);
  });
});
