import { tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { clipByGlobalNorm, globalNorm } from './clip-by-global-norm.js';

describe('clipByGlobalNorm', () => {
  const grads = { w: vector([3, 0]), b: vector([4]) };

  it('computes the norm over every leaf together', () => {
    expect(globalNorm(grads).item()).toBe(5);
    expect(globalNorm({ a: tensor([1, 1]), b: tensor([1, 1], { dtype: 'float64' }) }).item()).toBe(2);
  });

  it('rescales to the threshold when above it, keeping the direction (book section 8.2.4)', () => {
    const [clipped] = updatesFor(clipByGlobalNorm(1), [grads]);
    expect(clipped).toEqual([4 * (1 / 5), 3 * (1 / 5), 0]);
  });

  it('leaves updates exactly unchanged at or below the threshold', () => {
    expect(updatesFor(clipByGlobalNorm(5), [grads])[0]).toEqual([4, 3, 0]);
    expect(updatesFor(clipByGlobalNorm(100), [grads])[0]).toEqual([4, 3, 0]);
  });

  it('keeps each leaf in its dtype', () => {
    const transformation = clipByGlobalNorm(1);
    const mixed = { a: tensor([3]), b: tensor([4], { dtype: 'float64' }) };
    const [out] = transformation.update(mixed, transformation.init(mixed));
    const { a, b } = out as { a: ReturnType<typeof tensor>; b: ReturnType<typeof tensor> };
    expect([a.dtype, b.dtype]).toEqual(['float32', 'float64']);
    expect(a.item()).toBeCloseTo(0.6, 6);
  });

  it('propagates a NaN norm instead of hiding it', () => {
    expect(updatesFor(clipByGlobalNorm(1), [{ w: vector([Number.NaN, 1]) }])[0].every(Number.isNaN)).toBe(true);
  });

  it('refuses a threshold that is not positive', () => {
    expect(() => clipByGlobalNorm(0)).toThrow(/clipByGlobalNorm: maxNorm must be a finite number > 0, got 0/);
  });
});
