// Every op exported from the package, checked against the naive float64 reference in test/reference.ts over random
// shapes (rank 0, size-1 axes, missing leading axes, zero-size axes) in both float dtypes. The table is keyed by the
// export's name and a test checks that it covers every function the package exports, so a new op needs a row.

import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import {
  abs,
  add,
  arange,
  argmax,
  argmin,
  broadcastShapes,
  broadcastTo,
  cast,
  concat,
  cos,
  type DType,
  div,
  divSqrt,
  epsilonOf,
  equal,
  exp,
  expandDims,
  expm1,
  eye,
  type FloatDType,
  flatten,
  floor,
  full,
  gather,
  greater,
  greaterEqual,
  isFloatDType,
  leakyRelu,
  lerp,
  less,
  lessEqual,
  linspace,
  log,
  log1p,
  logicalAnd,
  logicalOr,
  logSoftmax,
  logSumExp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  notEqual,
  oneHot,
  ones,
  onesLike,
  pad,
  pow,
  prod,
  reciprocal,
  relu,
  reshape,
  scalar,
  scatterAdd,
  shapesEqual,
  sigmoid,
  sign,
  sin,
  sizeOf,
  slice,
  softmax,
  softplus,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  transpose,
  where,
  zeros,
  zerosLike,
} from '../src/index.js';
import { EXACT, expectClose, expectIdentical, make, refOf, type Tolerance } from './assert.js';
import { TestRandom } from './random.js';
import * as R from './reference.js';

const FLOAT_DTYPES: readonly FloatDType[] = ['float32', 'float64'];
const TRIALS = 24;

/** A tolerance per float dtype. float64 results must agree with the reference to ~1e-12 relative. */
function tol(dtype: FloatDType, f32: Tolerance, f64: Tolerance = { rtol: 1e-12, atol: 1e-300 }): Tolerance {
  return dtype === 'float32' ? f32 : f64;
}

// float32 elementwise kernels compute in double and round once, so 1e-6 relative is generous; transcendental
// functions get a little more room, and values that round to ~0 an absolute floor.
const F32_ARITHMETIC: Tolerance = { rtol: 1e-6, atol: 1e-30 };
const F32_TRANSCENDENTAL: Tolerance = { rtol: 2e-6, atol: 1e-7 };

function randomAxes(rng: TestRandom, rank: number): number | number[] | undefined {
  const u = rng.next();
  if (u < 0.2) return undefined;
  if (u < 0.45 && rank > 0) {
    const axis = rng.int(0, rank - 1);
    return rng.bool() ? axis : axis - rank;
  }
  return rng.subset(rank).map((axis) => (rng.bool(0.3) ? axis - rank : axis));
}

function resolveAxes(axes: number | number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  return (typeof axes === 'number' ? [axes] : axes).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
}

/** A random operand for a binary op: usually a tensor, sometimes a plain number (a scalar of the other's dtype). */
function operand(
  rng: TestRandom,
  shape: number[],
  dtype: DType,
  draw: (count: number) => number[],
  allowNumber: boolean,
): [Tensor | number, R.Ref] {
  if (allowNumber && shape.length === 0 && rng.bool(0.5)) {
    const [value] = draw(1);
    return [value, R.ref([], [R.storeAs(dtype, value)])];
  }
  return make(shape, draw(R.size(shape)), dtype);
}

type Unary = (x: Tensor) => Tensor;

function unaryCase(
  fn: Unary,
  reference: (v: number) => number,
  draw: (rng: TestRandom, count: number) => number[],
  f32: Tolerance,
): (dtype: FloatDType, rng: TestRandom) => void {
  return (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ maxRank: 4, allowZero: true });
      const [x, xr] = make(shape, draw(rng, R.size(shape)), dtype);
      expectClose(fn(x), R.map(xr, reference), tol(dtype, f32), { dtype, label: `[${shape}]` });
    }
  };
}

type Binary = (a: Tensor | number, b: Tensor | number) => Tensor;

function binaryCase(
  fn: Binary,
  reference: (x: number, y: number) => number,
  drawA: (rng: TestRandom, count: number) => number[],
  drawB: (rng: TestRandom, count: number) => number[],
  f32: Tolerance,
  outDType?: DType,
): (dtype: FloatDType, rng: TestRandom) => void {
  return (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const [sa, sb] = rng.broadcastablePair();
      const [a, ar] = operand(rng, sa, dtype, (n) => drawA(rng, n), true);
      const [b, br] = operand(rng, sb, dtype, (n) => drawB(rng, n), typeof a !== 'number');
      const tolerance = outDType === 'bool' ? EXACT : tol(dtype, f32);
      expectClose(fn(a, b), R.binary(ar, br, reference), tolerance, {
        dtype: outDType ?? dtype,
        label: `[${sa}] and [${sb}]`,
      });
    }
  };
}

const anyValue = (rng: TestRandom, n: number) => rng.values(n, -3, 3);
const withZeros = (rng: TestRandom, n: number) => rng.values(n, -3, 3).map((v) => (rng.bool(0.15) ? 0 : v));
const positive = (rng: TestRandom, n: number) => rng.values(n, 0.05, 5);
const nonZero = (rng: TestRandom, n: number) => rng.values(n, 0.25, 3).map((v) => (rng.bool() ? v : -v));
const ties = (rng: TestRandom, n: number) => rng.ints(n, -2, 2).map((v) => (rng.bool(0.3) ? v + 0.5 : v));
const withNaN = (rng: TestRandom, n: number) => ties(rng, n).map((v) => (rng.bool(0.1) ? Number.NaN : v));

function reductionCase(
  fn: (x: Tensor, axis?: number | number[], options?: { keepDims?: boolean }) => Tensor,
  fold: (values: number[]) => number,
  draw: (rng: TestRandom, count: number) => number[],
  tolerances: (
    dtype: FloatDType,
    x: R.Ref,
    axes: number[],
    keepDims: boolean,
  ) => { tolerance: Tolerance; scale?: R.Ref },
  options: { allowEmpty: boolean },
): (dtype: FloatDType, rng: TestRandom) => void {
  return (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ maxRank: 4, maxDim: 5, allowZero: options.allowEmpty, unit: 0.15 });
      const [x, xr] = make(shape, draw(rng, R.size(shape)), dtype);
      const axes = randomAxes(rng, shape.length);
      const keepDims = rng.bool();
      const resolved = resolveAxes(axes, shape.length);
      const actual = keepDims ? fn(x, axes, { keepDims }) : rng.bool() ? fn(x, axes) : fn(x, axes, {});
      const { tolerance, scale } = tolerances(dtype, xr, resolved, keepDims);
      expectClose(actual, R.reduce(xr, resolved, keepDims, fold), tolerance, {
        dtype,
        ...(scale ? { scale } : {}),
        label: `[${shape}] over ${JSON.stringify(axes)} keepDims=${keepDims}`,
      });
    }
  };
}

