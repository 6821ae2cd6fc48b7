import {
  abs,
  add,
  broadcastTo,
  cast,
  concat,
  cos,
  div,
  divSqrt,
  exp,
  expm1,
  gather,
  greater,
  type KernelName,
  leakyRelu,
  lerp,
  log,
  log1p,
  logSoftmax,
  logSumExp,
  matmul,
  max,
  maximum,
  min,
  minimum,
  mul,
  neg,
  pad,
  pow,
  prod,
  reciprocal,
  relu,
  reshape,
  type Shape,
  scatterAdd,
  sigmoid,
  sin,
  slice,
  softmax,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  transpose,
  where,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { checkGrad, grad, gradients } from '../src/index.js';
import { type Domain, randomTensor, seeded } from './random.js';

/** One finite-difference check: named float64 inputs and a function of them. */
interface Case {
  readonly label: string;
  readonly inputs: Readonly<Record<string, readonly [Shape, Domain?]>>;
  readonly f: (x: Record<string, Tensor>) => Tensor;
}

const unary = (op: (x: Tensor) => Tensor, domain: Domain = 'any'): Case[] =>
  ([[3, 4], [5], []] as Shape[]).map((shape) => ({
    label: `[${shape}]`,
    inputs: { x: [shape, domain] },
    f: ({ x }) => op(x),
  }));

/** Broadcasting shape pairs: equal, row vector, column against row, scalar, missing leading axes. */
const PAIRS: readonly (readonly [Shape, Shape])[] = [
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [
    [3, 1],
    [1, 4],
  ],
  [[2, 3, 4], []],
  [[4], [2, 3, 4]],
];

const binary = (op: (a: Tensor, b: Tensor) => Tensor, domainA: Domain = 'any', domainB: Domain = 'any'): Case[] =>
  PAIRS.map(([a, b]) => ({
    label: `[${a}] with [${b}]`,
    inputs: { a: [a, domainA], b: [b, domainB] },
    f: ({ a, b }) => op(a, b),
  }));

const reduction = (
  op: (x: Tensor, axes: number[] | undefined, keepDims: boolean) => Tensor,
  domain: Domain = 'any',
): Case[] =>
  (
    [
      [undefined, false],
      [[0], false],
      [[1], true],
      [[0, 2], false],
      [[-1], true],
    ] as const
  ).map(([axes, keepDims]) => ({
    label: `axes ${axes ?? 'all'}${keepDims ? ', keepDims' : ''}`,
    inputs: { x: [[2, 3, 4], domain] },
    f: ({ x }) => op(x, axes === undefined ? undefined : [...axes], keepDims),
  }));

/** Every differentiable kernel has rows here; the coverage test below fails when one is missing. */
const CASES: Partial<Record<KernelName, Case[]>> = {
  Neg: unary(neg),
  Exp: unary(exp),
  Log: unary(log, 'positive'),
  Log1p: unary(log1p, 'positive'),
  Expm1: unary(expm1),
  Sqrt: unary(sqrt, 'positive'),
  Square: unary(square),
  Reciprocal: unary(reciprocal, 'away-from-zero'),
  Abs: unary(abs, 'away-from-zero'),
  Sin: unary(sin),
  Cos: unary(cos),
  Tanh: unary(tanh),
  Sigmoid: unary(sigmoid),
  Relu: unary(relu, 'away-from-zero'),
  Softplus: unary(softplus),
  LeakyRelu: unary((x) => leakyRelu(x, { alpha: 0.2 }), 'away-from-zero'),
  // float64 -> float32 -> float64 would round; float64 -> float64 is the identity and runs no kernel. The exact
  // check of Cast is in its own test below; here it appears inside a differentiable float chain.
  Cast: [{ label: 'float64 through float64', inputs: { x: [[3]] }, f: ({ x }) => cast(mul(x, 2), 'float64') }],
  Add: binary(add),
  Sub: binary(sub),
  Mul: binary(mul),
  Div: binary(div, 'any', 'away-from-zero'),
  Pow: binary(pow, 'positive', 'any'),
  Maximum: binary(maximum, 'distinct', 'distinct'),
  Minimum: binary(minimum, 'distinct', 'distinct'),
  Lerp: binary((a, b) => lerp(a, b, 0.3)),
  DivSqrt: binary((a, b) => divSqrt(a, b, { scale: 0.7, rootScale: 1.3, eps: 0.01 }), 'any', 'positive'),
  Where: PAIRS.map(([a, b]) => ({
    label: `[${a}] with [${b}]`,
    inputs: { a: [a], b: [b], c: [[4]] },
    f: ({ a, b, c }) => where(greater(c, 0), a, b),
  })),
  Sum: reduction((x, axes, keepDims) => sum(x, axes, { keepDims })),
  Prod: reduction((x, axes, keepDims) => prod(x, axes, { keepDims }), 'positive'),
  Max: reduction((x, axes, keepDims) => max(x, axes, { keepDims }), 'distinct'),
  Min: reduction((x, axes, keepDims) => min(x, axes, { keepDims }), 'distinct'),
  LogSumExp: reduction((x, axes, keepDims) => logSumExp(x, axes, { keepDims })),
  Softmax: [0, 1, -1].map((axis) => ({
    label: `axis ${axis}`,
    inputs: { x: [[2, 3, 4]] },
    f: ({ x }) => softmax(x, axis),
  })),
  LogSoftmax: [0, 1, -1].map((axis) => ({
    label: `axis ${axis}`,
    inputs: { x: [[2, 3, 4]] },
    f: ({ x }) => logSoftmax(x, axis),
  })),
  MatMul: (
    [
      [[3, 4], [4, 5], false, false],
      [[4, 3], [4, 5], true, false],
      [[3, 4], [5, 4], false, true],
      [[4, 3], [5, 4], true, true],
      [[2, 3, 4], [4, 5], false, false],
      [[3, 4], [2, 4, 5], false, false],
      [[2, 1, 3, 4], [3, 4, 2], false, false],
      [[4], [4, 5], false, false],
      [[3, 4], [4], false, false],
    ] as const
  ).map(([a, b, transposeA, transposeB]) => ({
    label: `[${a}]${transposeA ? 'ᵀ' : ''} x [${b}]${transposeB ? 'ᵀ' : ''}`,
    inputs: { a: [a], b: [b] },
    f: ({ a, b }) => matmul(a, b, { transposeA, transposeB }),
  })),
  Reshape: [{ label: '[2,3,4] to [4,6]', inputs: { x: [[2, 3, 4]] }, f: ({ x }) => reshape(x, [4, 6]) }],
  Transpose: [
    { label: '2-D', inputs: { x: [[3, 4]] }, f: ({ x }) => transpose(x) },
    { label: 'perm [2,0,1]', inputs: { x: [[2, 3, 4]] }, f: ({ x }) => transpose(x, [2, 0, 1]) },
  ],
  BroadcastTo: [
    { label: '[3,1] to [2,3,4]', inputs: { x: [[3, 1]] }, f: ({ x }) => broadcastTo(x, [2, 3, 4]) },
    { label: '[] to [2,2]', inputs: { x: [[]] }, f: ({ x }) => broadcastTo(x, [2, 2]) },
  ],
  Slice: [{ label: 'interior box', inputs: { x: [[4, 5]] }, f: ({ x }) => slice(x, [1, 2], [2, 3]) }],
  Pad: [
    {
      label: 'both sides',
      inputs: { x: [[2, 3]] },
      f: ({ x }) =>
        pad(
          x,
          [
            [1, 0],
            [2, 1],
          ],
          { value: 3 },
        ),
    },
  ],
  Concat: [
    { label: 'axis 0', inputs: { a: [[2, 3]], b: [[1, 3]] }, f: ({ a, b }) => concat([a, b, a], 0) },
    { label: 'axis 1', inputs: { a: [[2, 3]], b: [[2, 1]] }, f: ({ a, b }) => concat([a, b], 1) },
  ],
  Gather: [
    { label: 'axis 0, repeated indices', inputs: { x: [[4, 3]] }, f: ({ x }) => gather(x, [3, 0, 3, 1]) },
    { label: 'axis 1', inputs: { x: [[2, 4, 3]] }, f: ({ x }) => gather(x, [2, 2, 0], 1) },
  ],
  ScatterAdd: [
    {
      label: 'repeated indices',
      inputs: { u: [[4, 3]] },
      f: ({ u }) => scatterAdd(u, [1, 0, 1, 4], [5, 3]),
    },
  ],
};

const differentiable = (Object.keys(gradients) as KernelName[]).filter((k) => gradients[k] !== 'not-differentiable');

describe('gradient rules against central finite differences (float64)', () => {
  it('has test cases for every differentiable kernel', () => {
    const missing = differentiable.filter((kernel) => (CASES[kernel]?.length ?? 0) === 0);
    expect(missing).toEqual([]);
  });

  const rows = Object.entries(CASES).flatMap(([kernel, cases]) =>
    (cases ?? []).map((c, index) => ({ name: `${kernel}: ${c.label}`, c, seed: index + kernel.length * 997 })),
  );

  it.each(rows)('$name', ({ c, seed }) => {
    const random = seeded(seed);
    const inputs = Object.fromEntries(
      Object.entries(c.inputs).map(([name, [shape, domain]]) => [name, randomTensor(random, shape, domain)]),
    );
    const output = c.f(inputs);
    // A random projection makes the scalar loss sensitive to every output element differently.
    const weights = randomTensor(random, output.shape);
    const loss = (x: Record<string, Tensor>) => sum(mul(c.f(x), weights));
    const { maxError, checked } = checkGrad(loss, inputs);
    expect(checked).toBeGreaterThan(0);
    expect(maxError).toBeLessThan(1e-7);
  });
});

describe('gradient rules: exact closed forms', () => {
  it('casts the cotangent back between float dtypes', () => {
    const x = tensor([1, 2, 3], { dtype: 'float32' });
    const g = grad((t: Tensor) => sum(mul(cast(t, 'float64'), tensor([1, 10, 100], { dtype: 'float64' }))))(x);
    expect(g.dtype).toBe('float32');
    expect(Array.from(g.dataSync())).toEqual([1, 10, 100]);
  });

  it('refuses to differentiate through a cast to an integer dtype', () => {
    const x = tensor([1.5, 2.5], { dtype: 'float64' });
    const f = (t: Tensor) => sum(cast(cast(t, 'int32'), 'float64'));
    expect(() => grad(f)(x)).toThrow(/cannot differentiate through an integer cast \(int32 -> float64\)/);
  });

  it('splits the cotangent evenly between tied maxima, as PyTorch', () => {
    const x = tensor([3, 1, 3], { dtype: 'float64' });
    expect(Array.from(grad((t: Tensor) => max(t))(x).dataSync())).toEqual([0.5, 0, 0.5]);
    const y = tensor([2, 5], { dtype: 'float64' });
    expect(
      Array.from(grad((t: Tensor) => sum(maximum(t, tensor([2, 1], { dtype: 'float64' }))))(y).dataSync()),
    ).toEqual([0.5, 1]);
  });

  it('passes no cotangent through comparisons and piecewise-constant kernels', () => {
    const x = tensor([-1, 2], { dtype: 'float64' });
    const g = grad((t: Tensor) => sum(cast(greater(t, 0), 'float64')))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 0]);
  });
});
