import { dot, norm1 } from '../internal/vector.js';
import { interpolatedInitialStep, type Solver, searchFailure, searchWithRestart } from './solver.js';

interface NewtonCgState {
  previousF: number | undefined;
}

/**
 * Truncated (Hessian-free) Newton, as SciPy's Newton-CG: the Newton system H·p = −g is solved approximately by
 * linear conjugate gradients on exact Hessian-vector products, stopping when ‖r‖₁ ≤ min(½, √‖g‖₁)·‖g‖₁ (a forcing
 * sequence that makes the outer iteration superlinear). Negative curvature pᵀHp < 0 ends the inner loop: with the
 * iterate built so far, or on the first inner iteration with the steepest-descent step scaled by gᵀg/|pᵀHp|.
 * Then a strong Wolfe line search (c2 = 0.9, steps in [1e-8, 50], as SciPy's `line_search_wolfe1` defaults).
 * @see Nocedal & Wright 2006, Algorithm 7.1 (line search Newton-CG), https://doi.org/10.1007/978-0-387-40065-5
 */
export const newtonCg: Solver<NewtonCgState> = {
  init() {
    return { previousF: undefined };
  },
  step(objective, iterate, state, settings) {
    const n = objective.n;
    const { g, x } = iterate;
    const magnitude = norm1(g);
    const termination = Math.min(0.5, Math.sqrt(magnitude)) * magnitude;
    const p = new Float64Array(n);
    const r = Float64Array.from(g);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = -g[i];
    let rr = dot(r, r);
    const hd = new Float64Array(n);
    let inner = 0;
    const maxInner = 20 * n;
    while (inner < maxInner && norm1(r) > termination) {
      objective.hvp(x, d, hd);
      const curvature = dot(d, hd);
      if (curvature >= 0 && curvature <= 3 * Number.EPSILON) break;
      if (curvature < 0) {
        // Negative curvature: keep what CG built, or on the first inner step take a scaled steepest-descent step.
        if (inner === 0) for (let i = 0; i < n; i++) p[i] = (rr / -curvature) * -g[i];
        break;
      }
      const alpha = rr / curvature;
      for (let i = 0; i < n; i++) {
        p[i] += alpha * d[i];
        r[i] += alpha * hd[i];
      }
      const nextRr = dot(r, r);
      const beta = nextRr / rr;
      for (let i = 0; i < n; i++) d[i] = -r[i] + beta * d[i];
      rr = nextRr;
      inner++;
    }
    const plan = (slope0: number) => ({
      initialStep: interpolatedInitialStep(iterate.f, state.previousF, slope0),
      c1: 1e-4,
      c2: 0.9,
      xtol: 1e-14,
      minStep: 1e-8,
      maxStep: 50,
    });
    // A zero direction (no progress in the first inner step) falls back to steepest descent.
    const { search, restarted } = searchWithRestart(objective, iterate, p, plan, settings);
    if (search.next === undefined) return searchFailure(objective, iterate, search);
    state.previousF = iterate.f;
    return {
      kind: 'step',
      iterate: search.next,
      report: {
        accepted: true,
        restarted,
        innerIterations: inner,
        lineSearch: { step: search.result.step, status: search.result.status, trials: search.trials },
      },
    };
  },
};
