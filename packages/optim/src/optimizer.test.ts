import { memory, type Tensor, tensor, tidy, tree, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { adam } from './aliases/adam.js';
import { rmsprop } from './aliases/rmsprop.js';
import { sgd } from './aliases/sgd.js';
import { applyUpdates } from './apply-updates.js';
import { Optimizer } from './optimizer.js';

const params = () => ({ w: tensor([1, -2, 0.5], { dtype: 'float64' }), b: tensor([0.25], { dtype: 'float64' }) });
/** The gradient of ½‖θ − 1‖² plus a little curvature: enough to make every optimizer move. */
const gradient = (p: { w: Tensor; b: Tensor }) =>
  tidy(() => tree.map(p, (x) => x.sub(1).mul(x.square().add(1)))) as typeof p;

describe('Optimizer', () => {
  it('steps exactly as the pure transformation does', () => {
    const transformation = adam(0.1);
    const optimizer = new Optimizer(transformation, params());
    let pure: ReturnType<typeof params> = params();
    let state = transformation.init(pure);
    for (let i = 0; i < 5; i++) {
      const [updates, next] = transformation.update(gradient(pure), state, pure);
      pure = applyUpdates(pure, updates);
      state = next;
      optimizer.step(gradient(optimizer.params));
    }
    expect(optimizer.params.w.toArray()).toEqual(pure.w.toArray());
    expect(optimizer.steps).toBe(5);
  });

  it('frees intermediates and replaced state: the live-tensor count stays flat across steps', () => {
    const initial = params();
    const optimizer = new Optimizer(rmsprop(0.01, { centered: true, momentum: 0.9 }), initial);
    const counts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const grads = gradient(optimizer.params);
      optimizer.step(grads);
      for (const leaf of tree.leaves(grads)) leaf.dispose();
      counts.push(memory().liveTensors);
    }
    expect(new Set(counts).size, `live tensors: ${counts}`).toBe(1);
    // The caller's initial parameters are never freed.
    expect(initial.w.isDisposed).toBe(false);
    optimizer.dispose();
  });

  it('round-trips through JSON and continues bit for bit', () => {
    const optimizer = new Optimizer(adam(0.05, { amsgrad: true }), params());
    for (let i = 0; i < 4; i++) optimizer.step(gradient(optimizer.params));
    const restored = Optimizer.fromJSON<ReturnType<typeof params>>(
      JSON.parse(JSON.stringify(optimizer)),
      adam(0.05, { amsgrad: true }),
    );
    expect(restored.steps).toBe(4);
    for (let i = 0; i < 4; i++) {
      optimizer.step(gradient(optimizer.params));
      restored.step(gradient(restored.params));
    }
    const bits = (t: Tensor) => Array.from(new Uint8Array(t.dataSync().buffer));
    expect(bits(restored.params.w)).toEqual(bits(optimizer.params.w));
    expect(bits(restored.params.b)).toEqual(bits(optimizer.params.b));
  });

  it('refuses a checkpoint of another optimizer, other options or other parameters', () => {
    const saved = JSON.parse(JSON.stringify(new Optimizer(adam(0.1), params())));
    expect(() => Optimizer.fromJSON(saved, sgd(0.1, { momentum: 0.9 }))).toThrow(
      /Optimizer.fromJSON: the saved state does not fit .*state\[0\] is the state of "scaleByAdam", expected the state of "trace"/,
    );
    expect(() => Optimizer.fromJSON(saved, adam(0.1, { amsgrad: true }))).toThrow(
      /state\[0\]\.nuMax should be an object, got null/,
    );
    const other = JSON.parse(JSON.stringify(new Optimizer(adam(0.1), { w: tensor([1, 2]) })));
    other.params = saved.params;
    expect(() => Optimizer.fromJSON(other, adam(0.1))).toThrow(/state\[0\]\.mu should have keys \[b,w\], got \[w\]/);
    expect(() => Optimizer.fromJSON({ format: 'other' }, adam(0.1))).toThrow(ValueError);
  });

  it('refuses gradients shaped unlike the parameters', () => {
    const optimizer = new Optimizer(sgd(0.1), params());
    expect(() => optimizer.step({ w: tensor([1, 1, 1], { dtype: 'float64' }) } as never)).toThrow(
      /Optimizer.step: params and grads have different structures/,
    );
  });
});
