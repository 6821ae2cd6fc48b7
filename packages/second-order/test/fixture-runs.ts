import { getProblem, type ProblemName, type ProblemOptions } from '@descent/problems';
import { type Tensor, tensor } from '@descent/tensor';
import { type Method, minimize, type OptimizeResult } from '../src/index.js';
import scipy from './__fixtures__/scipy.json' with { type: 'json' };
import torch from './__fixtures__/torch.json' with { type: 'json' };

/** One reference run: a problem from @descent/problems, the start, and the reference's answer and counts. */
export interface ReferenceCase {
  readonly source: 'scipy' | 'torch';
  readonly label: string;
  /** "rosenbrock 10-D". */
  readonly problemLabel: string;
  readonly problem: ProblemName;
  readonly options: ProblemOptions;
  readonly x0: readonly number[];
  readonly method: Method;
  readonly referenceMethod: string;
  readonly x: readonly number[];
  readonly fun: number;
  /** The reference's iterations and evaluations up to ‖∇f‖∞ ≤ the gradient tolerance. */
  readonly nit: number;
  readonly nfev: number;
}

export const gradientTolerance = scipy.gradientTolerance;

const describeProblem = (problem: string, options: { dimension?: number }) => `${problem} ${options.dimension ?? 2}-D`;

export const scipyCases: readonly ReferenceCase[] = scipy.cases.map((c) => ({
  source: 'scipy',
  label: `${describeProblem(c.problem, c.options)} ${c.method}`,
  problemLabel: describeProblem(c.problem, c.options),
  problem: c.problem as ProblemName,
  options: c.options as ProblemOptions,
  x0: c.x0,
  method: c.method as Method,
  referenceMethod: `SciPy ${c.scipyMethod}`,
  x: c.x,
  fun: c.fun,
  // Newton-CG stops on the step length; "reached" holds its counts at the gradient tolerance, as for the others.
  nit: c.reached.nit ?? c.nit,
  nfev: c.reached.nfev ?? c.nfev,
}));

export const torchCases: readonly ReferenceCase[] = torch.cases.map((c) => ({
  source: 'torch',
  label: `${describeProblem(c.problem, c.options)} lbfgs`,
  problemLabel: describeProblem(c.problem, c.options),
  problem: c.problem as ProblemName,
  options: c.options as ProblemOptions,
  x0: c.x0,
  method: 'lbfgs',
  referenceMethod: 'torch.optim.LBFGS',
  x: c.x,
  fun: c.fun,
  nit: c.nit,
  nfev: c.nfev,
}));

/** Our run of a reference case, at the reference's gradient tolerance. */
export function runCase(reference: ReferenceCase): OptimizeResult<Tensor> {
  const problem = getProblem(reference.problem, reference.options);
  return minimize<Tensor>(problem.value, tensor(reference.x0, { dtype: 'float64' }), {
    method: reference.method,
    gradientTolerance,
  });
}
