import { grad } from '@descent/autodiff';
import { type Tensor, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { accuracy, binaryCrossEntropy, hinge, mse, softmaxCrossEntropy, zeroOneLoss } from '../src/index.js';
import fixtures from './__fixtures__/losses.json' with { type: 'json' };

type Loss = (a: Tensor, b: Tensor) => Tensor;
const LOSSES: Record<string, Loss> = {
  'softmaxCrossEntropy labels mean': (z, y) => softmaxCrossEntropy(z, y),
  'softmaxCrossEntropy labels sum': (z, y) => softmaxCrossEntropy(z, y, { reduction: 'sum' }),
  'softmaxCrossEntropy soft targets': (z, p) => softmaxCrossEntropy(z, p),
  binaryCrossEntropy: (z, y) => binaryCrossEntropy(z, y),
  mse: (a, b) => mse(a, b),
  'hinge multiclass': (z, y) => hinge(z, y),
  'hinge binary': (s, y) => hinge(s, y),
};

describe.each(fixtures.cases)('$name against PyTorch', (fixture) => {
  const loss = LOSSES[fixture.name];
  const [first, second] = fixture.inputs as [number[] | number[][], number[] | number[][]];
  const input = tensor(first, { dtype: 'float64' });
  const other = tensor(second, { dtype: fixture.labelsAreIntegers ? 'int32' : 'float64' });

  it('has the same value and gradient', () => {
    expect(loss(input, other).item()).toBeCloseTo(fixture.loss, 11);
    const g = grad((z: Tensor) => loss(z, other))(input);
    const want = (fixture.grad as unknown[]).flat() as number[];
    Array.from(g.dataSync()).forEach((value, i) => {
      expect(value).toBeCloseTo(want[i], 11);
    });
  });

  it('is finite for extreme logits', () => {
    expect(Number.isFinite(loss(input, other).item())).toBe(true);
  });
});

describe('losses: bad input', () => {
  const logits = tensor([[1, 2, 3]]);
  it('names the function and what it got', () => {
    expect(() => softmaxCrossEntropy(logits, tensor([3], { dtype: 'int32' }))).toThrow(
      /label 3 at row 0 is outside \[0, 3\)/,
    );
    expect(() => softmaxCrossEntropy(logits, tensor([0, 1], { dtype: 'int32' }))).toThrow(
      /labels must have shape \[1\]/,
    );
    expect(() => softmaxCrossEntropy(logits, tensor([[1, 0]]))).toThrow(/targets must be int32 labels/);
    expect(() => mse(tensor([1, 2]), tensor([1]))).toThrow(ValueError);
    expect(() => binaryCrossEntropy(tensor([1, 2]), tensor([1]))).toThrow(
      /binaryCrossEntropy: logits have shape \[2\]/,
    );
    expect(() => mse(tensor([1]), tensor([1]), { reduction: 'average' as never })).toThrow(
      /reduction must be mean, sum or none/,
    );
  });
});

describe('accuracy and the 0-1 loss', () => {
  it('count argmax hits against labels', () => {
    const scores = tensor([
      [2, 1, 0],
      [0, 3, 1],
      [5, 6, 7],
      [1, 0, 0],
    ]);
    const labels = tensor([0, 1, 0, 2], { dtype: 'int32' });
    expect(accuracy(scores, labels).item()).toBe(0.5);
    expect(zeroOneLoss(scores, labels).item()).toBe(0.5);
    expect(accuracy(tensor([2, 1], { dtype: 'int32' }), tensor([2, 2], { dtype: 'int32' })).item()).toBe(0.5);
  });

  it('has a zero gradient almost everywhere, which is why a surrogate is optimized', () => {
    const scores = tensor([[0.2, 0.9]], { dtype: 'float64' });
    const labels = tensor([0], { dtype: 'int32' });
    const g = grad((s: Tensor) => zeroOneLoss(s, labels).cast('float64'))(scores);
    expect(Array.from(g.dataSync())).toEqual([0, 0]);
    const surrogate = grad((s: Tensor) => softmaxCrossEntropy(s, labels))(scores);
    expect(Math.abs(surrogate.dataSync()[0])).toBeGreaterThan(0.1);
  });
});
