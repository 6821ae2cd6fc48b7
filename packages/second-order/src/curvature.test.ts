import { hessian } from '@descent/autodiff';
import { getProblem, problems } from '@descent/problems';
import { add, cos, linalg, mul, sum, type Tensor, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { curvature } from './index.js';

const values = (t: Tensor) => Array.from(t.dataSync() as Float64Array);

/** The oracle: eigenvalues of the explicit Hessian (autodiff's dense Hessian, then linalg.eigh). */
function explicitSpectrum(fn: (x: Tensor) => Tensor, x: Tensor): number[] {
  const h = hessian(fn)(x);
  const n = x.size;
  const matrix = values(h.reshape([n, n]));
  // Symmetrize: the dense Hessian is symmetric only up to rounding.
  const symmetric = matrix.map((v, k) => 0.5 * (v + matrix[(k % n) * n + Math.floor(k / n)]));
  return values(linalg.eigh(tensor(symmetric, { shape: [n, n], dtype: 'float64' })).values);
}

describe('curvature', () => {
  const cases = [
    { name: 'Rosenbrock at its start', problem: problems.rosenbrock, at: [-1.2, 1] },
    { name: 'Rosenbrock at its minimum', problem: problems.rosenbrock, at: [1, 1] },
    { name: 'Himmelblau near its maximum (negative definite)', problem: problems.himmelblau, at: [-0.27, -0.92] },
    { name: 'the saddle (indefinite)', problem: problems.saddle, at: [0.3, 0.2] },
    {
      name: 'Rosenbrock 8-D',
      problem: getProblem('rosenbrock', { dimension: 8 }),
      at: [0.5, -1, 1.5, 0.2, 0.9, 1.1, -0.4, 2],
    },
  ];

  it.each(cases)('matches eigh of the explicit Hessian: $name', ({ problem, at }) => {
    const x = tensor(at, { dtype: 'float64' });
    const spectrum = explicitSpectrum(problem.value, x);
    const report = curvature(problem.value, x);
    expect(report.exact).toBe(true);
    expect(report.lanczosSteps).toBe(at.length);
    const scale = Math.max(...spectrum.map(Math.abs));
    expect(report.minEigenvalue).toBeCloseTo(spectrum[0], 8);
    expect(Math.abs(report.maxEigenvalue - spectrum[spectrum.length - 1])).toBeLessThan(1e-10 * scale);
    Array.from(report.ritzValues).forEach((ritz, i) => {
      expect(Math.abs(ritz - spectrum[i])).toBeLessThan(1e-9 * scale);
    });
    const [lo, hi] = [spectrum[0], spectrum[spectrum.length - 1]];
    const expected = lo > 0 ? 'positive-definite' : hi < 0 ? 'negative-definite' : 'indefinite';
    expect(report.definiteness).toBe(expected);
    if (lo > 0) expect(report.conditionNumber).toBeCloseTo(hi / lo, 6);
    else expect(report.conditionNumber).toBe(Number.POSITIVE_INFINITY);
  });

  it('computes gᵀHg/gᵀg and the optimal gradient step from the explicit Hessian', () => {
    const x = tensor([-1.2, 1], { dtype: 'float64' });
    const { value } = problems.rosenbrock;
    const h = values(hessian(value)(x));
    // Closed-form gradient of Rosenbrock 2-D.
    const [a, b] = [-1.2, 1];
    const g = [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
    const hg = [h[0] * g[0] + h[1] * g[1], h[2] * g[0] + h[3] * g[1]];
    const gg = g[0] ** 2 + g[1] ** 2;
    const gHg = g[0] * hg[0] + g[1] * hg[1];
    const report = curvature(value, x);
    expect(report.gradientNorm).toBeCloseTo(Math.sqrt(gg), 9);
    expect(report.gradientCurvature).toBeCloseTo(gHg / gg, 8);
    expect(report.optimalStep).toBeCloseTo(gg / gHg, 12);
    expect(report.value).toBeCloseTo(24.2, 12);
  });

  it('finds the extreme eigenvalues of a 50-D quadratic: its stated condition number', () => {
    const problem = getProblem('quadratic', { dimension: 50, conditionNumber: 1e3 });
    const report = curvature(problem.value, problem.initial());
    expect(report.exact).toBe(true);
    expect(report.minEigenvalue).toBeCloseTo(1, 9);
    expect(report.maxEigenvalue).toBeCloseTo(1000, 7);
    expect(report.conditionNumber).toBeCloseTo(1000, 5);
  });

  it('estimates the extremes of a 200-D spectrum from 40 Lanczos steps', () => {
    const problem = getProblem('quadratic', { dimension: 200, conditionNumber: 100, rotation: 'axis-aligned' });
    const report = curvature(problem.value, problem.initial(), { maxSteps: 40 });
    expect(report.exact).toBe(false);
    expect(report.lanczosSteps).toBe(40);
    expect(report.hvpEvaluations).toBe(41);
    // Ritz values interlace: never outside the true spectrum [1, 100], and the extremes converge first.
    expect(report.maxEigenvalue).toBeLessThanOrEqual(100 + 1e-9);
    expect(report.maxEigenvalue).toBeGreaterThan(99.9);
    expect(report.minEigenvalue).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(report.minEigenvalue).toBeLessThan(1.2);
  });

  it('without re-orthogonalization still bounds the spectrum', () => {
    const problem = getProblem('quadratic', { dimension: 100, conditionNumber: 10, rotation: 'axis-aligned' });
    const report = curvature(problem.value, problem.initial(), { maxSteps: 60, reorthogonalize: false });
    expect(report.maxEigenvalue).toBeLessThanOrEqual(10 + 1e-8);
    expect(report.maxEigenvalue).toBeGreaterThan(9.99);
    expect(report.minEigenvalue).toBeGreaterThanOrEqual(1 - 1e-8);
  });

  it('works on a tree of parameters and reports a gradient of zero as NaN curvature', () => {
    const fn = (p: { readonly a: Tensor; readonly b: Tensor }) => add(sum(mul(p.a, p.a)), sum(cos(p.b)));
    const at = { a: tensor([0, 0], { dtype: 'float64' }), b: tensor([0], { dtype: 'float64' }) };
    const report = curvature(fn, at);
    expect(report.gradientNorm).toBe(0);
    expect(Number.isNaN(report.gradientCurvature)).toBe(true);
    expect(report.minEigenvalue).toBeCloseTo(-1, 10);
    expect(report.maxEigenvalue).toBeCloseTo(2, 10);
    expect(report.definiteness).toBe('indefinite');
  });

  it('names itself in errors', () => {
    expect(() => curvature(problems.booth.value, tensor([1, 2], { dtype: 'float64' }), { maxSteps: 0 })).toThrow(
      ValueError,
    );
    expect(() => curvature((x: Tensor) => x, tensor([1, 2], { dtype: 'float64' }))).toThrow(
      /^curvature: fn must return a scalar/,
    );
  });
});
