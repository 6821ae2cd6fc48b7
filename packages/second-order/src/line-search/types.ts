import { ValueError } from '@descent/tensor';

/** One evaluated point of a line search: φ(step) and φ′(step). */
export interface LinePoint {
  readonly step: number;
  readonly value: number;
  readonly slope: number;
}

/**
 * The function searched: φ(α) = f(x + α·d) and its derivative φ′(α) = ∇f(x + α·d)ᵀd. Minimizers build it from the
 * objective and the search direction; every call costs one evaluation of f and ∇f.
 */
export type LineFunction = (step: number) => { readonly value: number; readonly slope: number };

/** Options every line search understands. Omitted values take each search's defaults. */
export interface LineSearchOptions {
  /** φ(0), when the caller knows it; otherwise the search evaluates φ(0) (one more evaluation). */
  readonly value0?: number;
  /** φ′(0), which must be negative (d a descent direction); evaluated with `value0` when missing. */
  readonly slope0?: number;
  /** The first step tried. Default 1. */
  readonly initialStep?: number;
  /** Sufficient-decrease (Armijo) constant: φ(α) ≤ φ(0) + c1·α·φ′(0). Default 1e-4. */
  readonly c1?: number;
  /** Curvature constant of the strong Wolfe condition: |φ′(α)| ≤ c2·|φ′(0)|. Default 0.9. */
  readonly c2?: number;
  /** Smallest step allowed. Default 0 (strong Wolfe) or 1e-20 (backtracking). */
  readonly minStep?: number;
  /** Largest step allowed. Default 1e100. */
  readonly maxStep?: number;
  /** Most evaluations of φ, not counting φ(0). Default 100 (strong Wolfe) or 50 (backtracking). */
  readonly maxEvaluations?: number;
}

/**
 * How a line search ended: `'converged'` when the returned step satisfies the conditions the search claims;
 * otherwise why not. `'rounding-errors'` and `'interval-too-small'` mean the bracket shrank to what floating point
 * can resolve (precision loss); `'not-descent'` that φ′(0) ≥ 0; `'non-finite'` that φ was NaN or ±Infinity and
 * could not be avoided.
 */
export type LineSearchStatus =
  | 'converged'
  | 'max-evaluations'
  | 'rounding-errors'
  | 'interval-too-small'
  | 'max-step'
  | 'min-step'
  | 'not-descent'
  | 'non-finite'
  | 'invalid-input';

/** What a line search returns. On failure `step` is the best point found (lowest φ), or 0 if none was better. */
export interface LineSearchResult {
  readonly converged: boolean;
  readonly status: LineSearchStatus;
  readonly step: number;
  readonly value: number;
  readonly slope: number;
  /** φ(0) and φ′(0), as given or evaluated. */
  readonly value0: number;
  readonly slope0: number;
  /** Evaluations of φ made by this search, φ(0) included when it had to evaluate it. */
  readonly evaluations: number;
  /** Every point evaluated, in order (for plotting the search). */
  readonly trials: readonly LinePoint[];
  readonly message: string;
}

/** A line search: `strongWolfe`, `backtracking`, or your own with the same signature. */
export type LineSearch = (phi: LineFunction, options?: LineSearchOptions) => LineSearchResult;

/** Evaluates φ(0) when the caller did not pass it. */
export function start(
  phi: LineFunction,
  options: LineSearchOptions,
  trials: LinePoint[],
): { value0: number; slope0: number; evaluations: number } {
  if (options.value0 !== undefined && options.slope0 !== undefined) {
    return { value0: options.value0, slope0: options.slope0, evaluations: 0 };
  }
  const { value, slope } = phi(0);
  trials.push({ step: 0, value, slope });
  return { value0: options.value0 ?? value, slope0: options.slope0 ?? slope, evaluations: 1 };
}

/** Checks that a numeric option is finite and within [low, high]. */
export function checkOption(fn: string, name: string, value: number, low: number, high: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < low || value > high) {
    throw new ValueError(`${fn}: ${name} must be in [${low}, ${high}], got ${String(value)}`);
  }
  return value;
}
