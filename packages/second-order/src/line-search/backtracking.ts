import { ValueError } from '@descent/tensor';
import {
  checkOption,
  type LineFunction,
  type LinePoint,
  type LineSearchOptions,
  type LineSearchResult,
  type LineSearchStatus,
  start,
} from './types.js';

/** Options of `backtracking`: the common ones (c2 is ignored) plus the shrink factor. */
export interface BacktrackingOptions extends LineSearchOptions {
  /** The factor each rejected step is multiplied by, in (0, 1). Default 0.5. */
  readonly shrink?: number;
}

/**
 * Backtracking (Armijo) line search: tries α = initialStep, then shrink·α, shrink²·α, … until the sufficient
 * decrease condition
 *
 *   φ(α) ≤ φ(0) + c1·α·φ′(0)
 *
 * holds. It never checks curvature, so the step can be short, and a quasi-Newton update after it may see yᵀs ≤ 0
 * (the minimizers then skip the update). A trial where φ is NaN or ±Infinity counts as too long a step.
 * @see Armijo 1966, "Minimization of functions having Lipschitz continuous first partial derivatives", https://doi.org/10.2140/pjm.1966.16.1
 * @see Nocedal & Wright 2006, *Numerical Optimization* (2nd ed.), Algorithm 3.1, https://doi.org/10.1007/978-0-387-40065-5
 * @example
 * // φ(α) = (α − 2)²: α = 4 fails the Armijo test (φ = 4 = φ(0)), α = 2 passes
 * backtracking((a) => ({ value: (a - 2) ** 2, slope: 2 * (a - 2) }), { initialStep: 4 }).step; // → 2
 */
export function backtracking(phi: LineFunction, options: BacktrackingOptions = {}): LineSearchResult {
  const fn = 'backtracking';
  if (typeof phi !== 'function') throw new ValueError(`${fn}: phi must be a function of the step, got ${typeof phi}`);
  const c1 = checkOption(fn, 'c1', options.c1 ?? 1e-4, 0, 1);
  const shrink = checkOption(fn, 'shrink', options.shrink ?? 0.5, Number.MIN_VALUE, 1 - Number.EPSILON);
  const minStep = checkOption(fn, 'minStep', options.minStep ?? 1e-20, 0, Number.POSITIVE_INFINITY);
  const maxStep = checkOption(fn, 'maxStep', options.maxStep ?? 1e100, minStep, Number.POSITIVE_INFINITY);
  const maxEvaluations = checkOption(fn, 'maxEvaluations', options.maxEvaluations ?? 50, 1, Number.POSITIVE_INFINITY);
  const trials: LinePoint[] = [];
  const initial = start(phi, options, trials);
  const { value0, slope0 } = initial;
  let evaluations = initial.evaluations;
  let best: LinePoint = { step: 0, value: value0, slope: slope0 };
  const finish = (status: LineSearchStatus, point: LinePoint, message: string): LineSearchResult => ({
    converged: status === 'converged',
    status,
    step: point.step,
    value: point.value,
    slope: point.slope,
    value0,
    slope0,
    evaluations,
    trials,
    message: `${fn}: ${message}`,
  });
  if (!Number.isFinite(value0) || !Number.isFinite(slope0)) {
    return finish('non-finite', best, `φ(0) = ${value0} and φ′(0) = ${slope0} must be finite`);
  }
  if (slope0 >= 0) return finish('not-descent', best, `φ′(0) = ${slope0} ≥ 0: not a descent direction`);
  let step = options.initialStep ?? 1;
  if (!(step > 0) || !Number.isFinite(step)) {
    throw new ValueError(`${fn}: initialStep must be a positive finite number, got ${String(step)}`);
  }
  step = Math.min(step, maxStep);
  while (evaluations < maxEvaluations) {
    if (step < minStep) return finish('min-step', best, `the step fell below minStep = ${minStep}`);
    const { value, slope } = phi(step);
    evaluations++;
    const point = { step, value, slope };
    trials.push(point);
    if (Number.isFinite(value) && value <= value0 + c1 * step * slope0) {
      return finish('converged', point, `sufficient decrease at step ${step}`);
    }
    if (Number.isFinite(value) && value < best.value) best = point;
    // Rounding: once x + α·d no longer changes φ, shrinking further cannot help.
    if (value === value0 && Math.abs(step * slope0) <= Number.EPSILON * Math.abs(value0)) {
      return finish('rounding-errors', best, `rounding errors prevent progress at step ${step}`);
    }
    step *= shrink;
  }
  return finish('max-evaluations', best, `no step gave sufficient decrease within ${maxEvaluations} evaluations`);
}
