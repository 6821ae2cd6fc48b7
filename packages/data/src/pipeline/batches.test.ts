import { createRng, memory, ShapeError, tensor, tidy, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type Batch, batches, type Examples } from '../index.js';

/** n samples whose feature row i is [i, −i] and label i: each batch shows which samples it holds. */
function numbered(n: number): Examples {
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = [i, -i];
  return {
    x: tensor(x, { shape: [n, 2] }),
    y: tensor(
      Int32Array.from({ length: n }, (_, i) => i),
      { dtype: 'int32' },
    ),
  };
}

function sampleIds(batch: Batch): number[] {
  const y = Array.from(batch.y.dataSync());
  const x = batch.x.dataSync();
  y.forEach((id, row) => {
    expect([x[2 * row], x[2 * row + 1]]).toEqual([id, -id]);
  });
  expect(y).toEqual(Array.from(batch.indices));
  return y;
}

describe('batches', () => {
  it('minibatches cover every sample exactly once per epoch, the last batch smaller', () => {
    const all = [...batches(numbered(10), { batchSize: 3, rng: createRng(0) })];
    expect(all.map((batch) => batch.x.shape)).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
      [1, 2],
    ]);
    expect(all.map((batch) => batch.step)).toEqual([0, 1, 2, 3]);
    const ids = all.flatMap(sampleIds);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(ids).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('dropLast skips the remainder', () => {
    const all = [...batches(numbered(10), { batchSize: 3, rng: 0, dropLast: true })];
    expect(all.map((batch) => batch.y.shape[0])).toEqual([3, 3, 3]);
    expect(new Set(all.flatMap(sampleIds)).size).toBe(9);
    expect([...batches(numbered(9), { batchSize: 3, rng: 0, dropLast: true })]).toHaveLength(3);
  });

  it("a full batch ('full' or n) holds every sample in order, without an rng", () => {
    for (const batchSize of ['full', 10, 25] as const) {
      const all = [...batches(numbered(10), { batchSize })];
      expect(all).toHaveLength(1);
      expect(sampleIds(all[0])).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
  });

  it('single examples: batchSize 1 gives n batches of one sample', () => {
    const all = [...batches(numbered(7), { batchSize: 1, rng: 3 })];
    expect(all).toHaveLength(7);
    expect(all.every((batch) => batch.x.shape[0] === 1 && batch.y.shape[0] === 1)).toBe(true);
    expect(new Set(all.flatMap(sampleIds)).size).toBe(7);
  });

  it('draws a new permutation each epoch, the same sequence for the same seed', () => {
    const run = (seed: number) =>
      [...batches(numbered(12), { batchSize: 4, rng: createRng(seed), epochs: 3 })].map((batch) => ({
        epoch: batch.epoch,
        ids: sampleIds(batch),
      }));
    const a = run(11);
    expect(a.map((batch) => batch.epoch)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const epochs = [0, 1, 2].map((epoch) => a.filter((batch) => batch.epoch === epoch).flatMap((batch) => batch.ids));
    for (const order of epochs)
      expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(epochs[1]).not.toEqual(epochs[2]);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
  });

  it('keeps the order with shuffle: false', () => {
    const ids = [...batches(numbered(5), { batchSize: 2, shuffle: false, epochs: 2 })].map(sampleIds);
    expect(ids).toEqual([[0, 1], [2, 3], [4], [0, 1], [2, 3], [4]]);
  });

  it('a batch larger than the dataset gives one batch of all samples', () => {
    const all = [...batches(numbered(4), { batchSize: 100, rng: 0 })];
    expect(all).toHaveLength(1);
    expect(all[0].y.shape).toEqual([4]);
  });

  it('streams with epochs: Infinity, and frees its index tensors', () => {
    const data = numbered(6);
    const before = memory().liveTensors;
    let count = 0;
    for (const batch of batches(data, { batchSize: 4, rng: 0, epochs: Number.POSITIVE_INFINITY })) {
      batch.x.dispose();
      batch.y.dispose();
      if (++count === 50) break;
    }
    expect(count).toBe(50);
    expect(memory().liveTensors).toBe(before);
    tidy(() => {
      for (const batch of batches(data, { batchSize: 2, shuffle: false })) expect(batch.x.shape).toEqual([2, 2]);
    });
    expect(memory().liveTensors).toBe(before);
  });

  it('checks options when called, not at the first batch, naming the function', () => {
    const data = numbered(5);
    for (const batchSize of [0, -1, 1.5, Number.NaN, 'all']) {
      expect(() => batches(data, { batchSize: batchSize as number })).toThrow(ValueError);
      expect(() => batches(data, { batchSize: batchSize as number })).toThrow(
        /batches: batchSize must be a positive integer or 'full'/,
      );
    }
    expect(() => batches(data, { batchSize: 6, dropLast: true, rng: 0 })).toThrow(
      'batches: batchSize 6 exceeds the 5 samples, so dropLast would leave no batch',
    );
    expect(() => batches(data, { batchSize: 2, epochs: 0, rng: 0 })).toThrow(/epochs must be a positive integer/);
    expect(() => batches(data, { batchSize: 2 })).toThrow(/batches: shuffling .* needs options.rng/);
    expect(() => batches(data, undefined as never)).toThrow(/expected options with a batchSize/);
    const empty = {
      x: tensor(new Float32Array(0), { shape: [0, 2] }),
      y: tensor(new Int32Array(0), { dtype: 'int32' }),
    };
    expect(() => batches(empty, { batchSize: 1, shuffle: false })).toThrow('batches: dataset is empty (0 samples)');
    const mismatch = { x: tensor([[1], [2]]), y: tensor([0, 1, 2], { dtype: 'int32' }) };
    expect(() => batches(mismatch, { batchSize: 1, shuffle: false })).toThrow(ShapeError);
    expect(() => batches({ x: tensor([[1]]), y: tensor([[0]]) }, { batchSize: 1 })).toThrow(/y must have shape \[n\]/);
  });
});
