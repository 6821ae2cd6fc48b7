import { dot, matVec, norm2 } from '../internal/vector.js';
import {
  type Iterate,
  interpolatedInitialStep,
  type Solver,
  searchFailure,
  searchReport,
  searchWithRestart,
} from './solver.js';

interface BfgsState {
  /** The inverse-Hessian approximation H, row-major n×n. */
  readonly inverse: Float64Array;
  /** Whether H is still the identity (set on start and on every reset): the next update rescales it first. */
  fresh: boolean;
  previousF: number | undefined;
  readonly hy: Float64Array;
}

function resetToIdentity(state: BfgsState, n: number): void {
  state.inverse.fill(0);
  for (let i = 0; i < n; i++) state.inverse[i * n + i] = 1;
  state.fresh = true;
}

/**
 * BFGS with a dense inverse-Hessian approximation H (Nocedal & Wright Algorithm 6.1):
 * d = −H·g, a strong Wolfe line search, then with s = Δx, y = Δg, ρ = 1/yᵀs:
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, skipped when yᵀs ≤ ε·yᵀy (no positive curvature seen).
 * H starts as I, as in SciPy, whose first trial step min(1, 1.01/‖g‖₂) moves x by about 1; `initialScaling` turns
 * H into (yᵀs/yᵀy)·I before the first update instead (Nocedal & Wright eq. 6.20).
 */
export const bfgs: Solver<BfgsState> = {
  init(objective, start) {
    const n = objective.n;
    const state: BfgsState = {
      inverse: new Float64Array(n * n),
      fresh: true,
      // SciPy's guess of the previous value, so that the first step moves x by about 1.
      previousF: start.f + norm2(start.g) / 2,
      hy: new Float64Array(n),
    };
    resetToIdentity(state, n);
    return state;
  },
  step(objective, iterate, state, settings) {
    const n = objective.n;
    const direction = matVec(state.inverse, iterate.g);
    for (let i = 0; i < n; i++) direction[i] = -direction[i];
    const plan = (slope0: number) => ({
      initialStep: interpolatedInitialStep(iterate.f, state.previousF, slope0),
      c1: 1e-4,
      c2: 0.9,
      xtol: 1e-14,
      minStep: 1e-100,
      maxStep: 1e100,
    });
    const { search, restarted } = searchWithRestart(objective, iterate, direction, plan, settings);
    if (restarted) resetToIdentity(state, n);
    if (search.next === undefined) return searchFailure(objective, iterate, search);
    const next: Iterate = search.next;
    update(state, iterate, next, n, settings.initialScaling);
    state.previousF = iterate.f;
    return { kind: 'step', iterate: next, report: searchReport(search, restarted) };
  },
};

function update(state: BfgsState, from: Iterate, to: Iterate, n: number, initialScaling: boolean): void {
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = to.x[i] - from.x[i];
    y[i] = to.g[i] - from.g[i];
  }
  const ys = dot(y, s);
  const yy = dot(y, y);
  // The safeguard: without positive curvature along s the update would lose positive definiteness.
  if (!(ys > Number.EPSILON * yy) || yy === 0) return;
  const h = state.inverse;
  if (state.fresh && initialScaling) {
    const gamma = ys / yy;
    for (let i = 0; i < n * n; i++) h[i] *= gamma;
  }
  state.fresh = false;
  const rho = 1 / ys;
  const hy = matVec(h, y, state.hy);
  const yhy = dot(y, hy);
  const ss = rho * rho * yhy + rho;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const si = s[i];
    const hyi = hy[i];
    for (let j = 0; j < n; j++) h[row + j] += ss * si * s[j] - rho * (si * hy[j] + hyi * s[j]);
  }
}
