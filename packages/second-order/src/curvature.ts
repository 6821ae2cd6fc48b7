import { createRng, type FloatDType, type Tensor, tidy, ValueError } from '@descent/tensor';
import { eigen } from './internal/dense.js';
import { NonFiniteError, Objective, type Params } from './internal/objective.js';
import { dot, norm2 } from './internal/vector.js';

/** Options of `curvature`. */
export interface CurvatureOptions {
  /** Lanczos steps (Hessian-vector products). Default min(n, 50). */
  readonly maxSteps?: number;
  /**
   * Re-orthogonalize every Lanczos vector against all earlier ones (twice, classical Gram-Schmidt). Keeps the Ritz
   * values free of spurious copies at the cost of storing the vectors. Default: on when n·maxSteps ≤ 10⁷.
   */
  readonly reorthogonalize?: boolean;
  /** Seed of the random start vector. Default 0. */
  readonly seed?: number;
  /** Working dtype. Default float64. */
  readonly dtype?: FloatDType;
}

/** The local curvature picture at x. */
export interface CurvatureReport {
  readonly value: number;
  /** ‖∇f(x)‖₂. */
  readonly gradientNorm: number;
  /**
   * gᵀHg / gᵀg: the curvature along the gradient. A gradient step of size ε changes f by about −ε·gᵀg + ½ε²·gᵀHg,
   * so ill-conditioning (Deep Learning §8.2.1) shows when this is large against gᵀg/ε. NaN when g = 0.
   */
  readonly gradientCurvature: number;
  /** The step gᵀg/gᵀHg that minimizes the quadratic model along −g (Deep Learning eq. 4.10); Infinity if gᵀHg ≤ 0. */
  readonly optimalStep: number;
  /** Extreme Hessian eigenvalues, as Lanczos Ritz values (exact when `exact`). */
  readonly minEigenvalue: number;
  readonly maxEigenvalue: number;
  /** λmax/λmin when λmin > 0, else Infinity (not positive definite). */
  readonly conditionNumber: number;
  readonly definiteness:
    | 'positive-definite'
    | 'positive-semidefinite'
    | 'indefinite'
    | 'negative-semidefinite'
    | 'negative-definite';
  /** All Ritz values, ascending. */
  readonly ritzValues: Float64Array;
  readonly lanczosSteps: number;
  /** The Krylov space was exhausted (n steps, or an invariant subspace): the Ritz values are eigenvalues of H. */
  readonly exact: boolean;
  /** Hessian-vector products made (Lanczos steps plus one for gᵀHg). */
  readonly hvpEvaluations: number;
}

/**
 * Curvature diagnostics of scalar `fn` at `x` (a tensor or a tree), from exact Hessian-vector products only: the
 * gradient norm, the curvature along the gradient gᵀHg/gᵀg (Deep Learning §8.2.1's test for ill-conditioning), and
 * the extreme Hessian eigenvalues and condition number by the Lanczos iteration: from a random unit q₁,
 *
 *   w = Hqⱼ − βⱼ₋₁qⱼ₋₁;  αⱼ = qⱼᵀw;  w ← w − αⱼqⱼ;  βⱼ = ‖w‖;  qⱼ₊₁ = w/βⱼ,
 *
 * then the eigenvalues of the tridiagonal T = tridiag(β, α, β) (Ritz values) approximate H's, the extreme ones
 * first. With n steps and full re-orthogonalization they are H's eigenvalues to rounding.
 * @see Lanczos 1950, https://doi.org/10.6028/jres.045.026; Golub & Van Loan 2013, §10.1
 * @see Goodfellow, Bengio & Courville 2016, *Deep Learning*, §8.2.1 and §4.3.1, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { curvature } from '@descent/second-order';
 * const report = curvature((x: Tensor) => sum(mul(tensor([1, 100], { dtype: 'float64' }), square(x))), tensor([1, 1], { dtype: 'float64' }));
 * report.maxEigenvalue; // → 200; report.minEigenvalue → 2; report.conditionNumber → 100
 */