/** Sums: the error is proportional to the sum of |terms|, not to the result. */
function sumTolerance(dtype: FloatDType, x: R.Ref, axes: number[], keepDims: boolean) {
  return {
    tolerance: tol(dtype, { rtol: 1e-6, atol: 1e-30 }, { rtol: 1e-12, atol: 1e-300 }),
    scale: R.reduce(x, axes, keepDims, R.folds.absSum),
  };
}

function argCase(
  fn: (x: Tensor, axis?: number, options?: { keepDims?: boolean }) => Tensor,
  kind: 'max' | 'min',
): (dtype: FloatDType, rng: TestRandom) => void {
  return (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ minRank: 0, maxRank: 4, maxDim: 5 });
      const [x, xr] = make(shape, (rng.bool(0.3) ? withNaN : ties)(rng, R.size(shape)), dtype);
      const keepDims = rng.bool();
      if (rng.bool(0.25) || shape.length === 0) {
        // No axis: the index into the flattened tensor.
        const flat = R.reshape(xr, [R.size(shape)]);
        expectClose(fn(x), R.argReduce(flat, 0, false, kind), EXACT, { dtype: 'int32' });
        continue;
      }
      const axis = rng.int(0, shape.length - 1);
      const given = rng.bool() ? axis : axis - shape.length;
      expectClose(fn(x, given, { keepDims }), R.argReduce(xr, axis, keepDims, kind), EXACT, {
        dtype: 'int32',
        label: `[${shape}] axis ${given}`,
      });
    }
  };
}

function softmaxCase(fn: (x: Tensor, axis?: number) => Tensor, reference: (x: R.Ref, axis: number) => R.Ref) {
  return (dtype: FloatDType, rng: TestRandom) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ minRank: 1, maxRank: 4, maxDim: 5, allowZero: true });
      // Large offsets (1000 and beyond) overflow a naive exp; the op must stay finite and exact.
      const offset = rng.pick([0, 0, 1000, -1000, 5e4]);
      const values = rng.values(R.size(shape), -6, 6).map((v) => v + offset);
      const [x, xr] = make(shape, values, dtype);
      const axis = rng.int(0, shape.length - 1);
      const given = rng.pick([axis, axis - shape.length]);
      const actual = given === shape.length - 1 && rng.bool() ? fn(x) : fn(x, given);
      const magnitude = Math.abs(offset) + 6;
      expectClose(
        actual,
        reference(xr, axis),
        tol(dtype, { rtol: 2e-6, atol: 1e-7 }, { rtol: 1e-12, atol: 1e-15 * magnitude }),
        { dtype, label: `[${shape}] axis ${given} offset ${offset}` },
      );
    }
  };
}

