import { add, cos, type FloatDType, mul, square, sub, sum } from '@descent/tensor';
import { defineProblem } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * Rastrigin's function in n dimensions: f(x) = 10n + Σᵢ (xᵢ² − 10 cos(2π xᵢ)), minimum 0 at the origin.
 * @see Rastrigin 1974, *Systems of Extremal Control*, Nauka; Mühlenbein, Schomisch & Born 1991, https://doi.org/10.1016/0167-8191(91)90055-Y
 */
export function rastrigin(dimension: number, dtype: FloatDType): Problem {
  return defineProblem({
    name: 'rastrigin',
    title: 'Rastrigin',
    description:
      'A bowl covered with a regular grid of local minima, about one per unit cube: local methods stop in the nearest ' +
      'one, and only the origin is global (8.2.2, local minima). Second-order methods converge to a local minimum ' +
      'faster, not to a better one.',
    section: '8.2.2',
    dimension,
    dtype,
    minimum: 0,
    minima: [{ x: new Array<number>(dimension).fill(0), value: 0 }],
    start: Array.from({ length: dimension }, (_, i) => (i % 2 === 0 ? 2.2 : -1.7)),
    bounds: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
    evaluate: (x) => add(sum(sub(square(x), mul(cos(mul(x, 2 * Math.PI)), 10)), -1), 10 * dimension),
  });
}