export function curvature<P extends Params>(
  fn: (x: P) => Tensor,
  x: P,
  options: CurvatureOptions = {},
): CurvatureReport {
  const caller = 'curvature';
  const objective = new Objective<P>(caller, fn, x, options.dtype);
  const n = objective.n;
  const point = objective.flatten(x);
  objective.round(point);
  const maxSteps = options.maxSteps ?? Math.min(n, 50);
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new ValueError(`${caller}: maxSteps must be a positive integer, got ${String(maxSteps)}`);
  }
  const steps = Math.min(maxSteps, n);
  const reorthogonalize = options.reorthogonalize ?? n * steps <= 1e7;
  const seed = options.seed ?? 0;

  try {
    const g = new Float64Array(n);
    const value = objective.evaluate(point, g);
    const gg = dot(g, g);
    const gHg = gg > 0 ? dot(g, objective.hvp(point, g)) : 0;
    const gradientCurvature = gg > 0 ? gHg / gg : Number.NaN;

    const lanczos = runLanczos(objective, point, steps, reorthogonalize, seed);
    const ritzValues = lanczos.ritzValues;
    const minEigenvalue = ritzValues[0];
    const maxEigenvalue = ritzValues[ritzValues.length - 1];
    const scale = Math.max(Math.abs(minEigenvalue), Math.abs(maxEigenvalue));
    const zero = 1e-12 * scale;
    let definiteness: CurvatureReport['definiteness'];
    if (minEigenvalue > zero) definiteness = 'positive-definite';
    else if (maxEigenvalue < -zero) definiteness = 'negative-definite';
    else if (minEigenvalue >= -zero) definiteness = 'positive-semidefinite';
    else if (maxEigenvalue <= zero) definiteness = 'negative-semidefinite';
    else definiteness = 'indefinite';
    return {
      value,
      gradientNorm: Math.sqrt(gg),
      gradientCurvature,
      optimalStep: gHg > 0 ? gg / gHg : Number.POSITIVE_INFINITY,
      minEigenvalue,
      maxEigenvalue,
      conditionNumber: minEigenvalue > zero ? maxEigenvalue / minEigenvalue : Number.POSITIVE_INFINITY,
      definiteness,
      ritzValues,
      lanczosSteps: lanczos.steps,
      exact: lanczos.exact,
      hvpEvaluations: objective.nhev,
    };
  } catch (error) {
    if (error instanceof NonFiniteError) throw new ValueError(`${caller}: ${error.message} at x; it must be finite`);
    throw error;
  }
}

/** The Lanczos tridiagonalization and the eigenvalues of T. */
function runLanczos(
  objective: Objective,
  x: Float64Array,
  steps: number,
  reorthogonalize: boolean,
  seed: number,
): { ritzValues: Float64Array; steps: number; exact: boolean } {
  const n = objective.n;
  const start = tidy(() =>
    Float64Array.from(createRng(seed).normal([n], { dtype: 'float64' }).dataSync() as ArrayLike<number>),
  );
  let q: Float64Array = scaled(start, 1 / norm2(start));
  let previous: Float64Array = new Float64Array(n);
  const basis: Float64Array[] = reorthogonalize ? [q] : [];
  const alphas: number[] = [];
  const betas: number[] = [];
  let beta = 0;
  let exact = steps === n;
  const w = new Float64Array(n);
  for (let j = 0; j < steps; j++) {
    objective.hvp(x, q, w);
    const alpha = dot(q, w);
    alphas.push(alpha);
    for (let i = 0; i < n; i++) w[i] -= alpha * q[i] + beta * previous[i];
    if (reorthogonalize) {
      // Twice is enough (Kahan-Parlett): one pass of Gram-Schmidt against every earlier vector loses orthogonality
      // only by a factor of the condition of the basis, and a second pass restores it.
      for (let pass = 0; pass < 2; pass++) {
        for (const v of basis) {
          const c = dot(v, w);
          for (let i = 0; i < n; i++) w[i] -= c * v[i];
        }
      }
    }
    if (j === steps - 1) break;
    beta = norm2(w);
    // An invariant subspace: T's eigenvalues are exact eigenvalues of H (those the start vector excites).
    const magnitude = Math.max(...alphas.map(Math.abs), ...betas, 1e-300);
    if (beta <= 1e-12 * magnitude) {
      exact = true;
      break;
    }
    betas.push(beta);
    previous = q;
    q = scaled(w, 1 / beta);
    if (reorthogonalize) basis.push(q);
  }
  const k = alphas.length;
  const tridiagonal = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    tridiagonal[i * k + i] = alphas[i];
    if (i + 1 < k) {
      tridiagonal[i * k + i + 1] = betas[i];
      tridiagonal[(i + 1) * k + i] = betas[i];
    }
  }
  return { ritzValues: eigen(tridiagonal, k).values, steps: k, exact };
}

function scaled(v: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * factor;
  return out;
}
