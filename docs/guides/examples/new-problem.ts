import type { Problem, ProblemPoint } from '@descent/problems';
import { minimize, type OptimizeResult } from '@descent/second-order';
import { add, type FloatDType, mul, ShapeError, square, sum, type Tensor, tensor, ValueError } from '@descent/tensor';

/**
 * A `Problem` under a name of its own: `Problem['name']` is the union of the built-in names, so an outside problem
 * widens it (everything else is the same record, and `minimize`, `curvature` and the apps read only the fields).
 */
export type CustomProblem = Omit<Problem, 'name'> & { readonly name: string };

/** The stationary points of g(t) = ½(t⁴ − 16t² + 5t): roots of g′(t) = 2t³ − 16t + 2.5, ascending. */
function stationaryCoordinates(): readonly [number, number, number] {
  // t³ + pt + q = 0 with p = −8, q = 1.25 has three real roots (Viète's trigonometric form).
  const p = -8;
  const q = 1.25;
  const radius = 2 * Math.sqrt(-p / 3);
  const angle = Math.acos(((3 * q) / (2 * p)) * Math.sqrt(-3 / p)) / 3;
  const roots = [0, 1, 2].map((k) => radius * Math.cos(angle - (2 * Math.PI * k) / 3)).sort((a, b) => a - b);
  return [roots[0], roots[1], roots[2]];
}

const g = (t: number) => 0.5 * (t ** 4 - 16 * t ** 2 + 5 * t);

/** Every point of {a, b, …}^dimension, as coordinate lists. */
function grid(choices: readonly number[], dimension: number): number[][] {
  let points: number[][] = [[]];
  for (let i = 0; i < dimension; i++) points = points.flatMap((point) => choices.map((c) => [...point, c]));
  return points;
}

/**
 * The Styblinski-Tang function, f(x) = ½ Σᵢ (xᵢ⁴ − 16xᵢ² + 5xᵢ): separable, with 2^d minima, one of them global at
 * xᵢ ≈ −2.9035 (f ≈ −39.166·d), and 3^d − 2^d other stationary points. From the default start (1, …, 1) descent
 * settles in the worst local minimum, xᵢ ≈ 2.7468 (Deep Learning 8.2.2, local minima).
 * @see Styblinski & Tang 1990, Experiments in nonconvex optimization, https://doi.org/10.1016/0893-6080(90)90029-K
 * @example minimize(styblinskiTang().value, styblinskiTang().initial(), { method: 'lbfgs' })
 */
export function styblinskiTang({ dimension = 2, dtype = 'float64' as FloatDType } = {}): CustomProblem {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 6) {
    throw new ValueError(`styblinskiTang: dimension must be an integer from 1 to 6, got ${dimension}`);
  }
  const [low, middle, high] = stationaryCoordinates();
  const point = (x: readonly number[]): ProblemPoint => ({ x, value: x.reduce((total, t) => total + g(t), 0) });
  // Minima combine the two minimizing coordinates; every point with a coordinate at the middle root is a saddle
  // (or, with all of them there, the maximum). Sorting by value puts the global minimum first.
  const minima = grid([low, high], dimension)
    .map(point)
    .sort((a, b) => a.value - b.value);
  const saddlePoints = grid([low, middle, high], dimension)
    .filter((x) => x.includes(middle))
    .map(point);
  const start = new Array<number>(dimension).fill(1);
  return {
    name: 'styblinski-tang',
    title: 'Styblinski-Tang',
    description:
      'A separable quartic with 2^d minima. Gradient descent and quasi-Newton methods find the minimum of the basin ' +
      'they start in: from (1, …, 1) that is the worst one. Only the start, or continuation, decides (8.2.2).',
    section: '8.2.2',
    dimension,
    dtype,
    value(x: Tensor): Tensor {
      if (x.rank === 0 || x.shape[x.rank - 1] !== dimension) {
        throw new ShapeError(
          `styblinski-tang: x must have shape [${dimension}] or [..., ${dimension}], got [${x.shape}]`,
        );
      }
      const squares = square(x);
      const terms = add(mul(square(squares), 0.5), add(mul(squares, -8), mul(x, 2.5)));
      return sum(terms, -1);
    },
    minimum: minima[0].value,
    minima,
    saddlePoints,
    start,
    bounds: { x: [-5, 5], y: [-5, 5] },
    initial: () => tensor(start, { dtype }),
  };
}

// Usage: `minimize`, `curvature` and everything else that takes a function of a tensor take `problem.value`.

/** L-BFGS from the default start, and Newton from (−1, …, −1): two basins, two different minima. */
export function fromTwoStarts(problem: CustomProblem = styblinskiTang()): {
  readonly fromStart: OptimizeResult;
  readonly fromLeft: OptimizeResult;
} {
  const left = tensor(new Array<number>(problem.dimension).fill(-1), { dtype: 'float64' });
  return {
    fromStart: minimize(problem.value, problem.initial(), { method: 'lbfgs' }),
    fromLeft: minimize(problem.value, left, { method: 'newton' }),
  };
}
