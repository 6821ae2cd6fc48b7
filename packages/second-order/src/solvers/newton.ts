import { eigen, shifted, solve, symmetrize } from '../internal/dense.js';
import { along, dot, format, matVec, normInf } from '../internal/vector.js';
import type { Iterate, Solver, StepOutcome } from './solver.js';

interface NewtonState {
  /** Levenberg-Marquardt damping λ. */
  lambda: number;
  /** Nielsen's growth factor for λ after consecutive rejections. */
  growth: number;
  at: Float64Array | undefined;
  hessian: Float64Array | undefined;
  spectrum: { values: Float64Array; vectors: Float64Array } | undefined;
}

/** Nielsen's τ: the first nonzero λ is τ·max|Hᵢᵢ|. */
const TAU = 1e-3;
/** Past this, λ has swamped H entirely: the step is a vanishing gradient step. */
const MAX_DAMPING = 1e16;

/**
 * Newton's method on the exact Hessian, globalized by adaptive Levenberg-Marquardt damping instead of a line search:
 * the step p solves (H + λI)·p = −g (LU with partial pivoting), and is accepted when f decreases by a positive
 * fraction ρ of the model's prediction m(0) − m(p) = −(gᵀp + ½pᵀ(H + λI)p). Then λ ← λ·max(⅓, 1 − (2ρ − 1)³);
 * otherwise λ ← λ·ν, ν ← 2ν (Nielsen 1999). λ starts at `damping` (0: the pure Newton step, which solves for a
 * zero gradient and so can jump onto a saddle point, as Deep Learning §8.2.3 warns).
 *
 * `saddleFree` replaces H by |H| = V|Λ|Vᵀ from the eigendecomposition (Dauphin et al. 2014): the step rescales each
 * eigendirection by 1/(|λᵢ| + λ), so directions of negative curvature are descended instead of climbed, and the
 * method leaves saddle points. (Dauphin et al. work in a Krylov subspace for large models; this is the exact,
 * dense version, for small problems.)
 * @see Levenberg 1944, https://doi.org/10.1090/qam/10666; Marquardt 1963, https://doi.org/10.1137/0111030
 * @see Nielsen 1999, "Damping parameter in Marquardt's method", IMM-REP-1999-05, https://www2.imm.dtu.dk/documents/ftp/tr99/tr05_99.pdf
 * @see Dauphin et al. 2014, "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization", https://arxiv.org/abs/1406.2572
 */
export const newton: Solver<NewtonState> = {
  init(_objective, _start, settings) {
    return { lambda: settings.damping, growth: 2, at: undefined, hessian: undefined, spectrum: undefined };
  },
  step(objective, iterate, state, settings) {
    const n = objective.n;
    if (state.at !== iterate.x) {
      state.hessian = symmetrize(objective.hessian(iterate.x), n);
      state.spectrum = settings.saddleFree ? eigen(state.hessian, n) : undefined;
      state.at = iterate.x;
    }
    const hessian = state.hessian as Float64Array;
    const { g } = iterate;
    const lambda = state.lambda;
    let p: Float64Array | undefined;
    let curvature = 0;
    if (state.spectrum !== undefined) {
      const { values, vectors } = state.spectrum;
      // A floor keeps 1/(|λᵢ| + λ) finite on exactly flat directions.
      let largest = 1;
      for (let k = 0; k < n; k++) largest = Math.max(largest, Math.abs(values[k]));
      const floor = Number.EPSILON * largest;
      p = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        let projection = 0;
        for (let i = 0; i < n; i++) projection += vectors[i * n + k] * g[i];
        const scale = Math.max(Math.abs(values[k]), floor) + lambda;
        const coefficient = -projection / scale;
        curvature += scale * coefficient * coefficient;
        for (let i = 0; i < n; i++) p[i] += coefficient * vectors[i * n + k];
      }
    } else {
      const rhs = new Float64Array(n);
      for (let i = 0; i < n; i++) rhs[i] = -g[i];
      p = solve(lambda === 0 ? hessian : shifted(hessian, n, lambda), rhs);
      if (p !== undefined) curvature = dot(p, matVec(hessian, p)) + lambda * dot(p, p);
    }
    const predicted = p === undefined ? Number.NaN : -(dot(g, p) + 0.5 * curvature);
    if (p === undefined || !(predicted > 0)) return reject(state, hessian, iterate, n);
    const x = along(iterate.x, 1, p);
    const gradient = new Float64Array(n);
    const f = objective.evaluate(x, gradient);
    const rho = (iterate.f - f) / predicted;
    if (rho > 0) {
      state.lambda = lambda * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      state.growth = 2;
      return {
        kind: 'step',
        iterate: { x, f, g: gradient },
        report: { accepted: true, restarted: false, damping: state.lambda },
      };
    }
    return reject(state, hessian, iterate, n);
  },
};

function reject(state: NewtonState, hessian: Float64Array, iterate: Iterate, n: number): StepOutcome {
  if (state.lambda === 0) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(hessian[i * n + i]));
    state.lambda = TAU * (largest > 0 ? largest : 1);
  } else {
    state.lambda *= state.growth;
    state.growth *= 2;
  }
  if (state.lambda > MAX_DAMPING * Math.max(1, normInf(iterate.g))) {
    return {
      kind: 'failed',
      status: 'precision-loss',
      reason: `the damping grew to ${format(state.lambda)} without a decrease of f`,
    };
  }
  return { kind: 'step', iterate, report: { accepted: false, restarted: false, damping: state.lambda } };
}
