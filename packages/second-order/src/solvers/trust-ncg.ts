import type { Solver } from './solver.js';
import { steihaug, type TrustState, trustRegionStep } from './trust-region.js';

/**
 * Trust-region Newton-CG: each iteration solves the trust-region subproblem by Steihaug-Toint truncated CG on exact
 * Hessian-vector products, then accepts or rejects the step by the ratio of actual to predicted reduction (SciPy's
 * `trust-ncg`: Δ₀ = 1, Δmax = 1000, η = 0.15). Never forms the Hessian.
 */
export const trustNcg: Solver<TrustState> = {
  init(_objective, _start, settings) {
    return { radius: settings.initialTrustRadius };
  },
  step(objective, iterate, state, settings) {
    return trustRegionStep(objective, iterate, state, settings, (radius) => steihaug(objective, iterate, radius));
  },
};
