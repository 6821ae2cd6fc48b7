import { grad } from '@descent/autodiff';
import { add, concat, createRng, mean, mul, neg, Rng, stack, type Tensor, ValueError } from '@descent/tensor';

/**
 * Options of {@link continuation}: the family of objectives (Gaussian smoothing widths, or your own) and the
 * gradient descent that solves each level.
 */
export interface ContinuationOptions {
  /**
   * Gaussian smoothing widths σ, largest first; the last is usually 0 (the objective itself). Default
   * [2, 1, 0.5, 0.25, 0].
   */
  readonly widths?: readonly number[];
  /** A user-given family instead of Gaussian smoothing: the objective at each level. */
  readonly family?: readonly ((x: Tensor) => Tensor)[];
  /** Samples of the smoothing noise per level (fixed for the level: common random numbers); default 32. */
  readonly samples?: number;
  /** Gradient-descent steps per level; default 200. */
  readonly steps?: number;
  /** The step size of the gradient descent on each level; default 0.05. */
  readonly learningRate?: number;
  /** A seed or a generator for the smoothing noise; default seed 0. */
  readonly rng?: Rng | number;
}

/** What {@link continuation} returns: the final point and the solution of every level. */
export interface ContinuationResult {
  /** The solution of the last level, normally the true objective. */
  readonly x: Tensor;
  /** The solution of each level, the start of the next. */
  readonly path: readonly Tensor[];
}

/**
 * Continuation (Deep Learning 8.7.6): solve a sequence of objectives from easy (blurred) to the true one, each
 * started from the previous solution. The default family is Gaussian smoothing,
 * f_σ(x) = E_{ε∼N(0,I)} f(x + σε), estimated with a fixed set of antithetic samples per level; wide blurs erase small local
 * minima, so the path can reach a better basin than plain descent from the same start.
 * @example continuation((x) => sum(pow(x, 4)).sub(sum(mul(x, x)).mul(4)).add(sum(x)), tensor([2], { dtype: 'float64' }))
 */
export function continuation(
  f: (x: Tensor) => Tensor,
  x0: Tensor,
  options: ContinuationOptions = {},
): ContinuationResult {
  const { widths = [2, 1, 0.5, 0.25, 0], samples = 32, steps = 200, learningRate = 0.05 } = options;
  if (widths.some((w) => !(w >= 0))) throw new ValueError(`continuation: widths must be ≥ 0, got [${widths}]`);
  if (!Number.isInteger(samples) || samples < 1)
    throw new ValueError(`continuation: samples must be a positive integer, got ${samples}`);
  const rng = options.rng instanceof Rng ? options.rng : createRng(options.rng ?? 0);
  const levels =
    options.family ??
    widths.map((width) => {
      if (width === 0) return f;
      // Antithetic pairs (ε, −ε): the odd moments of the noise cancel exactly, so the estimate of f_σ has no
      // spurious tilt that would move its minima.
      const half = rng.normal([Math.ceil(samples / 2), ...x0.shape], {
        dtype: x0.dtype === 'float64' ? 'float64' : 'float32',
        std: width,
      });
      const noise = concat([half, neg(half)]);
      const count = noise.shape[0];
      return (x: Tensor) =>
        mean(stack(Array.from({ length: count }, (_, s) => f(add(x, noise.slice([s], [1]).reshape(x0.shape))))));
    });
  let x = x0;
  const path: Tensor[] = [];
  for (const objective of levels) {
    const gradient = grad(objective);
    for (let step = 0; step < steps; step++) x = x.sub(mul(gradient(x), learningRate));
    path.push(x);
  }
  return { x, path };
}
