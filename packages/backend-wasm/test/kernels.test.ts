// Every wasm kernel against the CPU backend, the reference semantics: float32 and float64, sizes around the 4-lane
// and 2-lane vector widths (so both the vector loop and the scalar tail run), one-element operands on either side,
// and the special values (NaN, infinities, signed zeros, extremes). The results must be the CPU's bits, except
// float32 divSqrt, which computes in float32 (four roundings) and may differ by up to 4 float32 ulp.

import {
  abs,
  add,
  type DType,
  div,
  divSqrt,
  exp,
  lerp,
  matmul,
  maximum,
  minimum,
  mul,
  neg,
  reshape,
  type Shape,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { wasmMemory } from '../src/index.js';
import { expectClose, expectSameBits, fallbacksOf, on, randomValues } from './helpers.js';

type FloatDType = 'float32' | 'float64';
const DTYPES: readonly FloatDType[] = ['float32', 'float64'];
/** Four float32 ulp, relative to the value (float32 divSqrt rounds four times), and the smallest float32 subnormal. */
const ULP32 = 4 * 2 ** -23;
const SUBNORMAL32 = 2 ** -149;
const SPECIAL = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1, -1.5, 3.4e38, 1e-40];

interface BinaryCase {
  readonly kernel: string;
  readonly op: (a: Tensor, b: Tensor) => Tensor;
  /** Whether the wasm result must be the CPU's bits for this dtype. */
  readonly exact: (dtype: FloatDType) => boolean;
}

const always = () => true;
const BINARY: readonly BinaryCase[] = [
  { kernel: 'Add', op: add, exact: always },
  { kernel: 'Sub', op: sub, exact: always },
  { kernel: 'Mul', op: mul, exact: always },
  { kernel: 'Div', op: div, exact: always },
  { kernel: 'Maximum', op: maximum, exact: always },
  { kernel: 'Minimum', op: minimum, exact: always },
  { kernel: 'Lerp', op: (a, b) => lerp(a, b, 0.1), exact: always },
  { kernel: 'Lerp', op: (a, b) => lerp(a, b, 1.7), exact: always },
  {
    kernel: 'DivSqrt',
    op: (a, b) => divSqrt(a, b, { scale: 1.3, rootScale: 0.7, eps: 1e-8 }),
    exact: (dtype) => dtype === 'float64',
  },
];

const UNARY = [
  { kernel: 'Neg', op: neg },
  { kernel: 'Abs', op: abs },
  { kernel: 'Sqrt', op: sqrt },
  { kernel: 'Square', op: square },
] as const;

/** Operand shapes the wasm kernels cover: equal shapes, and a one-element operand on either side. */
const SHAPE_PAIRS: readonly (readonly [Shape, Shape])[] = [
  ...[0, 1, 2, 3, 4, 5, 7, 8, 17, 1001].map((n) => [[n], [n]] as const),
  [
    [3, 5],
    [3, 5],
  ],
  [[9], []],
  [[], [9]],
  [[37], []],
  [[], [37]],
  [[1], [1001]],
  [[], []],
  [[1], [6]],
  [[6], [1]],
  [
    [1, 1],
    [3, 2],
  ],
  [
    [2, 3],
    [1, 1, 1],
  ],
];

function make(values: readonly number[], shape: Shape, dtype: DType): Tensor {
  return tensor([...values], { shape: [...shape], dtype });
}

