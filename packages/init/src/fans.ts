import type { Shape } from '@descent/tensor';
import { checkShape } from './internal/validate.js';

/** The fans of a weight shape, as {@link fans} computes them. */
export interface Fans {
  /** Inputs that feed one output unit. */
  readonly fanIn: number;
  /** Outputs that one input unit feeds. */
  readonly fanOut: number;
  /** Product of the kernel dimensions (`shape[2:]`); 1 for a 2-D shape. */
  readonly receptiveField: number;
}

/**
 * The fan-in and fan-out of a weight shape, under Descent's conventions:
 * - 2-D `[fanIn, fanOut]`: a dense weight used as `y = x W + b`, so `fanIn = shape[0]`, `fanOut = shape[1]`.
 * - n-D `[outChannels, inChannels, ...kernel]` (n ≥ 3): PyTorch's `_calculate_fan_in_and_fan_out` exactly, with
 *   `r = ∏ kernel`: `fanIn = inChannels · r`, `fanOut = outChannels · r`.
 *
 * Shapes with fewer than 2 dimensions have no fans (a ShapeError, as in PyTorch). The 2-D rule is PyTorch's applied
 * to the transpose: `nn.Linear` stores `[out, in]` and computes `x Wᵀ`, so a PyTorch linear weight `W` and Descent's
 * `Wᵀ` get the same fans. Keras stores conv kernels as `[...kernel, in, out]`; transpose those to
 * `[out, in, ...kernel]` first.
 * @see PyTorch `torch.nn.init._calculate_fan_in_and_fan_out`, https://github.com/pytorch/pytorch/blob/main/torch/nn/init.py
 * @example
 * fans([784, 256]);      // → { fanIn: 784, fanOut: 256, receptiveField: 1 }
 * fans([64, 32, 3, 3]);  // → { fanIn: 288, fanOut: 576, receptiveField: 9 }
 */
export function fans(shape: Shape): Fans {
  return fansOf('fans', shape);
}

/** {@link fans}, with errors that name the calling initializer. */
export function fansOf(fn: string, shape: Shape): Fans {
  const checked = checkShape(fn, shape, { min: 2 });
  if (checked.length === 2) return { fanIn: checked[0], fanOut: checked[1], receptiveField: 1 };
  let receptiveField = 1;
  for (let i = 2; i < checked.length; i++) receptiveField *= checked[i];
  return { fanIn: checked[1] * receptiveField, fanOut: checked[0] * receptiveField, receptiveField };
}
