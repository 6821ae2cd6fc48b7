import { valueAndGrad } from '@descent/autodiff';
import {
  add,
  createRng,
  matmul,
  memory,
  relu as reluOp,
  sum,
  type Tensor,
  tanh as tanhOp,
  tensor,
  tidy,
  ValueError,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { dense, dropout, mlp, residual, sequential, softmaxCrossEntropy, stateless, tanh } from '../src/index.js';

const close = (actual: Tensor, expected: Tensor, digits = 6) =>
  Array.from(actual.dataSync()).forEach((v, i) => {
    expect(v).toBeCloseTo(expected.dataSync()[i], digits);
  });

describe('dense', () => {
  it('computes x W + b with W of shape [inputs, outputs]', () => {
    const layer = dense(3, 2);
    const { params } = layer.init(createRng(1));
    const p = params as { w: Tensor; b: Tensor };
    expect(p.w.shape).toEqual([3, 2]);
    expect(p.b.shape).toEqual([2]);
    const x = tensor([[1, 2, 3]]);
    close(layer.apply(params, null, x, { training: false }).y, add(matmul(x, p.w), p.b));
  });

  it('initializes within the normalized (Glorot) bound by default', () => {
    const { params } = dense(100, 50).init(createRng(2));
    const bound = Math.sqrt(6 / 150);
    const values = Array.from((params as { w: Tensor }).w.dataSync());
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.9 * bound);
  });

  it('rejects inputs with the wrong number of features', () => {
    const layer = dense(3, 2);
    const { params } = layer.init(createRng(1));
    expect(() => layer.apply(params, null, tensor([[1, 2]]), { training: false })).toThrow(
      /dense\(3→2\): input has 2 features \(shape \[1,2\]\), expected 3/,
    );
    expect(() => dense(0, 2)).toThrow(ValueError);
  });
});

describe('mlp and sequential', () => {
  it('run dense, activation, dense in order and match a hand-written forward pass', () => {
    const model = mlp([4, 8, 3], { activation: 'tanh' });
    const { params, state } = model.init(createRng(3));
    const [first, , last] = params as [{ w: Tensor; b: Tensor }, null, { w: Tensor; b: Tensor }];
    const x = createRng(4).normal([5, 4]);
    const expected = add(matmul(tanhOp(add(matmul(x, first.w), first.b)), last.w), last.b);
    close(model.apply(params, state, x, { training: false }).y, expected);
  });

  it('gives the same parameters for the same seed and different ones for another', () => {
    const a = mlp([2, 3, 1]).init(createRng(5)).params as { w: Tensor }[];
    const b = mlp([2, 3, 1]).init(createRng(5)).params as { w: Tensor }[];
    const c = mlp([2, 3, 1]).init(createRng(6)).params as { w: Tensor }[];
    expect(Array.from(a[0].w.dataSync())).toEqual(Array.from(b[0].w.dataSync()));
    expect(Array.from(a[0].w.dataSync())).not.toEqual(Array.from(c[0].w.dataSync()));
  });

  it('inserts a normalization layer before each hidden activation', () => {
    const seen: number[] = [];
    const marker = (features: number) => {
      seen.push(features);
      return stateless('marker', (x) => x);
    };
    const model = mlp([4, 8, 6, 3], { normalization: marker });
    expect(seen).toEqual([8, 6]);
    expect(model.name).toBe('sequential(dense(4→8), marker, relu, dense(8→6), marker, relu, dense(6→3))');
  });

  it('trains: a few gradient steps reduce the cross-entropy of a tiny problem', () => {
    const model = mlp([2, 16, 2], { activation: 'tanh' });
    let { params } = model.init(createRng(7));
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = tensor([0, 1, 1, 0], { dtype: 'int32' });
    const loss = (p: typeof params) =>
      softmaxCrossEntropy(model.apply(p, [null, null, null], x, { training: true }).y, y);
    const step = valueAndGrad(loss);
    const first = step(params)[0].item();
    for (let i = 0; i < 200; i++) {
      const [, g] = step(params);
      params = (params as Tensor[]).map((p, j) =>
        p === null ? null : mapLeaves(p, (g as never[])[j]),
      ) as typeof params;
    }
    expect(step(params)[0].item()).toBeLessThan(first / 2);
  });
});

function mapLeaves(p: unknown, g: unknown): unknown {
  const params = p as Record<string, Tensor>;
  const grads = g as Record<string, Tensor>;
  return Object.fromEntries(Object.keys(params).map((k) => [k, params[k].sub(grads[k].mul(0.5))]));
}

describe('dropout', () => {
  it('is the identity in evaluation', () => {
    const x = tensor([1, 2, 3]);
    expect(dropout(0.5).apply(null, null, x, { training: false }).y).toBe(x);
  });

  it('zeroes about rate of the elements and rescales the rest so the mean is kept', () => {
    const x = tensor(new Float32Array(20_000).fill(1));
    const y = dropout(0.3)
      .apply(null, null, x, { training: true, rng: createRng(8) })
      .y.dataSync();
    const zeros = y.filter((v) => v === 0).length / y.length;
    expect(zeros).toBeGreaterThan(0.3 - 0.02);
    expect(zeros).toBeLessThan(0.3 + 0.02);
    for (const v of y) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 5);
    expect(sum(tensor(y)).item() / y.length).toBeCloseTo(1, 1);
  });

  it('is reproducible from the generator state and needs one in training', () => {
    const x = tensor(new Float32Array(64).fill(1));
    const a = dropout(0.5)
      .apply(null, null, x, { training: true, rng: createRng(9) })
      .y.dataSync();
    const b = dropout(0.5)
      .apply(null, null, x, { training: true, rng: createRng(9) })
      .y.dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => dropout(0.5).apply(null, null, x, { training: true })).toThrow(/needs ctx.rng/);
    expect(() => dropout(1)).toThrow(/rate must be in \[0, 1\)/);
  });
});

describe('residual', () => {
  it('adds the input to the inner output and refuses shape changes', () => {
    const block = residual(tanh());
    const x = tensor([0.5, -1]);
    close(block.apply(null, null, x, { training: false }).y, add(x, tanhOp(x)));
    const wrong = residual(dense(2, 3));
    const { params } = wrong.init(createRng(1));
    expect(() => wrong.apply(params, null, x.reshape([1, 2]), { training: false })).toThrow(
      /changed the shape from \[1,2\] to \[1,3\]/,
    );
  });

  it('keeps gradients flowing through a deep stack (8.7.5)', () => {
    const deep = sequential(Array.from({ length: 20 }, () => residual(sequential([dense(4, 4), tanh()]))));
    const { params, state } = deep.init(createRng(10));
    const x = createRng(11).normal([2, 4]);
    const [, g] = valueAndGrad((p: typeof params) => sum(deep.apply(p, state, x, { training: false }).y))(params);
    const firstLayer = ((g as unknown[])[0] as Tensor[])[0] as unknown as { w: Tensor };
    const norm = Math.sqrt(sum(firstLayer.w.square()).item());
    expect(norm).toBeGreaterThan(1e-2);
  });
});

describe('memory', () => {
  it('frees every intermediate of a forward pass inside tidy', () => {
    const model = mlp([8, 16, 4]);
    const { params, state } = model.init(createRng(12));
    const x = createRng(13).normal([3, 8]);
    const before = memory().liveTensors;
    for (let i = 0; i < 5; i++)
      tidy(() => reluOp(model.apply(params, state, x, { training: false }).y).sum()).dispose();
    expect(memory().liveTensors).toBe(before);
  });
});
