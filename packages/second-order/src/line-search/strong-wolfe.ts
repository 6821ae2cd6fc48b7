import { ValueError } from '@descent/tensor';
import {
  checkOption,
  type LineFunction,
  type LinePoint,
  type LineSearchOptions,
  type LineSearchResult,
  type LineSearchStatus,
  start,
} from './types.js';

/** Options of `strongWolfe`: the common ones plus the bracket tolerance. */
export interface StrongWolfeOptions extends LineSearchOptions {
  /**
   * Relative width below which the bracket counts as collapsed (`'interval-too-small'`). Default 1e-14, as SciPy's
   * `line_search_wolfe1`; L-BFGS-B uses 0.1.
   */
  readonly xtol?: number;
}

/** The bracket [stx, sty] of Moré & Thuente: stx holds the best step so far, sty the other end. */
interface Bracket {
  stx: number;
  fx: number;
  gx: number;
  sty: number;
  fy: number;
  gy: number;
  bracketed: boolean;
}

/**
 * A step satisfying the strong Wolfe conditions, found by Moré & Thuente's safeguarded cubic/quadratic interpolation
 * (MINPACK-2's dcsrch and dcstep, which SciPy's BFGS, CG and Newton-CG and L-BFGS-B all use):
 *
 *   sufficient decrease  φ(α) ≤ φ(0) + c1·α·φ′(0)     and     curvature  |φ′(α)| ≤ c2·|φ′(0)|.
 *
 * Stage 1 extrapolates (α grows by up to a factor 4 beyond the last step) until the interval [stx, sty] brackets a
 * minimizer of ψ(α) = φ(α) − φ(0) − c1·α·φ′(0); while a lower φ has been seen without sufficient decrease it
 * interpolates the modified function ψ instead of φ. Each new step is the cubic or quadratic (secant) minimizer
 * chosen by dcstep's four cases, kept inside the safeguarded interval, with a bisection whenever the bracket fails
 * to shrink by a factor 0.66. Converges in a finite number of steps when c1 < c2 and φ is bounded below.
 *
 * When φ is NaN or ±Infinity at a trial step (an overflow past a cliff), the search bisects back toward the best
 * step and never returns beyond the bad one; SciPy would fail instead.
 * @see Moré & Thuente 1994, "Line search algorithms with guaranteed sufficient decrease", https://doi.org/10.1145/192115.192132
 * @see Nocedal & Wright 2006, *Numerical Optimization* (2nd ed.), §3.5, https://doi.org/10.1007/978-0-387-40065-5
 * @example
 * // φ(α) = (α − 2)², φ(0) = 4, φ′(0) = −4. With c2 = 0.1 only steps near 2 pass the curvature test.
 * const result = strongWolfe((a) => ({ value: (a - 2) ** 2, slope: 2 * (a - 2) }), { c2: 0.1 });
 * result.converged; // → true; result.step → 2 after 3 evaluations (φ(0), φ(1), φ(2))
 */