function sizeOfShape(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Runs `op` on both backends from the same values and checks the wasm result (and that no fallback ran). */
function compareBinary(
  { kernel, op, exact }: BinaryCase,
  dtype: FloatDType,
  [aShape, bShape]: readonly [Shape, Shape],
  aValues: readonly number[],
  bValues: readonly number[],
): void {
  const label = `${kernel} ${dtype} [${aShape}] [${bShape}]`;
  const expected = op(make(aValues, aShape, dtype), make(bValues, bShape, dtype));
  const before = fallbacksOf(kernel);
  const actual = on('wasm', () => op(make(aValues, aShape, dtype), make(bValues, bShape, dtype)));
  expect(fallbacksOf(kernel), `${label}: fell back to the CPU`).toBe(before);
  expect(actual.backend.name).toBe('wasm');
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(dtype);
  if (exact(dtype)) expectSameBits(actual.dataSync(), expected.dataSync(), label);
  else expectClose(actual.dataSync(), expected.dataSync(), ULP32, SUBNORMAL32, label);
}

describe.each(DTYPES)('%s', (dtype) => {
  describe.each(BINARY)('$kernel', (binaryCase) => {
    it.each(SHAPE_PAIRS.map((pair, index) => [`[${pair[0]}] [${pair[1]}]`, pair, index] as const))(
      'matches the CPU backend on %s',
      (_name, pair, index) => {
        const positive = binaryCase.kernel === 'DivSqrt';
        const aValues = randomValues(sizeOfShape(pair[0]), 10 + index, -4, 4);
        const bValues = randomValues(sizeOfShape(pair[1]), 50 + index, positive ? 0 : -4, 4);
        compareBinary(binaryCase, dtype, pair, aValues, bValues);
      },
    );

    it('matches the CPU backend on special values (every pair)', () => {
      const aValues = SPECIAL.flatMap((x) => SPECIAL.map(() => x));
      const bValues = SPECIAL.flatMap(() => SPECIAL);
      compareBinary(binaryCase, dtype, [[aValues.length], [bValues.length]], aValues, bValues);
    });

    it('takes a plain number as the scalar operand', () => {
      const values = randomValues(11, 3, 0, 4);
      const expected = binaryCase.op(make(values, [11], dtype), make([2.5], [], dtype));
      const actual = on('wasm', () => binaryCase.op(make(values, [11], dtype), make([2.5], [], dtype)));
      if (binaryCase.exact(dtype)) expectSameBits(actual.dataSync(), expected.dataSync());
      else expectClose(actual.dataSync(), expected.dataSync(), ULP32, SUBNORMAL32);
    });
  });

  describe.each(UNARY)('$kernel', ({ kernel, op }) => {
    it.each([0, 1, 3, 4, 5, 9, 1001])('matches the CPU backend bit for bit on %i elements', (n) => {
      const values = [...SPECIAL, ...randomValues(n, n, -3, 3)].slice(0, Math.max(n, 0));
      const expected = op(make(values, [n], dtype));
      const before = fallbacksOf(kernel);
      const actual = on('wasm', () => op(make(values, [n], dtype)));
      expect(fallbacksOf(kernel)).toBe(before);
      expect(actual.backend.name).toBe('wasm');
      expectSameBits(actual.dataSync(), expected.dataSync(), `${kernel} ${dtype} ${n}`);
    });
  });

  describe('Sum over every axis', () => {
    it.each([[[0]], [[1]], [[3]], [[4]], [[7]], [[1001]], [[3, 5, 7]], [[]]] as const)(
      'matches the CPU backend bit for bit on %j (keepDims both ways)',
      (shape) => {
        const values = randomValues(sizeOfShape(shape), 7, -1000, 1000);
        for (const keepDims of [false, true]) {
          const expected = sum(make(values, shape, dtype), undefined, { keepDims });
          const before = fallbacksOf('Sum');
          const actual = on('wasm', () => sum(make(values, shape, dtype), undefined, { keepDims }));
          expect(fallbacksOf('Sum')).toBe(before);
          expect(actual.shape).toEqual(expected.shape);
          expectSameBits(actual.dataSync(), expected.dataSync(), `sum [${shape}] keepDims ${keepDims}`);
        }
      },
    );

    it('propagates NaN and infinities as the CPU does', () => {
      for (const values of [
        [1, Number.NaN, 2],
        [Number.POSITIVE_INFINITY, 1],
        [Number.POSITIVE_INFINITY, -Infinity],
        [-0, -0],
      ]) {
        const expected = sum(make(values, [values.length], dtype));
        const actual = on('wasm', () => sum(make(values, [values.length], dtype)));
        expectSameBits(actual.dataSync(), expected.dataSync(), `sum ${values}`);
      }
    });
  });
});

describe('the CPU fallback', () => {
  it('runs general broadcasting, other dtypes and kernels the module lacks on wasm data, and keeps the result there', () => {
    const cases: [string, () => Tensor][] = [
      ['Add', () => add(make(randomValues(6, 1), [2, 3], 'float32'), make(randomValues(3, 2), [3], 'float32'))],
      ['Add', () => add(make([1, 2, 3], [3], 'int32'), make([4, 5, 6], [3], 'int32'))],
      ['Sum', () => sum(make(randomValues(6, 3), [2, 3], 'float32'), 1)],
      ['Exp', () => exp(make(randomValues(5, 4), [5], 'float32'))],
      [
        'MatMul',
        () => matmul(make(randomValues(6, 5), [2, 3], 'float32'), make(randomValues(6, 6), [3, 2], 'float32')),
      ],
    ];
    for (const [kernel, run] of cases) {
      const expected = run();
      const before = fallbacksOf(kernel);
      const actual = on('wasm', run);
      expect(fallbacksOf(kernel), kernel).toBe(before + 1);
      expect(actual.backend.name).toBe('wasm');
      expect(actual.shape).toEqual(expected.shape);
      expectSameBits(actual.dataSync(), expected.dataSync(), kernel);
    }
  });

  it('copies a result that shares its input, so freeing the input cannot free the result', () => {
    // The CPU's BroadcastTo to the same shape may return its input's values: a view of wasm memory.
    on('wasm', () => {
      const x = make([1, 2, 3], [3], 'int32');
      const y = reshape(x, [3, 1]);
      const z = add(y, make([10, 20], [2], 'int32')); // [3,1] + [2]: broadcasting, int32: the CPU path
      x.dispose();
      y.dispose();
      expect(z.toArray()).toEqual([
        [11, 21],
        [12, 22],
        [13, 23],
      ]);
    });
  });
});

describe('Reshape', () => {
  it('shares the block: no copy, and the block is freed with the last tensor that views it', () => {
    on('wasm', () => {
      const x = make(randomValues(12, 9), [3, 4], 'float32');
      const values = x.dataSync();
      const { liveBlocks, liveBytes } = wasmMemory();
      const y = reshape(x, [4, 3]);
      expect(wasmMemory().liveBlocks).toBe(liveBlocks);
      x.dispose();
      expect(wasmMemory().liveBytes).toBe(liveBytes);
      expectSameBits(y.dataSync(), values);
      y.dispose();
      expect(wasmMemory().liveBytes).toBe(liveBytes - 48);
    });
  });
});
