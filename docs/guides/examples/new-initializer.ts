import { fans, type Initializer, type InitOptions } from '@descent/init';
import { dense, relu, sequential } from '@descent/nn';
import { createRng, mean, type Shape, square, type Tensor, ValueError } from '@descent/tensor';

export interface RandomWalkOptions extends InitOptions {
  /** The activation that follows the layer: `'relu'` (default) or `'linear'`. */
  readonly nonlinearity?: 'relu' | 'linear';
}

/**
 * Random-walk initialization: W ~ N(0, g²/fanIn) with the gain that keeps the logarithm of the activations' norm
 * from drifting through a deep stack, g = √2·exp(1.2 / (max(N, 6) − 2.4)) for ReLU and exp(1/(2N)) for linear
 * layers (N = fanIn). He initialization (g = √2) fixes the mean of the squared norm; this slightly larger gain fixes
 * the mean of its logarithm, which is what a single deep network experiences.
 *
 * Has the signature of every @descent/init initializer, `(shape, { rng, dtype }) → Tensor`, so it plugs into
 * `dense(..., { kernelInitializer: randomWalk })` and `mlp`.
 * @see Sussillo & Abbott 2014, Random Walk Initialization for Training Very Deep Feedforward Networks, https://arxiv.org/abs/1412.6558
 * @example dense(64, 64, { kernelInitializer: randomWalk })
 */
export function randomWalk(shape: Shape, options: RandomWalkOptions): Tensor {
  const { fanIn } = fans(shape); // throws a ShapeError that names `fans` for shapes of fewer than 2 dimensions
  const { rng, dtype = 'float32', nonlinearity = 'relu' } = options;
  if (nonlinearity !== 'relu' && nonlinearity !== 'linear') {
    throw new ValueError(`randomWalk: nonlinearity must be 'relu' or 'linear', got ${String(nonlinearity)}`);
  }
  return rng.normal(shape, { dtype, std: randomWalkGain(fanIn, nonlinearity) / Math.sqrt(fanIn) });
}

/** The gain g of {@link randomWalk} for a layer of `fanIn` inputs. */
export function randomWalkGain(fanIn: number, nonlinearity: 'relu' | 'linear' = 'relu'): number {
  return nonlinearity === 'relu' ? Math.SQRT2 * Math.exp(1.2 / (Math.max(fanIn, 6) - 2.4)) : Math.exp(1 / (2 * fanIn));
}

// Usage: pass it wherever an initializer goes, here to every layer of a deep ReLU stack.

/**
 * How much a stack of `depth` dense ReLU layers of `width` units, initialized by `kernelInitializer`, scales the RMS
 * of a random input batch: near 1 when the initialization preserves the signal (Deep Learning 8.4).
 */
export function activationScale(kernelInitializer: Initializer, depth = 30, width = 64, seed = 5): number {
  const layers = Array.from({ length: depth }, () => [
    dense(width, width, { kernelInitializer, useBias: false }),
    relu(),
  ]);
  const net = sequential(layers.flat());
  const { params, state } = net.init(createRng(seed));
  const x = createRng(seed + 1).normal([256, width]);
  const rms = (t: Tensor) => Math.sqrt(mean(square(t)).item());
  return rms(net.apply(params, state, x, { training: false }).y) / rms(x);
}
