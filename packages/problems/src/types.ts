import type { FloatDType, Tensor } from '@descent/tensor';

/** A point of interest with its objective value, `x` in the problem's coordinates. */
export interface ProblemPoint {
  readonly x: readonly number[];
  readonly value: number;
}

/** Where a 2-D contour plot should look: the ranges of the first two coordinates. */
export interface ViewBounds {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/**
 * An analytic objective. `value` is built from tensor ops, so `@descent/autodiff` differentiates it (gradients,
 * Hessian-vector products, Hessians). It takes `x` of shape `[dimension]` and returns a scalar, or a batch of
 * points `[..., dimension]` and returns `[...]` (a whole contour grid in one call).
 */
export interface Problem {
  /** The name `getProblem` knows it by. */
  readonly name: ProblemName;
  /** Display name ("Six-hump camel"). */
  readonly title: string;
  /** What the function is and which chapter-8 challenge it illustrates. */
  readonly description: string;
  /** The section of *Deep Learning* it illustrates, such as `'8.2.1'`. */
  readonly section: string;
  /** The number of coordinates n: `x` has shape `[n]`. */
  readonly dimension: number;
  /** The dtype of `initial()`; `value` accepts float32 and float64 alike. */
  readonly dtype: FloatDType;
  /**
   * The objective f: `x` of shape `[dimension]` gives a scalar, a batch `[..., dimension]` gives `[...]`. Built from
   * tensor ops, so it is differentiable with `@descent/autodiff`.
   */
  readonly value: (x: Tensor) => Tensor;
  /** The global minimum value; `-Infinity` for objectives that are unbounded below (the saddles). */
  readonly minimum: number;
  /** Known minimizers, global ones first, then any listed local ones. Empty when unbounded below. */
  readonly minima: readonly ProblemPoint[];
  /** Known saddle points (and other non-minimal stationary points), where the gradient also vanishes. */
  readonly saddlePoints: readonly ProblemPoint[];
  /** The default start. */
  readonly start: readonly number[];
  /** View bounds for contour plots (of the first two coordinates when `dimension > 2`). */
  readonly bounds: ViewBounds;
  /** `start` as a tensor of `dtype`, shape `[dimension]`. */
  initial(): Tensor;
}

/** The names `problems` and `getProblem` know. */
export type ProblemName =
  | 'rosenbrock'
  | 'beale'
  | 'booth'
  | 'himmelblau'
  | 'rastrigin'
  | 'six-hump-camel'
  | 'quadratic'
  | 'saddle'
  | 'monkey-saddle'
  | 'plateau'
  | 'cliff'
  | 'narrow-valley';

/** Options of `getProblem`. Each applies only where it makes sense; elsewhere it is an error. */
export interface ProblemOptions {
  /** Number of variables: Rosenbrock (≥ 2, default 2), Rastrigin (≥ 1, default 2), quadratic (≥ 1, default 2). */
  readonly dimension?: number;
  /** Ratio of the largest to the smallest Hessian eigenvalue of the quadratic (≥ 1, default 100). */
  readonly conditionNumber?: number;
  /** Eigenvectors of the quadratic: a seeded random rotation (default) or the coordinate axes. */
  readonly rotation?: 'random' | 'axis-aligned';
  /** Seed of the quadratic's random rotation (default 0). */
  readonly seed?: number;
  /** The dtype of `initial()` (default float64, what second-order methods want). */
  readonly dtype?: FloatDType;
}
