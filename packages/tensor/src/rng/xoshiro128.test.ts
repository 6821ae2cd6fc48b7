import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/xoshiro.json' with { type: 'json' };
import { createRng, Rng } from './rng.js';
import type { RngState } from './types.js';
import { xoshiro128Jump, xoshiro128LongJump, xoshiro128Next } from './xoshiro128.js';

// Every expected value below comes from __fixtures__/generate_xoshiro.py, an independent Python transcription of the
// reference C code; that script itself checks its engine against test data made with the C reference.

type Words = [number, number, number, number];
const stateOf = (words: readonly number[], splitLevel: 0 | 1 | 2 = 0): RngState => ({
  algorithm: 'xoshiro128**',
  words: words as Words,
  splitLevel,
});
const toUnsigned = (state: Int32Array) => Array.from(state, (word) => word >>> 0);

describe('xoshiro128**', () => {
  it.each(fixture.raw)('matches the reference outputs from state $words', ({ words, outputs, wordsAfter16 }) => {
    const rng = new Rng(stateOf(words));
    expect(Array.from({ length: outputs.length }, () => rng.nextUint32())).toEqual(outputs);
    expect(rng.getState().words).toEqual(wordsAfter16);
  });

  it.each(fixture.raw)('jumps 2^64 and 2^96 steps like the reference from $words', ({ words, jumped, longJumped }) => {
    const state = new Int32Array(words);
    xoshiro128Jump(state);
    expect(toUnsigned(state)).toEqual(jumped);
    const other = new Int32Array(words);
    xoshiro128LongJump(other);
    expect(toUnsigned(other)).toEqual(longJumped);
  });

  it('returns unsigned 32-bit integers', () => {
    const state = new Int32Array([-1, -2, -3, -4]);
    for (let i = 0; i < 1000; i++) {
      const value = xoshiro128Next(state);
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
  });
});

describe('createRng seeding', () => {
  it.each(fixture.seeded)('seed $seed expands through splitmix32 as specified', ({ seed, words, outputs }) => {
    const rng = createRng(seed);
    expect(rng.getState()).toEqual(stateOf(words));
    expect(Array.from({ length: outputs.length }, () => rng.nextUint32())).toEqual(outputs);
  });

  it('turns the first outputs into floats with 24 and 53 bits', () => {
    const { seed, float24, float53 } = fixture.floats;
    const rng = createRng(seed);
    expect(Array.from(rng.uniform([float24.length]).dataSync())).toEqual(float24);
    expect(Array.from({ length: float53.length }, () => rng.nextFloat())).toEqual(float53);
  });

  it.each(fixture.below)('draws unbiased integers below $n like the reference', ({ seed, n, values }) => {
    const rng = createRng(seed);
    // Centred so that n = 2^53 fits between two safe integers; only the width n affects the draw.
    const half = Math.floor(n / 2);
    expect(Array.from({ length: values.length }, () => rng.nextInt(-half, n - half) + half)).toEqual(values);
  });

  it('shuffles like the reference Fisher-Yates', () => {
    const { seed, n, values } = fixture.permutation;
    expect(Array.from(createRng(seed).permutationIndices(n))).toEqual(values);
    expect(createRng(seed).permutation(n).toArray()).toEqual(values);
  });

  it('splits by long jump, jump, then re-seeding, like the reference', () => {
    const { seed, rootFirst, root, a, b, c } = fixture.split;
    const rng = createRng(seed);
    expect(rng.nextUint32()).toBe(rootFirst);
    const childA = rng.split();
    const childB = childA.split();
    const childC = childB.split();
    for (const [generator, expected] of [
      [rng, root],
      [childA, a],
      [childB, b],
      [childC, c],
    ] as const) {
      expect(generator.getState()).toEqual(stateOf(expected.words, expected.level as 0 | 1 | 2));
      expect(Array.from({ length: 4 }, () => generator.nextUint32())).toEqual(expected.outputs);
    }
  });
});
