import { DTypeError, epsilonOf, type FloatDType, type Tensor, ValueError } from '@descent/tensor';
import { NonFiniteError, Objective, type Params } from './internal/objective.js';
import { firstNonFinite, format, normInf } from './internal/vector.js';
import { backtracking } from './line-search/backtracking.js';
import { strongWolfe } from './line-search/strong-wolfe.js';
import type { LineSearch } from './line-search/types.js';
import { bfgs } from './solvers/bfgs.js';
import { cg } from './solvers/cg.js';
import { dogleg } from './solvers/dogleg.js';
import { lbfgs } from './solvers/lbfgs.js';
import { newton } from './solvers/newton.js';
import { newtonCg } from './solvers/newton-cg.js';
import type { Iterate, Settings, Solver, StepReport } from './solvers/solver.js';
import { trustNcg } from './solvers/trust-ncg.js';
import type { IterationInfo, Method, MinimizeOptions, MinimizeStatus, OptimizeResult } from './types.js';

const SOLVERS: { readonly [M in Method]: Solver<unknown> } = {
  newton: newton as Solver<unknown>,
  'newton-cg': newtonCg as Solver<unknown>,
  cg: cg as Solver<unknown>,
  bfgs: bfgs as Solver<unknown>,
  lbfgs: lbfgs as Solver<unknown>,
  'trust-ncg': trustNcg as Solver<unknown>,
  dogleg: dogleg as Solver<unknown>,
};

/**
 * Every method `minimize` knows, for menus and command lines.
 * @example methods.includes('lbfgs') // → true
 */
export const methods: readonly Method[] = Object.freeze(Object.keys(SOLVERS) as Method[]);

const SUCCESS: ReadonlySet<MinimizeStatus> = new Set(['converged', 'small-step', 'small-reduction']);

/**
 * Minimizes a scalar function of a tensor or of a tree of tensors, and returns SciPy's result record
 * `{ x, fun, jac, nit, nfev, njev, nhev, status, success, message }`.
 *
 * Methods (Deep Learning §8.6; Nocedal & Wright 2006):
 * - `'lbfgs'` (default): limited-memory BFGS, dₖ = −Hₖgₖ by the two-loop recursion over the last `history` pairs
 *   (sᵢ = Δx, yᵢ = Δg), with L-BFGS-B's line-search settings.
 * - `'bfgs'`: dense inverse-Hessian update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs; skipped when yᵀs ≤ 0.
 * - `'cg'`: nonlinear conjugate gradients dₖ₊₁ = −gₖ₊₁ + βₖdₖ, Polak-Ribière+ or Fletcher-Reeves, with restarts.
 * - `'newton'`: (H + λI)p = −g on the exact Hessian with adaptive Levenberg-Marquardt λ; `saddleFree` uses |H|.
 * - `'newton-cg'`: truncated Newton, CG on exact Hessian-vector products, then a line search.
 * - `'trust-ncg'`: Steihaug-Toint CG inside a trust region; `'dogleg'`: Powell's dogleg on the exact Hessian.
 *
 * Stops when ‖∇f‖∞ ≤ gradientTolerance (status `'converged'`), or on the step or function tolerances, the iteration
 * or evaluation limits, `onIteration` returning `'stop'`, a failed line search, or precision loss. f is evaluated
 * in float64 unless `dtype: 'float32'`; the solvers' own arithmetic is float64 on flat arrays (the tree is flattened
 * once, and tensors are used only to evaluate f, ∇f and Hessian products). A NaN or infinite f or ∇f ends the run
 * with `success: false`, status `'non-finite'` and the last finite iterate.
 *
 * f and ∇f always come together from one forward and one reverse sweep, so `njev` equals `nfev`, and both count
 * what SciPy's `nfev` counts when given `jac=True`. Hessian-vector products and dense Hessians count in `nhev`.
 * @see Nocedal & Wright 2006, *Numerical Optimization* (2nd ed.), https://doi.org/10.1007/978-0-387-40065-5
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.6, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { minimize } from '@descent/second-order';
 * import { add, mul, slice, square, sub, sum, type Tensor, tensor } from '@descent/tensor';
 *
 * const rosenbrock = (x: Tensor) => {
 *   const [a, b] = [slice(x, [0], [1]), slice(x, [1], [1])];
 *   return sum(add(mul(square(sub(b, square(a))), 100), square(sub(1, a))));
 * };
 * const result = minimize(rosenbrock, tensor([-1.2, 1], { dtype: 'float64' }), { method: 'bfgs' });
 * result.x.toArray(); // → [1, 1] (to 1e-5); result.success → true
 */
