import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByRss } from './scale-by-rss.js';

describe('scaleByRss', () => {
  it('divides by the root of the running sum of squares plus δ (outside the root)', () => {
    const sequence = [3, -4, 12];
    const got = updatesFor(
      scaleByRss({ initialAccumulatorValue: 0.5, eps: 1e-7 }),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    let sum = 0.5;
    const expected = sequence.map((g) => {
      sum += g * g;
      return g / (Math.sqrt(sum) + 1e-7);
    });
    expect(got).toEqual(expected);
  });

  it('refuses a negative accumulator start', () => {
    expect(() => scaleByRss({ initialAccumulatorValue: -1 })).toThrow(/scaleByRss: initialAccumulatorValue/);
  });
});
