import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { backtracking } from './backtracking.js';
import { strongWolfe } from './strong-wolfe.js';
import type { LineFunction } from './types.js';

interface TestFunction {
  readonly name: string;
  readonly phi: LineFunction;
  readonly c1: number;
  readonly c2: number;
}

/** Central difference of a value function: an independent check of each test function's slope. */
const slopeOf = (value: (a: number) => number) => (a: number) => (value(a + 1e-7) - value(a - 1e-7)) / 2e-7;
const fromValue =
  (value: (a: number) => number, slope: (a: number) => number): LineFunction =>
  (a) => ({
    value: value(a),
    slope: slope(a),
  });

// The six functions of Moré & Thuente 1994 (§5), with their tolerances, and two quadratics along real directions.
const gamma = (b: number) => Math.sqrt(1 + b * b) - b;
const yanai = (b1: number, b2: number): TestFunction => ({
  name: `Yanai-Ozawa-Kaneko (${b1}, ${b2})`,
  phi: fromValue(
    (a) => gamma(b1) * Math.sqrt((1 - a) ** 2 + b2 * b2) + gamma(b2) * Math.sqrt(a * a + b1 * b1),
    (a) => (gamma(b1) * (a - 1)) / Math.sqrt((1 - a) ** 2 + b2 * b2) + (gamma(b2) * a) / Math.sqrt(a * a + b1 * b1),
  ),
  c1: 0.001,
  c2: 0.001,
});
const wiggly = (() => {
  const beta = 0.01;
  const l = 39;
  const base = (a: number) => (a <= 1 - beta ? 1 - a : a >= 1 + beta ? a - 1 : (a - 1) ** 2 / (2 * beta) + beta / 2);
  const baseSlope = (a: number) => (a <= 1 - beta ? -1 : a >= 1 + beta ? 1 : (a - 1) / beta);
  return fromValue(
    (a) => base(a) + ((2 * (1 - beta)) / (l * Math.PI)) * Math.sin((l * Math.PI * a) / 2),
    (a) => baseSlope(a) + (1 - beta) * Math.cos((l * Math.PI * a) / 2),
  );
})();
const FUNCTIONS: readonly TestFunction[] = [
  {
    name: 'φ = −α/(α² + 2)',
    phi: fromValue(
      (a) => -a / (a * a + 2),
      (a) => (a * a - 2) / (a * a + 2) ** 2,
    ),
    c1: 0.001,
    c2: 0.1,
  },
  {
    name: 'φ = (α + 0.004)⁵ − 2(α + 0.004)⁴',
    phi: fromValue(
      (a) => (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
      (a) => 5 * (a + 0.004) ** 4 - 8 * (a + 0.004) ** 3,
    ),
    c1: 0.1,
    c2: 0.1,
  },
  { name: 'wiggly φ₀ + sin (l = 39)', phi: wiggly, c1: 0.1, c2: 0.1 },
  yanai(0.001, 0.001),
  yanai(0.01, 0.001),
  yanai(0.001, 0.01),
  {
    name: 'Rosenbrock along −∇f from (−1.2, 1)',
    phi: (() => {
      const f = (x: number, y: number) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
      const [dx, dy] = [215.6, 88];
      const value = (a: number) => f(-1.2 + a * dx, 1 + a * dy);
      return fromValue(value, slopeOf(value));
    })(),
    c1: 1e-4,
    c2: 0.9,
  },
  {
    name: 'ill-conditioned quadratic ½(x² + 1000y²) along −∇f',
    phi: fromValue(
      (a) => 0.5 * ((1 - a) ** 2 + 1000 * (1 - 1000 * a) ** 2),
      (a) => -(1 - a) - 1000 * 1000 * (1 - 1000 * a),
    ),
    c1: 1e-4,
    c2: 0.4,
  },
];

const STARTS = [1e-3, 1e-1, 10, 1e3];

describe.each(FUNCTIONS)('strongWolfe on $name', ({ phi, c1, c2 }) => {
  it.each(STARTS)('returns a step satisfying both strong Wolfe conditions from α₀ = %s', (initialStep) => {
    const result = strongWolfe(phi, { c1, c2, initialStep });
    expect(result.converged, result.message).toBe(true);
    // Checked against fresh evaluations, not the search's own numbers.
    const at0 = phi(0);
    const at = phi(result.step);
    expect(at.value).toBeLessThanOrEqual(at0.value + c1 * result.step * at0.slope);
    expect(Math.abs(at.slope)).toBeLessThanOrEqual(c2 * Math.abs(at0.slope));
    expect(result.value).toBe(at.value);
    expect(result.slope).toBe(at.slope);
    expect(result.evaluations).toBe(result.trials.length);
    expect(result.trials[result.trials.length - 1].step).toBe(result.step);
    expect(result.evaluations).toBeLessThan(30);
  });
});

describe('strongWolfe', () => {
  const parabola: LineFunction = (a) => ({ value: (a - 2) ** 2, slope: 2 * (a - 2) });

  it('takes φ(0) from the caller or evaluates it once', () => {
    const given = strongWolfe(parabola, { value0: 4, slope0: -4 });
    const evaluated = strongWolfe(parabola);
    expect(evaluated.step).toBe(given.step);
    expect(evaluated.evaluations).toBe(given.evaluations + 1);
    expect(evaluated.trials[0]).toEqual({ step: 0, value: 4, slope: -4 });
  });

  it('reports a direction that is not a descent direction without evaluating', () => {
    const result = strongWolfe(parabola, { value0: 4, slope0: 1 });
    expect(result.status).toBe('not-descent');
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBe(0);
  });

  it('steps back from a trial where φ is not finite', () => {
    const cliff: LineFunction = (a) =>
      a > 3 ? { value: Number.NaN, slope: Number.NaN } : { value: (a - 2) ** 2, slope: 2 * (a - 2) };
    const result = strongWolfe(cliff, { initialStep: 100 });
    expect(result.converged, result.message).toBe(true);
    expect(result.step).toBeLessThanOrEqual(3);
    expect(Math.abs(result.slope)).toBeLessThanOrEqual(0.9 * 4);
  });

  it('stops at maxEvaluations with the best step so far', () => {
    const result = strongWolfe(FUNCTIONS[0].phi, { c1: 1e-3, c2: 1e-3, initialStep: 1e-3, maxEvaluations: 4 });
    expect(result.status).toBe('max-evaluations');
    expect(result.evaluations).toBe(4);
    expect(result.value).toBeLessThan(result.value0);
  });

  it('rejects bad options with typed errors naming strongWolfe', () => {
    expect(() => strongWolfe(parabola, { c1: 0.5, c2: 0.1 })).toThrow(ValueError);
    expect(() => strongWolfe(parabola, { c1: 0.5, c2: 0.1 })).toThrow(/strongWolfe: c1 must not exceed c2/);
    expect(() => strongWolfe(parabola, { initialStep: -1 })).toThrow(/strongWolfe: initialStep must be a positive/);
    expect(() => strongWolfe(parabola, { c2: 2 })).toThrow(/strongWolfe: c2 must be in \[0, 1\], got 2/);
    expect(() => strongWolfe(3 as unknown as LineFunction)).toThrow(/strongWolfe: phi must be a function/);
  });
});

describe.each(FUNCTIONS)('backtracking on $name', ({ phi }) => {
  it.each(STARTS)('returns the first step of α₀·½ᵏ with sufficient decrease, from α₀ = %s', (initialStep) => {
    const c1 = 1e-4;
    const result = backtracking(phi, { c1, initialStep });
    expect(result.converged, result.message).toBe(true);
    const at0 = phi(0);
    const armijo = (a: number) => phi(a).value <= at0.value + c1 * a * at0.slope;
    expect(armijo(result.step)).toBe(true);
    // Every earlier trial failed the test, and the steps halve.
    result.trials
      .filter((trial) => trial.step > 0)
      .slice(0, -1)
      .forEach((trial, k) => {
        expect(trial.step).toBe(initialStep * 0.5 ** k);
        expect(armijo(trial.step)).toBe(false);
      });
  });
});

describe('backtracking', () => {
  it('treats a non-finite trial as too long a step', () => {
    const result = backtracking(
      (a) => (a > 1 ? { value: Number.POSITIVE_INFINITY, slope: 0 } : { value: -a, slope: -1 }),
      {
        initialStep: 8,
      },
    );
    expect(result.converged).toBe(true);
    expect(result.step).toBe(1);
  });

  it('names itself in errors and honours shrink', () => {
    expect(() => backtracking((a) => ({ value: a, slope: 1 }), { shrink: 1 })).toThrow(/backtracking: shrink must be/);
    const result = backtracking((a) => ({ value: (a - 1) ** 2, slope: 2 * (a - 1) }), { initialStep: 9, shrink: 0.1 });
    expect(result.trials.map((trial) => trial.step)).toEqual([0, 9, 9 * 0.1]);
  });
});
