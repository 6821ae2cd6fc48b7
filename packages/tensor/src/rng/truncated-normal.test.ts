import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors.js';
import { createRng } from './rng.js';
import { momentErrors, normalCdf, normalPdf, scaledKolmogorovSmirnov } from './statistics.test-util.js';

const N = 100_000;

/** Mean and variance of a standard normal cut to [a, b], with Z = Φ(b) − Φ(a) (Johnson, Kotz & Balakrishnan). */
function truncatedMoments(a: number, b: number): { mean: number; variance: number; z: number } {
  // Upper tails through Φ(−x) to keep the difference accurate far out.
  const z = a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
  const ta = Number.isFinite(a) ? a * normalPdf(a) : 0;
  const tb = Number.isFinite(b) ? b * normalPdf(b) : 0;
  const mean = (normalPdf(a) - normalPdf(b)) / z;
  return { mean, variance: 1 + (ta - tb) / z - mean * mean, z };
}

// One case per sampler branch: normal rejection, uniform (central), exponential tail, uniform tail, and mirrors.
const CASES = [
  { name: 'default ±2', a: -2, b: 2 },
  { name: 'wide one-sided', a: -0.5, b: Number.POSITIVE_INFINITY },
  { name: 'narrow central', a: -0.3, b: 0.4 },
  { name: 'upper tail', a: 3, b: Number.POSITIVE_INFINITY },
  { name: 'narrow upper tail', a: 3, b: 3.3 },
  { name: 'far lower tail', a: Number.NEGATIVE_INFINITY, b: -6 },
  { name: 'positive from zero', a: 0, b: 1 },
  { name: 'lower tail band', a: -5, b: -4 },
];

describe('Rng.truncatedNormal', () => {
  it.each(CASES)('matches the closed-form mean and variance: $name', ({ a, b }) => {
    const [mean, std] = [0.5, 2];
    const values = createRng(20).truncatedNormal([N], { mean, std, low: a, high: b, dtype: 'float64' }).dataSync();
    const standard = Float64Array.from(values, (x) => (x - mean) / std);
    const expected = truncatedMoments(a, b);
    const { meanErrors, varianceErrors } = momentErrors(standard, expected.mean, expected.variance);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
  });

  it.each(CASES)('passes Kolmogorov-Smirnov against the truncated CDF: $name', ({ a, b }) => {
    const values = createRng(21).truncatedNormal([N], { low: a, high: b, dtype: 'float64' }).dataSync();
    const { z } = truncatedMoments(a, b);
    // F(x) = (Φ(x) − Φ(a)) / Z, through upper tails when the interval is in the right tail.
    const cdf =
      a > 0 ? (x: number) => (normalCdf(-a) - normalCdf(-x)) / z : (x: number) => (normalCdf(x) - normalCdf(a)) / z;
    expect(scaledKolmogorovSmirnov(values, cdf)).toBeLessThan(1.95);
  });

  it.each(['float32', 'float64'] as const)('keeps every %s value within the cuts', (dtype) => {
    const [mean, std] = [0.1, 0.02];
    const values = createRng(22).truncatedNormal([N], { mean, std, dtype }).dataSync();
    const round = dtype === 'float32' ? Math.fround : (x: number) => x;
    const [lo, hi] = [round(mean + -2 * std), round(mean + 2 * std)];
    expect(Array.from(values).every((x) => x >= lo && x <= hi)).toBe(true);
    // The cuts are reached: values come within 1% of a std of both ends.
    expect(Math.min(...values)).toBeLessThan(lo + 0.01 * std);
    expect(Math.max(...values)).toBeGreaterThan(hi - 0.01 * std);
  });

  it('samples far in a tail without stalling', () => {
    const values = createRng(23).truncatedNormal([1000], { low: 30, high: 31, dtype: 'float64' }).dataSync();
    expect(Array.from(values).every((x) => x >= 30 && x <= 31)).toBe(true);
    // Beyond 30 the density falls by e^-30 per unit, so nearly all mass sits within 0.2 of the cut.
    expect(Math.max(...values)).toBeLessThan(30.5);
  });

  it('equals the normal sampler when the cuts are infinite', () => {
    const options = { low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY };
    expect(createRng(24).truncatedNormal([50], options).toArray()).toEqual(createRng(24).normal([50]).toArray());
  });

  it.each([
    [{ low: 1, high: 1 }, /low must be below high \(in standard deviations\), got low=1, high=1/],
    [{ low: 2, high: -2 }, /low must be below high/],
    [{ low: Number.NaN }, /low must be below high/],
    [{ std: -0.1 }, /^Rng\.truncatedNormal: std must be non-negative/],
  ])('rejects %o', (options, message) => {
    expect(() => createRng(0).truncatedNormal([2], options)).toThrow(ValueError);
    expect(() => createRng(0).truncatedNormal([2], options)).toThrow(message);
  });
});
