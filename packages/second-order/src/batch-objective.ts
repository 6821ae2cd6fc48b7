import { add, mul, type Tensor, ValueError } from '@descent/tensor';
import type { Params } from './internal/objective.js';

/** Options of `batchObjective`. */
export interface BatchObjectiveOptions {
  /**
   * The weight of each batch's loss. Default 1/k for k batches: the mean of per-batch mean losses, which is the
   * full-batch mean when the batches have equal sizes. For unequal sizes pass size/total.
   */
  readonly weights?: readonly number[];
}

/**
 * Turns a per-batch loss into one deterministic objective of the parameters, f(θ) = Σ_b w_b·loss(θ, batch_b), for
 * `minimize`. L-BFGS and the other line-search methods assume f is the same function at every evaluation (their
 * curvature pairs and Wolfe tests compare values across points), so they need a full batch or a fixed large batch,
 * not a fresh minibatch per call (Deep Learning §8.1.3, §8.6). Splitting the data into batches bounds memory; the
 * sum is differentiated as one graph.
 *
 * With `@descent/nn` (which this package does not depend on), the loss is an ordinary function of the params tree:
 * `const loss = (params, [x, y]) => softmaxCrossEntropy(model.apply(params, state, x, { training: false }).y, y)`,
 * then `minimize(batchObjective(loss, batches), params, { method: 'lbfgs' })`; `result.x` is the trained tree.
 * @example
 * const x = tensor([[1, 0], [0, 1], [1, 1], [2, 1]], { dtype: 'float64' });
 * const y = tensor([[1], [2], [3], [4]], { dtype: 'float64' });
 * const rows = (begin: number) => [slice(x, [begin, 0], [2, 2]), slice(y, [begin, 0], [2, 1])] as const;
 * const loss = (p: { w: Tensor }, [xb, yb]: readonly [Tensor, Tensor]) => mean(square(sub(matmul(xb, p.w), yb)));
 * const result = minimize(batchObjective(loss, [rows(0), rows(2)]), { w: zeros([2, 1], { dtype: 'float64' }) });
 * result.x.w.toArray(); // → [[1], [2]] (to 1e-6): the least-squares fit of all four rows
 */
export function batchObjective<P extends Params, B>(
  loss: (params: P, batch: B) => Tensor,
  batches: readonly B[],
  options: BatchObjectiveOptions = {},
): (params: P) => Tensor {
  const fn = 'batchObjective';
  if (typeof loss !== 'function') throw new ValueError(`${fn}: loss must be a function (params, batch) => Tensor`);
  if (!Array.isArray(batches) || batches.length === 0) {
    throw new ValueError(
      `${fn}: batches must be a non-empty array, got ${Array.isArray(batches) ? 'an empty one' : typeof batches}`,
    );
  }
  const k = batches.length;
  const weights = options.weights ?? new Array<number>(k).fill(1 / k);
  if (weights.length !== k || weights.some((w) => typeof w !== 'number' || !Number.isFinite(w) || w < 0)) {
    throw new ValueError(`${fn}: weights must be ${k} finite non-negative numbers, got [${weights.join(', ')}]`);
  }
  const list = [...batches];
  return (params) => {
    let total: Tensor | undefined;
    for (let i = 0; i < k; i++) {
      const term = mul(loss(params, list[i]), weights[i]);
      total = total === undefined ? term : add(total, term);
    }
    return total as Tensor;
  };
}
