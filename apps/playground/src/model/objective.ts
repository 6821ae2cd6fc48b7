import { getProblem, type ProblemName, problemNames } from '@descent/problems';
import { type Tensor, tensor, tidy } from '@descent/tensor';
import { compileFormula } from './formula.js';

/** What the race needs of a 2-D objective, whether a named problem or a typed formula. */
export interface Objective {
  readonly title: string;
  readonly description: string;
  readonly section: string;
  /** f of points `[2]` (a scalar) or `[..., 2]` (a value per point); built from tensor ops. */
  readonly value: (x: Tensor) => Tensor;
  /** The global minimum value when known and finite: the charts then plot f − f*. */
  readonly minimum: number | undefined;
  readonly minima: readonly (readonly [number, number])[];
  readonly saddlePoints: readonly (readonly [number, number])[];
  readonly start: readonly [number, number];
  readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
}

export const PROBLEM_NAMES: readonly ProblemName[] = problemNames;

export interface ObjectiveSpec {
  readonly problem: ProblemName | 'formula';
  readonly formula: string;
  /** View bounds of a formula: [xmin, xmax, ymin, ymax]. */
  readonly bounds: readonly [number, number, number, number];
  /** Condition number of the quadratic. */
  readonly conditionNumber: number;
  /** A start chosen by the user; the problem's own start otherwise. */
  readonly start: readonly [number, number] | undefined;
}

const pair = (x: readonly number[]): readonly [number, number] => [x[0], x[1]];

/**
 * Builds the objective a race runs on. A formula goes through the whitelist parser (`FormulaError` on rejected
 * input) and must be finite at its start.
 */
export function buildObjective(spec: ObjectiveSpec): Objective {
  if (spec.problem === 'formula') {
    const value = compileFormula(spec.formula);
    const [x0, x1, y0, y1] = spec.bounds;
    const start = spec.start ?? [x0 + 0.15 * (x1 - x0), y0 + 0.85 * (y1 - y0)];
    const atStart = tidy(() => value(tensor(Float64Array.from(start), { dtype: 'float64' })).item());
    if (!Number.isFinite(atStart)) {
      throw new RangeError(`the formula is not finite at the start (${start.join(', ')}): f = ${atStart}`);
    }
    return {
      title: `f(x, y) = ${spec.formula}`,
      description: 'Your formula, parsed by a whitelist parser and differentiated by @descent/autodiff.',
      section: '8.2',
      value,
      minimum: undefined,
      minima: [],
      saddlePoints: [],
      start,
      bounds: { x: [x0, x1], y: [y0, y1] },
    };
  }
  const problem = getProblem(
    spec.problem,
    spec.problem === 'quadratic' ? { conditionNumber: spec.conditionNumber } : {},
  );
  return {
    title: problem.title,
    description: problem.description,
    section: problem.section,
    value: problem.value,
    minimum: Number.isFinite(problem.minimum) ? problem.minimum : undefined,
    minima: problem.minima.map((m) => pair(m.x)),
    saddlePoints: problem.saddlePoints.map((m) => pair(m.x)),
    start: spec.start ?? pair(problem.start),
    bounds: problem.bounds,
  };
}

/**
 * f on a `width × height` grid over the objective's bounds, row-major from the top row (largest y) down, in one
 * batched call. Non-finite values are kept (the renderer greys them out).
 */
export function evaluateGrid(objective: Objective, width: number, height: number): Float64Array {
  const { x, y } = objective.bounds;
  const points = new Float64Array(width * height * 2);
  for (let row = 0; row < height; row++) {
    const py = y[1] - ((row + 0.5) / height) * (y[1] - y[0]);
    for (let col = 0; col < width; col++) {
      const px = x[0] + ((col + 0.5) / width) * (x[1] - x[0]);
      const k = 2 * (row * width + col);
      points[k] = px;
      points[k + 1] = py;
    }
  }
  return tidy(() =>
    Float64Array.from(objective.value(tensor(points, { shape: [height, width, 2], dtype: 'float64' })).dataSync()),
  );
}
