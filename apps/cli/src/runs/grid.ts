import type { Problem } from '@descent/problems';
import { tensor } from '@descent/tensor';

/**
 * f on a `resolution × resolution` grid over the problem's view bounds, one batched evaluation (problems accept
 * `[..., dimension]`). Row-major from the bottom-left corner, y outer. Problems of dimension > 2 are cut through
 * their start point along the first two coordinates.
 */
export function gridValues(
  problem: Problem,
  resolution: number,
  through: readonly number[] = problem.start,
): Float64Array {
  const { x, y } = problem.bounds;
  const n = problem.dimension;
  const points = new Float64Array(resolution * resolution * n);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const offset = (j * resolution + i) * n;
      for (let d = 2; d < n; d++) points[offset + d] = through[d];
      points[offset] = x[0] + ((x[1] - x[0]) * i) / (resolution - 1);
      if (n > 1) points[offset + 1] = y[0] + ((y[1] - y[0]) * j) / (resolution - 1);
    }
  }
  const values = problem.value(tensor(points, { shape: [resolution * resolution, n], dtype: 'float64' }));
  return Float64Array.from(values.dataSync());
}
