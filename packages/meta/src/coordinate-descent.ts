import { grad, hvp } from '@descent/autodiff';
import { createRng, linalg, Rng, type Tensor, tensor, ValueError } from '@descent/tensor';

/** Options of {@link coordinateDescent}: the blocks, their order, the step on each block and when to stop. */
export interface CoordinateDescentOptions {
  /** Blocks of coordinate indices, minimized in turn; default: every coordinate on its own. */
  readonly blocks?: readonly (readonly number[])[];
  /** Sweeps over all blocks; default 50. */
  readonly sweeps?: number;
  /** Newton (default: exact per block for quadratics) or gradient steps on each block. */
  readonly method?: 'newton' | 'gradient';
  /** Steps per block visit; default 1. */
  readonly inner?: number;
  /** Step size of the gradient method; default 0.1. */
  readonly learningRate?: number;
  /** Block order: the same each sweep, or a fresh random permutation (needs `rng`). */
  readonly order?: 'cyclic' | 'random';
  /** A seed or a generator for `order: 'random'`; required there, unused otherwise. */
  readonly rng?: Rng | number;
  /** Stop when a sweep changes f by less than this; default 0 (run all sweeps). */
  readonly tolerance?: number;
}

/** What {@link coordinateDescent} returns: the final point, its value and the value after every sweep. */
export interface CoordinateDescentResult {
  /** The final point, with the dtype of `x0`. */
  readonly x: Tensor;
  /** f(x) at the final point (SciPy's name). */
  readonly fun: number;
  /** Sweeps run: `sweeps` from the options, or fewer when `tolerance` stopped it. */
  readonly sweeps: number;
  /** f after each sweep, starting with f(x0). */
  readonly values: readonly number[];
}

/**
 * Block coordinate descent (Deep Learning 8.7.2): minimize f over one block of coordinates at a time, the others
 * held fixed. With `method: 'newton'` a block step solves H_bb·δ = −g_b using the block of the exact Hessian (built
 * from Hessian-vector products), so for a quadratic one step per block is exact minimization: on single
 * coordinates the sweep is the Gauss-Seidel iteration.
 * @example coordinateDescent((x) => sum(mul(x, matmul(a, x))).div(2).sub(sum(mul(b, x))), zeros([n], { dtype: 'float64' }))
 */
export function coordinateDescent(
  f: (x: Tensor) => Tensor,
  x0: Tensor,
  options: CoordinateDescentOptions = {},
): CoordinateDescentResult {
  if (x0.shape.length !== 1) throw new ValueError(`coordinateDescent: x0 must be a vector, got shape [${x0.shape}]`);
  const n = x0.shape[0];
  const { sweeps = 50, method = 'newton', inner = 1, learningRate = 0.1, order = 'cyclic', tolerance = 0 } = options;
  const blocks = options.blocks ?? Array.from({ length: n }, (_, i) => [i]);
  for (const block of blocks) {
    if (block.length === 0 || block.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      throw new ValueError(`coordinateDescent: block [${block}] has an index outside [0, ${n})`);
    }
  }
  if (order === 'random' && options.rng === undefined)
    throw new ValueError('coordinateDescent: random order needs an rng');
  const rng = options.rng === undefined ? undefined : options.rng instanceof Rng ? options.rng : createRng(options.rng);
  const gradient = grad(f);
  const curvature = hvp(f);
  let values = Float64Array.from(x0.dataSync());
  const at = () => tensor(values, { dtype: x0.dtype });
  const history = [f(at()).item()];
  let sweep = 0;
  for (; sweep < sweeps; sweep++) {
    const visit =
      order === 'random' && rng !== undefined
        ? Array.from(rng.permutationIndices(blocks.length))
        : blocks.map((_, i) => i);
    for (const b of visit) {
      const block = blocks[b];
      for (let step = 0; step < inner; step++) {
        const x = at();
        const g = gradient(x).dataSync();
        const gb = block.map((i) => g[i]);
        let delta: number[];
        if (method === 'newton') {
          // H_bb column by column: H·e_j restricted to the block.
          const h = block.map(() => new Array<number>(block.length).fill(0));
          block.forEach((j, c) => {
            const e = new Float64Array(n);
            e[j] = 1;
            const column = curvature(x, tensor(e, { dtype: x0.dtype })).dataSync();
            block.forEach((i, r) => {
              h[r][c] = column[i];
            });
          });
          delta = Array.from(
            linalg
              .solve(
                tensor(h, { dtype: 'float64' }),
                tensor(
                  gb.map((v) => -v),
                  { dtype: 'float64' },
                ),
              )
              .dataSync(),
          );
        } else delta = gb.map((v) => -learningRate * v);
        values = Float64Array.from(values);
        block.forEach((i, k) => {
          values[i] += delta[k];
        });
      }
    }
    history.push(f(at()).item());
    if (Math.abs(history[history.length - 2] - history[history.length - 1]) < tolerance) {
      sweep++;
      break;
    }
  }
  return { x: at(), fun: history[history.length - 1], sweeps: sweep, values: history };
}
