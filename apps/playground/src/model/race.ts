import { valueAndGrad } from '@descent/autodiff';
import { applyUpdates, type GradientTransformation } from '@descent/optim';
import { type CurvatureReport, curvature, type IterationInfo, minimize } from '@descent/second-order';
import { createRng, type Rng, type Tensor, tensor, tidy } from '@descent/tensor';
import {
  firstOrderTransformation,
  isFirstOrder,
  METHOD_INFO,
  type MethodConfig,
  paramValue,
  type SecondOrderMethod,
} from './methods.js';
import type { Objective } from './objective.js';

/** What a second-order iteration shows besides the point: the line search, the trust region, the BFGS metric. */
export interface Internals {
  /** Points the line search evaluated in this iteration, in order. */
  readonly trials?: readonly (readonly [number, number])[];
  /** The trust radius after this iteration. */
  readonly trustRadius?: number;
  /** BFGS's inverse-Hessian approximation after this iteration, row-major 2 × 2. */
  readonly inverseHessian?: readonly [number, number, number, number];
  /** False when a trust-region step was rejected (x did not move). */
  readonly accepted?: boolean;
}

/** One point of a trajectory: where the racer is, f there and ‖∇f‖₂ (the true gradient, without noise). */
export interface RacePoint {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly gradientNorm: number;
  readonly internals?: Internals;
}

export type RacerStatus = 'running' | 'finished' | 'diverged' | 'failed';

export interface RaceConfig {
  readonly racers: readonly MethodConfig[];
  /** Per-example gradient noise σ (first-order methods): the minibatch gradient gets noise of std σ/√B. */
  readonly noise: number;
  /** Minibatch size B of the simulated gradient estimate. */
  readonly batchSize: number;
  /** Most steps per racer. */
  readonly steps: number;
}

/** What `Race.advance` reports for one racer: the points added since the last call, and how it stands. */
export interface RacerUpdate {
  readonly index: number;
  /** Index of the first new point in the racer's trajectory (point 0 is the start). */
  readonly from: number;
  readonly points: readonly RacePoint[];
  readonly status: RacerStatus;
  readonly message: string;
}

/** Beyond this distance from the origin a trajectory counts as diverged. */
const DIVERGED = 1e6;

interface Racer {
  readonly config: MethodConfig;
  readonly points: RacePoint[];
  status: RacerStatus;
  message: string;
  /** Makes one step; false when the racer cannot move any more. */
  step(): boolean;
}

function gradientNorm(g: ArrayLike<number>): number {
  return Math.hypot(g[0], g[1]);
}

function evaluate(objective: Objective, x: Tensor): { f: number; g: Float64Array } {
  return tidy(() => {
    const [value, gradient] = valueAndGrad(objective.value)(x);
    return { f: value.item(), g: Float64Array.from(gradient.dataSync()) };
  });
}

/**
 * A first-order racer: each step feeds the transformation ∇f(x) + (σ/√B)·ε with ε ~ N(0, I) from its own seeded
 * generator, the gradient noise of a minibatch of size B (8.1.3: the standard error of a mean falls as 1/√B).
 */
function firstOrderRacer(objective: Objective, config: MethodConfig, race: RaceConfig, rng: Rng): Racer {
  const transformation: GradientTransformation = firstOrderTransformation(config);
  let x = tensor(Float64Array.from(objective.start), { dtype: 'float64' });
  let state = transformation.init(x);
  let current = evaluate(objective, x);
  const noiseStd = race.noise / Math.sqrt(race.batchSize);
  const racer: Racer = {
    config,
    points: [{ x: objective.start[0], y: objective.start[1], f: current.f, gradientNorm: gradientNorm(current.g) }],
    status: 'running',
    message: '',
    step() {
      if (racer.status !== 'running') return false;
      const noisy = Float64Array.from(current.g);
      if (noiseStd > 0) {
        const epsilon = rng.normal([2], { dtype: 'float64' }).dataSync();
        noisy[0] += noiseStd * epsilon[0];
        noisy[1] += noiseStd * epsilon[1];
      }
      const [next, nextState] = tidy(() => {
        const [updates, s] = transformation.update(tensor(noisy, { dtype: 'float64' }), state, x);
        return [applyUpdates(x, updates) as Tensor, s] as const;
      });
      x = next;
      state = nextState;
      const [px, py] = x.dataSync();
      current = evaluate(objective, x);
      racer.points.push({ x: px, y: py, f: current.f, gradientNorm: gradientNorm(current.g) });
      if (!Number.isFinite(current.f) || !(Math.hypot(px, py) < DIVERGED)) {
        racer.status = 'diverged';
        racer.message = `diverged at step ${racer.points.length - 1}`;
        return false;
      }
      if (racer.points.length > race.steps) {
        racer.status = 'finished';
        racer.message = `${race.steps} steps`;
        return false;
      }
      return true;
    },
  };
  return racer;
}

