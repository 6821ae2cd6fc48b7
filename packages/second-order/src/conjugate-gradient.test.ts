import { createRng, linalg, matmul, ShapeError, type Tensor, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { conjugateGradient } from './index.js';

/** A = Q diag(eigenvalues) Qᵀ with a seeded Haar rotation Q: an SPD matrix of known spectrum. */
function spd(eigenvalues: readonly number[], seed: number): Tensor {
  const n = eigenvalues.length;
  const gaussian = createRng(seed).normal([n, n], { dtype: 'float64' });
  const q = Array.from(linalg.qr(gaussian, { nonNegativeDiagonal: true }).q.dataSync() as Float64Array);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let k = 0; k < n; k++) total += q[i * n + k] * eigenvalues[k] * q[j * n + k];
      a[i * n + j] = total;
    }
  }
  return tensor(a, { shape: [n, n], dtype: 'float64' });
}

const vector = (n: number, seed: number) => createRng(seed).normal([n], { dtype: 'float64' });
const values = (t: Tensor) => Array.from(t.dataSync() as Float64Array);
const norm = (v: readonly number[]) => Math.sqrt(v.reduce((total, x) => total + x * x, 0));

/** ‖b − A x‖₂ computed independently of the solver's recurrence. */
function trueResidual(a: Tensor, x: Tensor, b: Tensor): number {
  const ax = values(matmul(a, x.reshape([-1, 1])));
  return norm(values(b).map((bi, i) => bi - ax[i]));
}

describe('conjugateGradient', () => {
  it.each([2, 3, 5, 8, 12])('solves an %i-dimensional well-conditioned SPD system in at most n iterations', (n) => {
    const eigenvalues = Array.from({ length: n }, (_, i) => 1 + (3 * i) / Math.max(1, n - 1));
    const a = spd(eigenvalues, n);
    const b = vector(n, 100 + n);
    const result = conjugateGradient(a, b, { tolerance: 1e-12 });
    expect(result.converged, result.message).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(n);
    const exact = values(linalg.solve(a, b));
    values(result.x).forEach((xi, i) => {
      expect(xi).toBeCloseTo(exact[i], 9);
    });
  });

  it('needs one iteration per distinct eigenvalue', () => {
    // 20 dimensions but only 3 distinct eigenvalues: CG finishes in 3 iterations (Nocedal & Wright Theorem 5.4).
    const eigenvalues = Array.from({ length: 20 }, (_, i) => [1, 4, 9][i % 3]);
    const result = conjugateGradient(spd(eigenvalues, 7), vector(20, 8), { tolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(3);
  });

  it('reaches the tolerance on a larger ill-conditioned system', () => {
    const n = 200;
    const eigenvalues = Array.from({ length: n }, (_, i) => 1000 ** (i / (n - 1)));
    const a = spd(eigenvalues, 3);
    const b = vector(n, 4);
    const result = conjugateGradient(a, b, { tolerance: 1e-8 });
    expect(result.converged, result.message).toBe(true);
    expect(trueResidual(a, result.x, b)).toBeLessThanOrEqual(1e-8 * norm(values(b)) * 1.01);
    // The residual bound ‖rₖ‖ ≤ 2√κ·((√κ − 1)/(√κ + 1))ᵏ·‖r₀‖ caps the iterations; rounding makes CG need more
    // than n here, as it loses A-conjugacy.
    const rootKappa = Math.sqrt(1000);
    const bound = Math.log((2 * rootKappa) / 1e-8) / Math.log((rootKappa + 1) / (rootKappa - 1));
    expect(result.iterations).toBeLessThanOrEqual(Math.ceil(bound));
    expect(result.residualNorm).toBeCloseTo(trueResidual(a, result.x, b), 10);
  });

  it('takes a matrix-free A and a preconditioner that cuts the iterations', () => {
    // Badly scaled diagonal-dominant system: Jacobi preconditioning makes it nearly the identity.
    const n = 60;
    const diagonal = Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = diagonal[i];
      if (i + 1 < n) {
        const off = 0.1 * Math.sqrt(diagonal[i] * diagonal[i + 1]);
        a[i * n + i + 1] = off;
        a[(i + 1) * n + i] = off;
      }
    }
    const matrix = tensor(a, { shape: [n, n], dtype: 'float64' });
    const b = vector(n, 11);
    const multiply = (v: Tensor) => matmul(matrix, v.reshape([n, 1])).reshape([n]);
    const plain = conjugateGradient(multiply, b, { tolerance: 1e-10, maxIterations: 5000 });
    const jacobi = tensor(
      diagonal.map((d) => 1 / d),
      { dtype: 'float64' },
    );
    const preconditioned = conjugateGradient(multiply, b, { tolerance: 1e-10, preconditioner: jacobi });
    const asFunction = conjugateGradient(matrix, b, {
      tolerance: 1e-10,
      preconditioner: (r) => r.mul(jacobi),
    });
    expect(preconditioned.converged).toBe(true);
    expect(preconditioned.iterations).toBeLessThan(plain.iterations / 3);
    expect(asFunction.iterations).toBe(preconditioned.iterations);
    expect(trueResidual(matrix, preconditioned.x, b)).toBeLessThan(1e-9 * norm(values(b)));
    expect(preconditioned.matvecs).toBe(preconditioned.iterations);
  });

  it('starts from x0 and keeps the dtype of b', () => {
    const a = spd([1, 2, 3], 1);
    const b = vector(3, 2);
    const exact = linalg.solve(a, b);
    const warm = conjugateGradient(a, b, { x0: exact, tolerance: 1e-8 });
    expect(warm.iterations).toBe(0);
    expect(warm.matvecs).toBe(1);
    const single = conjugateGradient(a.cast('float32'), b.cast('float32'), { tolerance: 1e-5 });
    expect(single.x.dtype).toBe('float32');
    expect(single.converged).toBe(true);
  });

  it('reports an indefinite A instead of dividing by its curvature', () => {
    const indefinite = tensor(
      [
        [1, 0],
        [0, -1],
      ],
      { dtype: 'float64' },
    );
    const result = conjugateGradient(indefinite, tensor([1, 1], { dtype: 'float64' }));
    expect(result.status).toBe('not-positive-definite');
    expect(result.converged).toBe(false);
  });

  it('stops at maxIterations', () => {
    const result = conjugateGradient(spd([1, 10, 100, 1000], 5), vector(4, 6), { maxIterations: 2, tolerance: 1e-14 });
    expect(result).toMatchObject({ status: 'max-iterations', iterations: 2, converged: false });
  });

  it('names itself in errors', () => {
    const b = tensor([1, 2], { dtype: 'float64' });
    expect(() => conjugateGradient(tensor([[1, 2, 3]], { dtype: 'float64' }), b)).toThrow(ShapeError);
    expect(() => conjugateGradient(tensor([[1, 2, 3]], { dtype: 'float64' }), b)).toThrow(
      /^conjugateGradient: A must be/,
    );
    expect(() => conjugateGradient((v) => v.reshape([1, 2]).sum(1), b)).toThrow(
      /conjugateGradient: A must return a tensor of 2 values/,
    );
    expect(() => conjugateGradient(spd([1, 2], 0), b, { tolerance: -1 })).toThrow(ValueError);
    expect(() => conjugateGradient(spd([1, 2], 0), b, { preconditioner: tensor([1, 2, 3]) })).toThrow(
      /preconditioner must be \[2\] or \[2, 2\]/,
    );
    expect(() => conjugateGradient(spd([1, 2], 0), [1, 2] as unknown as Tensor)).toThrow(
      /conjugateGradient: b must be a Tensor/,
    );
  });
});
