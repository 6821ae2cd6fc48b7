import { add, type FloatDType, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * Himmelblau's function: f(x, y) = (x² + y − 11)² + (x + y² − 7)², four minima of value 0.
 * The minimizers other than (3, 2) were found to 20 digits by mpmath's `findroot` on the gradient.
 * @see Himmelblau 1972, *Applied Nonlinear Programming*, McGraw-Hill
 */
export function himmelblau(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'himmelblau',
    title: 'Himmelblau',
    description:
      'Four minima of equal value 0, a local maximum and four saddles: which minimum a method reaches depends only on ' +
      'where it starts. Like the weight-space symmetries of a neural network, many equivalent minima are not a ' +
      'problem in themselves (8.2.2, local minima and model identifiability).',
    section: '8.2.2',
    dimension: 2,
    dtype,
    minimum: 0,
    minima: [
      { x: [3, 2], value: 0 },
      { x: [-2.805118086952745, 3.131312518250573], value: 0 },
      { x: [-3.779310253377747, -3.2831859912861696], value: 0 },
      { x: [3.5844283403304917, -1.8481265269644036], value: 0 },
    ],
    saddlePoints: [{ x: [-0.2708445906673476, -0.9230385564799815], value: 181.6165215225827 }],
    start: [0, 0],
    bounds: { x: [-5, 5], y: [-5, 5] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      return add(square(sub(add(square(x), y), 11)), square(sub(add(x, square(y)), 7)));
    },
  });
}
