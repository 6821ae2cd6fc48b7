import { epsilonOf } from '@descent/tensor';
import type { Objective } from '../internal/objective.js';
import { along, dot, norm2, normInf } from '../internal/vector.js';
import type { LineSearch, LineSearchResult } from '../line-search/types.js';
import type { LineSearchTrial, Method } from '../types.js';

/** An accepted point: x with f(x) and ∇f(x). Arrays are never mutated once an iterate is built. */
export interface Iterate {
  readonly x: Float64Array;
  readonly f: number;
  readonly g: Float64Array;
}

/** The options of `minimize`, checked and with every default filled in. */
export interface Settings {
  readonly method: Method;
  readonly gradientTolerance: number;
  readonly stepTolerance: number;
  readonly functionTolerance: number;
  readonly maxIterations: number;
  readonly maxEvaluations: number;
  readonly lineSearch: LineSearch;
  /** Whether the line search is the built-in strong Wolfe one, which gets per-method tolerances. */
  readonly strongWolfe: boolean;
  readonly c1: number | undefined;
  readonly c2: number | undefined;
  readonly history: number;
  readonly variant: 'polak-ribiere' | 'fletcher-reeves';
  readonly restartEvery: number | undefined;
  readonly initialScaling: boolean;
  readonly damping: number;
  readonly saddleFree: boolean;
  readonly initialTrustRadius: number;
  readonly maxTrustRadius: number;
  readonly eta: number;
}

/** What one iteration did, for `onIteration`. */
export interface StepReport {
  readonly accepted: boolean;
  readonly restarted: boolean;
  readonly lineSearch?: {
    readonly step: number;
    readonly status: LineSearchResult['status'];
    readonly trials: readonly LineSearchTrial[];
  };
  readonly trustRadius?: number;
  readonly damping?: number;
  readonly innerIterations?: number;
}

export type StepOutcome =
  | { readonly kind: 'step'; readonly iterate: Iterate; readonly report: StepReport }
  | {
      readonly kind: 'failed';
      readonly status: 'line-search-failed' | 'precision-loss';
      readonly reason: string;
    };

/**
 * A method: `init` builds its state from the first iterate; `step` makes one iteration from `iterate`. The state
 * (Float64Array buffers) belongs to one run and is updated in place.
 */
export interface Solver<S> {
  init(objective: Objective, start: Iterate, settings: Settings): S;
  step(objective: Objective, iterate: Iterate, state: S, settings: Settings): StepOutcome;
}

/** Per-method line-search tolerances; the user's `c1`/`c2` override the method's. */
export interface SearchPlan {
  readonly initialStep: number;
  readonly c1: number;
  readonly c2: number;
  readonly xtol?: number;
  readonly minStep?: number;
  readonly maxStep?: number;
  readonly maxEvaluations?: number;
}

export interface SearchOutcome {
  readonly result: LineSearchResult;
  /** The accepted point, or undefined when the search found no decrease. */
  readonly next: Iterate | undefined;
  readonly trials: LineSearchTrial[];
}

/**
 * Runs the configured line search along `direction` from `iterate`. Each trial is evaluated once (f and ∇f together)
 * and cached, so the gradient at the accepted step is never recomputed. The step is accepted when it lowers f and the
 * search converged, or failed but still found a strictly lower f (as L-BFGS-B accepts its warnings).
 */
export function searchAlong(
  objective: Objective,
  iterate: Iterate,
  direction: Float64Array,
  slope0: number,
  plan: SearchPlan,
  settings: Settings,
): SearchOutcome {
  const trials: (LineSearchTrial & { readonly g: Float64Array })[] = [];
  const phi = (step: number) => {
    if (step === 0) return { value: iterate.f, slope: slope0 };
    const x = along(iterate.x, step, direction);
    const g = new Float64Array(objective.n);
    const value = objective.evaluate(x, g);
    const slope = dot(g, direction);
    trials.push({ step, value, slope, x, g });
    return { value, slope };
  };
  const options = {
    value0: iterate.f,
    slope0,
    initialStep: plan.initialStep,
    c1: settings.c1 ?? plan.c1,
    c2: settings.c2 ?? plan.c2,
    ...(settings.strongWolfe
      ? {
          ...(plan.xtol === undefined ? {} : { xtol: plan.xtol }),
          ...(plan.minStep === undefined ? {} : { minStep: plan.minStep }),
          ...(plan.maxStep === undefined ? {} : { maxStep: plan.maxStep }),
          ...(plan.maxEvaluations === undefined ? {} : { maxEvaluations: plan.maxEvaluations }),
        }
      : {}),
  };
  const result = settings.lineSearch(phi, options);
  let next: Iterate | undefined;
  if (result.step > 0 && (result.converged || result.value < iterate.f)) {
    // The last trial at the returned step; a custom search may return a step it never evaluated.
    let found = trials.findLast((trial) => trial.step === result.step);
    if (found === undefined) {
      phi(result.step);
      found = trials[trials.length - 1];
    }
    // Strict decrease: at the limit of precision a search can "converge" on a step that leaves f unchanged, and
    // accepting it would let the method cycle between two points forever.
    if (found.value < iterate.f) next = { x: found.x, f: found.value, g: found.g };
  }
  return { result, next, trials };
}

