import { epsilonOf } from '@descent/tensor';
import type { Objective } from '../internal/objective.js';
import { along, dot, format, norm2, normInf } from '../internal/vector.js';
import type { Iterate, Settings, StepOutcome } from './solver.js';

/** A trust-region subproblem's answer: the step, H·step (for the model), and whether it reached the boundary. */
export interface TrustStep {
  readonly p: Float64Array;
  readonly hp: Float64Array;
  readonly hitsBoundary: boolean;
  readonly innerIterations?: number;
}

export interface TrustState {
  radius: number;
}

/** The roots ta ≤ tb of ‖z + t·d‖ = Δ (SciPy's `get_boundaries_intersections`, cancellation-free). */
export function boundaryIntersections(z: Float64Array, d: Float64Array, radius: number): [number, number] {
  const a = dot(d, d);
  const b = 2 * dot(z, d);
  const c = dot(z, z) - radius * radius;
  const root = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  const aux = b + (b >= 0 ? root : -root);
  if (aux === 0) return [-radius / Math.sqrt(a), radius / Math.sqrt(a)];
  const ta = -aux / (2 * a);
  const tb = (-2 * c) / aux;
  return ta <= tb ? [ta, tb] : [tb, ta];
}

/**
 * One trust-region iteration around a subproblem solver (Nocedal & Wright Algorithm 4.1, SciPy's constants): take
 * the model step p, compare the actual reduction with the predicted one m(0) − m(p) = −(gᵀp + ½pᵀHp), shrink Δ by ¼
 * when ρ < ¼, double it (up to the maximum) when ρ > ¾ and p reached the boundary, and move when ρ > η.
 */
export function trustRegionStep(
  objective: Objective,
  iterate: Iterate,
  state: TrustState,
  settings: Settings,
  solveSubproblem: (radius: number) => TrustStep,
): StepOutcome {
  const eps = epsilonOf(objective.dtype);
  if (state.radius <= eps * Math.max(1, normInf(iterate.x))) {
    return {
      kind: 'failed',
      status: 'precision-loss',
      reason: `the trust radius shrank to ${format(state.radius)}, below what ${objective.dtype} resolves at x`,
    };
  }
  const { p, hp, hitsBoundary, innerIterations } = solveSubproblem(state.radius);
  const predicted = -(dot(iterate.g, p) + 0.5 * dot(p, hp));
  if (!(predicted > 0)) {
    return {
      kind: 'failed',
      status: 'precision-loss',
      reason: `the quadratic model predicts no decrease (${format(predicted)}) with ‖g‖ = ${format(norm2(iterate.g))}`,
    };
  }
  const x = along(iterate.x, 1, p);
  const g = new Float64Array(objective.n);
  const f = objective.evaluate(x, g);
  const rho = (iterate.f - f) / predicted;
  if (rho < 0.25) state.radius *= 0.25;
  else if (rho > 0.75 && hitsBoundary) state.radius = Math.min(2 * state.radius, settings.maxTrustRadius);
  const accepted = rho > settings.eta;
  return {
    kind: 'step',
    iterate: accepted ? { x, f, g } : iterate,
    report: {
      accepted,
      restarted: false,
      trustRadius: state.radius,
      ...(innerIterations === undefined ? {} : { innerIterations }),
    },
  };
}

/**
 * Steihaug-Toint truncated CG for min gᵀp + ½pᵀHp subject to ‖p‖ ≤ Δ, on exact Hessian-vector products: CG from
 * p = 0 until the residual drops below min(½, √‖g‖)·‖g‖, the iterate leaves the region (stop on the boundary), or
 * a direction of non-positive curvature appears (go to whichever boundary point has the lower model value). Hp is
 * accumulated alongside p, so the model needs no extra Hessian-vector products (SciPy spends two more).
 * @see Steihaug 1983, https://doi.org/10.1137/0720042; Nocedal & Wright 2006, Algorithm 7.2
 */
export function steihaug(objective: Objective, iterate: Iterate, radius: number): TrustStep {
  const n = objective.n;
  const { g, x } = iterate;
  const gNorm = norm2(g);
  const tolerance = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
  let z: Float64Array = new Float64Array(n);
  let hz: Float64Array = new Float64Array(n);
  let r: Float64Array = Float64Array.from(g);
  let d: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = -g[i];
  const bd = new Float64Array(n);
  // A CG iteration count beyond n only happens through rounding; cap it generously.
  const maxInner = 10 * n + 10;
  for (let inner = 0; inner < maxInner; inner++) {
    objective.hvp(x, d, bd);
    const dBd = dot(d, bd);
    if (dBd <= 0) {
      const [ta, tb] = boundaryIntersections(z, d, radius);
      // m(z + t·d) − m(z) = t·(gᵀd + dᵀHz) + ½t²·dᵀHd
      const linear = dot(g, d) + dot(d, hz);
      const model = (t: number) => t * linear + 0.5 * t * t * dBd;
      const t = model(ta) < model(tb) ? ta : tb;
      return { p: along(z, t, d), hp: along(hz, t, bd), hitsBoundary: true, innerIterations: inner + 1 };
    }
    const rr = dot(r, r);
    const alpha = rr / dBd;
    const zNext = along(z, alpha, d);
    if (norm2(zNext) >= radius) {
      const [, tb] = boundaryIntersections(z, d, radius);
      return { p: along(z, tb, d), hp: along(hz, tb, bd), hitsBoundary: true, innerIterations: inner + 1 };
    }
    const rNext = along(r, alpha, bd);
    const hzNext = along(hz, alpha, bd);
    const rrNext = dot(rNext, rNext);
    if (Math.sqrt(rrNext) < tolerance) {
      return { p: zNext, hp: hzNext, hitsBoundary: false, innerIterations: inner + 1 };
    }
    const beta = rrNext / rr;
    const dNext = new Float64Array(n);
    for (let i = 0; i < n; i++) dNext[i] = -rNext[i] + beta * d[i];
    z = zNext;
    hz = hzNext;
    r = rNext;
    d = dNext;
  }
  return { p: z, hp: hz, hitsBoundary: false, innerIterations: maxInner };
}
