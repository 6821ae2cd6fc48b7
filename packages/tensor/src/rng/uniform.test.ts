import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { floatInterval } from './float-interval.js';
import { createRng } from './rng.js';
import { momentErrors, scaledKolmogorovSmirnov } from './statistics.test-util.js';

const N = 100_000;

describe('Rng.uniform', () => {
  it.each(['float32', 'float64'] as const)('has the moments of U(low, high) in %s', (dtype) => {
    const [low, high] = [-3, 5];
    const values = createRng(1).uniform([N], { low, high, dtype }).dataSync();
    const { meanErrors, varianceErrors } = momentErrors(values, (low + high) / 2, (high - low) ** 2 / 12);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
  });

  it.each(['float32', 'float64'] as const)('passes Kolmogorov-Smirnov against the uniform CDF in %s', (dtype) => {
    const values = createRng(2).uniform([N], { dtype }).dataSync();
    expect(scaledKolmogorovSmirnov(values, (x) => Math.min(Math.max(x, 0), 1))).toBeLessThan(1.95);
  });

  it('has the requested shape and dtype, and a scalar by default', () => {
    const rng = createRng(3);
    const x = rng.uniform([2, 3, 4], { dtype: 'float64' });
    expect([x.shape, x.dtype]).toEqual([[2, 3, 4], 'float64']);
    const s = rng.uniform();
    expect([s.shape, s.dtype]).toEqual([[], 'float32']);
    expect(rng.uniform([0, 5]).size).toBe(0);
  });

  it('uses 24 bits per float32 and 53 per float64, so every value sits on that grid', () => {
    const f32 = createRng(4).uniform([10_000]).dataSync();
    const f64 = createRng(4).uniform([10_000], { dtype: 'float64' }).dataSync();
    expect(Array.from(f32).every((x) => Number.isInteger(x * 2 ** 24))).toBe(true);
    expect(Array.from(f64).every((x) => Number.isInteger(x * 2 ** 53))).toBe(true);
    // 53-bit values are not all on the 24-bit grid (they would be if the float64 path reused the float32 one).
    expect(Array.from(f64).filter((x) => !Number.isInteger(x * 2 ** 24)).length).toBeGreaterThan(9_990);
  });

  it('never returns high, even where low + (high − low)·u rounds up to it', () => {
    // In float32 the only values in [1, 1 + 2^-22) are 1 and 1 + 2^-23; a quarter of the draws round to 1 + 2^-22.
    const high = 1 + 2 ** -22;
    const values = createRng(5).uniform([10_000], { low: 1, high }).dataSync();
    expect(Math.max(...values)).toBe(1 + 2 ** -23);
    expect(Math.min(...values)).toBe(1);
    const wide = createRng(5).uniform([N], { low: 1, high: 2 }).dataSync();
    expect(Array.from(wide).every((x) => x >= 1 && x < 2)).toBe(true);
    const f64 = createRng(6)
      .uniform([10_000], { low: 1, high: 1 + 2 ** -51, dtype: 'float64' })
      .dataSync();
    expect(Array.from(f64).every((x) => x >= 1 && x < 1 + 2 ** -51)).toBe(true);
  });

  it('finds the representable ends of [low, high)', () => {
    expect(floatInterval('f', 1, 2, 'float32')).toEqual([1, 2 - 2 ** -23]);
    // fround(0.1) lies above 0.1, so it is the lower end; fround(0.2) lies above 0.2, so the upper end is one below.
    expect(floatInterval('f', 0.1, 0.2, 'float32')).toEqual([Math.fround(0.1), Math.fround(0.2) - 2 ** -26]);
    expect(floatInterval('f', 1, 2, 'float64')).toEqual([1, 2 - 2 ** -52]);
    expect(floatInterval('f', -1, 0, 'float64')).toEqual([-1, -(2 ** -1074)]);
    expect(floatInterval('f', -1, 0, 'float32')).toEqual([-1, -(2 ** -149)]);
    expect(() => floatInterval('f', 0.1, 0.1 + 1e-12, 'float32')).toThrow(/no finite float32 value lies in/);
  });

  it.each([
    [{ low: 1, high: 1 }, ValueError, /low must be below high, got low=1, high=1/],
    [{ low: 2, high: 1 }, ValueError, /low must be below high/],
    [{ low: Number.NaN }, ValueError, /low must be a finite number, got NaN/],
    [{ high: Number.POSITIVE_INFINITY }, ValueError, /high must be a finite number/],
    [{ low: -1e308, high: 1e308 }, ValueError, /overflows/],
    [{ low: 0, high: 1e39 }, ValueError, /exceeds the float32 range/],
    [{ dtype: 'int32' }, DTypeError, /dtype must be float32 or float64, got int32/],
    [{ dtype: 'float16' }, DTypeError, /unknown dtype/],
  ])('rejects %o', (options, type, message) => {
    expect(() => createRng(0).uniform([2], options as never)).toThrow(type);
    expect(() => createRng(0).uniform([2], options as never)).toThrow(message);
  });

  it('rejects bad shapes', () => {
    expect(() => createRng(0).uniform([2, -1])).toThrow(ShapeError);
    expect(() => createRng(0).uniform([1.5])).toThrow(/^Rng\.uniform: /);
  });
});

describe('Rng.bernoulli and Rng.integers', () => {
  it('draws 1 with probability p', () => {
    const p = 0.3;
    const values = createRng(7).bernoulli([N], { p }).dataSync();
    expect(Array.from(values).every((x) => x === 0 || x === 1)).toBe(true);
    const { meanErrors } = momentErrors(values, p, p * (1 - p));
    expect(meanErrors).toBeLessThan(5);
    expect(Array.from(createRng(7).bernoulli([100], { p: 1 }).dataSync())).toEqual(new Array(100).fill(1));
    expect(Array.from(createRng(7).bernoulli([100], { p: 0 }).dataSync())).toEqual(new Array(100).fill(0));
    expect(createRng(7).bernoulli([2], { dtype: 'bool' }).dtype).toBe('bool');
    expect(() => createRng(0).bernoulli([2], { p: 1.5 })).toThrow(/^Rng\.bernoulli: p must be a probability/);
  });

  it('draws integers uniformly from [low, high)', () => {
    const values = createRng(8).integers(-2, 3, [N]);
    expect(values.dtype).toBe('int32');
    const data = values.dataSync();
    const counts = [0, 0, 0, 0, 0];
    for (const x of data) counts[x + 2]++;
    // Each count is Binomial(N, 1/5): 5 standard deviations of sqrt(N·0.2·0.8).
    for (const count of counts) expect(Math.abs(count - N / 5)).toBeLessThan(5 * Math.sqrt(N * 0.16));
    const extremes = createRng(9)
      .integers(-(2 ** 31), 2 ** 31, [1000])
      .dataSync();
    expect(Array.from(extremes).some((x) => x < -(2 ** 30)) && Array.from(extremes).some((x) => x > 2 ** 30)).toBe(
      true,
    );
    expect(() => createRng(0).integers(0, 2 ** 31 + 1)).toThrow(/^Rng\.integers: high must be an integer in/);
    expect(() => createRng(0).integers(3, 3)).toThrow(/low must be below high/);
  });
});
