import { add, type FloatDType, mul, square, sub, type Tensor } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * Beale's function: f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
 * @see Beale 1958, "On an iterative method for finding a local minimum of a function of more than one variable", Technical Report 25, Statistical Techniques Research Group, Princeton University
 */
export function beale(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'beale',
    title: 'Beale',
    description:
      'A flat central basin walled by ridges that rise as x·y³ toward the corners: the local shape near the start ' +
      'says little about where the minimum is, and steps sized for the flat region overshoot on the walls (8.2.7, ' +
      'poor correspondence between local and global structure).',
    section: '8.2.7',
    dimension: 2,
    dtype,
    minimum: 0,
    minima: [{ x: [3, 0.5], value: 0 }],
    start: [1, 1],
    bounds: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      const y2 = square(y);
      const term = (c: number, power: Tensor) => square(add(sub(c, x), mul(x, power)));
      return add(add(term(1.5, y), term(2.25, y2)), term(2.625, mul(y2, y)));
    },
  });
}
