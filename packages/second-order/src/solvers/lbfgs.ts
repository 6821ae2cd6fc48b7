import { dot, norm2 } from '../internal/vector.js';
import { type Solver, searchFailure, searchReport, searchWithRestart } from './solver.js';

interface LbfgsState {
  readonly s: Float64Array[];
  readonly y: Float64Array[];
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
  /** Pairs held, at most `history`. */
  count: number;
  /** Slot of the next pair (a ring buffer). */
  head: number;
}

/**
 * L-BFGS: the two-loop recursion applies the inverse-Hessian approximation built from the last m pairs (s, y),
 * with H₀ = (sᵀy/yᵀy)·I, to −g (Nocedal & Wright Algorithm 7.4). The line search and the first step follow
 * L-BFGS-B on an unconstrained problem: Moré-Thuente with c1 = 1e-3, c2 = 0.9, xtol = 0.1, at most 20
 * evaluations, a first step of 1/‖d‖ (then 1); a pair is skipped when sᵀy ≤ ε·yᵀy, and a failed search clears the
 * memory and retries along −g.
 * @see Liu & Nocedal 1989, https://doi.org/10.1007/BF01589116; Byrd, Lu, Nocedal & Zhu 1995, https://doi.org/10.1137/0916069
 */
export const lbfgs: Solver<LbfgsState> = {
  init(objective, _start, settings) {
    const m = settings.history;
    return {
      s: Array.from({ length: m }, () => new Float64Array(objective.n)),
      y: Array.from({ length: m }, () => new Float64Array(objective.n)),
      rho: new Float64Array(m),
      alpha: new Float64Array(m),
      count: 0,
      head: 0,
    };
  },
  step(objective, iterate, state, settings) {
    const n = objective.n;
    const m = settings.history;
    const direction = twoLoop(state, iterate.g, m);
    const empty = state.count === 0;
    // L-BFGS-B's first step has unit length; so does the first after a reset of the memory.
    const plan = (_slope0: number, along: Float64Array) => ({
      initialStep: along !== direction || empty ? 1 / norm2(along) : 1,
      c1: 1e-3,
      c2: 0.9,
      xtol: 0.1,
      minStep: 0,
      maxStep: 1e10,
      maxEvaluations: 20,
    });
    const { search, restarted } = searchWithRestart(objective, iterate, direction, plan, settings);
    if (restarted) {
      state.count = 0;
      state.head = 0;
    }
    if (search.next === undefined) return searchFailure(objective, iterate, search);
    const next = search.next;
    const s = state.s[state.head];
    const y = state.y[state.head];
    for (let i = 0; i < n; i++) {
      s[i] = next.x[i] - iterate.x[i];
      y[i] = next.g[i] - iterate.g[i];
    }
    const ys = dot(y, s);
    const yy = dot(y, y);
    if (ys > Number.EPSILON * yy && yy > 0) {
      state.rho[state.head] = 1 / ys;
      state.head = (state.head + 1) % m;
      state.count = Math.min(state.count + 1, m);
    }
    return { kind: 'step', iterate: next, report: searchReport(search, restarted) };
  },
};

/** d = −H·g by the two-loop recursion (just −g with no pairs). */
function twoLoop(state: LbfgsState, g: Float64Array, m: number): Float64Array {
  const q = Float64Array.from(g);
  const { s, y, rho, alpha, count, head } = state;
  for (let k = 1; k <= count; k++) {
    const i = (head - k + m) % m;
    const a = rho[i] * dot(s[i], q);
    alpha[i] = a;
    const yi = y[i];
    for (let j = 0; j < q.length; j++) q[j] -= a * yi[j];
  }
  if (count > 0) {
    const newest = (head - 1 + m) % m;
    const gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
    for (let j = 0; j < q.length; j++) q[j] *= gamma;
  }
  for (let k = count; k >= 1; k--) {
    const i = (head - k + m) % m;
    const b = rho[i] * dot(y[i], q);
    const si = s[i];
    const coefficient = alpha[i] - b;
    for (let j = 0; j < q.length; j++) q[j] += coefficient * si[j];
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}
