import { add, exp, type FloatDType, mul, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/** A Gaussian well on a plateau: f(x, y) = 1 − exp(−(x² + y²)/2), minimum 0 at the origin. */
export function plateau(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'plateau',
    title: 'Plateau',
    description:
      '1 − exp(−r²/2): a well surrounded by a nearly flat plateau, where the gradient r·exp(−r²/2) is exponentially ' +
      'small (5e-4 at the start, 6e-7 at r = 5.7) and the curvature is negative, so Newton’s method heads away from ' +
      'the well. Methods that stop on a small gradient stop on the plateau (8.2.3, plateaus and other flat regions).',
    section: '8.2.3',
    dimension: 2,
    dtype,
    minimum: 0,
    minima: [{ x: [0, 0], value: 0 }],
    start: [3, 3],
    bounds: { x: [-4, 4], y: [-4, 4] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      return sub(1, exp(mul(add(square(x), square(y)), -0.5)));
    },
  });
}
