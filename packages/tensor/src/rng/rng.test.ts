import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors.js';
import * as publicApi from '../index.js';
import { createRng, Rng } from './rng.js';
import { correlation } from './statistics.test-util.js';
import type { RngState } from './types.js';

const draw = (rng: Rng, count: number) => Array.from({ length: count }, () => rng.nextUint32());

describe('createRng', () => {
  it('gives the same bits for the same seed, in every sampler', () => {
    const sample = (rng: Rng) => [
      draw(rng, 8),
      rng.uniform([5]).toArray(),
      rng.normal([2, 3], { dtype: 'float64' }).toArray(),
      rng.truncatedNormal([7]).toArray(),
      rng.permutation(9).toArray(),
      rng.choice(4, 6, { p: [0.1, 0.2, 0.3, 0.4] }).toArray(),
      rng.choice(10, 3, { replace: false, p: [0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2] }).toArray(),
      rng.integers(-5, 5, [4]).toArray(),
      rng.bernoulli([4]).toArray(),
      rng.nextFloat(),
      rng.nextInt(0, 1000),
    ];
    expect(sample(createRng(2024))).toEqual(sample(createRng(2024)));
  });

  it('gives unrelated streams for nearby and for large seeds', () => {
    const seeds = [0, 1, 2, 3, -1, -2, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 53 - 1)];
    const prefixes = seeds.map((seed) => draw(createRng(seed), 4).join(','));
    expect(new Set(prefixes).size).toBe(seeds.length);
    // No output of one stream's first 1000 appears among the first 64 of another (a shifted copy would).
    const firsts = seeds.map((seed) => new Set(draw(createRng(seed), 1000)));
    for (let i = 0; i < seeds.length; i++) {
      const head = draw(createRng(seeds[i]), 64);
      for (let j = 0; j < seeds.length; j++) {
        if (i !== j) expect(head.filter((value) => firsts[j].has(value))).toEqual([]);
      }
    }
  });

  it('gives every one of 100k consecutive seeds a distinct state and first output', () => {
    const states = new Set<string>();
    const firsts = new Set<number>();
    for (let seed = -50_000; seed < 50_000; seed++) {
      const rng = createRng(seed);
      states.add(rng.getState().words.join(','));
      firsts.add(rng.nextUint32());
    }
    expect(states.size).toBe(100_000);
    // 10⁵ random 32-bit values collide about once (birthday bound n²/2^33 ≈ 1.2).
    expect(firsts.size).toBeGreaterThan(100_000 - 10);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2 ** 53, '42', undefined])('rejects the seed %s', (seed) => {
    expect(() => createRng(seed as number)).toThrow(ValueError);
    expect(() => createRng(seed as number)).toThrow(/^createRng: seed must be a safe integer/);
  });

  it('is exported from the package entry point', () => {
    expect(publicApi.createRng).toBe(createRng);
    expect(publicApi.Rng).toBe(Rng);
    expect(publicApi.createRng.fromState).toBe(createRng.fromState);
  });

  it('never calls Math.random', () => {
    const sources = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.includes('.test'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) expect(readFileSync(`${__dirname}/${file}`, 'utf8')).not.toMatch(/Math\.random/);
  });
});

describe('Rng state', () => {
  it('round-trips through JSON and continues bit for bit', () => {
    const rng = createRng(7);
    rng.normal([13]);
    const saved = JSON.stringify(rng.getState());
    const expected = [draw(rng, 5), rng.normal([3]).toArray(), rng.permutation(6).toArray()];
    const restored = createRng.fromState(JSON.parse(saved));
    expect([draw(restored, 5), restored.normal([3]).toArray(), restored.permutation(6).toArray()]).toEqual(expected);
    const reset = createRng(99);
    reset.setState(JSON.parse(saved));
    expect(draw(reset, 5)).toEqual(expected[0]);
    expect(JSON.parse(JSON.stringify(createRng.fromState(JSON.parse(saved))))).toEqual(JSON.parse(saved));
  });

  it('returns a fresh object that does not alias the generator', () => {
    const rng = createRng(3);
    const state = rng.getState();
    rng.nextUint32();
    expect(rng.getState()).not.toEqual(state);
    expect(createRng.fromState(state).nextUint32()).toBe(createRng(3).nextUint32());
  });

  it('keeps the split level, so a restored generator splits the same way', () => {
    const child = createRng(5).split().split();
    const restored = createRng.fromState(JSON.parse(JSON.stringify(child.getState())));
    expect(restored.getState().splitLevel).toBe(2);
    expect(draw(restored.split(), 4)).toEqual(draw(child.split(), 4));
  });

  const good = createRng(1).getState();
  it.each([
    ['null', null, /expected a state object/],
    ['an array', [1, 2, 3, 4], /expected a state object/],
    ['another algorithm', { ...good, algorithm: 'mt19937' }, /algorithm must be "xoshiro128\*\*", got "mt19937"/],
    ['three words', { ...good, words: [1, 2, 3] }, /words must be an array of 4 integers/],
    ['a negative word', { ...good, words: [1, -2, 3, 4] }, /integers in \[0, 2\^32\)/],
    ['a word of 2^32', { ...good, words: [1, 2 ** 32, 3, 4] }, /integers in \[0, 2\^32\)/],
    ['a fractional word', { ...good, words: [1, 2.5, 3, 4] }, /integers in \[0, 2\^32\)/],
    ['a string word', { ...good, words: [1, '2', 3, 4] }, /integers in \[0, 2\^32\)/],
    ['all-zero words', { ...good, words: [0, 0, 0, 0] }, /all zero/],
    ['split level 3', { ...good, splitLevel: 3 }, /splitLevel must be 0, 1 or 2, got 3/],
    ['no split level', { algorithm: good.algorithm, words: good.words }, /splitLevel must be 0, 1 or 2, got undefined/],
  ])('rejects a state with %s', (_, state, message) => {
    expect(() => createRng.fromState(state as RngState)).toThrow(ValueError);
    expect(() => createRng.fromState(state as RngState)).toThrow(message);
    expect(() => createRng(0).setState(state as RngState)).toThrow(/^Rng\.setState: /);
  });
});

