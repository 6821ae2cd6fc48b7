// Each gpu.js kernel against the CPU backend (the reference semantics), on random float32 inputs.
import {
  abs,
  add,
  cos,
  div,
  exp,
  expm1,
  floor,
  leakyRelu,
  log,
  log1p,
  matmul,
  max,
  maximum,
  min,
  minimum,
  mul,
  neg,
  pow,
  reciprocal,
  relu,
  reshape,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { backendFor, expectClose, isGl, MODES, on, randomTensor, type Tolerance } from './helpers.js';

const UNARY: readonly {
  name: string;
  fn: (x: Tensor) => Tensor;
  low: number;
  high: number;
  transcendental: boolean;
}[] = [
  { name: 'neg', fn: neg, low: -4, high: 4, transcendental: false },
  { name: 'exp', fn: exp, low: -4, high: 4, transcendental: true },
  { name: 'log', fn: log, low: 0.01, high: 8, transcendental: true },
  { name: 'log1p', fn: log1p, low: -0.9, high: 8, transcendental: true },
  { name: 'expm1', fn: expm1, low: -4, high: 4, transcendental: true },
  { name: 'sqrt', fn: sqrt, low: 0, high: 8, transcendental: true },
  { name: 'square', fn: square, low: -4, high: 4, transcendental: false },
  { name: 'reciprocal', fn: reciprocal, low: 0.1, high: 4, transcendental: false },
  { name: 'abs', fn: abs, low: -4, high: 4, transcendental: false },
  { name: 'sign', fn: sign, low: -4, high: 4, transcendental: false },
  { name: 'floor', fn: floor, low: -4, high: 4, transcendental: false },
  { name: 'sin', fn: sin, low: -4, high: 4, transcendental: true },
  { name: 'cos', fn: cos, low: -4, high: 4, transcendental: true },
  { name: 'tanh', fn: tanh, low: -4, high: 4, transcendental: true },
  { name: 'sigmoid', fn: sigmoid, low: -8, high: 8, transcendental: true },
  { name: 'relu', fn: relu, low: -4, high: 4, transcendental: false },
  { name: 'softplus', fn: softplus, low: -8, high: 8, transcendental: true },
  { name: 'leakyRelu', fn: (x) => leakyRelu(x, { alpha: 0.1 }), low: -4, high: 4, transcendental: false },
];

const BINARY: readonly { name: string; fn: (a: Tensor, b: Tensor) => Tensor; positive?: boolean }[] = [
  { name: 'add', fn: add },
  { name: 'sub', fn: sub },
  { name: 'mul', fn: mul },
  { name: 'div', fn: div },
  { name: 'pow', fn: pow, positive: true },
  { name: 'maximum', fn: maximum },
  { name: 'minimum', fn: minimum },
];

describe.each(MODES)('gpu.js mode %s', (mode) => {
  const backend = backendFor(mode);
  const name = `gpujs-${mode}`;
  const gl = isGl(mode);
  // float32 arithmetic rounds after every step (the CPU rounds once, from float64): a few ulps for composite
  // formulas such as sigmoid. GLSL's transcendental builtins are only specified to a few ulps of their own.
  const ARITHMETIC: Tolerance = { rtol: 5e-7, atol: 1e-30 };
  const TRANSCENDENTAL: Tolerance = gl ? { rtol: 2e-6, atol: 1e-7 } : { rtol: 5e-7, atol: 1e-30 };

  /** Builds the same computation on the CPU and on the gpujs backend and compares them. */
  function compare(build: () => Tensor, tolerance: Tolerance, scale?: () => Tensor): void {
    const expected = on('cpu', build);
    const actual = on(name, build);
    expect(actual.backend).toBe(backend);
    expectClose(actual, expected, tolerance, scale === undefined ? undefined : on('cpu', scale).dataSync());
  }

  describe('element-wise, one input', () => {
    it.each(UNARY)('$name', ({ fn, low, high, transcendental }) => {
      const before = backend.storage.programs.stats().calls;
      compare(() => fn(randomTensor([37, 29], 1, low, high)), transcendental ? TRANSCENDENTAL : ARITHMETIC);
      expect(backend.storage.programs.stats().calls).toBeGreaterThan(before);
    });

    it.skipIf(gl)('keeps the reference NaN, infinity and zero rules', () => {
      const x = () => tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 2, -3]);
      for (const { fn } of UNARY) compare(() => fn(x()), TRANSCENDENTAL);
    });
  });

  describe('element-wise, two inputs', () => {
    it.each(BINARY)('$name on equal shapes', ({ fn, positive }) => {
      const low = positive ? 0.1 : -4;
      compare(() => fn(randomTensor([41, 17], 2, low, 4), randomTensor([41, 17], 3, positive ? -2 : -4, 4)), {
        ...TRANSCENDENTAL,
        rtol: positive && gl ? 1e-4 : TRANSCENDENTAL.rtol,
      });
    });

    it.each(BINARY)('$name with a one-element operand on either side', ({ fn, positive }) => {
      const low = positive ? 0.1 : -4;
      const tolerance = { ...TRANSCENDENTAL, rtol: positive && gl ? 1e-4 : TRANSCENDENTAL.rtol };
      compare(() => fn(randomTensor([5, 7], 4, low, 4), tensor(1.5)), tolerance);
      compare(() => fn(tensor([[2.5]]), randomTensor([5, 7], 5, low, 4)), tolerance);
    });

    it('broadcasts a one-element result that lives only on the device', () => {
      compare(() => {
        const x = randomTensor([6, 8], 6);
        return sub(x, max(x));
      }, ARITHMETIC);
    });

    it('runs general broadcasting on the CPU reference, transparently', () => {
      const before = backend.storage.fallbacks().Add ?? 0;
      compare(() => add(randomTensor([4, 6], 7), randomTensor([6], 8)), ARITHMETIC);
      expect(backend.storage.fallbacks().Add).toBe(before + 1);
    });
  });

  describe('matmul', () => {
    // float32 dot products on the device against float64 on the CPU: rounding error grows with k and with the
    // magnitude of the terms, so the bound scales with sum |a| |b|.
    const dot = (k: number): Tolerance => ({ rtol: Math.max(k, 4) * 2 ** -23, atol: 0 });
    const cases = [
      {
        shapes: [
          [3, 5],
          [5, 4],
        ],
        transposeA: false,
        transposeB: false,
      },
      {
        shapes: [
          [5, 3],
          [5, 4],
        ],
        transposeA: true,
        transposeB: false,
      },
      {
        shapes: [
          [3, 5],
          [4, 5],
        ],
        transposeA: false,
        transposeB: true,
      },
      {
        shapes: [
          [5, 3],
          [4, 5],
        ],
        transposeA: true,
        transposeB: true,
      },
      {
        shapes: [
          [2, 3, 6],
          [2, 6, 5],
        ],
        transposeA: false,
        transposeB: false,
      },
      {
        shapes: [
          [2, 3, 3, 6],
          [6, 5],
        ],
        transposeA: false,
        transposeB: false,
      },
      {
        shapes: [
          [1, 6],
          [2, 6, 5],
        ],
        transposeA: false,
        transposeB: false,
      },
      {
        shapes: [
          [2, 6, 3],
          [2, 5, 6],
        ],
        transposeA: true,
        transposeB: true,
      },
      {
        shapes: [
          [33, 70],
          [70, 65],
        ],
        transposeA: false,
        transposeB: false,
      },
    ] as const;
    it.each(cases)('$shapes transposeA=$transposeA transposeB=$transposeB', ({ shapes, transposeA, transposeB }) => {
      const options = { transposeA, transposeB };
      const k = transposeA ? shapes[0][shapes[0].length - 2] : shapes[0][shapes[0].length - 1];
      compare(
        () => matmul(randomTensor(shapes[0], 11), randomTensor(shapes[1], 12), options),
        dot(k),
        () => matmul(abs(randomTensor(shapes[0], 11)), abs(randomTensor(shapes[1], 12)), options),
      );
    });

    it('runs batch broadcasting it does not index ([2,1] against [1,3] batches) on the CPU reference', () => {
      const before = backend.storage.fallbacks().MatMul ?? 0;
      compare(
        () => matmul(randomTensor([2, 1, 3, 4], 13), randomTensor([1, 3, 4, 2], 14)),
        dot(4),
        () => matmul(abs(randomTensor([2, 1, 3, 4], 13)), abs(randomTensor([1, 3, 4, 2], 14))),
      );
      expect(backend.storage.fallbacks().MatMul).toBe(before + 1);
    });
  });

  describe('reductions', () => {
    const sumTolerance = (n: number): Tolerance => ({ rtol: Math.max(2 * Math.sqrt(n), 4) * 2 ** -23, atol: 0 });
    const cases: readonly { shape: number[]; axes: number[] | undefined }[] = [
      { shape: [6, 7], axes: [1] },
      { shape: [6, 7], axes: undefined },
      { shape: [6, 7], axes: [0] },
      { shape: [3, 4, 5, 2], axes: [1, 2] },
      { shape: [3, 4, 5, 2], axes: [2, 3] },
      { shape: [20000], axes: undefined },
      { shape: [3, 9000], axes: [1] },
    ];
    it.each(cases)('sum, max and min of $shape over $axes', ({ shape, axes }) => {
      const n = axes === undefined ? shape.reduce((a, b) => a * b, 1) : axes.reduce((a, i) => a * shape[i], 1);
      const x = () => randomTensor(shape, 21);
      compare(
        () => sum(x(), axes),
        sumTolerance(n),
        () => sum(abs(x()), axes),
      );
      compare(() => max(x(), axes), { rtol: 0, atol: 0 });
      compare(() => min(x(), axes, { keepDims: true }), { rtol: 0, atol: 0 });
    });

    it('runs axes that are not one contiguous block on the CPU reference', () => {
      const before = backend.storage.fallbacks().Sum ?? 0;
      compare(
        () => sum(randomTensor([3, 4, 5], 22), [0, 2]),
        sumTolerance(15),
        () => sum(abs(randomTensor([3, 4, 5], 22)), [0, 2]),
      );
      expect(backend.storage.fallbacks().Sum).toBe(before + 1);
    });

    it.skipIf(gl)('propagates NaN through max and min', () => {
      compare(
        () =>
          max(
            tensor([
              [1, Number.NaN, 3],
              [4, 5, 6],
            ]),
            1,
          ),
        { rtol: 0, atol: 0 },
      );
      compare(
        () =>
          min(
            tensor([
              [1, 2, 3],
              [Number.NaN, 5, 6],
            ]),
            1,
          ),
        { rtol: 0, atol: 0 },
      );
    });
  });

  describe('dtypes other than float32 and kernels without a gpu.js version', () => {
    it('run the CPU reference on host values, and the results stay on the gpujs backend', () => {
      const run = () => {
        const i = tensor([1, 2, 3], { dtype: 'int32' });
        const d = tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype: 'float64' },
        );
        return [add(i, i), matmul(d, d), sum(tensor([true, false, true])), randomTensor([3, 4], 23).transpose()];
      };
      const expected = on('cpu', run);
      const actual = on(name, run);
      for (let i = 0; i < expected.length; i++) {
        expect(actual[i].backend).toBe(backend);
        expectClose(actual[i], expected[i], { rtol: 0, atol: 0 });
      }
    });

    it('downloads device-only data before a CPU fallback reads it', () => {
      compare(() => {
        const x = exp(randomTensor([5, 6], 24));
        return reshape(x, [6, 5]).transpose([1, 0]);
      }, TRANSCENDENTAL);
    });
  });
});
