import { add, type FloatDType, mul, square, sub } from '@descent/tensor';
import { defineProblem, xy } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * The six-hump camel function: f(x, y) = (4 − 2.1x² + x⁴/3)·x² + xy + (4y² − 4)·y², six local minima, two of them
 * global with value −1.0316284534898774. The minimizers were found to 20 digits by mpmath's `findroot`.
 * @see Dixon & Szegő 1978, *Towards Global Optimisation 2*, North-Holland
 */
export function sixHumpCamel(dtype: FloatDType): Problem {
  return defineProblem({
    name: 'six-hump-camel',
    title: 'Six-hump camel',
    description:
      'Six local minima: two global ones, symmetric about the origin, and four worse ones on the flanks. A local ' +
      'method ends in whichever basin it starts in (8.2.2, local minima).',
    section: '8.2.2',
    dimension: 2,
    dtype,
    minimum: -1.0316284534898774,
    minima: [
      { x: [0.08984201310031806, -0.7126564030207396], value: -1.0316284534898774 },
      { x: [-0.08984201310031806, 0.7126564030207396], value: -1.0316284534898774 },
      { x: [1.703606714969981, -0.7960835686726251], value: -0.2154638243837184 },
      { x: [-1.703606714969981, 0.7960835686726251], value: -0.2154638243837184 },
      { x: [1.6071047529201974, 0.5686514548841314], value: 2.1042503103112575 },
      { x: [-1.6071047529201974, -0.5686514548841314], value: 2.1042503103112575 },
    ],
    start: [-1.5, -1],
    bounds: { x: [-3, 3], y: [-2, 2] },
    evaluate: (point) => {
      const [x, y] = xy(point);
      const x2 = square(x);
      const y2 = square(y);
      const quartic = add(sub(4, mul(x2, 2.1)), mul(square(x2), 1 / 3));
      return add(add(mul(quartic, x2), mul(x, y)), mul(sub(mul(y2, 4), 4), y2));
    },
  });
}
