/**
 * Statistical oracles for the rng tests, written from textbook formulas and independent of the code under test.
 * Not part of the package surface (nothing in src/index.ts reaches this file).
 */

/** Sample mean, unbiased variance and fourth central moment. */
export function moments(values: ArrayLike<number>): { mean: number; variance: number; fourth: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  let fourth = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
    fourth += d * d * d * d;
  }
  return { mean, variance: squares / (n - 1), fourth: fourth / n };
}

/**
 * Asserts that sample mean and variance match `mean` and `variance` within `k` standard errors. The standard error
 * of the variance uses the sample fourth moment, `√((m₄ − σ⁴)/n)`, which holds for any distribution with finite m₄.
 */
export function momentErrors(
  values: ArrayLike<number>,
  mean: number,
  variance: number,
): { meanErrors: number; varianceErrors: number } {
  const n = values.length;
  const sample = moments(values);
  const meanError = Math.sqrt(variance / n);
  const varianceError = Math.sqrt(Math.max(sample.fourth - variance * variance, 0) / n);
  return {
    meanErrors: Math.abs(sample.mean - mean) / meanError,
    varianceErrors: Math.abs(sample.variance - variance) / varianceError,
  };
}

/**
 * The Kolmogorov-Smirnov statistic scaled by √n, `√n · sup |F_n(x) − F(x)|`. Under the null it follows the
 * Kolmogorov distribution: P(> 1.63) ≈ 0.01, P(> 1.95) ≈ 0.001.
 */
export function scaledKolmogorovSmirnov(values: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return Math.sqrt(n) * d;
}

/** Complementary error function, Numerical Recipes' Chebyshev fit `erfcc` (relative error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2. */
export function normalCdf(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x); 0 at ±∞. */
export function normalPdf(x: number): number {
  return Number.isFinite(x) ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0;
}

/** Pearson's statistic Σ (O − E)² / E. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += (observed[i] - expected[i]) ** 2 / expected[i];
  return total;
}

/**
 * The upper quantile of χ² with `df` degrees of freedom at `z` standard normal deviations (z = 5: p ≈ 3e-7), by the
 * Wilson-Hilferty cube-root approximation, `df·(1 − 2/(9df) + z√(2/(9df)))³`.
 */
export function chiSquareCritical(df: number, z = 5): number {
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/** Pearson correlation of two equally long samples. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = moments(x).mean;
  const my = moments(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