const MINIMIZE_METHOD: Readonly<Record<SecondOrderMethod, IterationInfo['method']>> = {
  newton: 'newton',
  'saddle-free-newton': 'newton',
  'newton-cg': 'newton-cg',
  'trust-ncg': 'trust-ncg',
  dogleg: 'dogleg',
  cg: 'cg',
  bfgs: 'bfgs',
  lbfgs: 'lbfgs',
};

/**
 * BFGS's inverse-Hessian update, H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/yᵀs, on 2 × 2 matrices. The package
 * does not expose its H, so the view replays the update from consecutive iterates and gradients, with the same
 * first scaling H₀ = (yᵀs/yᵀy)·I (Nocedal & Wright eq. 6.20) and the same skip when yᵀs ≤ 0.
 */
export function bfgsUpdate(
  h: readonly [number, number, number, number] | undefined,
  s: readonly [number, number],
  y: readonly [number, number],
): readonly [number, number, number, number] | undefined {
  const ys = y[0] * s[0] + y[1] * s[1];
  if (!(ys > 1e-300)) return h;
  const yy = y[0] * y[0] + y[1] * y[1];
  const h0 = h ?? [ys / yy, 0, 0, ys / yy];
  const rho = 1 / ys;
  // A = I − ρ s yᵀ; H' = A H Aᵀ + ρ s sᵀ.
  const a = [1 - rho * s[0] * y[0], -rho * s[0] * y[1], -rho * s[1] * y[0], 1 - rho * s[1] * y[1]];
  const ah = [
    a[0] * h0[0] + a[1] * h0[2],
    a[0] * h0[1] + a[1] * h0[3],
    a[2] * h0[0] + a[3] * h0[2],
    a[2] * h0[1] + a[3] * h0[3],
  ];
  return [
    ah[0] * a[0] + ah[1] * a[1] + rho * s[0] * s[0],
    ah[0] * a[2] + ah[1] * a[3] + rho * s[0] * s[1],
    ah[2] * a[0] + ah[3] * a[1] + rho * s[1] * s[0],
    ah[2] * a[2] + ah[3] * a[3] + rho * s[1] * s[1],
  ];
}

/**
 * A second-order racer: `minimize` runs to the end up front (a few dozen iterations on a 2-D problem) and records
 * every iteration through `onIteration`; the race then reveals one iteration per step.
 */
function secondOrderRacer(objective: Objective, config: MethodConfig, race: RaceConfig): Racer {
  const method = config.method as SecondOrderMethod;
  const start = evaluate(objective, tensor(Float64Array.from(objective.start), { dtype: 'float64' }));
  const points: RacePoint[] = [
    { x: objective.start[0], y: objective.start[1], f: start.f, gradientNorm: gradientNorm(start.g) },
  ];
  const pending: RacePoint[] = [];
  let finalStatus: RacerStatus = 'finished';
  let finalMessage = '';
  let previous = { x: [objective.start[0], objective.start[1]] as const, g: start.g };
  let inverseHessian: readonly [number, number, number, number] | undefined;
  const params = METHOD_INFO[method].params.map((p) => p.key);
  try {
    const result = minimize(objective.value, tensor(Float64Array.from(objective.start), { dtype: 'float64' }), {
      method: MINIMIZE_METHOD[method],
      maxIterations: race.steps,
      gradientTolerance: 1e-8,
      ...(method === 'saddle-free-newton' ? { saddleFree: true } : {}),
      ...(params.includes('damp') ? { damping: paramValue(config, 'damp') } : {}),
      ...(params.includes('r0') ? { initialTrustRadius: paramValue(config, 'r0') } : {}),
      ...(params.includes('m') ? { history: paramValue(config, 'm') } : {}),
      onIteration: (info: IterationInfo) => {
        const here = evaluate(objective, tensor(Float64Array.from(info.x), { dtype: 'float64' }));
        const at = [info.x[0], info.x[1]] as const;
        if (method === 'bfgs' && info.accepted) {
          inverseHessian = bfgsUpdate(
            inverseHessian,
            [at[0] - previous.x[0], at[1] - previous.x[1]],
            [here.g[0] - previous.g[0], here.g[1] - previous.g[1]],
          );
        }
        const internals: Internals = {
          ...(info.lineSearch === undefined
            ? {}
            : { trials: info.lineSearch.trials.map((trial) => [trial.x[0], trial.x[1]] as const) }),
          ...(info.trustRadius === undefined ? {} : { trustRadius: info.trustRadius }),
          ...(inverseHessian === undefined ? {} : { inverseHessian }),
          accepted: info.accepted,
        };
        pending.push({ x: at[0], y: at[1], f: info.fun, gradientNorm: gradientNorm(here.g), internals });
        if (info.accepted) previous = { x: at, g: here.g };
        return undefined;
      },
    });
    finalMessage = result.message;
    if (!result.success && result.status !== 'max-iterations') finalStatus = 'failed';
    if (result.status === 'non-finite') finalStatus = 'diverged';
  } catch (error) {
    finalStatus = 'failed';
    finalMessage = error instanceof Error ? error.message : String(error);
  }
  let revealed = 0;
  const racer: Racer = {
    config,
    points,
    status: 'running',
    message: '',
    step() {
      if (racer.status !== 'running') return false;
      if (revealed < pending.length) points.push(pending[revealed++]);
      if (revealed >= pending.length) {
        racer.status = finalStatus;
        racer.message = finalMessage;
        return false;
      }
      return true;
    },
  };
  if (pending.length === 0) {
    racer.status = finalStatus;
    racer.message = finalMessage;
  }
  return racer;
}

