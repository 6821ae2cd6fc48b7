import { createRng, linalg, type Rng, ShapeError, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  extent,
  KS_CRITICAL,
  moments,
  orthogonalityError,
  scaledKolmogorovSmirnov,
  uniformCdf,
} from '../test/statistics.js';
import { orthogonal } from './orthogonal.js';

const METHODS = ['householder', 'gram-schmidt'] as const;

/** `draws` independent matrices from `sample`, each as a row-major block. */
function collect(draws: number, sample: (rng: Rng) => ArrayLike<number>, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: draws }, () => Float64Array.from(sample(rng)));
}

/** The Q of plain Householder QR of a Gaussian matrix, without the sign correction: the biased construction. */
function uncorrectedQ(rng: Rng, n: number): ArrayLike<number> {
  return linalg.qr(rng.normal([n, n], { dtype: 'float64' })).q.dataSync();
}

describe('orthogonal: orthonormality', () => {
  // [fanIn, fanOut] tall → WᵀW = gain²·I; wide → WWᵀ = gain²·I; n-D flattens the trailing dimensions, rows = shape[0].
  const SHAPES = [
    { shape: [64, 64], rows: 64, cols: 64 },
    { shape: [100, 30], rows: 100, cols: 30 },
    { shape: [30, 100], rows: 30, cols: 100 },
    { shape: [16, 8, 3, 3], rows: 16, cols: 72 },
    { shape: [40, 2, 3], rows: 40, cols: 6 },
  ];
  describe.each(METHODS)('%s', (method) => {
    it.each(SHAPES)('$shape in float64 and float32, with gain 1.5', ({ shape, rows, cols }) => {
      const gain = 1.5;
      const wide = rows < cols;
      const w64 = orthogonal(shape, { rng: createRng(31), gain, method, dtype: 'float64' });
      expect(w64.shape).toEqual(shape);
      expect(orthogonalityError(w64.dataSync(), rows, cols, gain * gain, wide)).toBeLessThan(1e-13);
      const w32 = orthogonal(shape, { rng: createRng(31), gain, method });
      expect(w32.dtype).toBe('float32');
      expect(orthogonalityError(w32.dataSync(), rows, cols, gain * gain, wide)).toBeLessThan(2e-6);
      // And the complement is not orthonormal (unless square): the check is on the right side.
      if (rows !== cols)
        expect(orthogonalityError(w64.dataSync(), rows, cols, gain * gain, !wide)).toBeGreaterThan(0.1);
    });
  });

  it.each([
    [50, 50],
    [80, 20],
    [20, 80],
  ])('gives the same matrix by Householder and Gram-Schmidt from the same seed: [%d, %d]', (rows, cols) => {
    // Both compute the unique QR with diag(R) > 0 of the same Gaussian draw.
    const a = orthogonal([rows, cols], { rng: createRng(32), method: 'householder', dtype: 'float64' }).dataSync();
    const b = orthogonal([rows, cols], { rng: createRng(32), method: 'gram-schmidt', dtype: 'float64' }).dataSync();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('orthogonal: Haar uniformity', () => {
  const DRAWS = 3000;

  describe.each(METHODS)('%s', (method) => {
    const sample = (n: number) => (rng: Rng) => orthogonal([n, n], { rng, method, dtype: 'float64' }).dataSync();

    it('makes every entry of a 3×3 matrix uniform on [−1, 1] (each column is uniform on the sphere S²)', () => {
      // Archimedes: one coordinate of a uniform point on S² is U(−1, 1).
      const qs = collect(DRAWS, sample(3), 41);
      for (const entry of [0, 4, 8, 1, 5, 6]) {
        const values = qs.map((q) => q[entry]);
        expect(scaledKolmogorovSmirnov(values, uniformCdf(-1, 1))).toBeLessThan(KS_CRITICAL);
      }
    });

    it('gives Q₁₁ of a 5×5 matrix the density (3/4)(1 − x²)', () => {
      // A coordinate of a uniform point on S^{n−1} has density ∝ (1 − x²)^{(n−3)/2}; for n = 5, CDF (2 + 3x − x³)/4.
      const values = collect(DRAWS, sample(5), 42).map((q) => q[0]);
      expect(scaledKolmogorovSmirnov(values, (x) => (2 + 3 * x - x ** 3) / 4)).toBeLessThan(KS_CRITICAL);
    });

    it('centres the diagonal, E[Q_ii] = 0, with E[Q_ii²] = 1/n, E[tr Q] = 0 and E[(tr Q)²] = 1', () => {
      const n = 6;
      const qs = collect(DRAWS, sample(n), 43);
      for (let i = 0; i < n; i++) {
        const diagonal = qs.map((q) => q[i * n + i]);
        const { mean } = moments(diagonal);
        expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(1 / n / DRAWS));
        // Q_ii² ~ Beta(1/2, (n − 1)/2): mean 1/n, variance 2(n − 1)/(n²(n + 2)).
        const squares = moments(diagonal.map((x) => x * x));
        expect(Math.abs(squares.mean - 1 / n)).toBeLessThan(5 * Math.sqrt((2 * (n - 1)) / (n * n * (n + 2)) / DRAWS));
      }
      // For Haar O(n) the trace has the moments of a standard normal up to order n (Diaconis & Shahshahani 1994).
      const traces = qs.map((q) => {
        let trace = 0;
        for (let i = 0; i < n; i++) trace += q[i * n + i];
        return trace;
      });
      const { mean, variance } = moments(traces);
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(1 / DRAWS));
      expect(Math.abs(variance + mean * mean - 1)).toBeLessThan(5 * Math.sqrt(2 / DRAWS));
    });
  });

  it('is needed: Householder QR without the sign correction is biased', () => {
    const n = 6;
    const qs = collect(DRAWS, (rng) => uncorrectedQ(rng, n), 43);
    // LAPACK's convention makes R₁₁ = −sign(A₁₁)‖a₁‖, so Q₁₁ = −|A₁₁|/‖a₁‖ is never positive.
    const first = qs.map((q) => q[0]);
    expect(extent(first).max).toBeLessThanOrEqual(0);
    expect(moments(first).mean).toBeLessThan(-20 * Math.sqrt(1 / n / DRAWS));
    const threeByThree = collect(DRAWS, (rng) => uncorrectedQ(rng, 3), 41).map((q) => q[0]);
    expect(scaledKolmogorovSmirnov(threeByThree, uniformCdf(-1, 1))).toBeGreaterThan(10 * KS_CRITICAL);
  });

  it.each([
    { shape: [3, 2], rows: 3, cols: 2 },
    { shape: [2, 3], rows: 2, cols: 3 },
    { shape: [2, 1, 3], rows: 2, cols: 3 },
  ])('draws uniform frames for tall, wide and n-D shapes: $shape', ({ shape, rows, cols }) => {
    // Tall: each column is uniform on S²; wide (and [2, 1, 3] flattened to 2×3): each row is.
    const rng = createRng(45);
    const ws = Array.from({ length: DRAWS }, () => orthogonal(shape, { rng, dtype: 'float64' }).dataSync());
    for (let entry = 0; entry < rows * cols; entry++) {
      const values = ws.map((w) => w[entry]);
      expect(scaledKolmogorovSmirnov(values, uniformCdf(-1, 1))).toBeLessThan(KS_CRITICAL);
    }
  });
});

describe('orthogonal: bad input', () => {
  const rng = createRng(0);
  it('needs at least 2 dimensions', () => {
    expect(() => orthogonal([5], { rng })).toThrow(ShapeError);
    expect(() => orthogonal([5], { rng })).toThrow('orthogonal: expected a shape with at least 2 dimensions, got [5]');
  });
  it('rejects a non-positive gain and an unknown method', () => {
    expect(() => orthogonal([2, 2], { rng, gain: 0 })).toThrow(ValueError);
    expect(() => orthogonal([2, 2], { rng, gain: -1 })).toThrow('orthogonal: gain must be a positive finite number');
    const bad = { rng, method: 'svd' } as unknown as { rng: Rng };
    expect(() => orthogonal([2, 2], bad)).toThrow(`orthogonal: method must be one of 'householder', 'gram-schmidt'`);
  });
  it('returns an empty tensor for a zero-size shape', () => {
    expect(orthogonal([0, 4], { rng }).shape).toEqual([0, 4]);
  });
});
