import { createRng, DTypeError, ShapeError, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type Dataset, loadDataset, split } from '../index.js';

/** n samples whose feature row i is [i, 10·i] and label i % classes: rows identify samples. */
function numbered(n: number, classes = 2): Dataset {
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = [i, 10 * i];
  return {
    name: 'numbered',
    x: tensor(x, { shape: [n, 2] }),
    y: tensor(
      Int32Array.from({ length: n }, (_, i) => i % classes),
      { dtype: 'int32' },
    ),
    featureNames: ['i', '10i'],
    classNames: Array.from({ length: classes }, (_, k) => `c${k}`),
  };
}

function counts(labels: ArrayLike<number>, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) out[labels[i]]++;
  return out;
}

describe('split', () => {
  it('splits by fractions into disjoint parts that cover the dataset, rows and labels together', () => {
    const data = numbered(100);
    const parts = split(data, { fractions: { train: 0.6, validation: 0.2, test: 0.2 }, rng: createRng(0) });
    expect([parts.train, parts.validation, parts.test].map((part) => part.x.shape[0])).toEqual([60, 20, 20]);
    const all = [...parts.indices.train, ...parts.indices.validation, ...parts.indices.test];
    expect(new Set(all).size).toBe(100);
    for (const name of ['train', 'validation', 'test'] as const) {
      const x = parts[name].x.dataSync();
      const y = parts[name].y.dataSync();
      parts.indices[name].forEach((index, row) => {
        expect([x[2 * row], x[2 * row + 1], y[row]]).toEqual([index, 10 * index, index % 2]);
      });
      expect(parts[name].featureNames).toEqual(['i', '10i']);
      expect(parts[name].name).toBe('numbered');
    }
    // Shuffled: the train part is not the first 60 samples.
    expect(Array.from(parts.indices.train)).not.toEqual(Array.from({ length: 60 }, (_, i) => i));
    // The input is left as it was.
    expect(data.x.shape).toEqual([100, 2]);
    expect(data.x.dataSync()[198]).toBe(99);
  });

  it("defaults to scikit-learn's 75/25 train/test split, and rounds at cumulative bounds", () => {
    const parts = split(numbered(10), { rng: 0 });
    expect([parts.train.x.shape[0], parts.validation.x.shape[0], parts.test.x.shape[0]]).toEqual([8, 0, 2]);
    expect(parts.validation.x.shape).toEqual([0, 2]);
    const thirds = split(numbered(10), { fractions: { train: 1 / 3, validation: 1 / 3, test: 1 / 3 }, rng: 0 });
    expect([thirds.train, thirds.validation, thirds.test].map((part) => part.x.shape[0])).toEqual([3, 4, 3]);
    const half = split(numbered(5), { fractions: { train: 0.5, test: 0.5 }, rng: 0 });
    expect(half.train.x.shape[0] + half.test.x.shape[0]).toBe(5);
  });

  it('drops what a sum below 1 leaves over, and takes the rest for an omitted train fraction', () => {
    const partial = split(numbered(100), { fractions: { train: 0.5, test: 0.1 }, rng: 1 });
    expect([partial.train.x.shape[0], partial.test.x.shape[0]]).toEqual([50, 10]);
    const rest = split(numbered(100), { fractions: { validation: 0.1, test: 0.3 }, rng: 1 });
    expect([rest.train.x.shape[0], rest.validation.x.shape[0], rest.test.x.shape[0]]).toEqual([60, 10, 30]);
  });

  it('splits by counts', () => {
    const parts = split(numbered(50), { trainSize: 30, validationSize: 5, testSize: 10, rng: 2 });
    expect([parts.train.x.shape[0], parts.validation.x.shape[0], parts.test.x.shape[0]]).toEqual([30, 5, 10]);
    const rest = split(numbered(50), { testSize: 10, rng: 2 });
    expect(rest.train.x.shape[0]).toBe(40);
  });

  it('keeps the order without shuffling: train first, then validation, then test', () => {
    const parts = split(numbered(10), { fractions: { train: 0.5, validation: 0.2, test: 0.3 }, shuffle: false });
    expect(Array.from(parts.indices.train)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(parts.indices.validation)).toEqual([5, 6]);
    expect(Array.from(parts.indices.test)).toEqual([7, 8, 9]);
  });

  it('is deterministic per seed', () => {
    const a = split(numbered(40), { rng: createRng(5) });
    const b = split(numbered(40), { rng: 5 });
    const c = split(numbered(40), { rng: 6 });
    expect(a.indices.test).toEqual(b.indices.test);
    expect(a.train.x.dataSync()).toEqual(b.train.x.dataSync());
    expect(a.indices.test).not.toEqual(c.indices.test);
  });

  it('stratified: each part keeps the class proportions of Iris exactly', async () => {
    const iris = await loadDataset('iris');
    const parts = split(iris, {
      fractions: { train: 0.6, validation: 0.2, test: 0.2 },
      rng: createRng(0),
      stratified: true,
    });
    expect(counts(parts.train.y.dataSync(), 3)).toEqual([30, 30, 30]);
    expect(counts(parts.validation.y.dataSync(), 3)).toEqual([10, 10, 10]);
    expect(counts(parts.test.y.dataSync(), 3)).toEqual([10, 10, 10]);
    const all = [...parts.indices.train, ...parts.indices.validation, ...parts.indices.test];
    expect(new Set(all).size).toBe(150);
  });

  it('stratified: proportions within one sample per class, sizes exact, on unbalanced classes', async () => {
    const cancer = await loadDataset('breast-cancer'); // 212 malignant, 357 benign
    for (const seed of [0, 1, 2]) {
      const parts = split(cancer, {
        fractions: { train: 0.7, validation: 0.1, test: 0.2 },
        rng: seed,
        stratified: true,
      });
      const sizes = [parts.train, parts.validation, parts.test].map((part) => part.y.shape[0]);
      expect(sizes).toEqual([398, 57, 114]);
      for (const [part, share] of [
        [parts.train, 0.7],
        [parts.validation, 0.1],
        [parts.test, 0.2],
      ] as const) {
        const [malignant, benign] = counts(part.y.dataSync(), 2);
        expect(Math.abs(malignant - 212 * share)).toBeLessThanOrEqual(1);
        expect(Math.abs(benign - 357 * share)).toBeLessThanOrEqual(1);
      }
    }
    // Unstratified splits of the same data wander further from the proportions for some seed.
    const worst = Math.max(
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((seed) => {
        const test = split(cancer, { fractions: { test: 0.2 }, rng: seed }).test;
        return Math.abs(counts(test.y.dataSync(), 2)[0] - 212 * 0.2);
      }),
    );
    expect(worst).toBeGreaterThan(1);
  });

  it('stratified without shuffling keeps the dataset order within each part', () => {
    const parts = split(numbered(12, 3), { fractions: { train: 0.5, test: 0.5 }, shuffle: false, stratified: true });
    expect(Array.from(parts.indices.train)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(counts(parts.test.y.dataSync(), 3)).toEqual([2, 2, 2]);
  });

  it('rejects bad fractions and sizes, naming the function', () => {
    const data = numbered(10);
    const rng = createRng(0);
    expect(() => split(data, { fractions: { train: 0.8, test: 0.3 }, rng })).toThrow(ValueError);
    expect(() => split(data, { fractions: { train: 0.8, test: 0.3 }, rng })).toThrow(
      /split: fractions must sum to at most 1, got train=0.8 \+ validation=0 \+ test=0.3/,
    );
    expect(() => split(data, { fractions: { validation: 0.6, test: 0.6 }, rng })).toThrow(/sum to at most 1/);
    expect(() => split(data, { fractions: { test: -0.1 }, rng })).toThrow(
      /fractions.test must be a number in \[0, 1\]/,
    );
    expect(() => split(data, { fractions: { test: 1.5 }, rng })).toThrow(/fractions.test must be/);
    expect(() => split(data, { fractions: { tests: 0.2 } as unknown as { test: number }, rng })).toThrow(
      /unknown fraction 'tests'/,
    );
    expect(() => split(data, { fractions: { test: 0.2 }, testSize: 2, rng })).toThrow(/not both/);
    expect(() => split(data, { trainSize: 8, testSize: 3, rng })).toThrow(/need more than the 10 samples/);
    expect(() => split(data, { testSize: 10, rng })).toThrow(/the train part would be empty/);
    expect(() => split(data, { testSize: 1.5, rng })).toThrow(/testSize must be an integer/);
    expect(() => split(data, { fractions: { test: 0.01 }, rng })).toThrow(
      /test fraction 0.01 of 10 samples rounds to 0/,
    );
    expect(() => split(data, { fractions: { test: 1 }, rng })).toThrow('split: the train part would be empty (n=10)');
    expect(() => split(data, { fractions: { train: 0.01 }, rng })).toThrow(
      /train fraction 0.01 of 10 samples rounds to 0/,
    );
  });

  it('rejects bad datasets and a missing rng', () => {
    expect(() => split(numbered(10))).toThrow(
      /split: shuffling \(pass shuffle: false to keep the order\) needs options.rng/,
    );
    const empty = {
      x: tensor(new Float32Array(0), { shape: [0, 2] }),
      y: tensor(new Int32Array(0), { dtype: 'int32' }),
    };
    expect(() => split(empty, { rng: 0 })).toThrow('split: dataset is empty (0 samples)');
    const mismatch = { x: tensor([[1], [2], [3]]), y: tensor([0, 1], { dtype: 'int32' }) };
    expect(() => split(mismatch, { rng: 0 })).toThrow(ShapeError);
    expect(() => split(mismatch, { rng: 0 })).toThrow('split: dataset.x has 3 samples but dataset.y has 2 labels');
    const floatLabels = { x: tensor([[1], [2]]), y: tensor([0.5, 1]) };
    expect(() => split(floatLabels, { rng: 0, stratified: true, fractions: { test: 0.5 } })).toThrow(DTypeError);
    expect(() => split({} as Dataset, { rng: 0 })).toThrow(/split: dataset must be an object with tensors x and y/);
  });
});