/** Every reshape target of `shape`: its sizes regrouped into a random rank with the same product. */
function regroup(rng: TestRandom, shape: number[]): number[] {
  const total = R.size(shape);
  if (total === 0) return rng.pick([[0], [0, 3], [2, 0], [1, 0, 1]]);
  const factors: number[] = [];
  let rest = total;
  for (let p = 2; p <= rest; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  const target: number[] = [];
  for (const f of factors) {
    if (target.length > 0 && rng.bool(0.4)) target[target.length - 1] *= f;
    else target.push(f);
  }
  while (rng.bool(0.3)) target.splice(rng.int(0, target.length), 0, 1);
  return target;
}

type Case = (dtype: FloatDType, rng: TestRandom) => void;

/** One row per exported function. */
const CONFORMANCE: Record<string, Case> = {
  // ---- Creation ----
  tensor: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ maxRank: 4, allowZero: true });
      const flat = rng.values(R.size(shape));
      const nest = (depth: number, offset: number): unknown =>
        depth === shape.length
          ? flat[offset]
          : Array.from({ length: shape[depth] }, (_, i) => nest(depth + 1, offset * shape[depth] + i));
      const nested = nest(0, 0) as api.TensorLike;
      const expected = R.ref(
        shape,
        flat.map((v) => R.storeAs(dtype, v)),
      );
      // Nested arrays with an empty level cannot tell the sizes below it, so those go in flat with a shape.
      const t = R.size(shape) > 0 ? tensor(nested, { dtype }) : tensor([], { dtype, shape });
      expectClose(t, expected, EXACT, { dtype });
      expect(t.toArray()).toEqual(nest0(shape, expected.data));
      if (R.size(shape) > 0) expectClose(tensor(nested, { dtype, shape }), expected, EXACT, { dtype });
      const typed = dtype === 'float32' ? new Float32Array(flat) : new Float64Array(flat);
      expectClose(tensor(typed, { shape }), expected, EXACT, { dtype });
    }
    expect(tensor([1, 2]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([[true], [false]]).toArray()).toEqual([[true], [false]]);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Uint8Array([1, 0])).dtype).toBe('bool');
    expectClose(tensor([1.9, -1.9, 2.5], { dtype: 'int32' }), R.ref([3], [1, -1, 2]), EXACT, { dtype: 'int32' });
    expectClose(tensor([2, 0, -1], { dtype: 'bool' }), R.ref([3], [1, 0, 1]), EXACT, { dtype: 'bool' });
    expectClose(tensor(7, { dtype }), R.ref([], [7]), EXACT, { dtype });
    // The typed array is copied: changing it afterwards does not change the tensor.
    const source = new Float64Array([1, 2, 3]);
    const t = tensor(source);
    source[0] = 99;
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
  },
  scalar: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const v = rng.uniform(-1e3, 1e3);
      expectClose(scalar(v, dtype), R.ref([], [R.storeAs(dtype, v)]), EXACT, { dtype });
      expect(scalar(v, dtype).item()).toBe(R.storeAs(dtype, v));
    }
    expect(scalar(2).dtype).toBe('float32');
    expectClose(scalar(true), R.ref([], [1]), EXACT, { dtype: 'bool' });
    expectClose(scalar(-2.7, 'int32'), R.ref([], [-2]), EXACT, { dtype: 'int32' });
  },
  zeros: (dtype, rng) => {
    fillCase(rng, dtype, (shape, d) => zeros(shape, { dtype: d }), 0);
    expectClose(zeros([2]), R.ref([2], [0, 0]), EXACT, { dtype: 'float32' });
  },
  ones: (dtype, rng) => {
    fillCase(rng, dtype, (shape, d) => ones(shape, { dtype: d }), 1);
    expectClose(ones([2]), R.ref([2], [1, 1]), EXACT, { dtype: 'float32' });
  },
  full: (dtype, rng) => {
    const value = rng.uniform(-10, 10);
    fillCase(rng, dtype, (shape, d) => full(shape, value, { dtype: d }), value);
    expectClose(full([2], true), R.ref([2], [1, 1]), EXACT, { dtype: 'bool' });
    expectClose(full([2], 2.5), R.ref([2], [2.5, 2.5]), EXACT, { dtype: 'float32' });
  },
  zerosLike: (dtype, rng) => {
    fillCase(rng, dtype, (shape, d) => zerosLike(full(shape, 3, { dtype: d })), 0);
    expectClose(zerosLike(tensor([true, true])), R.ref([2], [0, 0]), EXACT, { dtype: 'bool' });
  },
  onesLike: (dtype, rng) => {
    fillCase(rng, dtype, (shape, d) => onesLike(full(shape, 3, { dtype: d })), 1);
    expectClose(onesLike(tensor([false])), R.ref([1], [1]), EXACT, { dtype: 'bool' });
  },
  eye: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const n = rng.int(0, 5);
      const columns = rng.bool() ? rng.int(0, 5) : undefined;
      const m = columns ?? n;
      const t = columns === undefined ? eye(n, { dtype }) : eye(n, { columns, dtype });
      expectClose(
        t,
        R.generate([n, m], ([i, j]) => (i === j ? 1 : 0)),
        EXACT,
        { dtype },
      );
    }
    expect(eye(2).dtype).toBe('float32');
  },
  arange: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const start = rng.pick([0, rng.int(-5, 5), rng.uniform(-5, 5)]);
      const step = rng.pick([1, -1, 0.5, -0.25, rng.uniform(0.1, 2), -rng.uniform(0.1, 2)]);
      const stop = start + step * rng.uniform(-2, 12);
      // NumPy's definition: ceil((stop - start) / step) values, start + i * step.
      const count = Math.max(0, Math.ceil((stop - start) / step));
      const expected = R.ref(
        [count],
        Array.from({ length: count }, (_, i) => R.storeAs(dtype, start + i * step)),
      );
      expectClose(arange(start, stop, step, { dtype }), expected, tol(dtype, { rtol: 1e-7, atol: 1e-6 }), { dtype });
    }
    expectClose(arange(4), R.ref([4], [0, 1, 2, 3]), EXACT, { dtype: 'float32' });
    expectClose(arange(2, 5), R.ref([3], [2, 3, 4]), EXACT);
    expectClose(arange(5, 2), R.ref([0], []), EXACT);
    expectClose(arange(0, 5, 2, { dtype: 'int32' }), R.ref([3], [0, 2, 4]), EXACT, { dtype: 'int32' });
  },
  linspace: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const start = rng.uniform(-10, 10);
      const stop = rng.uniform(-10, 10);
      const num = rng.int(0, 9);
      const expected = R.ref(
        [num],
        Array.from({ length: num }, (_, i) =>
          R.storeAs(dtype, num === 1 ? start : i === num - 1 ? stop : start + ((stop - start) * i) / (num - 1)),
        ),
      );
      expectClose(
        linspace(start, stop, num, { dtype }),
        expected,
        tol(dtype, { rtol: 1e-6, atol: 1e-6 }, { rtol: 1e-14, atol: 1e-14 }),
        {
          dtype,
        },
      );
    }
    expectClose(linspace(0, 1, 5), R.ref([5], [0, 0.25, 0.5, 0.75, 1]), EXACT, { dtype: 'float32' });
  },

  // ---- Shapes and dtypes (plain functions of shapes) ----
  broadcastShapes: (_dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 4; trial++) {
      const [a, b] = rng.bool(0.7) ? rng.broadcastablePair() : [rng.shape(), rng.shape()];
      const expected = R.broadcastShape(a, b);
      if (expected === undefined) expect(() => broadcastShapes('test', a, b)).toThrow(api.ShapeError);
      else expect(broadcastShapes('test', a, b)).toEqual(expected);
    }
  },
  shapesEqual: (_dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const a = rng.shape();
      const b = rng.bool() ? [...a] : rng.shape();
      expect(shapesEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  },
  sizeOf: (_dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      expect(sizeOf(shape)).toBe(R.size(shape));
    }
  },
  epsilonOf: (dtype) => {
    expect(1 + epsilonOf(dtype)).toBeGreaterThan(1);
    const store = (v: number) => (dtype === 'float32' ? Math.fround(v) : v);
    expect(store(1 + epsilonOf(dtype))).toBeGreaterThan(1);
    expect(store(1 + epsilonOf(dtype) / 2)).toBe(1);
  },
  isFloatDType: (dtype) => {
    expect(isFloatDType(dtype)).toBe(true);
    expect(isFloatDType('int32')).toBe(false);
    expect(isFloatDType('bool')).toBe(false);
  },

  // ---- Unary ----
  neg: unaryCase(neg, R.scalarOps.neg, withZeros, EXACT),
  exp: unaryCase(exp, R.scalarOps.exp, (rng, n) => rng.values(n, -8, 8), F32_TRANSCENDENTAL),
  log: unaryCase(log, R.scalarOps.log, positive, F32_TRANSCENDENTAL),
  log1p: unaryCase(log1p, R.scalarOps.log1p, (rng, n) => rng.values(n, -0.95, 4), F32_TRANSCENDENTAL),
  expm1: unaryCase(expm1, R.scalarOps.expm1, (rng, n) => rng.values(n, -4, 4), F32_TRANSCENDENTAL),
  sqrt: unaryCase(
    sqrt,
    R.scalarOps.sqrt,
    (rng, n) => positive(rng, n).map((v) => (rng.bool(0.1) ? 0 : v)),
    F32_ARITHMETIC,
  ),
  square: unaryCase(square, R.scalarOps.square, withZeros, F32_ARITHMETIC),
  reciprocal: unaryCase(reciprocal, R.scalarOps.reciprocal, nonZero, F32_ARITHMETIC),
  abs: unaryCase(abs, R.scalarOps.abs, withZeros, EXACT),
  sign: unaryCase(sign, R.scalarOps.sign, withZeros, EXACT),
  floor: unaryCase(floor, R.scalarOps.floor, ties, EXACT),
  sin: unaryCase(sin, R.scalarOps.sin, (rng, n) => rng.values(n, -7, 7), F32_TRANSCENDENTAL),
  cos: unaryCase(cos, R.scalarOps.cos, (rng, n) => rng.values(n, -7, 7), F32_TRANSCENDENTAL),
  tanh: unaryCase(tanh, R.scalarOps.tanh, (rng, n) => rng.values(n, -6, 6), F32_TRANSCENDENTAL),
  sigmoid: unaryCase(sigmoid, R.scalarOps.sigmoid, (rng, n) => rng.values(n, -12, 12), F32_TRANSCENDENTAL),
  relu: unaryCase(relu, R.scalarOps.relu, withZeros, EXACT),
  softplus: unaryCase(softplus, R.scalarOps.softplus, (rng, n) => rng.values(n, -12, 12), F32_TRANSCENDENTAL),
  leakyRelu: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const [x, xr] = make(shape, withZeros(rng, R.size(shape)), dtype);
      const alpha = rng.bool(0.3) ? undefined : rng.uniform(0, 0.5);
      const actual = alpha === undefined ? leakyRelu(x) : leakyRelu(x, { alpha });
      expectClose(actual, R.map(xr, R.scalarOps.leakyRelu(alpha ?? 0.01)), tol(dtype, F32_ARITHMETIC), { dtype });
    }
  },
  cast: (dtype, rng) => {
    const other: FloatDType = dtype === 'float32' ? 'float64' : 'float32';
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const [x, xr] = make(shape, withZeros(rng, R.size(shape)), dtype);
      // float -> int32 truncates toward zero; float -> bool is "not zero".
      expectClose(cast(x, 'int32'), R.cast(xr, 'int32'), EXACT, { dtype: 'int32' });
      expectClose(cast(x, 'bool'), R.cast(xr, 'bool'), EXACT, { dtype: 'bool' });
      expectClose(cast(x, other), R.cast(xr, other), EXACT, { dtype: other });
      expect(cast(x, dtype)).toBe(x);
      const [i, ir] = make(shape, rng.ints(R.size(shape), -5, 5), 'int32');
      expectClose(cast(i, dtype), ir, EXACT, { dtype });
      expectClose(cast(i, 'bool'), R.cast(ir, 'bool'), EXACT, { dtype: 'bool' });
      const [b, br] = make(shape, rng.ints(R.size(shape), 0, 1), 'bool');
      expectClose(cast(b, dtype), br, EXACT, { dtype });
      expectClose(cast(b, 'int32'), br, EXACT, { dtype: 'int32' });
    }
    expectClose(cast(tensor([1.7, -1.7, 0.5, -0.5], { dtype }), 'int32'), R.ref([4], [1, -1, 0, 0]), EXACT);
    expectClose(cast(tensor([0, -0, 0.1, Number.NaN], { dtype }), 'bool'), R.ref([4], [0, 0, 1, 1]), EXACT);
  },

  // ---- Binary arithmetic, broadcasting ----
  add: binaryCase(add, R.scalarOps.add, anyValue, anyValue, F32_ARITHMETIC),
  lerp: binaryCase(
    (a, b) => lerp(a, b, 0.3),
    (x, y) => x + 0.3 * (y - x),
    anyValue,
    anyValue,
    F32_ARITHMETIC,
  ),
  divSqrt: binaryCase(
    (a, b) => divSqrt(a, b, { scale: 0.7, rootScale: 1.3, eps: 1e-3 }),
    (x, y) => (0.7 * x) / (1.3 * Math.sqrt(y) + 1e-3),
    anyValue,
    positive,
    F32_TRANSCENDENTAL,
  ),
  sub: binaryCase(sub, R.scalarOps.sub, anyValue, anyValue, F32_ARITHMETIC),
  mul: binaryCase(mul, R.scalarOps.mul, anyValue, anyValue, F32_ARITHMETIC),
  div: binaryCase(div, R.scalarOps.div, anyValue, nonZero, F32_ARITHMETIC),
  pow: (dtype, rng) => {
    binaryCase(pow, R.scalarOps.pow, positive, (r, n) => r.values(n, -2.5, 2.5), F32_TRANSCENDENTAL)(dtype, rng);
    // Negative bases with integer exponents are defined.
    binaryCase(pow, R.scalarOps.pow, anyValue, (r, n) => r.ints(n, -2, 3), F32_TRANSCENDENTAL)(dtype, rng);
  },
  maximum: binaryCase(maximum, R.scalarOps.maximum, withNaN, withNaN, EXACT),
  minimum: binaryCase(minimum, R.scalarOps.minimum, withNaN, withNaN, EXACT),

  // ---- Comparisons and logic ----
  greater: binaryCase(greater, R.scalarOps.greater, withNaN, ties, EXACT, 'bool'),
  greaterEqual: binaryCase(greaterEqual, R.scalarOps.greaterEqual, withNaN, ties, EXACT, 'bool'),
  less: binaryCase(less, R.scalarOps.less, ties, withNaN, EXACT, 'bool'),
  lessEqual: binaryCase(lessEqual, R.scalarOps.lessEqual, ties, withNaN, EXACT, 'bool'),
  equal: binaryCase(equal, R.scalarOps.equal, withNaN, withNaN, EXACT, 'bool'),
  notEqual: binaryCase(notEqual, R.scalarOps.notEqual, withNaN, withNaN, EXACT, 'bool'),
  logicalAnd: (_dtype, rng) => logicalCase(rng, logicalAnd, R.scalarOps.logicalAnd),
  logicalOr: (_dtype, rng) => logicalCase(rng, logicalOr, R.scalarOps.logicalOr),
  where: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const out = rng.shape({ allowZero: true });
      const conditionShape = rng.operandOf(out);
      const [c, cr] = make(conditionShape, rng.ints(R.size(conditionShape), 0, 1), 'bool');
      const [a, ar] = operand(rng, rng.operandOf(out), dtype, (n) => rng.values(n), true);
      const [b, br] = operand(rng, rng.operandOf(out), dtype, (n) => rng.values(n), true);
      const expected = R.where(cr, ar, br);
      if (typeof a === 'number' && typeof b === 'number') {
        // Two numbers are float32 scalars.
        expectClose(where(c, a, b), R.where(cr, R.cast(ar, 'float32'), R.cast(br, 'float32')), EXACT, {
          dtype: 'float32',
        });
      } else expectClose(where(c, a, b), expected, EXACT, { dtype, label: `[${c.shape}]` });
    }
  },

  // ---- Reductions ----
  sum: reductionCase(sum, R.folds.sum, anyValue, sumTolerance, { allowEmpty: true }),
  mean: reductionCase(
    mean,
    R.folds.mean,
    anyValue,
    (dtype, x, axes, keepDims) => {
      // The error is proportional to the mean of |terms| (and a sum's rounding, then a division's).
      const count = axes.reduce((n, a) => n * x.shape[a], 1);
      return {
        tolerance: tol(dtype, { rtol: 2e-6, atol: 1e-30 }, { rtol: 1e-12, atol: 1e-300 }),
        scale: R.map(R.reduce(x, axes, keepDims, R.folds.absSum), (s) => s / count),
      };
    },
    { allowEmpty: true },
  ),
  prod: reductionCase(
    prod,
    R.folds.prod,
    (rng, n) => rng.values(n, 0.5, 2).map((v) => (rng.bool() ? v : -v)),
    (dtype) => ({ tolerance: tol(dtype, { rtol: 1e-6, atol: 1e-30 }, { rtol: 1e-12, atol: 1e-300 }) }),
    { allowEmpty: true },
  ),
  max: reductionCase(max, R.folds.max, withNaN, () => ({ tolerance: EXACT }), { allowEmpty: false }),
  min: reductionCase(min, R.folds.min, withNaN, () => ({ tolerance: EXACT }), { allowEmpty: false }),
  logSumExp: reductionCase(
    logSumExp,
    R.folds.logSumExp,
    (rng, n) => rng.values(n, -10, 10).map((v) => v + (rng.bool(0.2) ? 1000 : 0)),
    (dtype) => ({
      // Error ~ eps * |max|, so the absolute floor grows with the inputs' magnitude (up to ~1010 here).
      tolerance: tol(dtype, { rtol: 2e-6, atol: 1e-4 }, { rtol: 1e-12, atol: 1e-12 }),
    }),
    { allowEmpty: true },
  ),
  argmax: argCase(argmax, 'max'),
  argmin: argCase(argmin, 'min'),
  softmax: softmaxCase(softmax, R.softmax),
  logSoftmax: softmaxCase(logSoftmax, R.logSoftmax),

  // ---- Linear algebra ----
  matmul: (dtype, rng) => {
    const check = (aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean) => {
      const [a, ar] = make(aShape, rng.values(R.size(aShape)), dtype);
      const [b, br] = make(bShape, rng.values(R.size(bShape)), dtype);
      const { value, scale, k } = R.matmul(ar, br, transposeA, transposeB);
      const options = transposeA || transposeB || rng.bool() ? { transposeA, transposeB } : undefined;
      const actual = options ? matmul(a, b, options) : matmul(a, b);
      // Rounding error of a length-k dot product: at most about k * eps * Σ|a_ik b_kj|.
      const bound = (epsilon: number) => ({ rtol: Math.max(k, 1) * epsilon, atol: 1e-300 });
      expectClose(actual, value, tol(dtype, bound(2 ** -23), bound(2 ** -52)), {
        dtype,
        scale,
        label: `[${aShape}]${transposeA ? 'ᵀ' : ''} x [${bShape}]${transposeB ? 'ᵀ' : ''}`,
      });
    };
    const matrix = (rows: number, cols: number, transposed: boolean) => (transposed ? [cols, rows] : [rows, cols]);
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const [m, k, n] = [rng.int(1, 5), rng.int(0, 5), rng.int(1, 5)];
      const [tA, tB] = [rng.bool(), rng.bool()];
      const kind = rng.int(0, 5);
      if (kind === 0) check([k], [k], tA, tB);
      else if (kind === 1) check([k], matrix(k, n, tB), tA, tB);
      else if (kind === 2) check(matrix(m, k, tA), [k], tA, tB);
      else if (kind === 3) check(matrix(m, k, tA), matrix(k, n, tB), tA, tB);
      else if (kind === 4)
        check([k], [...rng.shape({ minRank: 1, maxRank: 2, maxDim: 3 }), ...matrix(k, n, tB)], tA, tB);
      else {
        const [batchA, batchB] = rng.broadcastablePair({ maxRank: 3, maxDim: 3 });
        const vectorB = rng.bool(0.15);
        check([...batchA, ...matrix(m, k, tA)], vectorB ? [k] : [...batchB, ...matrix(k, n, tB)], tA, tB);
      }
    }
    // Zero-size rows or columns, and sizes past the blocked kernel's thresholds (k beyond one 256-deep panel).
    check([0, 3], [3, 4], false, false);
    check([2, 3], [0, 3], false, true);
    check([12, 260], [260, 13], false, false);
    check([260, 12], [13, 260], true, true);
    check([2, 40, 33], [33, 36], false, false);
  },

  // ---- Data movement ----
  transpose: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ maxRank: 5, maxDim: 4, allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      if (rng.bool(0.25)) {
        const reversed = shape.map((_, i) => shape.length - 1 - i);
        expectClose(transpose(x), R.transpose(xr, reversed), EXACT, { dtype });
        continue;
      }
      const perm = rng.permutation(shape.length);
      const given = perm.map((p) => (rng.bool(0.2) ? p - shape.length : p));
      expectClose(transpose(x, given), R.transpose(xr, perm), EXACT, { dtype, label: `[${shape}] perm ${given}` });
    }
    // The blocked 2-D path, past one 32 x 32 tile.
    const [x, xr] = make([45, 70], rng.values(45 * 70), dtype);
    expectClose(transpose(x), R.transpose(xr, [1, 0]), EXACT);
  },
  reshape: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ maxRank: 4, allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const target = regroup(rng, shape);
      const given = [...target];
      if (target.length > 0 && R.size(target) > 0 && rng.bool(0.4)) given[rng.int(0, target.length - 1)] = -1;
      expectClose(reshape(x, given), R.reshape(xr, target), EXACT, { dtype, label: `[${shape}] -> [${given}]` });
    }
  },
  expandDims: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const axis = rng.int(0, shape.length);
      const given = rng.bool() ? axis : axis - shape.length - 1;
      const target = [...shape];
      target.splice(axis, 0, 1);
      expectClose(expandDims(x, given), R.reshape(xr, target), EXACT, { dtype, label: `[${shape}] at ${given}` });
    }
    expect(expandDims(zeros([2, 3])).shape).toEqual([1, 2, 3]);
  },
  squeeze: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ maxRank: 5, allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const unitAxes = shape.flatMap((d, i) => (d === 1 ? [i] : []));
      if (rng.bool(0.3) || unitAxes.length === 0) {
        expectClose(
          squeeze(x),
          R.reshape(
            xr,
            shape.filter((d) => d !== 1),
          ),
          EXACT,
          { dtype },
        );
        continue;
      }
      const chosen = unitAxes.filter(() => rng.bool());
      const given = chosen.map((a) => (rng.bool() ? a - shape.length : a));
      const arg = given.length === 1 && rng.bool() ? given[0] : given;
      expectClose(
        squeeze(x, arg),
        R.reshape(
          xr,
          shape.filter((_, i) => !chosen.includes(i)),
        ),
        EXACT,
        { dtype, label: `[${shape}] ${JSON.stringify(arg)}` },
      );
    }
  },
  flatten: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      expectClose(flatten(x), R.reshape(xr, [R.size(shape)]), EXACT, { dtype });
    }
  },
  broadcastTo: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const out = rng.shape({ allowZero: true });
      const shape = rng.operandOf(out);
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      expectClose(broadcastTo(x, out), R.broadcastTo(xr, out), EXACT, { dtype, label: `[${shape}] -> [${out}]` });
    }
  },
  slice: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ maxRank: 4, maxDim: 6, allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const begin = shape.map((d) => rng.int(0, d));
      const extent = shape.map((d, i) => rng.int(0, d - begin[i]));
      // Sizes of -1 run to the end; trailing entries may be left out.
      const givenSize = extent.map((s, i) => (s === shape[i] - begin[i] && rng.bool() ? -1 : s));
      const keep = rng.int(0, shape.length);
      const givenBegin = begin.slice(0, keep);
      const fullBegin = shape.map((_, i) => (i < keep ? begin[i] : 0));
      const useSize = rng.bool(0.8);
      const fullExtent = shape.map((d, i) => (useSize && i < keep ? extent[i] : d - fullBegin[i]));
      const actual = useSize ? slice(x, givenBegin, givenSize.slice(0, keep)) : slice(x, givenBegin);
      expectClose(actual, R.slice(xr, fullBegin, fullExtent), EXACT, {
        dtype,
        label: `[${shape}] begin ${givenBegin} size ${givenSize.slice(0, keep)}`,
      });
    }
  },
  pad: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const paddings = shape.map(() => [rng.int(0, 2), rng.int(0, 2)] as [number, number]);
      const value = rng.bool() ? 0 : rng.uniform(-5, 5);
      const actual = value === 0 && rng.bool() ? pad(x, paddings) : pad(x, paddings, { value });
      expectClose(actual, R.pad(xr, paddings, R.storeAs(dtype, value)), EXACT, { dtype });
    }
  },
  concat: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ minRank: 1, allowZero: true });
      const axis = rng.int(0, shape.length - 1);
      const parts = Array.from({ length: rng.int(1, 4) }, () => {
        const partShape = [...shape];
        partShape[axis] = rng.int(0, 3);
        return make(partShape, rng.values(R.size(partShape)), dtype);
      });
      const given = rng.bool() ? axis : axis - shape.length;
      const actual =
        given === 0 && rng.bool()
          ? concat(parts.map(([t]) => t))
          : concat(
              parts.map(([t]) => t),
              given,
            );
      expectClose(
        actual,
        R.concat(
          parts.map(([, r]) => r),
          axis,
        ),
        EXACT,
        { dtype, label: `${parts.map(([t]) => `[${t.shape}]`).join(' ')} axis ${given}` },
      );
    }
  },
  stack: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ allowZero: true });
      const parts = Array.from({ length: rng.int(1, 4) }, () => make(shape, rng.values(R.size(shape)), dtype));
      const axis = rng.int(0, shape.length);
      const given = rng.bool() ? axis : axis - shape.length - 1;
      expectClose(
        stack(
          parts.map(([t]) => t),
          given,
        ),
        R.stack(
          parts.map(([, r]) => r),
          axis,
        ),
        EXACT,
        { dtype, label: `[${shape}] x${parts.length} axis ${given}` },
      );
    }
  },
  gather: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ minRank: 1, maxDim: 4 });
      const axis = rng.int(0, shape.length - 1);
      const [x, xr] = make(shape, rng.values(R.size(shape)), dtype);
      const indexShape = rng.shape({ maxRank: 2, maxDim: 4, allowZero: true });
      const indexValues = rng.ints(R.size(indexShape), 0, shape[axis] - 1);
      const [indices, ir] = make(indexShape, indexValues, 'int32');
      const given = rng.bool() ? axis : axis - shape.length;
      const asArray = indexShape.length === 1 && rng.bool();
      const actual = asArray ? gather(x, indexValues, given) : gather(x, indices, given);
      expectClose(actual, R.gather(xr, ir, axis), EXACT, { dtype, label: `[${shape}] axis ${given} [${indexShape}]` });
    }
    expect(
      gather(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [1],
      ).shape,
    ).toEqual([1, 2]);
  },
  scatterAdd: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS * 2; trial++) {
      const shape = rng.shape({ minRank: 1, maxDim: 4 });
      const axis = rng.int(0, shape.length - 1);
      const indexShape = rng.shape({ maxRank: 2, maxDim: 5, allowZero: true });
      // Few distinct targets, so that indices repeat and their updates must add up.
      const indexValues = rng.ints(R.size(indexShape), 0, Math.min(shape[axis] - 1, 1));
      const [indices, ir] = make(indexShape, indexValues, 'int32');
      const updateShape = [...shape.slice(0, axis), ...indexShape, ...shape.slice(axis + 1)];
      const [updates, ur] = make(updateShape, rng.values(R.size(updateShape)), dtype);
      const given = rng.bool() ? axis : axis - shape.length;
      const asArray = indexShape.length === 1 && rng.bool();
      const actual = asArray
        ? scatterAdd(updates, indexValues, shape, given)
        : rng.bool() || given !== 0
          ? scatterAdd(updates, indices, shape, given)
          : scatterAdd(updates, indices, shape);
      expectClose(actual, R.scatterAdd(ur, ir, shape, axis), tol(dtype, { rtol: 1e-6, atol: 1e-5 }), {
        dtype,
        label: `[${shape}] axis ${given} [${indexShape}]`,
      });
    }
  },
  oneHot: (dtype, rng) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const shape = rng.shape({ maxRank: 3, allowZero: true });
      const depth = rng.int(1, 5);
      const [indices, ir] = make(shape, rng.ints(R.size(shape), 0, depth - 1), 'int32');
      const outDType = rng.pick<DType>([dtype, 'int32', 'float32']);
      const onValue = rng.int(-3, 3);
      const offValue = rng.int(-3, 3);
      if (rng.bool(0.3)) {
        expectClose(oneHot(indices, depth), R.oneHot(ir, depth, 1, 0), EXACT, { dtype: 'float32' });
      } else {
        expectClose(
          oneHot(indices, depth, { onValue, offValue, dtype: outDType }),
          R.oneHot(ir, depth, onValue, offValue),
          EXACT,
          { dtype: outDType },
        );
      }
    }
  },
};

