import { valueAndGrad } from '@descent/autodiff';
import type { Module, Tree } from '@descent/nn';
import { mul, sum, type Tensor, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { batchNorm, layerNorm } from '../src/index.js';
import fixtures from './__fixtures__/norm.json' with { type: 'json' };

type Nested = number | Nested[];
const f64 = (values: unknown) => tensor(values as Nested[], { dtype: 'float64' });
const flat = (values: unknown) => (values as Nested[]).flat(4) as number[];

function expectClose(actual: Tensor, expected: unknown, digits = 10): void {
  const want = flat(expected);
  const got = Array.from(actual.dataSync());
  expect(got.length).toBe(want.length);
  for (const [i, value] of got.entries()) expect(value).toBeCloseTo(want[i], digits);
}

const MODULES: Record<string, () => Module<never, never>> = {
  batchNorm1d: () => batchNorm(4, { momentum: 0.1, eps: 1e-5, dtype: 'float64' }) as never,
  batchNorm2d: () => batchNorm(3, { momentum: 0.2, eps: 1e-3, dtype: 'float64' }) as never,
  layerNorm: () => layerNorm([3, 4], { eps: 1e-5, dtype: 'float64' }) as never,
};

describe.each(fixtures.cases)('$name against PyTorch', (fixture) => {
  const module = MODULES[fixture.name]() as unknown as Module<{ gamma: Tensor; beta: Tensor }, Tree>;
  const params = { gamma: f64(fixture.gamma), beta: f64(fixture.beta) };
  const run = () => {
    let state = module.init(null as never).state;
    const outputs: Tensor[] = [];
    for (const input of fixture.inputs) {
      const out = module.apply(params, state as never, f64(input), { training: true });
      outputs.push(out.y);
      state = out.state;
    }
    return { outputs, state };
  };

  it('normalizes with batch statistics in training mode', () => {
    for (const [i, y] of run().outputs.entries()) expectClose(y, fixture.trainOutputs[i]);
  });

  it('gives the input, gamma and beta gradients, flowing through the batch statistics', () => {
    let state = module.init(null as never).state;
    for (const input of fixture.inputs.slice(0, -1))
      state = module.apply(params, state as never, f64(input), { training: true }).state;
    const x = f64(fixture.inputs[fixture.inputs.length - 1]);
    const projection = f64(fixture.projection);
    const loss = (p: { x: Tensor; gamma: Tensor; beta: Tensor }) =>
      sum(mul(module.apply({ gamma: p.gamma, beta: p.beta }, state as never, p.x, { training: true }).y, projection));
    const [, g] = valueAndGrad(loss)({ x, ...params });
    expectClose(g.x, fixture.inputGrad);
    expectClose(g.gamma, fixture.gammaGrad);
    expectClose(g.beta, fixture.betaGrad);
  });

  if ('runningMean' in fixture) {
    it('tracks running mean and unbiased variance, and uses them in evaluation', () => {
      const { state } = run();
      const running = state as { mean: Tensor; variance: Tensor };
      expectClose(running.mean, fixture.runningMean);
      expectClose(running.variance, fixture.runningVar);
      expectClose(
        module.apply(params, state as never, f64(fixture.inputs[0]), { training: false }).y,
        fixture.evalOutput,
      );
    });
  }
});

describe('bad input', () => {
  it('names the module and the shape it got', () => {
    const bn = batchNorm(3);
    const { params, state } = bn.init(null as never);
    expect(() => bn.apply(params, state, tensor([[1, 2]]), { training: true })).toThrow(
      /batchNorm\(3\): expected input \[N, 3\]/,
    );
    expect(() => bn.apply(params, state, tensor([[1, 2, 3]]), { training: true })).toThrow(
      /more than one value per channel/,
    );
    expect(() => batchNorm(3, { momentum: 2 })).toThrow(/momentum must be in \[0, 1\]/);
    const ln = layerNorm(4);
    expect(() => ln.apply(ln.init(null as never).params, null, tensor([[1, 2, 3]]), { training: false })).toThrow(
      /layerNorm\(\[4\]\): input \[1,3\] does not end with \[4\]/,
    );
  });
});
