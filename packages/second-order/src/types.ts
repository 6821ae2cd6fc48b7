import type { FloatDType } from '@descent/tensor';
import type { Params } from './internal/objective.js';
import type { LinePoint, LineSearch, LineSearchStatus } from './line-search/types.js';

export type { Params } from './internal/objective.js';

/** The methods of `minimize`. */
export type Method = 'newton' | 'newton-cg' | 'cg' | 'bfgs' | 'lbfgs' | 'trust-ncg' | 'dogleg';

/**
 * Why a run ended. Successes: `'converged'` (gradient tolerance), `'small-step'` (step tolerance),
 * `'small-reduction'` (function tolerance). Failures: `'max-iterations'`, `'max-evaluations'`, `'stopped'` (by
 * `onIteration`), `'line-search-failed'`, `'precision-loss'` (the dtype cannot resolve further progress) and
 * `'non-finite'` (f or ∇f was NaN or infinite at a trial point; the result holds the last finite iterate).
 */
export type MinimizeStatus =
  | 'converged'
  | 'small-step'
  | 'small-reduction'
  | 'max-iterations'
  | 'max-evaluations'
  | 'stopped'
  | 'line-search-failed'
  | 'precision-loss'
  | 'non-finite';

/** The record `minimize` returns: SciPy's `OptimizeResult` fields, with `status` as a string. */
export interface OptimizeResult<P extends Params = Params> {
  /** The final iterate, with x0's structure, in the working dtype. */
  readonly x: P;
  /** f(x). */
  readonly fun: number;
  /** ∇f(x), with x0's structure. */
  readonly jac: P;
  /** Iterations (for trust-region and damped Newton methods, rejected trial steps count, as in SciPy). */
  readonly nit: number;
  /** Evaluations of f. Each also computed ∇f, by one reverse sweep. */
  readonly nfev: number;
  /** Evaluations of ∇f. */
  readonly njev: number;
  /** Hessian-vector products and dense Hessians. */
  readonly nhev: number;
  readonly status: MinimizeStatus;
  readonly success: boolean;
  /** What happened, in a sentence that names the method, the dtype when precision stopped progress, and the figures. */
  readonly message: string;
  readonly method: Method;
}

/** A line-search trial with the point it evaluated (flattened), for plotting. */
export interface LineSearchTrial extends LinePoint {
  readonly x: Float64Array;
}

/** What `onIteration` sees after each iteration. Flat arrays are copies, safe to keep. */
export interface IterationInfo<P extends Params = Params> {
  readonly method: Method;
  /** Iterations so far, this one included. */
  readonly iteration: number;
  /** The current iterate, flattened (leaves in `tree.flatten` order). */
  readonly x: Float64Array;
  readonly fun: number;
  /** ‖∇f(x)‖∞. */
  readonly gradientNorm: number;
  readonly nfev: number;
  readonly njev: number;
  readonly nhev: number;
  /** False when a trust-region or damped Newton trial step was rejected (x did not move). */
  readonly accepted: boolean;
  /** The search direction was reset to steepest descent (not a descent direction, or a failed search). */
  readonly restarted: boolean;
  /** The line search of this iteration, with every trial point. */
  readonly lineSearch?: {
    readonly step: number;
    readonly status: LineSearchStatus;
    readonly trials: readonly LineSearchTrial[];
  };
  /** The trust radius after this iteration (trust-ncg, dogleg). */
  readonly trustRadius?: number;
  /** The Levenberg-Marquardt damping λ after this iteration (newton). */
  readonly damping?: number;
  /** Inner conjugate-gradient iterations (newton-cg, trust-ncg). */
  readonly innerIterations?: number;
  /** The current iterate as a tree of tensors (built on demand). */
  params(): P;
}

