import { checkGrad, grad, registerGradient, stopGradient } from '@descent/autodiff';
import {
  add,
  type CpuStorage,
  DTypeError,
  getBackend,
  matmul,
  registerKernel,
  runKernel,
  setBackend,
  square,
  sum,
  type Tensor,
  type TensorInfo,
  type Kernel as TensorKernel,
  tanh,
  tensor,
  ValueError,
} from '@descent/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  huber,
  huberCpu,
  logCosh,
  onCustomSquareBackend,
  squareCalls,
  straightThroughSign,
} from '../../docs/guides/examples/new-kernel.js';

const values = (t: Tensor) => Array.from(t.dataSync());

afterEach(() => setBackend('cpu'));

describe('a new op built from existing ops', () => {
  const x = tensor([-800, -3, -0.5, 0, 1e-4, 2, 800], { dtype: 'float64' });

  it('has the closed-form value log(cosh(x)) without overflow', () => {
    const expected = [
      800 - Math.LN2,
      Math.log(Math.cosh(3)),
      Math.log(Math.cosh(0.5)),
      0,
      5e-9,
      Math.log(Math.cosh(2)),
    ];
    values(logCosh(x))
      .slice(0, 6)
      .forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i], 12);
      });
    expect(values(logCosh(x))[6]).toBe(800 - Math.LN2);
  });

  it('is differentiated by the existing rules: the gradient is tanh(x) (closed form and finite differences)', () => {
    values(grad((t: Tensor) => sum(logCosh(t)))(x)).forEach((g, i) => {
      expect(g).toBeCloseTo(values(tanh(x))[i], 12);
    });
    expect(
      checkGrad((t: Tensor) => sum(logCosh(t)), tensor([-2, -0.3, 0.7, 1.5], { dtype: 'float64' })).maxError,
    ).toBeLessThan(1e-8);
  });
});

describe('a custom gradient from stopGradient', () => {
  it('gives sign(x) forward and the clipped identity backward (straight-through)', () => {
    const x = tensor([-2, -0.5, 0, 0.25, 3]);
    expect(values(straightThroughSign(x))).toEqual([-1, -1, 0, 1, 1]);
    expect(values(grad((t: Tensor) => sum(straightThroughSign(t)))(x))).toEqual([0, 1, 1, 1, 0]);
  });
});

describe('a backend that replaces an existing kernel', () => {
  it('runs our kernel, with the reference values, and every other kernel on the CPU', () => {
    const x = tensor([
      [1.5, -2],
      [Number.NaN, 3],
    ]);
    const reference = values(square(x));
    const before = squareCalls.count;
    const [name, y, product] = onCustomSquareBackend(() => {
      const y = square(x); // x was created on the CPU backend: the engine moves it
      return [getBackend().name, y, matmul(y, tensor([[1], [1]]))] as const;
    });
    expect(name).toBe('cpu-custom-square');
    expect(squareCalls.count).toBe(before + 1);
    expect(values(y)).toEqual(reference);
    expect(values(product)).toEqual([6.25, Number.NaN]);
    expect(getBackend().name).toBe('cpu');
  });

  it('keeps autodiff working: the recorded kernel is still Square, so its gradient rule applies', () => {
    const before = squareCalls.count;
    const x = tensor([0.5, -1, 4], { dtype: 'float64' });
    const gradient = onCustomSquareBackend(() => grad((t: Tensor) => sum(square(t)))(x));
    expect(values(gradient)).toEqual([1, -2, 8]);
    expect(squareCalls.count).toBeGreaterThan(before);
  });
});

describe('a new kernel with its own gradient rule, registered from outside the core', () => {
  const huberReference = (x: number, delta: number) =>
    Math.abs(x) <= delta ? 0.5 * x * x : delta * (Math.abs(x) - 0.5 * delta);
  const points = [-5, -1.5, -1, -0.3, 0, 0.7, 1, 2.5];

  it("computes Huber's function in both float dtypes (closed form), NaN in, NaN out", () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const y = values(huber(tensor([...points, Number.NaN], { dtype }), 1.2));
      points.forEach((x, i) => {
        expect(y[i]).toBeCloseTo(huberReference(x, 1.2), dtype === 'float64' ? 14 : 6);
      });
      expect(y[points.length]).toBeNaN();
    }
  });

  it('differentiates through the registered rule: clip(x, −δ, δ), finite differences and a second derivative', () => {
    const x = tensor(points, { dtype: 'float64' });
    const f = (t: Tensor) => sum(huber(t, 1.2));
    expect(values(grad(f)(x))).toEqual(points.map((p) => Math.min(Math.max(p, -1.2), 1.2)));
    expect(checkGrad(f, tensor([-2, -0.4, 0.3, 1.9], { dtype: 'float64' })).maxError).toBeLessThan(1e-8);
    // The rule is written with ops, so it is differentiated in turn: the second derivative is 1 inside [−δ, δ].
    const second = grad((t: Tensor) => sum(grad(f)(t)))(tensor([-2, -0.4, 0.3, 1.9], { dtype: 'float64' }));
    expect(values(second)).toEqual([0, 1, 1, 0]);
  });

  it('runs on a backend that lacks it through the per-op CPU fallback', () => {
    const x = tensor([-3, 0.5]);
    const reference = values(huber(x));
    const [name, y] = onCustomSquareBackend(() => [getBackend().name, huber(x)] as const);
    expect(name).toBe('cpu-custom-square');
    expect(values(y)).toEqual(reference);
  });

  it('refuses a second implementation, an unknown backend, a rule for a core kernel and bad arguments', () => {
    expect(() => registerKernel('cpu', 'Huber', huberCpu)).toThrow(/backend "cpu" already has a kernel "Huber"/);
    expect(() => registerKernel('cpu', 'Add', huberCpu as never)).toThrow(ValueError);
    expect(() => registerKernel('no-such-backend', 'Huber', huberCpu)).toThrow(/unknown backend "no-such-backend"/);
    expect(() => registerGradient('Add', () => ({}))).toThrow(/"Add" is a core kernel with a built-in rule/);
    expect(() => registerGradient('Huber', 42 as never)).toThrow(ValueError);
    expect(() => huber(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => huber(tensor([1]), 0)).toThrow(/delta must be positive/);
  });

  it('reports a custom kernel without a rule by name when a backward sweep reaches it', () => {
    registerKernel('cpu', 'Cube', cubeCpu);
    const cube = (t: Tensor) => runKernel('Cube', { x: t }, {});
    const x = tensor([1, 2]);
    expect(values(cube(x))).toEqual([1, 8]);
    expect(() => grad((t: Tensor) => sum(cube(t)))(x)).toThrow(/no gradient rule for kernel "Cube"; register one/);
    // Values that do not depend on it differentiate fine: only a reached kernel needs a rule.
    expect(values(grad((t: Tensor) => sum(add(t, stopGradient(cube(t)))))(x))).toEqual([1, 1]);
  });
});

declare module '@descent/tensor' {
  interface CustomKernelSignatures {
    /** x³, element-wise: registered without a gradient rule. */
    Cube: { inputs: { x: TensorInfo }; attrs: {} };
  }
}

const cubeCpu: TensorKernel<'Cube', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  return storage.write(
    v.map((e) => e * e * e),
    x.shape,
    x.dtype,
  );
};