/** The report of a line-search iteration. */
export function searchReport(search: SearchOutcome, restarted: boolean): StepReport {
  return {
    accepted: true,
    restarted,
    lineSearch: { step: search.result.step, status: search.result.status, trials: search.trials },
  };
}

/**
 * SciPy's first trial step (`line_search_wolfe1`): α₀ = min(1, 1.01·2·(f − f_prev)/φ′(0)), the step at which a
 * quadratic through the last decrease would bottom out (Nocedal & Wright eq. 3.60), or 1 when unknown.
 */
export function interpolatedInitialStep(f: number, previousF: number | undefined, slope0: number): number {
  if (previousF === undefined || slope0 === 0) return 1;
  const step = Math.min(1, (1.01 * 2 * (f - previousF)) / slope0);
  return step > 0 && Number.isFinite(step) ? step : 1;
}

/**
 * Turns a failed line search into a failed step: `'precision-loss'` when the search stalled at what the working dtype
 * can resolve (every trial value within a few ulps of f, or a bracket collapsed by rounding), else
 * `'line-search-failed'`.
 */
export function searchFailure(objective: Objective, iterate: Iterate, search: SearchOutcome): StepOutcome {
  const eps = epsilonOf(objective.dtype);
  const { result } = search;
  const flat = search.trials.every((trial) => Math.abs(trial.value - iterate.f) <= 16 * eps * Math.abs(iterate.f));
  const scale = Math.max(normInf(iterate.x), 1);
  const tiny = search.trials.every((trial) => {
    let moved = 0;
    for (let i = 0; i < trial.x.length; i++) moved = Math.max(moved, Math.abs(trial.x[i] - iterate.x[i]));
    return moved <= 16 * eps * scale;
  });
  const rounding =
    result.status === 'rounding-errors' || result.status === 'interval-too-small' || result.status === 'min-step';
  return {
    kind: 'failed',
    status: rounding || flat || tiny ? 'precision-loss' : 'line-search-failed',
    reason: result.converged
      ? `${result.message.split(':')[0]}: no trial step lowered f below ${iterate.f}`
      : result.message,
  };
}

/**
 * A line search along d; on failure, one retry along steepest descent with a fresh first step min(1, 1/‖g‖₂) (the
 * failed search may have started from a step too small to change x in the working dtype). A d that is not a
 * descent direction is replaced by −g at once.
 */
export function searchWithRestart(
  objective: Objective,
  iterate: Iterate,
  direction: Float64Array,
  plan: (slope0: number, direction: Float64Array) => SearchPlan,
  settings: Settings,
): { search: SearchOutcome; direction: Float64Array; restarted: boolean } {
  let slope0 = dot(iterate.g, direction);
  let restarted = false;
  if (!(slope0 < 0)) {
    direction = steepest(iterate.g);
    slope0 = dot(iterate.g, direction);
    restarted = true;
  }
  const first = plan(slope0, direction);
  let search = searchAlong(objective, iterate, direction, slope0, first, settings);
  if (search.next !== undefined) return { search, direction, restarted };
  const fresh = steepest(iterate.g);
  const freshStep = Math.min(1, 1 / norm2(iterate.g));
  const same = first.initialStep === freshStep && direction.every((value, i) => value === fresh[i]);
  if (same) return { search, direction, restarted };
  const failed = search.trials;
  slope0 = dot(iterate.g, fresh);
  search = searchAlong(objective, iterate, fresh, slope0, { ...plan(slope0, fresh), initialStep: freshStep }, settings);
  return { search: { ...search, trials: [...failed, ...search.trials] }, direction: fresh, restarted: true };
}

export function steepest(g: Float64Array): Float64Array {
  const d = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) d[i] = -g[i];
  return d;
}