/** Options of `minimize`. Per-method defaults are listed with each method. */
export interface MinimizeOptions<P extends Params = Params> {
  /** Default `'lbfgs'`. */
  readonly method?: Method;
  /** Stop when ‖∇f‖∞ ≤ gradientTolerance. Must be positive. Default 1e-5 (SciPy's gtol). */
  readonly gradientTolerance?: number;
  /** Stop with `'small-step'` when an accepted step has ‖Δx‖∞ ≤ stepTolerance. Default 0 (off). */
  readonly stepTolerance?: number;
  /**
   * Stop with `'small-reduction'` when (f_prev − f) ≤ functionTolerance · max(|f_prev|, |f|, 1), as L-BFGS-B's
   * `ftol`. Default 0 (off).
   */
  readonly functionTolerance?: number;
  /** Default 200 × the number of variables, at most 20 000. */
  readonly maxIterations?: number;
  /** Stop before an iteration once this many evaluations of f were made. Default Infinity. */
  readonly maxEvaluations?: number;
  /**
   * The working dtype: x0 is converted to it and f is evaluated in it. Default float64. With float32, a run that
   * precision stops says so in `message` (status `'precision-loss'`).
   */
  readonly dtype?: FloatDType;
  /**
   * The line search of `cg`, `bfgs`, `lbfgs` and `newton-cg`: `'strong-wolfe'` (Moré-Thuente, the default),
   * `'backtracking'` (Armijo; c2 is ignored), or a function with the signature of `strongWolfe`, which receives
   * the method's φ(0), φ′(0), first step, c1 and c2. `newton` globalizes by damping and the trust-region methods by
   * their radius instead.
   */
  readonly lineSearch?: 'strong-wolfe' | 'backtracking' | LineSearch;
  /** Sufficient-decrease constant of the line search. Default 1e-4 (lbfgs: 1e-3, as L-BFGS-B). */
  readonly c1?: number;
  /** Curvature constant of the strong Wolfe search. Default 0.9 (cg: 0.4, as SciPy; it needs c2 < ½). */
  readonly c2?: number;
  /** lbfgs: pairs (s, y) kept. Default 10 (SciPy's maxcor). */
  readonly history?: number;
  /** cg: `'polak-ribiere'` (PR+, default) or `'fletcher-reeves'`. */
  readonly variant?: 'polak-ribiere' | 'fletcher-reeves';
  /** cg: reset to steepest descent every this many iterations. Default: never for PR+, n for Fletcher-Reeves. */
  readonly restartEvery?: number;
  /**
   * bfgs: rescale H₀ = I to (yᵀs/yᵀy)·I before the first update (Nocedal & Wright eq. 6.20). Default false, as
   * SciPy: the first step is already scaled to move x by about 1, and on the fixtures the rescaling cost up to 4x
   * the evaluations (a 50-D quadratic with κ = 1000: yᵀs/yᵀy ≈ 1/λmax shrinks H in every direction at once).
   */
  readonly initialScaling?: boolean;
  /** newton: the initial Levenberg-Marquardt damping λ ≥ 0, adapted each iteration. Default 0 (pure Newton). */
  readonly damping?: number;
  /** newton: use |H| = V|Λ|Vᵀ instead of H (saddle-free Newton, Dauphin et al. 2014). Default false. */
  readonly saddleFree?: boolean;
  /** trust-ncg, dogleg: initial trust radius. Default 1. */
  readonly initialTrustRadius?: number;
  /** trust-ncg, dogleg: largest trust radius. Default 1000. */
  readonly maxTrustRadius?: number;
  /** trust-ncg, dogleg: accept a step when actual/predicted reduction exceeds eta ∈ [0, ¼). Default 0.15. */
  readonly eta?: number;
  /** Called after every iteration; return `'stop'` to end the run (status `'stopped'`). */
  // biome-ignore lint/suspicious/noConfusingVoidType: callbacks that return nothing are the common case.
  readonly onIteration?: (info: IterationInfo<P>) => 'stop' | void;
}
