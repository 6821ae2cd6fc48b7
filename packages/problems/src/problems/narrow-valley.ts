import { add, type FloatDType, mul, sqrt, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * A long, narrow, straight valley at an angle: with u = 0.8x + 0.6y along the floor and v = −0.6x + 0.8y across it,
 * f = √(1 + (u − 3)²) − 1 + 50v² (a pseudo-Huber floor), minimum 0 at (2.4, 1.8).
 */
export function narrowValley(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'narrow-valley',
    title: 'Narrow valley',
    description:
      'A straight valley at an angle: curvature 100 across, at most 1 along a floor whose slope never exceeds 1. The ' +
      'gradient points mostly across the valley, so gradient descent bounces between the walls while creeping along ' +
      'the floor; momentum and second-order methods move along it (8.2.1, ill-conditioning; 8.3.2, momentum). Unlike ' +
      'the quadratic, the floor is not quadratic, so Newton needs several steps.',
    section: '8.2.1',
    dimension: 2,
    dtype,
    minimum: 0,
    minima: [{ x: [2.4, 1.8], value: 0 }],
    start: [-4, -2.5],
    bounds: { x: [-6, 5], y: [-5, 4] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      const along = sub(add(mul(x, 0.8), mul(y, 0.6)), 3);
      const across = add(mul(x, -0.6), mul(y, 0.8));
      return add(sub(sqrt(add(square(along), 1)), 1), mul(square(across), 50));
    },
  });
}
