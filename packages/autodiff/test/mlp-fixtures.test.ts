import {
  add,
  concat,
  gather,
  logSoftmax,
  matmul,
  mean,
  neg,
  relu,
  reshape,
  slice,
  type Tensor,
  tanh,
  tensor,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { grad, hessian, hvp, jacobian, valueAndGrad } from '../src/index.js';
import fixtures from './__fixtures__/mlp.json' with { type: 'json' };

const [INPUTS, HIDDEN, CLASSES] = fixtures.layout;

/** Same layout as the generator: W1, b1, W2, b2 packed into one float64 vector. */
function logits(theta: Tensor, x: Tensor, activation: (t: Tensor) => Tensor): Tensor {
  let offset = 0;
  const take = (shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const part = reshape(slice(theta, [offset], [size]), shape);
    offset += size;
    return part;
  };
  const w1 = take([INPUTS, HIDDEN]);
  const b1 = take([HIDDEN]);
  const w2 = take([HIDDEN, CLASSES]);
  const b2 = take([CLASSES]);
  return add(matmul(activation(add(matmul(x, w1), b1)), w2), b2);
}

/** Mean softmax cross-entropy with integer labels, as torch.nn.functional.cross_entropy. */
function crossEntropy(scores: Tensor, labels: readonly number[]): Tensor {
  const logProbabilities = logSoftmax(scores);
  const picked = labels.map((label, row) => gather(gather(logProbabilities, [row], 0), [label], 1));
  return neg(mean(concatAll(picked)));
}

function concatAll(parts: Tensor[]): Tensor {
  return concat(parts.map((part) => reshape(part, [1])));
}

function expectClose(actual: Tensor, expected: unknown, tolerance: number): void {
  const got = Array.from(actual.dataSync());
  const want = (expected as unknown[]).flat(4) as number[];
  expect(got.length).toBe(want.length);
  const scale = Math.max(1, ...want.map(Math.abs));
  const worst = Math.max(...got.map((value, i) => Math.abs(value - want[i])));
  expect(worst / scale).toBeLessThan(tolerance);
}

describe.each(fixtures.cases)('$name MLP with softmax cross-entropy, against PyTorch', (fixture) => {
  const activation = fixture.name === 'tanh' ? tanh : relu;
  const theta = tensor(fixture.theta, { dtype: 'float64' });
  const x = tensor(fixture.x, { dtype: 'float64' });
  const v = tensor(fixture.v, { dtype: 'float64' });
  const loss = (t: Tensor) => crossEntropy(logits(t, x, activation), fixture.labels);

  it('has the same loss and gradient', () => {
    const [value, gradient] = valueAndGrad(loss)(theta);
    expect(value.item()).toBeCloseTo(fixture.loss, 12);
    expectClose(gradient, fixture.gradient, 1e-12);
  });

  it('has the same exact Hessian-vector product', () => {
    expectClose(hvp(loss)(theta, v), fixture.hvp, 1e-12);
  });

  it('has the same Hessian, and H·v equals hvp', () => {
    const h = hessian(loss)(theta);
    expect(h.shape).toEqual([theta.size, theta.size]);
    expectClose(h, fixture.hessian, 1e-12);
    expectClose(matmul(h, v), fixture.hvp, 1e-12);
  });

  it('has the same input Jacobian of the logits', () => {
    const j = jacobian((input) => logits(theta, input, activation))(x);
    expect(j.shape).toEqual([x.shape[0], CLASSES, x.shape[0], INPUTS]);
    expectClose(j, fixture.jacobianInput, 1e-12);
  });

  it('gives the same gradient through grad as through valueAndGrad', () => {
    expectClose(grad(loss)(theta), fixture.gradient, 1e-12);
  });
});
