import {
  add,
  concat,
  log,
  matmul,
  mean,
  mul,
  neg,
  sigmoid,
  slice,
  sub,
  type Tensor,
  tensor,
  ValueError,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { batchObjective, minimize } from './index.js';

// Logistic regression on a small, non-separable set: the loss of a { w, b } tree, as an nn model's would be.
const features = tensor(
  [
    [0.5, 1.2],
    [1.5, -0.3],
    [-0.7, 0.8],
    [2.0, 1.0],
    [-1.2, -0.5],
    [0.3, -1.4],
    [1.1, 0.4],
    [-0.4, -0.9],
  ],
  { dtype: 'float64' },
);
const labels = tensor([[1], [1], [0], [1], [0], [0], [0], [1]], { dtype: 'float64' });
type Params = { readonly w: Tensor; readonly b: Tensor };
type Batch = readonly [Tensor, Tensor];
const loss = (p: Params, [x, y]: Batch) => {
  const probability = sigmoid(add(matmul(x, p.w), p.b));
  const likelihood = add(mul(y, log(probability)), mul(sub(1, y), log(sub(1, probability))));
  return neg(mean(likelihood));
};
const start: Params = { w: tensor([[0], [0]], { dtype: 'float64' }), b: tensor(0, { dtype: 'float64' }) };
const rows = (begin: number, size: number): Batch => [
  slice(features, [begin, 0], [size, 2]),
  slice(labels, [begin, 0], [size, 1]),
];

describe('batchObjective', () => {
  it('is the full-batch mean for equal batches, so L-BFGS trains to the same parameters', () => {
    const whole = minimize((p: Params) => loss(p, [features, labels]), start, { gradientTolerance: 1e-7 });
    const split = minimize(batchObjective(loss, [rows(0, 4), rows(4, 4)]), start, { gradientTolerance: 1e-7 });
    expect(split.success, split.message).toBe(true);
    expect(split.fun).toBeCloseTo(whole.fun, 10);
    const flat = (p: Params) => [...Array.from(p.w.dataSync()), p.b.item()];
    flat(split.x).forEach((value, i) => {
      expect(value).toBeCloseTo(flat(whole.x)[i], 5);
    });
  });

  it('weights unequal batches', () => {
    const objective = batchObjective(loss, [rows(0, 2), rows(2, 6)], { weights: [2 / 8, 6 / 8] });
    const point: Params = { w: tensor([[0.3], [-0.2]], { dtype: 'float64' }), b: tensor(0.1, { dtype: 'float64' }) };
    expect(objective(point).item()).toBeCloseTo(loss(point, [features, labels]).item(), 12);
    const halves = batchObjective(loss, [rows(0, 2), rows(2, 6)]);
    const [first, second] = [loss(point, rows(0, 2)).item(), loss(point, rows(2, 6)).item()];
    expect(halves(point).item()).toBeCloseTo((first + second) / 2, 12);
    expect(concat([rows(0, 2)[0], rows(2, 6)[0]]).shape).toEqual([8, 2]);
  });

  it('names itself in errors', () => {
    expect(() => batchObjective(loss, [])).toThrow(ValueError);
    expect(() => batchObjective(loss, [])).toThrow(/^batchObjective: batches must be a non-empty array/);
    expect(() => batchObjective(loss, [rows(0, 4)], { weights: [1, 2] })).toThrow(/weights must be 1 finite/);
    expect(() => batchObjective(loss, [rows(0, 4)], { weights: [-1] })).toThrow(/non-negative/);
  });
});
