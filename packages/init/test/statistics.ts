/**
 * Statistical oracles for the initializer tests, written from textbook formulas and independent of the code under
 * test (and of @descent/tensor's own test utilities).
 */

/** Sample mean, unbiased variance and fourth central moment, in float64. */
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
 * How many standard errors the sample mean and variance lie from `mean` and `variance`. The standard error of the
 * variance, √((m₄ − σ⁴)/n), uses the sample fourth moment, valid for any distribution with a finite m₄.
 */
export function momentErrors(
  values: ArrayLike<number>,
  mean: number,
  variance: number,
): { meanErrors: number; varianceErrors: number } {
  const n = values.length;
  const sample = moments(values);
  return {
    meanErrors: Math.abs(sample.mean - mean) / Math.sqrt(variance / n),
    varianceErrors: Math.abs(sample.variance - variance) / Math.sqrt(Math.max(sample.fourth - variance ** 2, 0) / n),
  };
}

/**
 * The Kolmogorov-Smirnov statistic scaled by √n, √n · sup |F_n(x) − F(x)|. Under the null hypothesis it follows the
 * Kolmogorov distribution for large n: P(> 1.36) ≈ 0.05, P(> 1.63) ≈ 0.01, P(> 1.95) ≈ 0.001.
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

/** The KS acceptance threshold used throughout: p ≈ 0.001 under the null. */
export const KS_CRITICAL = 1.95;

/**
 * The error function to about 1e-14: its Maclaurin series below 2.5, and above that the continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated from the bottom.
 * @see Abramowitz & Stegun 1964, 7.1.5 and 7.1.15
 */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < 2.5) {
    let term = x; // (−1)ⁿ x^{2n+1} / n!
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let fraction = x;
  for (let k = 80; k >= 1; k--) fraction = x + k / 2 / fraction;
  return 1 - Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

/** Standard normal CDF Φ(x) = (1 + erf(x/√2)) / 2. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** CDF of U(low, high). */
export function uniformCdf(low: number, high: number): (x: number) => number {
  return (x) => Math.min(1, Math.max(0, (x - low) / (high - low)));
}

/** CDF of N(mean, std²). */
export function normalCdfOf(mean: number, std: number): (x: number) => number {
  return (x) => normalCdf((x - mean) / std);
}

/**
 * A normal N(0, std²) cut to [−c·std, c·std]: its CDF, its variance, and the std after cutting.
 * Var = std² · (1 − 2cφ(c) / (Φ(c) − Φ(−c))) (Johnson, Kotz & Balakrishnan 1994, §10.1).
 */
export function truncatedNormal(std: number, c = 2): { cdf: (x: number) => number; variance: number } {
  const mass = normalCdf(c) - normalCdf(-c);
  const cdf = (x: number) => Math.min(1, Math.max(0, (normalCdf(x / std) - normalCdf(-c)) / mass));
  return { cdf, variance: std * std * (1 - (2 * c * normalPdf(c)) / mass) };
}

/** Pearson's χ² statistic Σ (O − E)² / E. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += (observed[i] - expected[i]) ** 2 / expected[i];
  return total;
}

/** Upper χ² quantile with `df` degrees of freedom at z standard deviations (Wilson-Hilferty), z = 4: p ≈ 3e-5. */
export function chiSquareCritical(df: number, z = 4): number {
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/** Largest |(MᵀM)_ij − target·δ_ij| for a row-major rows×cols M, or of MMᵀ when `rowsOrthonormal`. */
export function orthogonalityError(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  target: number,
  rowsOrthonormal = false,
): number {
  const [outer, inner] = rowsOrthonormal ? [rows, cols] : [cols, rows];
  const at = rowsOrthonormal
    ? (o: number, t: number) => values[o * cols + t]
    : (o: number, t: number) => values[t * cols + o];
  let worst = 0;
  for (let a = 0; a < outer; a++) {
    for (let b = a; b < outer; b++) {
      let dot = 0;
      for (let t = 0; t < inner; t++) dot += at(a, t) * at(b, t);
      worst = Math.max(worst, Math.abs(dot - (a === b ? target : 0)));
    }
  }
  return worst;
}

/** Smallest and largest value, by a loop: spreading 10⁵ values into Math.min overflows the stack on some engines. */
export function extent(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return { min, max };
}
