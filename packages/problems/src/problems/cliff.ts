import { add, type FloatDType, mul, sigmoid, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

const HEIGHT = 50;
const WIDTH = 0.05;
const EDGE = 1;

/**
 * A cliff: f(x, y) = ½((x − 2)² + y²) + 50·σ((1 − x)/0.05), a bowl at (2, 0) below a plateau 50 units high whose edge
 * at x = 1 has slope up to 50/(4·0.05) = 250. The minimizer sits 2e-6 to the right of (2, 0), where the wall's
 * tail pushes; it and its value were found to 20 digits by mpmath's `findroot`.
 */
export function cliff(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'cliff',
    title: 'Cliff',
    description:
      'A bowl at the foot of a steep wall (slope up to 250, against 1 elsewhere). Near the edge the gradient is huge, ' +
      'so an unclipped gradient step of learning rate 0.1 jumps about 25 units, far past the minimum; clipping the ' +
      'gradient norm keeps the step local (8.2.4, cliffs and exploding gradients; 10.11.1 on clipping).',
    section: '8.2.4',
    dimension: 2,
    dtype,
    minimum: 1.0305555681996034e-7,
    minima: [{ x: [2.000002061068652, 0], value: 1.0305555681996034e-7 }],
    start: [-0.5, 1],
    bounds: { x: [-1, 5], y: [-2.5, 2.5] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      const bowl = mul(add(square(sub(x, 2)), square(y)), 0.5);
      return add(bowl, mul(sigmoid(mul(sub(EDGE, x), 1 / WIDTH)), HEIGHT));
    },
  });
}