export function strongWolfe(phi: LineFunction, options: StrongWolfeOptions = {}): LineSearchResult {
  const fn = 'strongWolfe';
  if (typeof phi !== 'function') throw new ValueError(`${fn}: phi must be a function of the step, got ${typeof phi}`);
  const c1 = checkOption(fn, 'c1', options.c1 ?? 1e-4, 0, 1);
  const c2 = checkOption(fn, 'c2', options.c2 ?? 0.9, 0, 1);
  const xtol = checkOption(fn, 'xtol', options.xtol ?? 1e-14, 0, 1);
  const minStep = checkOption(fn, 'minStep', options.minStep ?? 0, 0, Number.POSITIVE_INFINITY);
  const maxStep = checkOption(fn, 'maxStep', options.maxStep ?? 1e100, minStep, Number.POSITIVE_INFINITY);
  const maxEvaluations = checkOption(fn, 'maxEvaluations', options.maxEvaluations ?? 100, 1, Number.POSITIVE_INFINITY);
  if (c1 > c2) throw new ValueError(`${fn}: c1 must not exceed c2, got c1 = ${c1} and c2 = ${c2}`);
  const trials: LinePoint[] = [];
  const initial = start(phi, options, trials);
  const { value0: f0, slope0: g0 } = initial;
  let evaluations = initial.evaluations;
  const finish = (status: LineSearchStatus, step: number, value: number, slope: number, message: string) => ({
    converged: status === 'converged',
    status,
    step,
    value,
    slope,
    value0: f0,
    slope0: g0,
    evaluations,
    trials,
    message: `${fn}: ${message}`,
  });
  if (!Number.isFinite(f0) || !Number.isFinite(g0)) {
    return finish('non-finite', 0, f0, g0, `φ(0) = ${f0} and φ′(0) = ${g0} must be finite`);
  }
  if (g0 >= 0) return finish('not-descent', 0, f0, g0, `φ′(0) = ${g0} ≥ 0: not a descent direction`);
  let stp = options.initialStep ?? 1;
  if (!(stp > 0) || !Number.isFinite(stp)) {
    throw new ValueError(`${fn}: initialStep must be a positive finite number, got ${String(stp)}`);
  }
  stp = Math.min(Math.max(stp, minStep), maxStep);

  const gtest = c1 * g0;
  const b: Bracket = { stx: 0, fx: f0, gx: g0, sty: 0, fy: f0, gy: g0, bracketed: false };
  let stage = 1;
  let width = maxStep - minStep;
  let width1 = 2 * width;
  let stmin = 0;
  let stmax = stp + 4 * stp;
  // A step where φ was not finite: every later step stays below it.
  let ceiling = maxStep;

  while (evaluations < maxEvaluations) {
    const { value: f, slope: g } = phi(stp);
    evaluations++;
    trials.push({ step: stp, value: f, slope: g });
    if (!Number.isFinite(f) || !Number.isFinite(g)) {
      ceiling = stp;
      const next = b.stx + 0.5 * (stp - b.stx);
      if (next === stp || next === b.stx) {
        return finish('non-finite', b.stx, b.fx, b.gx, `φ is not finite at step ${stp}, next to the best step`);
      }
      stp = next;
      continue;
    }
    const ftest = f0 + stp * gtest;
    if (stage === 1 && f <= ftest && g >= 0) stage = 2;

    if (f <= ftest && Math.abs(g) <= c2 * -g0) return finish('converged', stp, f, g, `converged at step ${stp}`);
    if (b.bracketed && (stp <= stmin || stp >= stmax)) {
      return finish('rounding-errors', stp, f, g, `rounding errors prevent progress at step ${stp}`);
    }
    if (b.bracketed && stmax - stmin <= xtol * stmax) {
      return finish('interval-too-small', stp, f, g, `the bracket around step ${stp} is narrower than xtol`);
    }
    if (stp === maxStep && f <= ftest && g <= gtest) {
      return finish('max-step', stp, f, g, `the step reached maxStep = ${maxStep}`);
    }
    if (stp === minStep && (f > ftest || g >= gtest)) {
      return finish('min-step', stp, f, g, `the step reached minStep = ${minStep}`);
    }

    if (stage === 1 && f <= b.fx && f > ftest) {
      // Lower φ but not sufficient decrease yet: interpolate ψ(α) = φ(α) − c1·α·φ′(0), whose minimizers bracket
      // a point of sufficient decrease, rather than φ itself.
      const modified: Bracket = {
        stx: b.stx,
        fx: b.fx - b.stx * gtest,
        gx: b.gx - gtest,
        sty: b.sty,
        fy: b.fy - b.sty * gtest,
        gy: b.gy - gtest,
        bracketed: b.bracketed,
      };
      stp = safeguardedStep(modified, stp, f - stp * gtest, g - gtest, stmin, stmax);
      b.stx = modified.stx;
      b.sty = modified.sty;
      b.fx = modified.fx + modified.stx * gtest;
      b.fy = modified.fy + modified.sty * gtest;
      b.gx = modified.gx + gtest;
      b.gy = modified.gy + gtest;
      b.bracketed = modified.bracketed;
    } else {
      stp = safeguardedStep(b, stp, f, g, stmin, stmax);
    }

    if (b.bracketed) {
      // Bisect when the bracket did not shrink enough over the last two steps.
      if (Math.abs(b.sty - b.stx) >= 0.66 * width1) stp = b.stx + 0.5 * (b.sty - b.stx);
      width1 = width;
      width = Math.abs(b.sty - b.stx);
      stmin = Math.min(b.stx, b.sty);
      stmax = Math.max(b.stx, b.sty);
    } else {
      stmin = stp + 1.1 * (stp - b.stx);
      stmax = stp + 4 * (stp - b.stx);
    }
    stp = Math.min(Math.max(stp, minStep), maxStep);
    if ((b.bracketed && (stp <= stmin || stp >= stmax)) || (b.bracketed && stmax - stmin <= xtol * stmax)) {
      stp = b.stx;
    }
    if (stp >= ceiling) stp = b.stx + 0.5 * (ceiling - b.stx);
  }
  const best = b.stx;
  return finish(
    'max-evaluations',
    best,
    b.fx,
    b.gx,
    `no step satisfied the strong Wolfe conditions within ${maxEvaluations} evaluations (best step ${best})`,
  );
}

/**
 * Moré & Thuente's dcstep: from the bracket, the new trial `stp` with value `fp` and slope `dp`, updates the bracket in
 * place and returns the next trial step.
 */
function safeguardedStep(b: Bracket, stp: number, fp: number, dp: number, stpmin: number, stpmax: number): number {
  const { stx, fx, gx: dx, sty, fy, gy: dy } = b;
  const sgnd = Math.sign(dp) * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Case 1: a higher value. The minimum is bracketed; take the cubic step if it is closer to stx than the
    // quadratic step, otherwise their average.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) <= Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    b.bracketed = true;
  } else if (sgnd < 0) {
    // Case 2: a lower value and slopes of opposite sign. Bracketed; take the cubic step if it is farther from stp
    // than the secant step, otherwise the secant step.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    b.bracketed = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: a lower value, slopes of the same sign, the slope's magnitude decreasing. The cubic step is used only
    // if the cubic tends to infinity in the direction of the step or its minimum lies beyond stp.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else stpc = stp > stx ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (b.bracketed) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.min(Math.max(stpf, stpmin), stpmax);
    }
  } else if (b.bracketed) {
    // Case 4: a lower value, slopes of the same sign, the slope not decreasing: the cubic step through sty.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    stpf = stp + (p / q) * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }
  // Update the interval that contains a minimizer.
  if (fp > fx) {
    b.sty = stp;
    b.fy = fp;
    b.gy = dp;
  } else {
    if (sgnd < 0) {
      b.sty = stx;
      b.fy = fx;
      b.gy = dx;
    }
    b.stx = stp;
    b.fx = fp;
    b.gx = dp;
  }
  return stpf;
}
