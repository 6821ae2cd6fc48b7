import { grad } from '@descent/autodiff';
import { type GradientTransformation, Optimizer, type ParamTree, stateToJSON } from '@descent/optim';
import { type Tensor, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  clippedLion,
  clippedSignSgd,
  fitQuadratic,
  lion,
  quadratic,
  scaleByLion,
  scaleBySign,
} from '../../docs/guides/examples/new-optimizer.js';

const { loss, optimum, start } = quadratic;

const UNDER_TEST: { name: string; make: () => GradientTransformation }[] = [
  { name: 'signSGD', make: clippedSignSgd },
  { name: 'Lion', make: clippedLion },
];

describe.each(UNDER_TEST)('$name chained with built-in transformations', ({ make }) => {
  it('converges on an ill-conditioned quadratic', () => {
    const w = fitQuadratic(make(), 1500);
    w.forEach((value, i) => {
      expect(value).toBeCloseTo(optimum[i], 2);
    });
  });

  it('is pure: equal inputs give equal outputs, and the state is left untouched', () => {
    const transformation = make();
    const params = start();
    const grads = grad(loss)(params);
    const [, state] = transformation.update(grads, transformation.init(params), params);
    const before = JSON.stringify(stateToJSON(state));
    const first = transformation.update(grads, state, params);
    const second = transformation.update(grads, state, params);
    expect(JSON.stringify(stateToJSON(first))).toBe(JSON.stringify(stateToJSON(second)));
    expect(JSON.stringify(stateToJSON(state))).toBe(before);
  });

  it('resumes bit for bit from a JSON round trip of its state', () => {
    const transformation = make();
    const optimizer = new Optimizer(transformation, start() as ParamTree);
    for (let i = 0; i < 5; i++) optimizer.step(grad(loss)(optimizer.params as { w: Tensor }));
    const resumed = Optimizer.fromJSON(JSON.parse(JSON.stringify(optimizer)), make());
    for (let i = 0; i < 5; i++) {
      optimizer.step(grad(loss)(optimizer.params as { w: Tensor }));
      resumed.step(grad(loss)(resumed.params as { w: Tensor }));
    }
    const w = (o: Optimizer) => Array.from((o.params as { w: Tensor }).w.dataSync());
    expect(w(resumed)).toEqual(w(optimizer));
  });
});

describe('Lion', () => {
  it('takes −learningRate·sign(g) on its first step (closed form: the momentum starts at zero)', () => {
    const optimizer = lion(0.1);
    const params = { w: tensor([0.5, -0.5, 0]) };
    const g = { w: tensor([3, -1e-3, 0]) };
    const [updates] = optimizer.update(g, optimizer.init(params), params);
    expect(Array.from((updates as { w: Tensor }).w.dataSync())).toEqual([-0.1, 0.1, -0].map(Math.fround)); // −0.1·sign(0) = −0
  });

  it('keeps the momentum m ← b2·m + (1 − b2)·g', () => {
    const transformation = scaleByLion({ b1: 0.5, b2: 0.75 });
    const params = { w: tensor([0], { dtype: 'float64' }) };
    const [, state] = transformation.update({ w: tensor([4], { dtype: 'float64' }) }, transformation.init(params));
    const [updates, next] = transformation.update({ w: tensor([-8], { dtype: 'float64' }) }, state);
    expect(state.momentum).toBeDefined();
    expect(Array.from((state.momentum as { w: Tensor }).w.dataSync())).toEqual([1]);
    expect(Array.from((next.momentum as { w: Tensor }).w.dataSync())).toEqual([0.75 - 2]);
    // The direction interpolates with b1: sign(0.5·1 + 0.5·(−8)) = −1.
    expect(Array.from((updates as { w: Tensor }).w.dataSync())).toEqual([-1]);
  });
});

describe('signSGD', () => {
  it('keeps only the sign of each coordinate', () => {
    const [updates] = scaleBySign().update({ w: tensor([-3, 0, 1e-9]) }, {});
    expect(Array.from((updates as { w: Tensor }).w.dataSync())).toEqual([-1, 0, 1]);
  });
});