/**
 * Several optimizers from the same start on the same 2-D objective, stepped together. Deterministic: the same
 * objective, config and seed give the same trajectories (racer i draws its gradient noise from the i-th split of
 * `createRng(seed)`).
 */
export class Race {
  readonly #racers: Racer[];
  readonly #sent: number[];

  constructor(
    readonly objective: Objective,
    readonly config: RaceConfig,
    seed: number,
  ) {
    const rng = createRng(seed);
    this.#racers = config.racers.map((racer) => {
      const own = rng.split();
      return isFirstOrder(racer.method)
        ? firstOrderRacer(objective, racer, config, own)
        : secondOrderRacer(objective, racer, config);
    });
    this.#sent = this.#racers.map(() => 0);
  }

  /** Whether every racer has stopped. */
  get done(): boolean {
    return this.#racers.every((racer) => racer.status !== 'running');
  }

  /** Step counts per racer (points beyond the start). */
  get steps(): readonly number[] {
    return this.#racers.map((racer) => racer.points.length - 1);
  }

  trajectory(index: number): readonly RacePoint[] {
    return this.#racers[index].points;
  }

  /** Advances every running racer by up to `steps` steps and returns what each added since the last call. */
  advance(steps: number): RacerUpdate[] {
    for (const racer of this.#racers) {
      for (let i = 0; i < steps && racer.step(); i++);
    }
    return this.#racers.map((racer, index) => {
      const from = this.#sent[index];
      this.#sent[index] = racer.points.length;
      return { index, from, points: racer.points.slice(from), status: racer.status, message: racer.message };
    });
  }
}

/** The curvature panel's figures at a point (8.2.1): H's eigenvalues and the second-order terms of a gradient step. */
export interface Curvature {
  readonly x: readonly [number, number];
  readonly f: number;
  /** Ascending: λmin, λmax. */
  readonly eigenvalues: readonly [number, number];
  readonly definiteness: CurvatureReport['definiteness'];
  /** gᵀg and gᵀHg: a step −εg changes f by about −ε·gᵀg + ½ε²·gᵀHg. */
  readonly gTg: number;
  readonly gTHg: number;
  /** ε* = gᵀg / gᵀHg when gᵀHg > 0: the step that the second-order model says is best along −g. */
  readonly optimalStep: number | undefined;
}

/** Hessian eigenvalues and gᵀHg against gᵀg at `point`, from `curvature` of `@descent/second-order` (exact in 2-D). */
export function curvatureAt(objective: Objective, point: readonly [number, number]): Curvature {
  const report = curvature(objective.value, tensor(Float64Array.from(point), { dtype: 'float64' }));
  const gTg = report.gradientNorm ** 2;
  const gTHg = gTg === 0 ? 0 : report.gradientCurvature * gTg;
  return {
    x: point,
    f: report.value,
    eigenvalues: [report.minEigenvalue, report.maxEigenvalue],
    definiteness: report.definiteness,
    gTg,
    gTHg,
    optimalStep: Number.isFinite(report.optimalStep) ? report.optimalStep : undefined,
  };
}
