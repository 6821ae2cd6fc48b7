import { add, cast, div, maximum, mul, scalar, sqrt, square, sum, type Tensor, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, rebuild } from '../internal/tree.js';
import { positive } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/** The state of {@link clipByGlobalNorm}: a tag only, clipping keeps no memory. */
export interface ClipByGlobalNormState {
  readonly kind: 'clipByGlobalNorm';
}

/**
 * The Euclidean norm of all leaves together, √(Σ‖g_i‖²), as a scalar tensor, computed without reading back to
 * JavaScript. float32 when every leaf is float32 (each leaf's sum accumulates in float64 inside the kernel), so it
 * stays on a float32-only backend; float64 as soon as one leaf is.
 * @example globalNorm({ w: tensor([3]), b: tensor([4]) }).item() // → 5
 */
export function globalNorm(updates: ParamTree): Tensor {
  const flat = flattenUpdates('globalNorm', updates);
  const dtype = flat.leaves.some((g) => g.dtype === 'float64') ? 'float64' : 'float32';
  return tidy(() => {
    let total = scalar(0, dtype);
    for (const g of flat.leaves) {
      const squares = sum(square(g));
      total = add(total, squares.dtype === dtype ? squares : cast(squares, dtype));
    }
    return sqrt(total);
  });
}

/**
 * Gradient clipping by the global norm (the book's section 8.2.4, "Cliffs and Exploding Gradients"): when
 * ‖g‖ > v, g ← g·v/‖g‖, with ‖g‖ taken over every leaf together, so the direction is kept.
 *
 * Computed as g·(v / max(‖g‖, v)) in tensor ops, without reading the norm back (no GPU sync); below the threshold the
 * factor is exactly 1. PyTorch's `clip_grad_norm_` divides by ‖g‖ + 1e-6 instead, so it scales by slightly less than
 * v/‖g‖; optax's `clip_by_global_norm` matches ours. A NaN norm makes every update NaN rather than hiding it.
 * @see Pascanu, Mikolov & Bengio 2013, On the difficulty of training RNNs, https://arxiv.org/abs/1211.5063
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, section 8.2.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { adam, chain, clipByGlobalNorm } from '@descent/optim';
 * const clipped = chain(clipByGlobalNorm(1), adam(1e-3));
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<ClipByGlobalNormState> {
  const fn = 'clipByGlobalNorm';
  const threshold = positive(fn, 'maxNorm', maxNorm);
  return {
    init: () => ({ kind: fn }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const out = tidy(() => {
        const factor = div(threshold, maximum(globalNorm(updates), threshold));
        return flat.leaves.map((g) => mul(g, g.dtype === factor.dtype ? factor : cast(factor, g.dtype)));
      });
      return [rebuild(flat, out), state];
    },
  };
}
