import { dot, norm2 } from '../internal/vector.js';
import {
  interpolatedInitialStep,
  type Solver,
  searchFailure,
  searchReport,
  searchWithRestart,
  steepest,
} from './solver.js';

interface CgState {
  direction: Float64Array;
  previousF: number | undefined;
  /** Iterations since the last restart. */
  sinceRestart: number;
}

/** SciPy's sufficient-descent constant: a new direction must have dᵀg ≤ −0.01·gᵀg, else CG restarts. */
const SUFFICIENT_DESCENT = 0.01;

/**
 * Nonlinear conjugate gradients: d₀ = −g₀, then dₖ₊₁ = −gₖ₊₁ + βₖ dₖ with
 * Polak-Ribière+ βₖ = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ)/gₖᵀgₖ) (the default, as SciPy) or
 * Fletcher-Reeves βₖ = gₖ₊₁ᵀgₖ₊₁/gₖᵀgₖ, after a strong Wolfe search with c2 = 0.4 (FR needs c2 < ½ to guarantee
 * descent). Restarts along −g every `restartEvery` iterations (default: never for PR+, n for FR) and whenever the
 * new direction fails dᵀg ≤ −0.01·gᵀg; SciPy instead re-runs the line search in that case.
 * @see Nocedal & Wright 2006, §5.2; Gilbert & Nocedal 1992, https://doi.org/10.1137/0802003
 */
export const cg: Solver<CgState> = {
  init(_objective, start) {
    return { direction: steepest(start.g), previousF: start.f + norm2(start.g) / 2, sinceRestart: 0 };
  },
  step(objective, iterate, state, settings) {
    const plan = (slope0: number) => ({
      initialStep: interpolatedInitialStep(iterate.f, state.previousF, slope0),
      c1: 1e-4,
      c2: 0.4,
      xtol: 1e-14,
      minStep: 1e-100,
      maxStep: 1e100,
    });
    const {
      search,
      restarted,
      direction: used,
    } = searchWithRestart(objective, iterate, state.direction, plan, settings);
    if (search.next === undefined) return searchFailure(objective, iterate, search);
    const next = search.next;
    const n = objective.n;
    const gg = dot(iterate.g, iterate.g);
    let beta: number;
    if (settings.variant === 'fletcher-reeves') beta = dot(next.g, next.g) / gg;
    else {
      let numerator = 0;
      for (let i = 0; i < n; i++) numerator += next.g[i] * (next.g[i] - iterate.g[i]);
      beta = Math.max(0, numerator / gg);
    }
    const restartEvery =
      settings.restartEvery ?? (settings.variant === 'fletcher-reeves' ? n : Number.POSITIVE_INFINITY);
    state.sinceRestart = restarted ? 1 : state.sinceRestart + 1;
    const direction = new Float64Array(n);
    for (let i = 0; i < n; i++) direction[i] = -next.g[i] + beta * used[i];
    const nextGg = dot(next.g, next.g);
    if (state.sinceRestart >= restartEvery || beta === 0 || dot(direction, next.g) > -SUFFICIENT_DESCENT * nextGg) {
      for (let i = 0; i < n; i++) direction[i] = -next.g[i];
      state.sinceRestart = 0;
    }
    state.direction = direction;
    state.previousF = iterate.f;
    return { kind: 'step', iterate: next, report: searchReport(search, restarted) };
  },
};
