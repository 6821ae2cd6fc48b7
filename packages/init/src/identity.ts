import type { Shape, Tensor } from '@descent/tensor';
import { tensor } from '@descent/tensor';
import { assertFinite, checkShape, floatDType } from './internal/validate.js';
import type { DeterministicInitOptions } from './types.js';

export interface IdentityOptions extends DeterministicInitOptions {
  /** The value on the diagonal; any finite number, default 1. */
  readonly scale?: number;
}

/**
 * The identity matrix times `scale`: `W_ij = scale` where i = j, 0 elsewhere. For a non-square shape the ones run
 * down the main diagonal from the top left, min(rows, cols) of them, as `torch.nn.init.eye_` and Keras's `Identity`:
 * a `[fanIn, fanOut]` layer then passes its first min(fanIn, fanOut) inputs through unchanged. Draws nothing. 2-D
 * shapes only (ShapeError otherwise; PyTorch's `dirac_` for convolutions has no counterpart here).
 * Useful for residual-like starts and identity-initialized recurrent weights (Le, Jaitly & Hinton 2015).
 * @see Le, Jaitly & Hinton 2015, "A Simple Way to Initialize Recurrent Networks of Rectified Linear Units", https://arxiv.org/abs/1504.00941
 * @example identity([3, 2], { scale: 0.5 }) // → [[0.5, 0], [0, 0.5], [0, 0]]
 */
export function identity(shape: Shape, options: IdentityOptions = {}): Tensor {
  const fn = 'identity';
  const checked = checkShape(fn, shape, { exactly: 2 });
  const dtype = floatDType(fn, options?.dtype);
  const scale = assertFinite(fn, 'scale', options?.scale ?? 1);
  const [rows, cols] = checked;
  const values = dtype === 'float64' ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = scale;
  return tensor(values, { shape: checked, dtype });
}
