import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { ValueError } from '../errors.js';
import { createRng } from './rng.js';
import { chiSquare, chiSquareCritical } from './statistics.test-util.js';

const N = 100_000;

function histogram(values: ArrayLike<number>, n: number): number[] {
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) counts[values[i]]++;
  return counts;
}

describe('Rng.choice', () => {
  it('draws uniformly from 0…n−1 by default', () => {
    const values = createRng(40).choice(7, N);
    expect([values.shape, values.dtype]).toEqual([[N], 'int32']);
    expect(chiSquare(histogram(values.dataSync(), 7), new Array(7).fill(N / 7))).toBeLessThan(chiSquareCritical(6));
  });

  it('matches the probabilities p (chi-square), and never picks a zero-probability index', () => {
    const p = [0.5, 0, 0.2, 0.15, 0.1, 0.05, 0];
    const counts = histogram(createRng(41).choice(p.length, N, { p }).dataSync(), p.length);
    expect(counts[1]).toBe(0);
    expect(counts[6]).toBe(0);
    const used = p.map((_, i) => i).filter((i) => p[i] > 0);
    const observed = used.map((i) => counts[i]);
    expect(
      chiSquare(
        observed,
        used.map((i) => N * p[i]),
      ),
    ).toBeLessThan(chiSquareCritical(used.length - 1));
  });

  it('accepts p as a tensor and float32 arrays, with float32 tolerance on the sum', () => {
    const p32 = new Float32Array([0.1, 0.2, 0.3, 0.4]); // sums to 1 only within float32 rounding
    const fromArray = createRng(42).choice(4, 20, { p: p32 }).toArray();
    expect(
      createRng(42)
        .choice(4, 20, { p: tensor([0.1, 0.2, 0.3, 0.4]) })
        .toArray(),
    ).toEqual(fromArray);
  });

  it('returns distinct indices without replacement, each subset equally likely', () => {
    const rng = createRng(43);
    const trials = 30_000;
    const counts = new Map<string, number>();
    for (let t = 0; t < trials; t++) {
      const sample = Array.from(rng.choice(6, 3, { replace: false }).dataSync());
      expect(new Set(sample).size).toBe(3);
      const key = sample.sort().join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(20); // C(6, 3)
    expect(chiSquare([...counts.values()], new Array(20).fill(trials / 20))).toBeLessThan(chiSquareCritical(19));
  });

  it('draws successively proportional to p without replacement', () => {
    // With k = 2, index i is first with probability p_i and second with Σ_{j≠i} p_j p_i / (1 − p_j).
    const p = [0.4, 0.3, 0.2, 0.1, 0];
    const rng = createRng(44);
    const trials = 50_000;
    const first = new Array<number>(p.length).fill(0);
    const second = new Array<number>(p.length).fill(0);
    for (let t = 0; t < trials; t++) {
      const [a, b] = rng.choice(p.length, 2, { replace: false, p }).dataSync();
      expect(a).not.toBe(b);
      first[a]++;
      second[b]++;
    }
    const secondP = p.map((pi, i) => p.reduce((sum, pj, j) => (j === i ? sum : sum + (pj * pi) / (1 - pj)), 0));
    const live = [0, 1, 2, 3];
    expect(first[4] + second[4]).toBe(0);
    expect(
      chiSquare(
        live.map((i) => first[i]),
        live.map((i) => trials * p[i]),
      ),
    ).toBeLessThan(chiSquareCritical(3));
    expect(
      chiSquare(
        live.map((i) => second[i]),
        live.map((i) => trials * secondP[i]),
      ),
    ).toBeLessThan(chiSquareCritical(3));
  });

  it('takes a shape for size, and a scalar by default', () => {
    const rng = createRng(45);
    expect(rng.choice(5, [2, 3]).shape).toEqual([2, 3]);
    expect(rng.choice(5).shape).toEqual([]);
    expect(rng.choice(0, 0).shape).toEqual([0]);
  });

  it.each([
    [5, 6, { replace: false }, /cannot draw 6 distinct samples from n=5 without replacement/],
    [0, 1, {}, /cannot draw 1 samples from an empty population/],
    [-1, 1, {}, /n must be an integer/],
    [3, 2, { p: [0.5, 0.5] }, /p must hold one probability per index \(n=3\), got 2 values/],
    [2, 2, { p: [0.5, 0.6] }, /p must sum to 1 \(within 1\.5e-8\), got a sum of 1\.1/],
    [2, 2, { p: [1.5, -0.5] }, /p must be finite and non-negative, got p\[1\]=-0\.5/],
    [2, 2, { p: [Number.NaN, 1] }, /p must be finite and non-negative, got p\[0\]=NaN/],
    [3, 2, { replace: false, p: [1, 0, 0] }, /only 1 of the p are non-zero, fewer than 2 distinct samples/],
    [3, 2, { p: new Float32Array([0.5, 0.5, 0.01]) }, /within 3\.5e-4/],
  ])('choice(%s, %s, %o) throws', (n, size, options, message) => {
    expect(() => createRng(0).choice(n, size, options)).toThrow(ValueError);
    expect(() => createRng(0).choice(n, size, options)).toThrow(message);
    expect(() => createRng(0).choice(n, size, options)).toThrow(/^Rng\.choice: /);
  });
});