/** Nested arrays of `flat` in `shape`, as toArray returns them. */
function nest0(shape: readonly number[], flat: readonly number[]): unknown {
  const build = (depth: number, offset: number): unknown =>
    depth === shape.length
      ? flat[offset]
      : Array.from({ length: shape[depth] }, (_, i) => build(depth + 1, offset * shape[depth] + i));
  return build(0, 0);
}

function fillCase(
  rng: TestRandom,
  dtype: FloatDType,
  make: (shape: number[], dtype: DType) => Tensor,
  value: number,
): void {
  for (let trial = 0; trial < TRIALS; trial++) {
    const shape = rng.shape({ allowZero: true });
    expectClose(
      make(shape, dtype),
      R.generate(shape, () => R.storeAs(dtype, value)),
      EXACT,
      { dtype },
    );
  }
  const asInt = make([2, 3], 'int32');
  expectClose(
    asInt,
    R.generate([2, 3], () => Math.trunc(value)),
    EXACT,
    { dtype: 'int32' },
  );
}

function logicalCase(
  rng: TestRandom,
  fn: (a: Tensor, b: Tensor) => Tensor,
  reference: (x: number, y: number) => number,
): void {
  for (let trial = 0; trial < TRIALS; trial++) {
    const [sa, sb] = rng.broadcastablePair();
    const [a, ar] = make(sa, rng.ints(R.size(sa), 0, 1), 'bool');
    const [b, br] = make(sb, rng.ints(R.size(sb), 0, 1), 'bool');
    expectClose(fn(a, b), R.binary(ar, br, reference), EXACT, { dtype: 'bool' });
  }
}

