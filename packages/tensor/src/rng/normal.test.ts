import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError } from '../errors.js';
import { createRng } from './rng.js';
import { erfc, momentErrors, normalCdf, scaledKolmogorovSmirnov } from './statistics.test-util.js';

const N = 100_000;

describe('Rng.normal', () => {
  it.each(['float32', 'float64'] as const)('has mean and variance of N(mean, std²) in %s', (dtype) => {
    const [mean, std] = [1.5, 0.25];
    const values = createRng(10).normal([N], { mean, std, dtype }).dataSync();
    const { meanErrors, varianceErrors } = momentErrors(values, mean, std * std);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
  });

  it('passes Kolmogorov-Smirnov against Φ, for several seeds', () => {
    for (const seed of [11, 12, 13]) {
      const values = createRng(seed).normal([N], { dtype: 'float64' }).dataSync();
      expect(scaledKolmogorovSmirnov(values, normalCdf)).toBeLessThan(1.95);
    }
  });

  it('has the right skewness, kurtosis and tail mass', () => {
    const n = 1_000_000;
    const values = createRng(14).normal([n], { dtype: 'float64' }).dataSync();
    let third = 0;
    let fourth = 0;
    for (const x of values) {
      third += x ** 3;
      fourth += x ** 4;
    }
    // E z³ = 0 with variance 15/n; E z⁴ = 3 with variance (105 − 9)/n.
    expect(Math.abs(third / n)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(fourth / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // The ziggurat switches to a separate tail sampler beyond 3.44; check mass on both sides of that seam.
    for (const cut of [2, 3, 3.44, 4, 4.5]) {
      const p = erfc(cut / Math.SQRT2); // P(|z| > cut)
      const count = Array.from(values).filter((x) => Math.abs(x) > cut).length;
      expect(Math.abs(count - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)) + 1);
    }
  });

  it('is symmetric: positive and negative halves are equally likely at every layer', () => {
    const values = createRng(15).normal([N], { dtype: 'float64' }).dataSync();
    const positive = Array.from(values).filter((x) => x > 0).length;
    expect(Math.abs(positive - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
  });

  it('gives float32 values that are the float64 values of the same stream, rounded', () => {
    const f32 = createRng(16).normal([1000], { mean: 2, std: 3 }).dataSync();
    const f64 = createRng(16).normal([1000], { mean: 2, std: 3, dtype: 'float64' }).dataSync();
    expect(Array.from(f32)).toEqual(Array.from(f64, Math.fround));
  });

  it('has no serial correlation between consecutive values', () => {
    const values = createRng(17).normal([N], { dtype: 'float64' }).dataSync();
    let lag = 0;
    for (let i = 1; i < N; i++) lag += values[i] * values[i - 1];
    expect(Math.abs(lag / (N - 1))).toBeLessThan(5 / Math.sqrt(N));
  });

  it('gives exactly `mean` when std is 0', () => {
    expect(Array.from(createRng(0).normal([3], { mean: 4, std: 0 }).dataSync())).toEqual([4, 4, 4]);
  });

  it.each([
    [{ std: -1 }, ValueError, /^Rng\.normal: std must be non-negative, got -1/],
    [{ std: Number.NaN }, ValueError, /std must be a finite number, got NaN/],
    [{ mean: Number.POSITIVE_INFINITY }, ValueError, /mean must be a finite number/],
    [{ dtype: 'bool' }, DTypeError, /dtype must be float32 or float64, got bool/],
  ])('rejects %o', (options, type, message) => {
    expect(() => createRng(0).normal([2], options as never)).toThrow(type);
    expect(() => createRng(0).normal([2], options as never)).toThrow(message);
  });
});
