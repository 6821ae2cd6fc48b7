import { type FloatDType, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/** The saddle f(x, y) = x² − y²: Hessian diag(2, −2) everywhere, a saddle point at the origin, unbounded below. */
export function saddle(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'saddle',
    title: 'Saddle',
    description:
      'x² − y², the simplest saddle point. The gradient vanishes at the origin, which is a minimum along x and a ' +
      'maximum along y. Gradient descent started near y = 0 slows down there and escapes only slowly; Newton’s ' +
      'method jumps straight onto it, because it solves for a zero gradient; saddle-free Newton (|H|) escapes ' +
      '(8.2.3, saddle points). Unbounded below: there is no minimum.',
    section: '8.2.3',
    dimension: 2,
    dtype,
    minimum: Number.NEGATIVE_INFINITY,
    minima: [],
    saddlePoints: [{ x: [0, 0], value: 0 }],
    start: [1, 0.1],
    bounds: { x: [-2, 2], y: [-2, 2] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      return sub(square(x), square(y));
    },
  });
}
