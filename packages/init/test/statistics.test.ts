import { describe, expect, it } from 'vitest';
import { erf, normalCdf, scaledKolmogorovSmirnov, truncatedNormal, uniformCdf } from './statistics.js';

// The oracles must be right before they judge anything: reference values from Python's math.erf.
describe('test oracles', () => {
  it.each([
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [2.5, 0.999593047982555],
    [3, 0.9999779095030014],
    [-1.5, -0.9661051464753108],
  ])('erf(%d)', (x, expected) => {
    expect(erf(x)).toBeCloseTo(expected, 13);
  });

  it('has the tabulated normal quantiles and the ±2σ truncated-normal spread', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
    // Keras and JAX rescale by this constant: the std of a standard normal cut to [−2, 2].
    expect(Math.sqrt(truncatedNormal(1).variance)).toBeCloseTo(0.87962566103423978, 12);
  });

  it('gives a small KS statistic for an exact grid and a large one for a shifted grid', () => {
    const n = 10_000;
    const grid = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    expect(scaledKolmogorovSmirnov(grid, uniformCdf(0, 1))).toBeLessThan(0.01);
    expect(scaledKolmogorovSmirnov(grid, uniformCdf(0.05, 1.05))).toBeGreaterThan(4);
  });
});
