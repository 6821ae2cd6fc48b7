import { maximum, minimum, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, rebuild } from '../internal/tree.js';
import { positive } from '../internal/validate.js';
import type { GradientTransformation } from '../types.js';

/** The state of {@link clipByValue}: a tag only, clipping keeps no memory. */
export interface ClipByValueState {
  readonly kind: 'clipByValue';
}

/**
 * Element-wise clipping (the book's section 8.2.4; Mikolov 2012): u ← min(max(u, −c), c).
 * Changes the direction of the update, unlike {@link clipByGlobalNorm}. PyTorch's `clip_grad_value_` and optax's `clip`.
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, section 8.2.4, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { chain, clipByValue, sgd } from '@descent/optim';
 * const clipped = chain(clipByValue(5), sgd(0.1));
 */
export function clipByValue(maxValue: number): GradientTransformation<ClipByValueState> {
  const fn = 'clipByValue';
  const limit = positive(fn, 'maxValue', maxValue);
  return {
    init: () => ({ kind: fn }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const out = tidy(() => flat.leaves.map((u) => minimum(maximum(u, -limit), limit)));
      return [rebuild(flat, out), state];
    },
  };
}
