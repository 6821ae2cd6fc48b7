import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { clipByValue } from './clip-by-value.js';

describe('clipByValue', () => {
  it('clips each element to [−c, c]', () => {
    expect(updatesFor(clipByValue(2), [{ w: vector([-5, -1, 0, 1.5, 7]) }])[0]).toEqual([-2, -1, 0, 1.5, 2]);
  });

  it('refuses a negative or NaN limit', () => {
    expect(() => clipByValue(-1)).toThrow(/clipByValue: maxValue/);
    expect(() => clipByValue(Number.NaN)).toThrow(/clipByValue: maxValue/);
  });
});
