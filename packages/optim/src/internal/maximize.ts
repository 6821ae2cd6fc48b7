import { scale } from '../transforms/scale.js';
import type { GradientTransformation } from '../types.js';
import { boolean } from './validate.js';

/**
 * The first links of an alias with PyTorch's `maximize`: `scale(-1)` before anything else (weight decay included,
 * as PyTorch negates the raw gradient first), so that the loop ascends the function whose gradients it is given.
 */
export function ascent(fn: string, maximize: unknown): GradientTransformation[] {
  return boolean(fn, 'maximize', maximize ?? false) ? [scale(-1)] : [];
}
