import { describe, expect, it } from 'vitest';
import { gradientTolerance, runCase, scipyCases, torchCases } from './fixture-runs.js';

describe.each([...scipyCases, ...torchCases])('$label against $referenceMethod', (reference) => {
  const result = runCase(reference);

  it('converges to the same minimum', () => {
    expect(result.success, result.message).toBe(true);
    expect(result.status).toBe('converged');
    const x = Array.from(result.x.dataSync() as Float64Array);
    x.forEach((value, i) => {
      expect(Math.abs(value - reference.x[i])).toBeLessThan(1e-5);
    });
    expect(Math.abs(result.fun - reference.fun)).toBeLessThan(1e-9);
    expect(Math.max(...Array.from(result.jac.dataSync() as Float64Array, Math.abs))).toBeLessThanOrEqual(
      gradientTolerance,
    );
  });

  if (reference.source === 'scipy') {
    it('needs at most 1.5x the evaluations and iterations SciPy needs', () => {
      expect(result.nfev).toBeLessThanOrEqual(1.5 * reference.nfev);
      expect(result.nit).toBeLessThanOrEqual(1.5 * reference.nit);
    });
  }
});
