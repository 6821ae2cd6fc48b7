import { type Shape, type Tensor, tensor, ValueError } from '@descent/tensor';
import { assertFinite, assertPositive, checkShape, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';

export interface SparseOptions extends InitOptions {
  /**
   * Non-zero incoming weights per unit (per column), an integer in [0, fanIn]. Default `min(15, fanIn)`, Martens's
   * choice of 15. Give `k` or `sparsity`, not both.
   */
  readonly k?: number;
  /**
   * PyTorch's parametrization instead of `k`: the fraction of each column set to zero, in [0, 1];
   * `ceil(sparsity·fanIn)` entries per column are zeroed, so `k = fanIn − ceil(sparsity·fanIn)`.
   */
  readonly sparsity?: number;
  /** Standard deviation of the non-zero weights, > 0; default 1 (Martens; PyTorch's `sparse_` defaults to 0.01). */
  readonly std?: number;
}

/** Martens (2010) gives each unit 15 non-zero incoming weights. */
const MARTENS_K = 15;

/**
 * Martens's sparse initialization: each unit gets exactly k non-zero incoming weights, at rows drawn uniformly
 * without replacement, with values from N(0, std²); every other weight is 0. For a `[fanIn, fanOut]` weight each
 * column (one output unit) holds exactly k non-zeros. Units then differ strongly from one another (breaking symmetry)
 * while the total input to a unit stays bounded as fanIn grows, without the small scale that dense initializations
 * need for large layers. 2-D shapes only (ShapeError otherwise); `k > fanIn` is a ValueError.
 *
 * `sparsity` gives PyTorch's `torch.nn.init.sparse_` column rule: `ceil(sparsity·rows)` entries of every column are
 * zeroed. PyTorch stores weights `[out, in]`, so there a column holds the outgoing weights of one input; for exactly
 * PyTorch's layout draw the transpose, `transpose(sparse([fanOut, fanIn], { rng, sparsity, std: 0.01 }))`.
 * @see Martens 2010, "Deep learning via Hessian-free optimization", §5, https://www.cs.toronto.edu/~jmartens/docs/Deep_HessianFree.pdf
 * @see Sutskever, Martens, Dahl & Hinton 2013, "On the importance of initialization and momentum in deep learning", https://proceedings.mlr.press/v28/sutskever13.html
 * @example sparse([784, 500], { rng: createRng(0) }) // 15 non-zeros in each of the 500 columns
 * @example sparse([100, 50], { rng: createRng(0), sparsity: 0.9, std: 0.01 }) // 10 non-zeros per column
 */
export function sparse(shape: Shape, options: SparseOptions): Tensor {
  const fn = 'sparse';
  const { rng, dtype } = randomOptions(fn, options);
  const checked = checkShape(fn, shape, { exactly: 2 });
  const [fanIn, fanOut] = checked;
  const std = assertPositive(fn, 'std', options.std ?? 1);
  const k = nonZerosPerColumn(fn, fanIn, options);
  const values = dtype === 'float64' ? new Float64Array(fanIn * fanOut) : new Float32Array(fanIn * fanOut);
  if (k > 0 && fanOut > 0) {
    const draw = rng.normal([fanOut, k], { std, dtype: 'float64' });
    const weights = draw.dataSync();
    draw.dispose();
    for (let j = 0; j < fanOut; j++) {
      const picked = rng.choice(fanIn, k, { replace: false });
      const rows = picked.dataSync();
      picked.dispose();
      for (let t = 0; t < k; t++) values[rows[t] * fanOut + j] = weights[j * k + t];
    }
  }
  return tensor(values, { shape: checked, dtype });
}

function nonZerosPerColumn(fn: string, fanIn: number, options: SparseOptions): number {
  const { k, sparsity } = options;
  if (k !== undefined && sparsity !== undefined) throw new ValueError(`${fn}: give k or sparsity, not both`);
  if (sparsity !== undefined) {
    const fraction = assertFinite(fn, 'sparsity', sparsity);
    if (fraction < 0 || fraction > 1) throw new ValueError(`${fn}: sparsity must be in [0, 1], got ${fraction}`);
    return fanIn - Math.ceil(fraction * fanIn);
  }
  if (k === undefined) return Math.min(MARTENS_K, fanIn);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) {
    throw new ValueError(`${fn}: k must be a non-negative integer, got ${String(k)}`);
  }
  if (k > fanIn) {
    throw new ValueError(`${fn}: k=${k} non-zero weights per column exceeds fanIn=${fanIn} (the rows of the shape)`);
  }
  return k;
}
