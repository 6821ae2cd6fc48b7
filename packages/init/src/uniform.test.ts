import { createRng, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { extent, KS_CRITICAL, momentErrors, scaledKolmogorovSmirnov, uniformCdf } from '../test/statistics.js';
import { uniform } from './uniform.js';

describe('uniform', () => {
  it.each(['float32', 'float64'] as const)('draws U(low, high) in %s: bounds, moments and KS', (dtype) => {
    const [low, high] = [-0.3, 0.7];
    const values = uniform([400, 250], { rng: createRng(1), low, high, dtype }).dataSync();
    expect(extent(values).min).toBeGreaterThanOrEqual(low);
    expect(extent(values).max).toBeLessThan(high);
    const { meanErrors, varianceErrors } = momentErrors(values, (low + high) / 2, (high - low) ** 2 / 12);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
    expect(scaledKolmogorovSmirnov(values, uniformCdf(low, high))).toBeLessThan(KS_CRITICAL);
    // The same test rejects a slightly wrong target, so it has power at this sample size.
    expect(scaledKolmogorovSmirnov(values, uniformCdf(low, high * 1.02))).toBeGreaterThan(KS_CRITICAL);
  });

  it('defaults to U(0, 1), as torch.nn.init.uniform_', () => {
    const values = uniform([50_000], { rng: createRng(2), dtype: 'float64' }).dataSync();
    expect(scaledKolmogorovSmirnov(values, uniformCdf(0, 1))).toBeLessThan(KS_CRITICAL);
  });

  it('rejects low >= high and non-finite limits, naming the function', () => {
    const rng = createRng(0);
    expect(() => uniform([2], { rng, low: 1, high: 1 })).toThrow(ValueError);
    expect(() => uniform([2], { rng, low: 1, high: 0 })).toThrow('uniform: low must be below high, got low=1, high=0');
    expect(() => uniform([2], { rng, high: Number.POSITIVE_INFINITY })).toThrow(
      'uniform: high must be a finite number',
    );
  });
});
