import { createRng, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  extent,
  KS_CRITICAL,
  momentErrors,
  normalCdf,
  scaledKolmogorovSmirnov,
  truncatedNormal as truncated,
} from '../test/statistics.js';
import { truncatedNormal } from './truncated-normal.js';

describe('truncatedNormal', () => {
  it.each(['float32', 'float64'] as const)('stays within ±2σ and matches the cut normal in %s', (dtype) => {
    const std = 0.02;
    const values = truncatedNormal([400, 250], { rng: createRng(5), std, dtype }).dataSync();
    const round = dtype === 'float32' ? Math.fround : (x: number) => x;
    expect(extent(values).min).toBeGreaterThanOrEqual(round(-2 * std));
    expect(extent(values).max).toBeLessThanOrEqual(round(2 * std));
    // The cuts are reached: not a clipped or narrower distribution.
    expect(extent(values).max).toBeGreaterThan(1.99 * std);
    const oracle = truncated(std);
    const { meanErrors, varianceErrors } = momentErrors(values, 0, oracle.variance);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
    expect(scaledKolmogorovSmirnov(values, oracle.cdf)).toBeLessThan(KS_CRITICAL);
    // Power check: the untruncated normal is rejected.
    expect(scaledKolmogorovSmirnov(values, (x) => normalCdf(x / std))).toBeGreaterThan(KS_CRITICAL);
  });

  it('takes a mean and cuts in standard deviations', () => {
    const [mean, std] = [1, 0.5];
    const values = truncatedNormal([50_000], { rng: createRng(6), mean, std, low: -1, high: 3, dtype: 'float64' })
      .dataSync()
      .map((x) => (x - mean) / std);
    expect(extent(values).min).toBeGreaterThanOrEqual(-1);
    expect(extent(values).max).toBeLessThanOrEqual(3);
    const mass = normalCdf(3) - normalCdf(-1);
    const cdf = (x: number) => (normalCdf(x) - normalCdf(-1)) / mass;
    expect(scaledKolmogorovSmirnov(values, cdf)).toBeLessThan(KS_CRITICAL);
  });

  it('rejects low >= high and non-positive std, naming the function', () => {
    const rng = createRng(0);
    expect(() => truncatedNormal([2], { rng, low: 2, high: -2 })).toThrow(ValueError);
    expect(() => truncatedNormal([2], { rng, low: 1, high: 1 })).toThrow('truncatedNormal: low must be below high');
    expect(() => truncatedNormal([2], { rng, std: 0 })).toThrow('truncatedNormal: std must be a positive');
  });
});
