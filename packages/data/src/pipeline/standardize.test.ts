import { createRng, DTypeError, ShapeError, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { loadDataset, split, standardize } from '../index.js';

/** Per-column mean and population standard deviation, in float64, written out independently of the code under test. */
function columnStats(values: ArrayLike<number>, n: number, width: number) {
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += values[i * width + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) std[j] += (values[i * width + j] - mean[j]) ** 2 / n;
  return { mean, std: std.map(Math.sqrt) };
}

describe('standardize', () => {
  it('fits the mean and population standard deviation (closed form), with 1 for a constant feature', () => {
    const scaler = standardize(
      tensor([
        [1, 2, -1],
        [3, 2, 0],
        [5, 2, 1],
      ]),
    );
    expect(scaler.mean.toArray()).toEqual([3, 2, 0]);
    const std = scaler.std.dataSync();
    expect(std[0]).toBeCloseTo(Math.sqrt(8 / 3), 6);
    expect(std[1]).toBe(1);
    expect(std[2]).toBeCloseTo(Math.sqrt(2 / 3), 6);
    const z = scaler.transform(tensor([[3, 2, 0]])).dataSync();
    expect(Array.from(z)).toEqual([0, 0, 0]);
  });

  it('gives the training features mean 0 and std 1 (Wine: scales from 0.1 to 1000)', async () => {
    const wine = await loadDataset('wine', { dtype: 'float64' });
    const { train } = split(wine, { fractions: { test: 0.3 }, rng: createRng(0) });
    const z = standardize(train).transform(train);
    expect(z.featureNames).toEqual(wine.featureNames);
    expect(z.y).toBe(train.y);
    const [n, width] = z.x.shape;
    const { mean, std } = columnStats(z.x.dataSync(), n, width);
    for (let j = 0; j < width; j++) {
      expect(Math.abs(mean[j])).toBeLessThan(1e-12);
      expect(std[j]).toBeCloseTo(1, 12);
    }
  });

  it('applies the training statistics, not the test set’s own, to test data (float32)', async () => {
    const wine = await loadDataset('wine');
    const { train, test } = split(wine, { fractions: { test: 0.3 }, rng: createRng(1) });
    const [n, width] = train.x.shape;
    const { mean, std } = columnStats(train.x.dataSync(), n, width);
    const scaler = standardize(train);
    const z = scaler.transform(test.x).dataSync();
    const raw = test.x.dataSync();
    for (let i = 0; i < test.x.shape[0]; i++) {
      for (let j = 0; j < width; j++) {
        const expected = (raw[i * width + j] - Math.fround(mean[j])) / Math.fround(std[j]);
        expect(z[i * width + j]).toBeCloseTo(expected, 4);
      }
    }
    // So the test set is not exactly centred.
    const own = columnStats(z, test.x.shape[0], width);
    expect(Math.max(...own.mean.map(Math.abs))).toBeGreaterThan(0.01);
  });

  it('maps a zero-variance feature to 0, never NaN, and round-trips through inverseTransform', async () => {
    const digits = await loadDataset('digits');
    const scaler = standardize(digits);
    // pixel_0_0 is 0 in every image.
    expect(scaler.std.dataSync()[0]).toBe(1);
    const z = scaler.transform(digits.x);
    const values = z.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < digits.x.shape[0]; i++) expect(values[i * 64]).toBe(0);
    const back = scaler.inverseTransform(z).dataSync();
    const original = digits.x.dataSync();
    for (let i = 0; i < original.length; i += 97) expect(back[i]).toBeCloseTo(original[i], 4);
  });

  it('works on samples of any shape, per position', () => {
    const x = tensor([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [3, 2],
        [5, 8],
      ],
    ]);
    const scaler = standardize(x);
    expect(scaler.mean.shape).toEqual([2, 2]);
    expect(scaler.mean.toArray()).toEqual([
      [2, 2],
      [4, 6],
    ]);
    expect(scaler.transform(x).toArray()).toEqual([
      [
        [-1, 0],
        [-1, -1],
      ],
      [
        [1, 0],
        [1, 1],
      ],
    ]);
  });

  it('rejects bad input, naming the function', () => {
    const scaler = standardize(tensor([[1, 2]]));
    expect(() => scaler.transform(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => scaler.transform(tensor([[1, 2, 3]]))).toThrow(
      'standardize.transform: fitted on samples of shape [2], got x of shape [1,3]',
    );
    expect(() => scaler.transform(tensor([[1, 2]], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => standardize(tensor([[1, 2]], { dtype: 'int32' }))).toThrow(
      /standardize: x must be float32 or float64/,
    );
    expect(() => standardize(tensor([1, 2, 3]))).toThrow('standardize: x must be [n, features], got shape [3]');
    expect(() => standardize(tensor(new Float32Array(0), { shape: [0, 3] }))).toThrow(ValueError);
    expect(() => standardize(tensor(new Float32Array(0), { shape: [0, 3] }))).toThrow(
      /standardize: the training data is empty/,
    );
    expect(() => standardize(tensor([[1, Number.NaN]]))).toThrow(/feature 1 has non-finite values/);
    expect(() => standardize({ x: tensor([[1], [2]]), y: tensor([0], { dtype: 'int32' }) })).toThrow(
      'standardize: x has 2 samples but y has 1 labels',
    );
    expect(() => standardize({} as never)).toThrow(/expected a tensor or a dataset/);
  });
});
