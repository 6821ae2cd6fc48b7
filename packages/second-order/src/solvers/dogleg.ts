import { choleskySolve, symmetrize } from '../internal/dense.js';
import type { Objective } from '../internal/objective.js';
import { along, dot, matVec, norm2 } from '../internal/vector.js';
import type { Iterate, Solver } from './solver.js';
import { boundaryIntersections, type TrustState, type TrustStep, trustRegionStep } from './trust-region.js';

interface DoglegState extends TrustState {
  /** The Hessian at `at` (reused while rejected steps leave x in place). */
  hessian: Float64Array | undefined;
  at: Float64Array | undefined;
  newton: Float64Array | undefined;
}

/**
 * Powell's dogleg trust-region method on the exact Hessian: the path runs from x to the Cauchy point
 * pᵁ = −(gᵀg/gᵀHg)·g, then to the Newton point pᴮ = −H⁻¹g (Cholesky); the step is where it leaves the trust region,
 * or pᴮ when that lies inside. H must be positive definite for the path to make sense (SciPy raises otherwise);
 * here an indefinite H falls back to the Cauchy step, which goes to the boundary along −g when gᵀHg ≤ 0.
 * @see Powell 1970, "A hybrid method for nonlinear equations"; Nocedal & Wright 2006, §4.1
 */
export const dogleg: Solver<DoglegState> = {
  init(_objective, _start, settings) {
    return { radius: settings.initialTrustRadius, hessian: undefined, at: undefined, newton: undefined };
  },
  step(objective, iterate, state, settings) {
    if (state.at !== iterate.x) {
      state.hessian = symmetrize(objective.hessian(iterate.x), objective.n);
      state.newton = choleskySolve(state.hessian, iterate.g);
      if (state.newton !== undefined) for (let i = 0; i < objective.n; i++) state.newton[i] = -state.newton[i];
      state.at = iterate.x;
    }
    const hessian = state.hessian as Float64Array;
    return trustRegionStep(objective, iterate, state, settings, (radius) =>
      doglegStep(objective, iterate, hessian, state.newton, radius),
    );
  },
};

function doglegStep(
  objective: Objective,
  iterate: Iterate,
  hessian: Float64Array,
  newton: Float64Array | undefined,
  radius: number,
): TrustStep {
  const n = objective.n;
  const { g } = iterate;
  const product = (p: Float64Array) => ({ p, hp: matVec(hessian, p) });
  if (newton !== undefined && norm2(newton) <= radius) return { ...product(newton), hitsBoundary: false };
  const gNorm = norm2(g);
  const hg = matVec(hessian, g);
  const gHg = dot(g, hg);
  if (newton === undefined || !(gHg > 0)) {
    // Indefinite H: the Cauchy point, on the boundary when the model is not convex along −g.
    const tau = gHg > 0 ? Math.min(1, gNorm ** 3 / (radius * gHg)) : 1;
    return { ...product(along(new Float64Array(n), (-tau * radius) / gNorm, g)), hitsBoundary: tau === 1 };
  }
  const cauchy = along(new Float64Array(n), -dot(g, g) / gHg, g);
  if (norm2(cauchy) >= radius) {
    return { ...product(along(new Float64Array(n), -radius / gNorm, g)), hitsBoundary: true };
  }
  const leg = along(newton, -1, cauchy);
  const [, tb] = boundaryIntersections(cauchy, leg, radius);
  return { ...product(along(cauchy, tb, leg)), hitsBoundary: true };
}
