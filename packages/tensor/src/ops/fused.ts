import { opScope, runKernel } from '../backend/engine.js';
import { DTypeError, ValueError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { operands, type TensorOrNumber } from './validate.js';

function floats(fn: string, a: TensorOrNumber, b: TensorOrNumber): readonly [Tensor, Tensor] {
  const pair = operands(fn, a, b);
  if (pair[0].dtype !== 'float32' && pair[0].dtype !== 'float64') {
    throw new DTypeError(`${fn}: expected float tensors, got ${pair[0].dtype}`);
  }
  broadcastShapes(fn, pair[0].shape, pair[1].shape);
  return pair;
}

function finite(fn: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ValueError(`${fn}: ${name} must be a finite number, got ${value}`);
  return value;
}

/**
 * Linear interpolation a + weight·(b − a), in one pass over memory (PyTorch's `torch.lerp`). An exponential moving
 * average m ← β·m + (1 − β)·g is `lerp(m, g, 1 − β)`.
 * @example lerp(tensor([0, 10]), tensor([10, 20]), 0.25) // → [2.5, 12.5]
 */
export function lerp(a: TensorOrNumber, b: TensorOrNumber, weight: number): Tensor {
  finite('lerp', 'weight', weight);
  const run = () => {
    const [x, y] = floats('lerp', a, b);
    return runKernel('Lerp', { a: x, b: y }, { weight });
  };
  return typeof a === 'number' || typeof b === 'number' ? opScope(run) : run();
}

/** Options of {@link divSqrt}: the constants of scale·a / (rootScale·√b + eps). */
export interface DivSqrtOptions {
  /** Multiplies the numerator; default 1. */
  readonly scale?: number;
  /** Multiplies √b; default 1. */
  readonly rootScale?: number;
  /** Added to the denominator after the root; default 0. */
  readonly eps?: number;
}

/**
 * scale·a / (rootScale·√b + eps), in one pass over memory: the normalized step of AdaGrad, RMSProp and Adam
 * (with bias corrections folded into `scale` and `rootScale`).
 * @example divSqrt(tensor([1, 2]), tensor([4, 16]), { eps: 0 }) // → [0.5, 0.5]
 */
export function divSqrt(a: TensorOrNumber, b: TensorOrNumber, options: DivSqrtOptions = {}): Tensor {
  const scale = finite('divSqrt', 'scale', options.scale ?? 1);
  const rootScale = finite('divSqrt', 'rootScale', options.rootScale ?? 1);
  const eps = finite('divSqrt', 'eps', options.eps ?? 0);
  const run = () => {
    const [x, y] = floats('divSqrt', a, b);
    return runKernel('DivSqrt', { a: x, b: y }, { scale, rootScale, eps });
  };
  return typeof a === 'number' || typeof b === 'number' ? opScope(run) : run();
}
