import { getProblem, type Problem, type ProblemName, type ProblemOptions, problemNames } from '@descent/problems';
import { createRng, type FloatDType, type Tensor, tensor } from '@descent/tensor';
import { asUsage, UsageError } from '../errors.js';

/** What `--problem` and its companions ask for. */
export interface ProblemRequest {
  readonly problem: string;
  readonly dimension?: number | undefined;
  readonly conditionNumber?: number | undefined;
  /** A start point instead of the problem's own. */
  readonly start?: readonly number[] | undefined;
  readonly dtype: FloatDType;
}

/** An analytic problem from `@descent/problems` with the start point to use. */
export function buildProblem(request: ProblemRequest): { problem: Problem; start: readonly number[] } {
  if (!(problemNames as readonly string[]).includes(request.problem)) {
    throw new UsageError(`unknown problem '${request.problem}'; choose one of ${problemNames.join(', ')}`);
  }
  const options: ProblemOptions = {
    dtype: request.dtype,
    ...(request.dimension === undefined ? {} : { dimension: request.dimension }),
    ...(request.conditionNumber === undefined ? {} : { conditionNumber: request.conditionNumber }),
  };
  const problem = asUsage(() => getProblem(request.problem as ProblemName, options));
  const start = request.start ?? problem.start;
  if (start.length !== problem.dimension) {
    throw new UsageError(`--start has ${start.length} coordinates; ${problem.name} has dimension ${problem.dimension}`);
  }
  return { problem, start };
}

/** The start as a tensor of the working dtype. */
export function startTensor(start: readonly number[], dtype: FloatDType): Tensor {
  return tensor(Float64Array.from(start), { dtype });
}

/**
 * A seeded start near the problem's own, for repeated runs (sweeps): each coordinate moves by a normal draw with a
 * standard deviation of 5% of the view's width, so seeds differ but all start in the same region.
 */
export function jitteredStart(problem: Problem, start: readonly number[], seed: number): number[] {
  const rng = createRng(seed);
  const noise = rng.normal([start.length], { dtype: 'float64' }).dataSync();
  const widths = [problem.bounds.x[1] - problem.bounds.x[0], problem.bounds.y[1] - problem.bounds.y[0]];
  return start.map((value, i) => value + 0.05 * widths[Math.min(i, 1)] * noise[i]);
}