/** Exported names that are not ops: the engine, backends, classes, and what other suites own. */
const NOT_OPS = new Set([
  // Backend registry and engine: exercised by every op here and by test/memory.test.ts.
  'createCpuBackend',
  'CpuStorage',
  'defineBackend',
  'findBackend',
  'getBackend',
  'onKernelRun',
  'inputNames',
  // Moves data between backends: src/backend/engine.test.ts.
  'moveTo',
  'registerBackend',
  // Extension hook: test/extensions/new-kernel.test.ts (a new kernel with its gradient rule).
  'registerKernel',
  'runKernel',
  'setBackend',
  'wrap',
  // Memory management: test/memory.test.ts.
  'keep',
  'memory',
  'tidy',
  // Classes.
  'Tensor',
  'DescentError',
  'DTypeError',
  'ShapeError',
  'ValueError',
  // Seeded randomness has its own suite beside src/rng.
  'createRng',
  'Rng',
]);

describe('op conformance against the float64 reference', () => {
  it('has a row for every exported function, and no row for a name that is not exported', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    const missing = functions.filter((name) => !(name in CONFORMANCE) && !NOT_OPS.has(name));
    expect(missing, 'exports without a conformance row').toEqual([]);
    const stale = Object.keys(CONFORMANCE).filter((name) => !functions.includes(name));
    expect(stale, 'rows for names the package does not export').toEqual([]);
  });

  describe.each(Object.keys(CONFORMANCE))('%s', (name) => {
    it.each(FLOAT_DTYPES)('%s', (dtype) => {
      const seed = [...`${name}/${dtype}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
      CONFORMANCE[name](dtype, new TestRandom(seed));
    });
  });
});

describe('int32 inputs', () => {
  const rng = new TestRandom(2024);
  it.each([
    ['neg', neg, R.scalarOps.neg],
    ['square', square, R.scalarOps.square],
    ['abs', abs, R.scalarOps.abs],
    ['sign', sign, R.scalarOps.sign],
    ['floor', floor, R.scalarOps.floor],
    ['relu', relu, R.scalarOps.relu],
  ] as const)('%s keeps int32', (_name, fn, reference) => {
    const shape = rng.shape();
    const [x, xr] = make(shape, rng.ints(R.size(shape), -9, 9), 'int32');
    expectClose(fn(x), R.map(xr, reference), EXACT, { dtype: 'int32' });
  });

  it.each([
    ['add', add, R.scalarOps.add],
    ['sub', sub, R.scalarOps.sub],
    ['mul', mul, R.scalarOps.mul],
    ['div (floors, as NumPy //)', div, R.scalarOps.floorDiv],
    ['maximum', maximum, R.scalarOps.maximum],
    ['minimum', minimum, R.scalarOps.minimum],
  ] as const)('%s', (_name, fn, reference) => {
    for (let trial = 0; trial < 10; trial++) {
      const [sa, sb] = rng.broadcastablePair();
      const [a, ar] = make(sa, rng.ints(R.size(sa), -9, 9), 'int32');
      const [b, br] = make(
        sb,
        rng.ints(R.size(sb), 1, 5).map((v) => (rng.bool() ? v : -v)),
        'int32',
      );
      expectClose(fn(a, b), R.binary(ar, br, reference), EXACT, { dtype: 'int32' });
    }
  });

  it('sum and prod keep int32, and bool sums count to int32', () => {
    const [x, xr] = make([3, 4], rng.ints(12, -3, 3), 'int32');
    expectClose(sum(x, 1), R.reduce(xr, [1], false, R.folds.sum), EXACT, { dtype: 'int32' });
    expectClose(prod(x, 0), R.reduce(xr, [0], false, R.folds.prod), EXACT, { dtype: 'int32' });
    expectClose(max(x), R.reduce(xr, [0, 1], false, R.folds.max), EXACT, { dtype: 'int32' });
    const [b, br] = make([3, 4], rng.ints(12, 0, 1), 'bool');
    expectClose(sum(b, 0), R.reduce(br, [0], false, R.folds.sum), EXACT, { dtype: 'int32' });
  });

  it('matmul of int32 is exact', () => {
    const [a, ar] = make([3, 5], rng.ints(15, -9, 9), 'int32');
    const [b, br] = make([5, 2], rng.ints(10, -9, 9), 'int32');
    expectClose(matmul(a, b), R.matmul(ar, br).value, EXACT, { dtype: 'int32' });
  });
});

describe('NaN and infinity semantics', () => {
  it.each(FLOAT_DTYPES)('%s: max, min, maximum and minimum propagate NaN; argmax picks the first NaN', (dtype) => {
    const x = tensor([1, Number.NaN, 3, Number.NaN], { dtype });
    expect(Number.isNaN(max(x).item())).toBe(true);
    expect(Number.isNaN(min(x).item())).toBe(true);
    expect(argmax(x).item()).toBe(1);
    expect(argmin(x).item()).toBe(1);
    const m = maximum(tensor([Number.NaN, 1, 2], { dtype }), tensor([0, Number.NaN, 1], { dtype }));
    expectClose(m, R.ref([3], [Number.NaN, Number.NaN, 2]), EXACT);
    expect(Number.isNaN(sum(x).item())).toBe(true);
  });

  it.each(FLOAT_DTYPES)('%s: infinities in reductions and softmax', (dtype) => {
    const inf = Number.POSITIVE_INFINITY;
    expect(logSumExp(tensor([-inf, -inf], { dtype })).item()).toBe(-inf);
    expect(logSumExp(tensor([inf, 0], { dtype })).item()).toBe(inf);
    expect(logSumExp(tensor([], { dtype })).item()).toBe(-inf);
    expect(max(tensor([-inf, 2, inf], { dtype })).item()).toBe(inf);
    expectClose(softmax(tensor([-inf, 0, -inf], { dtype })), R.ref([3], [0, 1, 0]), EXACT);
    expectClose(logSoftmax(tensor([-inf, 0], { dtype })), R.ref([2], [-inf, 0]), EXACT);
    expectClose(sigmoid(tensor([-inf, inf, -1000, 1000], { dtype })), R.ref([4], [0, 1, 0, 1]), EXACT);
    expectClose(softplus(tensor([-1000, 1000], { dtype })), R.ref([2], [0, 1000]), EXACT);
    expectClose(log(tensor([0, -1], { dtype })), R.ref([2], [-inf, Number.NaN]), EXACT);
    expectClose(sign(tensor([-0, 0, Number.NaN, -inf], { dtype })), R.ref([4], [0, 0, Number.NaN, -1]), EXACT);
    expectClose(relu(tensor([Number.NaN, -inf, inf], { dtype })), R.ref([3], [Number.NaN, 0, inf]), EXACT);
    expect(Number.isNaN(mean(tensor([], { dtype })).item())).toBe(true);
    expect(sum(zeros([0, 3], { dtype })).item()).toBe(0);
    expect(prod(zeros([0], { dtype })).item()).toBe(1);
  });

  it.each(FLOAT_DTYPES)('%s: broadcasting one element keeps its sign of zero and its NaN', (dtype) => {
    for (const value of [-0, Number.NaN, Number.NEGATIVE_INFINITY]) {
      for (const from of [[], [1], [1, 1]]) {
        const out = broadcastTo(tensor([value], { dtype }).reshape(from), [2, 3]).dataSync();
        for (const v of out) expect(Object.is(v, value)).toBe(true);
      }
    }
  });

  it.each(FLOAT_DTYPES)('%s: softmax is finite and exact at 1000 and beyond', (dtype) => {
    const x = tensor([1000, 1001, 1002], { dtype });
    const expected = R.softmax(refOf(tensor([0, 1, 2], { dtype: 'float64' })), 0);
    expectClose(softmax(x), expected, tol(dtype, { rtol: 1e-6 }));
    expectClose(
      softmax(tensor([-1000, -1001, -1002], { dtype })),
      R.ref([3], [...expected.data].reverse()),
      tol(dtype, { rtol: 1e-6 }),
    );
    expectClose(logSumExp(tensor([1000, 1000], { dtype })), R.ref([], [1000 + Math.LN2]), tol(dtype, { rtol: 1e-7 }));
  });
});

/** Method forms: `a.op(...args)` must equal `op(a, ...args)` bit for bit, for every op method of Tensor. */
const METHODS: Record<string, (rng: TestRandom) => [Tensor, ...unknown[]]> = (() => {
  const floats = (rng: TestRandom, shape: number[], low = -3, high = 3) =>
    tensor(rng.values(R.size(shape), low, high), { shape, dtype: 'float64' });
  const x = (rng: TestRandom) => floats(rng, [2, 3]);
  const positiveX = (rng: TestRandom) => floats(rng, [2, 3], 0.1, 3);
  const withOther = (rng: TestRandom): [Tensor, ...unknown[]] => [x(rng), rng.bool() ? floats(rng, [3]) : 1.5];
  return {
    add: withOther,
    sub: withOther,
    mul: withOther,
    div: withOther,
    pow: (rng) => [positiveX(rng), floats(rng, [1, 3])],
    maximum: withOther,
    minimum: withOther,
    neg: (rng) => [x(rng)],
    exp: (rng) => [x(rng)],
    log: (rng) => [positiveX(rng)],
    sqrt: (rng) => [positiveX(rng)],
    square: (rng) => [x(rng)],
    abs: (rng) => [x(rng)],
    sign: (rng) => [x(rng)],
    tanh: (rng) => [x(rng)],
    sigmoid: (rng) => [x(rng)],
    relu: (rng) => [x(rng)],
    softplus: (rng) => [x(rng)],
    greater: withOther,
    greaterEqual: withOther,
    less: withOther,
    lessEqual: withOther,
    equal: withOther,
    notEqual: withOther,
    sum: (rng) => [x(rng), 1, { keepDims: true }],
    prod: (rng) => [x(rng), [0]],
    mean: (rng) => [x(rng), -1],
    max: (rng) => [x(rng), 0],
    min: (rng) => [x(rng)],
    argmax: (rng) => [x(rng), 1],
    argmin: (rng) => [x(rng), 0, { keepDims: true }],
    logSumExp: (rng) => [x(rng), 1],
    softmax: (rng) => [x(rng), 0],
    logSoftmax: (rng) => [x(rng)],
    matmul: (rng) => [x(rng), floats(rng, [2, 4]), { transposeA: true }],
    transpose: (rng) => [x(rng)],
    reshape: (rng) => [x(rng), [3, -1]],
    expandDims: (rng) => [x(rng), 1],
    squeeze: (rng) => [floats(rng, [1, 3, 1]), 0],
    flatten: (rng) => [x(rng)],
    broadcastTo: (rng) => [x(rng), [4, 2, 3]],
    slice: (rng) => [x(rng), [1, 1], [1, -1]],
    gather: (rng) => [x(rng), [2, 0, 2], 1],
    cast: (rng) => [x(rng), 'int32'],
  };
})();

/** Tensor members that are not ops. */
const NOT_METHOD_OPS = new Set([
  'constructor',
  'relocate',
  'markDisposed',
  'assertLive',
  'dataSync',
  'data',
  'toArray',
  'item',
  'dispose',
  'toString',
]);

describe('Tensor method forms', () => {
  const prototype = api.Tensor.prototype as unknown as Record<string, unknown>;
  const methods = Object.getOwnPropertyNames(prototype).filter(
    (name) => typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function',
  );

  it('has a row for every op method of Tensor', () => {
    expect(methods.filter((name) => !NOT_METHOD_OPS.has(name) && !(name in METHODS))).toEqual([]);
    expect(Object.keys(METHODS).filter((name) => !methods.includes(name))).toEqual([]);
  });

  it.each(Object.keys(METHODS))('a.%s(...) equals the function form', (name) => {
    const rng = new TestRandom(name.length * 7919);
    const [receiver, ...args] = METHODS[name](rng);
    const viaMethod = (receiver as unknown as Record<string, (...a: unknown[]) => Tensor>)[name](...args);
    const viaFunction = (api as unknown as Record<string, (...a: unknown[]) => Tensor>)[name](receiver, ...args);
    expectIdentical(viaMethod, viaFunction, name);
  });
});
