// Shared by the linalg tests only (not exported from the package): a seeded generator and float64 reference
// arithmetic, so every oracle below is independent of the code under test.
import { expect } from 'vitest';
import { tensor } from '../creation/tensor.js';
import type { FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';

export const DTYPES: readonly FloatDType[] = ['float32', 'float64'];
export const EPS: Record<FloatDType, number> = { float32: 2 ** -23, float64: 2 ** -52 };

/** mulberry32: a tiny seeded generator of uniforms in [0, 1); local so the tests do not depend on the project RNG. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal by Box–Muller. */
export function gaussian(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function randomMatrix(uniform: () => number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = gaussian(uniform);
  return out;
}

/** Random symmetric matrix (B + Bᵀ)/2. */
export function randomSymmetric(uniform: () => number, n: number): Float64Array {
  const b = randomMatrix(uniform, n, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = 0.5 * (b[i * n + j] + b[j * n + i]);
  return out;
}

/** Random symmetric positive definite matrix BᵀB + I. */
export function randomSpd(uniform: () => number, n: number): Float64Array {
  const b = randomMatrix(uniform, n, n);
  const out = matmul(transpose(b, n, n), b, n, n, n);
  for (let i = 0; i < n; i++) out[i * n + i] += 1;
  return out;
}

/** C = A B for row-major A (m×k) and B (k×n), plainly in float64. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
    }
  }
  return c;
}

export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

export function frobenius(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return Math.sqrt(sum);
}

export function difference(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

export function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** ‖QᵀQ − I‖_F for Q of shape rows×cols. */
export function orthogonalityError(q: ArrayLike<number>, rows: number, cols: number): number {
  return frobenius(difference(matmul(transpose(q, rows, cols), q, cols, rows, cols), identity(cols)));
}

/** The Hilbert matrix hᵢⱼ = 1/(i + j + 1): symmetric positive definite, cond₂(H₁₀) ≈ 1.6e13. */
export function hilbert(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = 1 / (i + j + 1);
  return out;
}

/** A random orthogonal matrix as a product of n Householder reflections: built without the QR under test. */
export function randomOrthogonal(uniform: () => number, n: number): Float64Array {
  let q = identity(n);
  for (let r = 0; r < n; r++) {
    const v = randomMatrix(uniform, n, 1);
    const vv = frobenius(v) ** 2;
    const reflection = identity(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) reflection[i * n + j] -= (2 * v[i] * v[j]) / vv;
    q = matmul(q, reflection, n, n, n);
  }
  return q;
}

/** Singular values logarithmically spaced from 1 down to 1/condition. */
export function logSpacedValues(n: number, condition: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? 1 : condition ** (-i / (n - 1));
  return out;
}

/** U diag(σ) Vᵀ with the given singular values; pass `symmetric` for U diag(σ) Uᵀ (then σ are the eigenvalues). */
export function withSpectrum(uniform: () => number, sigma: Float64Array, symmetric = false): Float64Array {
  const n = sigma.length;
  const u = randomOrthogonal(uniform, n);
  const v = symmetric ? u : randomOrthogonal(uniform, n);
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled[i * n + j] = u[i * n + j] * sigma[j];
  const out = matmul(scaled, transpose(v, n, n), n, n, n);
  if (symmetric) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i] = 0.5 * (out[i * n + j] + out[j * n + i]);
    }
  }
  return out;
}

export function make(values: ArrayLike<number>, shape: readonly number[], dtype: FloatDType): Tensor {
  return tensor(Float64Array.from(values), { shape, dtype });
}

/** A tensor's values widened to float64 (the exact values a float32 tensor holds). */
export function read(x: Tensor): Float64Array {
  return Float64Array.from(x.dataSync());
}

/** Element-wise `toBeCloseTo` with a message naming the index that differs. */
export function expectCloseTo(actual: ArrayLike<number>, expected: ArrayLike<number>, digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], `index ${i}`).toBeCloseTo(expected[i], digits);
}