export function minimize<P extends Params>(
  fn: (x: P) => Tensor,
  x0: P,
  options: MinimizeOptions<P> = {},
): OptimizeResult<P> {
  const objective = new Objective<P>('minimize', fn, x0, checkDType(options.dtype));
  const settings = resolve(options, objective.n);
  const { method } = settings;
  const solver = SOLVERS[method];
  const eps = epsilonOf(objective.dtype);

  const x = objective.flatten(x0);
  const bad = firstNonFinite(x);
  if (bad >= 0) throw new ValueError(`minimize: x0 has ${x[bad]} at flat index ${bad}; it must be finite`);
  objective.round(x);
  const g = new Float64Array(objective.n);
  let f: number;
  try {
    f = objective.evaluate(x, g);
  } catch (error) {
    if (error instanceof NonFiniteError) throw new ValueError(`minimize: at x0, ${error.message}; it must be finite`);
    throw error;
  }
  let iterate: Iterate = { x, f, g };

  const finish = (at: Iterate, nit: number, status: MinimizeStatus, detail: string): OptimizeResult<P> => {
    const success = SUCCESS.has(status);
    const precision =
      status === 'precision-loss'
        ? ` (${objective.dtype} resolves relative changes of ${format(eps)}; ` +
          (objective.dtype === 'float32' ? 'use float64' : 'loosen gradientTolerance') +
          ` to go further: ‖∇f‖∞ = ${format(normInf(at.g))} > gradientTolerance ${format(settings.gradientTolerance)})`
        : '';
    return {
      x: objective.params(at.x),
      fun: at.f,
      jac: objective.params(at.g),
      nit,
      nfev: objective.nfev,
      njev: objective.njev,
      nhev: objective.nhev,
      status,
      success,
      message: `${method}: ${status} after ${nit} iterations in ${objective.dtype}: ${detail}${precision}`,
      method,
    };
  };

  let state: unknown;
  try {
    state = solver.init(objective, iterate, settings);
  } catch (error) {
    if (error instanceof NonFiniteError) return finish(iterate, 0, 'non-finite', nonFinite(error, 0));
    throw error;
  }
  const converged = (at: Iterate) => normInf(at.g) <= settings.gradientTolerance;
  const convergedDetail = (at: Iterate) =>
    `‖∇f‖∞ = ${format(normInf(at.g))} ≤ gradientTolerance ${format(settings.gradientTolerance)}`;
  if (converged(iterate)) return finish(iterate, 0, 'converged', convergedDetail(iterate));

  let nit = 0;
  for (;;) {
    if (nit >= settings.maxIterations) {
      return finish(iterate, nit, 'max-iterations', `reached maxIterations = ${settings.maxIterations}`);
    }
    if (objective.nfev >= settings.maxEvaluations) {
      return finish(iterate, nit, 'max-evaluations', `reached maxEvaluations = ${settings.maxEvaluations}`);
    }
    let outcome: ReturnType<Solver<unknown>['step']>;
    try {
      outcome = solver.step(objective, iterate, state, settings);
    } catch (error) {
      if (error instanceof NonFiniteError) return finish(iterate, nit, 'non-finite', nonFinite(error, nit + 1));
      throw error;
    }
    if (outcome.kind === 'failed') return finish(iterate, nit, outcome.status, outcome.reason);
    const previous = iterate;
    iterate = outcome.iterate;
    nit++;
    if (settings.onIteration !== undefined) {
      const info = iterationInfo(objective, method, nit, iterate, outcome.report);
      if (settings.onIteration(info) === 'stop') return finish(iterate, nit, 'stopped', 'onIteration returned stop');
    }
    if (converged(iterate)) return finish(iterate, nit, 'converged', convergedDetail(iterate));
    if (!outcome.report.accepted) continue;
    if (settings.stepTolerance > 0) {
      let moved = 0;
      for (let i = 0; i < iterate.x.length; i++) moved = Math.max(moved, Math.abs(iterate.x[i] - previous.x[i]));
      if (moved <= settings.stepTolerance) {
        return finish(iterate, nit, 'small-step', `‖Δx‖∞ = ${format(moved)} ≤ stepTolerance`);
      }
    }
    if (settings.functionTolerance > 0) {
      const reduction = previous.f - iterate.f;
      if (reduction <= settings.functionTolerance * Math.max(Math.abs(previous.f), Math.abs(iterate.f), 1)) {
        return finish(iterate, nit, 'small-reduction', `f decreased by only ${format(reduction)}`);
      }
    }
  }
}

function nonFinite(error: NonFiniteError, iteration: number): string {
  return `${error.message} at a trial point in iteration ${iteration}; x is the last finite iterate`;
}

function iterationInfo<P extends Params>(
  objective: Objective<P>,
  method: Method,
  iteration: number,
  iterate: Iterate,
  report: StepReport,
): IterationInfo<P> {
  return {
    method,
    iteration,
    x: Float64Array.from(iterate.x),
    fun: iterate.f,
    gradientNorm: normInf(iterate.g),
    nfev: objective.nfev,
    njev: objective.njev,
    nhev: objective.nhev,
    accepted: report.accepted,
    restarted: report.restarted,
    ...(report.lineSearch === undefined ? {} : { lineSearch: report.lineSearch }),
    ...(report.trustRadius === undefined ? {} : { trustRadius: report.trustRadius }),
    ...(report.damping === undefined ? {} : { damping: report.damping }),
    ...(report.innerIterations === undefined ? {} : { innerIterations: report.innerIterations }),
    params: () => objective.params(iterate.x),
  };
}

