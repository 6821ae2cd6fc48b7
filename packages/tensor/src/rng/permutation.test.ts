import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors.js';
import { createRng, type Rng } from './rng.js';
import { sampleIndices } from './sample-indices.js';
import { chiSquare, chiSquareCritical } from './statistics.test-util.js';

/** The textbook forward Fisher-Yates on a plain array, drawing j through the public nextInt. */
function referenceShuffle(rng: Rng, n: number, k: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n - 1); i++) {
    const j = rng.nextInt(i, n);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, k);
}

describe('Rng.permutation', () => {
  it('returns each of 0…n−1 exactly once, as int32', () => {
    const p = createRng(30).permutation(1000);
    expect([p.shape, p.dtype]).toEqual([[1000], 'int32']);
    expect(Array.from(p.dataSync()).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(createRng(30).permutation(0).shape).toEqual([0]);
    expect(createRng(30).permutation(1).toArray()).toEqual([0]);
  });

  it('makes all 24 orders of 4 items equally likely (chi-square)', () => {
    const rng = createRng(31);
    const trials = 48_000;
    const counts = new Map<string, number>();
    for (let t = 0; t < trials; t++) {
      const key = rng.permutationIndices(4).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    const observed = [...counts.values()];
    expect(chiSquare(observed, new Array(24).fill(trials / 24))).toBeLessThan(chiSquareCritical(23));
  });

  it('puts each item in each position equally often', () => {
    const rng = createRng(32);
    const [n, trials] = [10, 20_000];
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let t = 0; t < trials; t++) {
      const order = rng.permutationIndices(n);
      for (let position = 0; position < n; position++) counts[order[position]][position]++;
    }
    // Rows and columns sum to `trials`, so (n − 1)² degrees of freedom.
    expect(chiSquare(counts.flat(), new Array(n * n).fill(trials / n))).toBeLessThan(chiSquareCritical((n - 1) ** 2));
  });

  it('equals the textbook Fisher-Yates, and choice without replacement takes its prefix', () => {
    const state = createRng(33).getState();
    expect(Array.from(createRng.fromState(state).permutationIndices(50))).toEqual(
      referenceShuffle(createRng.fromState(state), 50, 50),
    );
    expect(createRng.fromState(state).choice(50, 7, { replace: false }).toArray()).toEqual(
      referenceShuffle(createRng.fromState(state), 50, 7),
    );
  });

  it('gives the same sample from the sparse layout as from the dense one', () => {
    // n > 16k takes the map-based path; the reference always shuffles a full array.
    const state = createRng(34).getState();
    const sparse = createRng.fromState(state).choice(100_000, 20, { replace: false }).toArray();
    expect(sparse).toEqual(referenceShuffle(createRng.fromState(state), 100_000, 20));
    const words = new Int32Array(createRng(35).getState().words);
    const big = sampleIndices(words, 2 ** 31 - 1, 5);
    expect(new Set(big).size).toBe(5);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])('rejects n = %s', (n) => {
    expect(() => createRng(0).permutation(n)).toThrow(ValueError);
    expect(() => createRng(0).permutation(n)).toThrow(/^Rng\.permutation: n must be an integer in \[0, 2\^31 − 1\]/);
  });
});
