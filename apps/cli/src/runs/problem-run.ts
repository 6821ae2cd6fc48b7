import { valueAndGrad } from '@descent/autodiff';
import { applyUpdates, type GradientTransformation } from '@descent/optim';
import type { Problem } from '@descent/problems';
import { type IterationInfo, type Method, minimize } from '@descent/second-order';
import { type FloatDType, type Tensor, tidy } from '@descent/tensor';
import { asUsage } from '../errors.js';
import { startTensor } from '../setup/problem.js';

/** One optimizer's run on an analytic problem: f at every iterate, the path, and when it reached the tolerance. */
export interface ProblemTrace {
  readonly name: string;
  readonly order: 'first' | 'second';
  /** f(x_k) for k = 0 … steps (index 0 is the start). */
  readonly values: number[];
  /** The first two coordinates of every iterate, for trajectory plots. */
  readonly path: [number, number][];
  /** Iterations run. */
  steps: number;
  /** Evaluations of f and ∇f (first-order: one per step). */
  evaluations: number;
  seconds: number;
  /** The first iteration at which f − f* ≤ tolerance, and the time it took. */
  stepsToTolerance?: number;
  secondsToTolerance?: number;
  /** How it ended: 'reached-tolerance', 'max-steps', 'diverged', or minimize's status (converged, max-iterations …). */
  status: string;
  finalX: number[];
  message?: string;
}

export interface ProblemRunOptions {
  readonly steps: number;
  /** Stop when f − f* ≤ tolerance; undefined when the problem has no finite minimum. */
  readonly tolerance?: number | undefined;
  /** Keep going after reaching the tolerance (to draw the whole curve); default false. */
  readonly continueAfterTolerance?: boolean;
  readonly dtype: FloatDType;
  readonly onIteration?: (trace: ProblemTrace, value: number) => void;
}

function newTrace(name: string, order: 'first' | 'second', start: readonly number[]): ProblemTrace {
  return {
    name,
    order,
    values: [],
    path: [],
    steps: 0,
    evaluations: 0,
    seconds: 0,
    status: 'completed',
    finalX: [...start],
  };
}

/** Records iterate k; returns true when the run may stop (tolerance reached). */
function record(
  trace: ProblemTrace,
  problem: Problem,
  x: ArrayLike<number>,
  value: number,
  started: number,
  options: ProblemRunOptions,
): boolean {
  trace.values.push(value);
  trace.path.push([x[0], x.length > 1 ? x[1] : 0]);
  trace.finalX = Array.from(x);
  trace.seconds = (performance.now() - started) / 1000;
  const reached =
    options.tolerance !== undefined && Number.isFinite(problem.minimum) && value - problem.minimum <= options.tolerance;
  if (reached && trace.stepsToTolerance === undefined) {
    trace.stepsToTolerance = trace.values.length - 1;
    trace.secondsToTolerance = trace.seconds;
  }
  options.onIteration?.(trace, value);
  return reached && options.continueAfterTolerance !== true;
}

/** `steps` iterations of a gradient transformation on the problem, gradients by autodiff. */
export function runFirstOrder(
  name: string,
  optimizer: GradientTransformation,
  problem: Problem,
  start: readonly number[],
  options: ProblemRunOptions,
): ProblemTrace {
  const trace = newTrace(name, 'first', start);
  const step = valueAndGrad((x: Tensor) => problem.value(x));
  let x = startTensor(start, options.dtype);
  let state = optimizer.init(x);
  const started = performance.now();
  for (let k = 0; k <= options.steps; k++) {
    const [value, gradient] = step(x);
    const f = value.item();
    if (!Number.isFinite(f)) {
      trace.status = 'diverged';
      trace.message = `f became ${f} at step ${k}`;
      trace.values.push(f);
      break;
    }
    trace.evaluations++;
    if (record(trace, problem, x.dataSync(), f, started, options) || k === options.steps) break;
    const next = tidy(() => {
      const [updates, nextState] = optimizer.update(gradient, state, x);
      return { x: applyUpdates(x, updates), state: nextState };
    });
    x = next.x;
    state = next.state;
    trace.steps = k + 1;
  }
  trace.seconds = (performance.now() - started) / 1000;
  if (trace.status !== 'diverged')
    trace.status = trace.stepsToTolerance === undefined ? 'max-steps' : 'reached-tolerance';
  return trace;
}

/** `minimize` with a second-order method, recording every iterate through `onIteration`. */
export function runSecondOrder(
  method: Method,
  problem: Problem,
  start: readonly number[],
  options: ProblemRunOptions & {
    readonly gradientTolerance?: number | undefined;
    /** Newton on |H| (minimize's `saddleFree`). */
    readonly saddleFree?: boolean;
    /** The run's name in traces and tables; default the method's. */
    readonly label?: string;
  },
): ProblemTrace & { result?: ReturnType<typeof minimize> } {
  const trace: ProblemTrace & { result?: ReturnType<typeof minimize> } = newTrace(
    options.label ?? method,
    'second',
    start,
  );
  const x0 = startTensor(start, options.dtype);
  const started = performance.now();
  record(trace, problem, start, problem.value(x0).item(), started, options);
  const result = asUsage(() =>
    minimize((x: Tensor) => problem.value(x), x0, {
      method,
      maxIterations: options.steps,
      dtype: options.dtype,
      ...(options.gradientTolerance === undefined ? {} : { gradientTolerance: options.gradientTolerance }),
      ...(options.saddleFree === undefined ? {} : { saddleFree: options.saddleFree }),
      onIteration: (info: IterationInfo) => {
        trace.steps = info.iteration;
        trace.evaluations = info.nfev;
        if (!info.accepted) return undefined;
        return record(trace, problem, info.x, info.fun, started, options) ? 'stop' : undefined;
      },
    }),
  );
  trace.seconds = (performance.now() - started) / 1000;
  trace.steps = result.nit;
  trace.evaluations = result.nfev;
  trace.status = result.status === 'stopped' ? 'reached-tolerance' : result.status;
  if (result.status === 'non-finite') trace.status = 'diverged';
  trace.message = result.message;
  trace.result = result;
  trace.finalX = Array.from((result.x as Tensor).dataSync());
  return trace;
}
