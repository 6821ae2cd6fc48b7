import { add, type FloatDType, mul, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/** Booth's function: f(x, y) = (x + 2y − 7)² + (2x + y − 5)², minimum 0 at (1, 3). */
export function booth(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'booth',
    title: 'Booth',
    description:
      'A convex quadratic with Hessian [[10, 8], [8, 10]] (eigenvalues 2 and 18, condition number 9): the baseline ' +
      'every method should solve, and ill-conditioning (8.2.1) in its mildest form. Newton solves it in one step.',
    section: '8.2.1',
    dimension: 2,
    dtype,
    minimum: 0,
    minima: [{ x: [1, 3], value: 0 }],
    start: [-5, 5],
    bounds: { x: [-10, 10], y: [-10, 10] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      return add(square(sub(add(x, mul(y, 2)), 7)), square(sub(add(mul(x, 2), y), 5)));
    },
  });
}
