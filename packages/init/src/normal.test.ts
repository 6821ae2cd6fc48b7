import { createRng, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { KS_CRITICAL, momentErrors, normalCdfOf, scaledKolmogorovSmirnov } from '../test/statistics.js';
import { normal } from './normal.js';

describe('normal', () => {
  it.each(['float32', 'float64'] as const)('draws N(mean, std²) in %s: moments and KS', (dtype) => {
    const [mean, std] = [0.25, 0.05];
    const values = normal([400, 250], { rng: createRng(3), mean, std, dtype }).dataSync();
    const { meanErrors, varianceErrors } = momentErrors(values, mean, std * std);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
    expect(scaledKolmogorovSmirnov(values, normalCdfOf(mean, std))).toBeLessThan(KS_CRITICAL);
    expect(scaledKolmogorovSmirnov(values, normalCdfOf(mean, std * 1.05))).toBeGreaterThan(KS_CRITICAL);
  });

  it('defaults to N(0, 1)', () => {
    const values = normal([50_000], { rng: createRng(4), dtype: 'float64' }).dataSync();
    expect(scaledKolmogorovSmirnov(values, normalCdfOf(0, 1))).toBeLessThan(KS_CRITICAL);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects std = %d', (std) => {
    expect(() => normal([2], { rng: createRng(0), std })).toThrow(ValueError);
    expect(() => normal([2], { rng: createRng(0), std })).toThrow('normal: std must be a positive finite number');
  });
});
