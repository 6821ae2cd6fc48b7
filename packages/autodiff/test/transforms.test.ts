import {
  add,
  cos,
  DTypeError,
  matmul,
  mul,
  ones,
  onesLike,
  reshape,
  sin,
  sum,
  type Tensor,
  tanh,
  tensor,
  transpose,
  ValueError,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { checkGrad, grad, hvp, jacobian, jvp, stopGradient, valueAndGrad, vjp } from '../src/index.js';
import { randomTensor, seeded } from './random.js';

const f64 = (values: number[] | number[][]) => tensor(values, { dtype: 'float64' });
const values = (t: Tensor) => Array.from(t.dataSync());

describe('grad and valueAndGrad', () => {
  it('differentiate trees and keep their structure', () => {
    const params = {
      w: f64([
        [1, 2],
        [3, 4],
      ]),
      layers: [{ b: f64([0.5, -0.5]) }],
    };
    const x = f64([[1, -1]]);
    const loss = (p: typeof params) => sum(tanh(add(matmul(x, p.w), p.layers[0].b)));
    const [value, grads] = valueAndGrad(loss)(params);
    const z = [1 * 1 + -1 * 3 + 0.5, 1 * 2 + -1 * 4 - 0.5];
    expect(value.item()).toBeCloseTo(Math.tanh(z[0]) + Math.tanh(z[1]), 12);
    const dz = z.map((v) => 1 - Math.tanh(v) ** 2);
    expect(values(grads.layers[0].b)).toEqual(dz.map((d) => expect.closeTo(d, 12)));
    expect(grads.w.toArray()).toEqual([
      [expect.closeTo(dz[0], 12), expect.closeTo(dz[1], 12)],
      [expect.closeTo(-dz[0], 12), expect.closeTo(-dz[1], 12)],
    ]);
  });

  it('passes auxiliary outputs through with hasAux', () => {
    const x = f64([1, 2]);
    const [[value, aux], g] = valueAndGrad((t: Tensor) => [sum(mul(t, t)), { doubled: mul(t, 2) }] as const, {
      hasAux: true,
    })(x);
    expect(value.item()).toBe(5);
    expect(values(aux.doubled)).toEqual([2, 4]);
    expect(values(g)).toEqual([2, 4]);
  });

  it('composes: grad(grad(sin)) is -sin, the third derivative is -cos', () => {
    const d = (f: (t: Tensor) => Tensor) => (t: Tensor) => sum(grad(f)(t));
    const x = f64([0.3, 1.2]);
    const second = grad(d((t) => sum(sin(t))))(x);
    expect(values(second)).toEqual([0.3, 1.2].map((v) => expect.closeTo(-Math.sin(v), 12)));
    const third = grad(d(d((t) => sum(sin(t)))))(x);
    expect(values(third)).toEqual([0.3, 1.2].map((v) => expect.closeTo(-Math.cos(v), 12)));
  });

  it('differentiates a 10,000-op chain without overflowing the stack', () => {
    const x = f64([1, 2]);
    const chain = (t: Tensor) => {
      let y = t;
      for (let i = 0; i < 10_000; i++) y = mul(y, 1.0001);
      return sum(y);
    };
    expect(values(grad(chain)(x))).toEqual([expect.closeTo(1.0001 ** 10_000, 9), expect.closeTo(1.0001 ** 10_000, 9)]);
  });

  it('differentiates a tree of many leaves (past the scanned few, the tape keeps them in a set)', () => {
    // f = Σ_i (i + 1)·Σ leaf_i², so ∂f/∂leaf_i = 2(i + 1)·leaf_i; one leaf is left out of f and gets zeros.
    const leaves = Array.from({ length: 40 }, (_, i) => f64([i, -i / 2]));
    const g = grad((p: Tensor[]) =>
      p
        .slice(0, 39)
        .reduce((total, leaf, i) => add(total, mul(sum(mul(leaf, leaf)), i + 1)), f64([0]))
        .reshape([]),
    )(leaves);
    g.forEach((leaf, i) => {
      expect(values(leaf)).toEqual(i < 39 ? [2 * (i + 1) * i, -(i + 1) * i] : [0, 0]);
    });
  });

  it('gives zeros for inputs the output does not depend on', () => {
    const g = grad((p: { a: Tensor; b: Tensor }) => sum(p.a))({ a: f64([1]), b: f64([1, 2]) });
    expect(values(g.b)).toEqual([0, 0]);
  });

  it('rejects non-scalar outputs, integer inputs and non-tensor leaves with clear errors', () => {
    expect(() => grad((t: Tensor) => mul(t, 2))(f64([1, 2]))).toThrow(
      /valueAndGrad: f must return a scalar, got shape \[2\]; use vjp or jacobian/,
    );
    expect(() => grad((t: Tensor) => sum(t))(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => grad((t: Tensor) => sum(t))(tensor([1, 2], { dtype: 'int32' }))).toThrow(/leaf 0 .* is int32/);
    expect(() => grad(() => f64([1]).sum())({ w: [1, 2] } as never)).toThrow(/w\[0\] is number/);
  });
});

describe('stopGradient', () => {
  it('treats its input as a constant', () => {
    const x = f64([1, 2, 3]);
    expect(values(grad((t: Tensor) => sum(mul(t, stopGradient(t))))(x))).toEqual([1, 2, 3]);
  });
});

describe('vjp and jvp', () => {
  const random = seeded(7);
  const w = randomTensor(random, [3, 4]);
  const f = (x: Tensor) => tanh(matmul(x, w));
  const x = randomTensor(random, [2, 3]);

  it('jvp is the transpose of vjp: ⟨u, J v⟩ = ⟨Jᵀu, v⟩', () => {
    const v = randomTensor(random, [2, 3]);
    const u = randomTensor(random, [2, 4]);
    const [, jv] = jvp(f, x, v);
    const [, pullback] = vjp(f, x);
    const left = sum(mul(u, jv)).item();
    const right = sum(mul(pullback(u), v)).item();
    expect(left).toBeCloseTo(right, 12);
  });

  it('jvp matches the explicit Jacobian', () => {
    const v = randomTensor(random, [2, 3]);
    const j = reshape(jacobian(f)(x), [8, 6]);
    const expected = matmul(j, reshape(v, [6]));
    const [, jv] = jvp(f, x, v);
    expect(values(jv)).toEqual(values(expected).map((e) => expect.closeTo(e, 12)));
  });

  it('vjp handles several outputs, one of which feeds the other', () => {
    const t = f64([0.5, 1.5]);
    const [outputs, pullback] = vjp((a: Tensor) => {
      const s = sin(a);
      return [s, mul(s, s)];
    }, t);
    const g = pullback([onesLike(outputs[0]), onesLike(outputs[1])]);
    // d/da [sin a + sin² a] = cos a (1 + 2 sin a)
    expect(values(g)).toEqual([0.5, 1.5].map((a) => expect.closeTo(Math.cos(a) * (1 + 2 * Math.sin(a)), 12)));
  });

  it('rejects cotangents and tangents of the wrong structure or shape', () => {
    const [, pullback] = vjp(f, x);
    expect(() => pullback(ones([3, 4], { dtype: 'float64' }))).toThrow(ValueError);
    expect(() => pullback(ones([3, 4], { dtype: 'float64' }))).toThrow(/vjp: cotangent leaf 0 is \[3,4\]/);
    expect(() => jvp(f, x, { a: x } as never)).toThrow(/jvp: the tangent has a different structure/);
  });
});

describe('hvp', () => {
  it('is exact for a quadratic: H v = (A + Aᵀ) v', () => {
    const random = seeded(11);
    const a = randomTensor(random, [5, 5]);
    const v = randomTensor(random, [5]);
    const x = randomTensor(random, [5]);
    const quadratic = (t: Tensor) => sum(mul(t, matmul(a, t)));
    const expected = matmul(add(a, transpose(a)), v);
    expect(values(hvp(quadratic)(x, v))).toEqual(values(expected).map((e) => expect.closeTo(e, 12)));
  });

  it('works on trees and checks v against x', () => {
    const x = { p: f64([1, 2]), q: f64([3]) };
    const f = (t: typeof x) => sum(mul(mul(t.p, t.p), t.q));
    // f = q Σ p²: H = [[2q, 0, 2p1], [0, 2q, 2p2], [2p1, 2p2, 0]]
    const v = { p: f64([1, 0]), q: f64([1]) };
    const hv = hvp(f)(x, v);
    expect(values(hv.p)).toEqual([6 + 2, 4]);
    expect(values(hv.q)).toEqual([2]);
    expect(() => hvp(f)(x, { p: f64([1]), q: f64([1]) })).toThrow(/hvp: the vector v leaf 0 is \[1\]/);
  });
});

describe('checkGrad', () => {
  it('reports a large error when the gradient is wrong', () => {
    // stopGradient hides half of the derivative from autodiff but not from finite differences.
    const wrong = (t: Tensor) => sum(mul(t, stopGradient(t)));
    const { maxError, worst } = checkGrad(wrong, f64([1, 2, 3]));
    expect(maxError).toBeGreaterThan(0.3);
    expect(worst.numeric).toBeCloseTo(2 * (worst.index + 1), 6);
  });

  it('reports a tiny error for a correct gradient', () => {
    expect(checkGrad((t: Tensor) => sum(cos(mul(t, t))), f64([0.1, 0.7])).maxError).toBeLessThan(1e-8);
  });
});
