import { grad } from '@descent/autodiff';
import { square, sub, sum, type Tensor, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { adagrad, adam, adamax, applyUpdates, Optimizer, sgd } from '../src/index.js';

// The claims made by the JSDoc @example blocks and the README, checked.

describe('documented examples', () => {
  it('sgd with Nesterov momentum: one step', () => {
    const optimizer = new Optimizer(sgd(0.1, { momentum: 0.9, nesterov: true }), { w: tensor([1, -1]) });
    const [a, b] = optimizer.step({ w: tensor([0.5, 0.5]) }).w.toArray() as number[];
    expect(a).toBeCloseTo(0.905, 6);
    expect(b).toBeCloseTo(-1.095, 6);
  });

  it('adagrad, adam and adamax first steps', () => {
    expect(
      (new Optimizer(adagrad(0.5), { w: tensor([1]) }).step({ w: tensor([2]) }).w.toArray() as number[])[0],
    ).toBeCloseTo(0.5, 6);
    const adamStep = new Optimizer(adam(0.1), { w: tensor([1, 2]) })
      .step({ w: tensor([3, -4]) })
      .w.toArray() as number[];
    expect(adamStep[0]).toBeCloseTo(0.9, 6);
    expect(adamStep[1]).toBeCloseTo(2.1, 6);
    expect(
      (new Optimizer(adamax(0.1), { w: tensor([1]) }).step({ w: tensor([4]) }).w.toArray() as number[])[0],
    ).toBeCloseTo(0.9, 6);
  });

  it('applyUpdates', () => {
    const params = { w: tensor([1, 2]) };
    const optimizer = sgd(0.1);
    const [updates] = optimizer.update({ w: tensor([1, 1]) }, optimizer.init(params), params);
    const next = applyUpdates(params, updates).w.toArray() as number[];
    expect(next[0]).toBeCloseTo(0.9, 6);
    expect(next[1]).toBeCloseTo(1.9, 6);
  });

  it('the README loop minimizes and resumes from JSON', () => {
    const loss = (p: { x: Tensor }) => sum(square(sub(p.x, 3)));
    const optimizer = new Optimizer(adam(0.1), { x: tensor([0, 0]) });
    for (let i = 0; i < 200; i++) optimizer.step(grad(loss)(optimizer.params));
    for (const value of optimizer.params.x.toArray() as number[]) expect(value).toBeCloseTo(3, 1);
    const resumed = Optimizer.fromJSON<{ x: Tensor }>(JSON.parse(JSON.stringify(optimizer)), adam(0.1));
    expect(resumed.params.x.toArray()).toEqual(optimizer.params.x.toArray());
  });
});