function checkDType(dtype: unknown): FloatDType | undefined {
  if (dtype === undefined || dtype === 'float32' || dtype === 'float64') return dtype;
  throw new DTypeError(`minimize: dtype must be float32 or float64, got ${String(dtype)}`);
}

type ResolvedSettings = Settings & { readonly onIteration: MinimizeOptions<Params>['onIteration'] };

/** Checks every option and fills in the defaults. */
function resolve<P extends Params>(options: MinimizeOptions<P>, n: number): ResolvedSettings {
  const fn = 'minimize';
  const method = options.method ?? 'lbfgs';
  if (!Object.hasOwn(SOLVERS, method)) {
    throw new ValueError(`${fn}: unknown method ${JSON.stringify(method)}; expected one of ${methods.join(', ')}`);
  }
  const number = (
    name: string,
    value: number | undefined,
    fallback: number,
    low: number,
    high: number,
    open = false,
  ) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || Number.isNaN(value) || value < low || value > high || (open && value === low)) {
      const range = open ? `in (${low}, ${high}]` : `in [${low}, ${high}]`;
      throw new ValueError(`${fn}: ${name} must be a number ${range}, got ${String(value)}`);
    }
    return value;
  };
  const integer = (name: string, value: number | undefined, fallback: number, low: number) => {
    if (value === undefined) return fallback;
    if (value !== Number.POSITIVE_INFINITY && (!Number.isInteger(value) || value < low)) {
      throw new ValueError(`${fn}: ${name} must be an integer ≥ ${low}, got ${String(value)}`);
    }
    return value;
  };
  const infinity = Number.POSITIVE_INFINITY;
  const gradientTolerance = options.gradientTolerance ?? 1e-5;
  if (typeof gradientTolerance !== 'number' || !(gradientTolerance > 0)) {
    throw new ValueError(`${fn}: gradientTolerance must be a positive number, got ${String(gradientTolerance)}`);
  }
  const { lineSearch = 'strong-wolfe' } = options;
  let search: LineSearch;
  if (lineSearch === 'strong-wolfe') search = strongWolfe;
  else if (lineSearch === 'backtracking') search = backtracking;
  else if (typeof lineSearch === 'function') search = lineSearch;
  else {
    throw new ValueError(
      `${fn}: lineSearch must be 'strong-wolfe', 'backtracking' or a function, got ${JSON.stringify(lineSearch)}`,
    );
  }
  const variant = options.variant ?? 'polak-ribiere';
  if (variant !== 'polak-ribiere' && variant !== 'fletcher-reeves') {
    throw new ValueError(`${fn}: variant must be 'polak-ribiere' or 'fletcher-reeves', got ${String(variant)}`);
  }
  const c1 = options.c1 === undefined ? undefined : number('c1', options.c1, 0, 0, 1, true);
  const c2 = options.c2 === undefined ? undefined : number('c2', options.c2, 0, 0, 1, true);
  if (c1 !== undefined && c2 !== undefined && c1 >= c2) {
    throw new ValueError(`${fn}: c1 must be below c2, got c1 = ${c1} and c2 = ${c2}`);
  }
  const initialTrustRadius = number('initialTrustRadius', options.initialTrustRadius, 1, 0, infinity, true);
  const maxTrustRadius = number('maxTrustRadius', options.maxTrustRadius, 1000, initialTrustRadius, infinity);
  if (options.onIteration !== undefined && typeof options.onIteration !== 'function') {
    throw new ValueError(`${fn}: onIteration must be a function, got ${typeof options.onIteration}`);
  }
  return {
    method,
    gradientTolerance,
    stepTolerance: number('stepTolerance', options.stepTolerance, 0, 0, infinity),
    functionTolerance: number('functionTolerance', options.functionTolerance, 0, 0, infinity),
    maxIterations: integer('maxIterations', options.maxIterations, Math.min(200 * n, 20_000), 0),
    maxEvaluations: integer('maxEvaluations', options.maxEvaluations, infinity, 1),
    lineSearch: search,
    strongWolfe: search === strongWolfe,
    c1,
    c2,
    history: integer('history', options.history, 10, 1),
    variant,
    restartEvery: options.restartEvery === undefined ? undefined : integer('restartEvery', options.restartEvery, 0, 1),
    initialScaling: options.initialScaling ?? false,
    damping: number('damping', options.damping, 0, 0, infinity),
    saddleFree: options.saddleFree ?? false,
    initialTrustRadius,
    maxTrustRadius,
    eta: number('eta', options.eta, 0.15, 0, 0.25),
    onIteration: options.onIteration as MinimizeOptions<Params>['onIteration'],
  };
}
