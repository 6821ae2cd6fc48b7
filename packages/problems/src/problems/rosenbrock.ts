import { add, type FloatDType, mul, square, sub, sum } from '@descent/tensor';
import { defineProblem, lastAxis } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/**
 * Rosenbrock's function in n ≥ 2 dimensions (the chained form SciPy's `rosen` uses):
 * f(x) = Σᵢ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).
 * @see Rosenbrock 1960, "An automatic method for finding the greatest or least value of a function", https://doi.org/10.1093/comjnl/3.3.175
 */
export function rosenbrock(dimension: number, dtype: FloatDType): Problem {
  return defineProblem({
    name: 'rosenbrock',
    title: 'Rosenbrock',
    description:
      'A long, curved, parabolic valley: easy to find, slow to follow. The Hessian at the minimum has condition number ' +
      'about 2500 in 2-D, so gradient descent zigzags across the valley floor while Newton-type methods follow it ' +
      '(8.2.1, ill-conditioning). The start (-1.2, 1) is the classic one; in n dimensions every coordinate starts at ' +
      '-1.2, because the alternating start lets some methods stop at the local minimum near (-1, 1, …, 1) that exists ' +
      'for n ≥ 4.',
    section: '8.2.1',
    dimension,
    dtype,
    minimum: 0,
    minima: [{ x: new Array<number>(dimension).fill(1), value: 0 }],
    start: dimension === 2 ? [-1.2, 1] : new Array<number>(dimension).fill(-1.2),
    bounds: { x: [-2, 2], y: [-1.5, 3] },
    evaluate: (x) => {
      const head = lastAxis(x, 0, dimension - 1);
      const tail = lastAxis(x, 1, dimension - 1);
      return sum(add(mul(square(sub(tail, square(head))), 100), square(sub(1, head))), -1);
    },
  });
}
