import { type FloatDType, mul, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/** The monkey saddle f(x, y) = x³ − 3xy²: a degenerate saddle at the origin, where the Hessian is zero. */
export function monkeySaddle(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'monkey-saddle',
    title: 'Monkey saddle',
    description:
      'x³ − 3xy², a saddle with three valleys (room for a monkey’s tail). The Hessian vanishes at the origin, so the ' +
      'second-derivative test cannot classify it and the gradient fades quadratically on the way in: flat, degenerate ' +
      'critical points are harder to escape than ordinary saddles (8.2.3). Unbounded below.',
    section: '8.2.3',
    dimension: 2,
    dtype,
    minimum: Number.NEGATIVE_INFINITY,
    minima: [],
    saddlePoints: [{ x: [0, 0], value: 0 }],
    start: [0.6, 0.3],
    bounds: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      return mul(x, sub(square(x), mul(square(y), 3)));
    },
  });
}