describe('Rng.split', () => {
  it('hands the child the current state and moves the parent on', () => {
    const rng = createRng(11);
    const before = createRng.fromState(rng.getState());
    const child = rng.split();
    expect(draw(child, 16)).toEqual(draw(before, 16));
    expect(child.getState().splitLevel).toBe(1);
    expect(rng.getState().splitLevel).toBe(0);
  });

  it('gives pairwise distinct, non-overlapping streams across a nested family', () => {
    // The naive rule (every level jumps the same distance) makes rng and rng.split() collide after a nested split.
    const root = createRng(123);
    const a = root.split();
    const b = root.split();
    const a1 = a.split();
    const a2 = a.split();
    const a1x = a1.split();
    const a1y = a1.split();
    const b1 = b.split();
    const family = [root, a, b, a1, a2, a1x, a1y, b1];
    const streams = family.map((rng) => draw(rng, 2000));
    const seen = new Map<number, number>();
    streams.forEach((stream, index) => {
      for (const value of stream.slice(0, 200)) seen.set(value, index);
    });
    streams.forEach((stream, index) => {
      const foreign = stream.filter((value) => seen.has(value) && seen.get(value) !== index);
      expect(foreign.length).toBeLessThanOrEqual(1); // a chance 32-bit collision among ~10⁴ values is ~1%
    });
  });

  it('gives child streams uncorrelated with the parent', () => {
    const n = 100_000;
    const rng = createRng(77);
    const child = rng.split();
    const parent = rng.uniform([n], { dtype: 'float64' }).dataSync();
    const own = child.uniform([n], { dtype: 'float64' }).dataSync();
    // Under independence the sample correlation is ≈ N(0, 1/n); 5 standard errors.
    expect(Math.abs(correlation(parent, own))).toBeLessThan(5 / Math.sqrt(n));
    const grandchild = child.split().split();
    const deep = grandchild.uniform([n], { dtype: 'float64' }).dataSync();
    expect(Math.abs(correlation(own, deep))).toBeLessThan(5 / Math.sqrt(n));
    // Lagged by one, too: a child that merely trailed its parent by a step would fail this.
    expect(Math.abs(correlation(parent.subarray(1), own.subarray(0, n - 1)))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('makes successive children of one parent differ', () => {
    const rng = createRng(0);
    const children = Array.from({ length: 50 }, () => draw(rng.split(), 4).join(','));
    expect(new Set(children).size).toBe(50);
  });
});

describe('scalar draws', () => {
  it('keeps nextFloat in [0, 1) and nextInt in [low, high)', () => {
    const rng = createRng(8);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      const k = rng.nextInt(-3, 4);
      expect(Number.isInteger(k) && k >= -3 && k < 4).toBe(true);
    }
  });

  it.each([
    [0, 0, /low must be below high/],
    [1.5, 3, /low must be an integer/],
    [0, Number.POSITIVE_INFINITY, /high must be an integer/],
    [-(2 ** 53 - 1), 2 ** 53 - 1, /at most 2\^53/],
  ])('nextInt(%s, %s) throws', (low, high, message) => {
    expect(() => createRng(0).nextInt(low, high)).toThrow(ValueError);
    expect(() => createRng(0).nextInt(low, high)).toThrow(message);
  });
});
