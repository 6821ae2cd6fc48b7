import { mul, tidy } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, rebuild } from '../internal/tree.js';
import { finite } from '../internal/validate.js';
import type { GradientTransformation } from '../types.js';

/** The state of {@link scale}: a tag only, scaling keeps no memory. */
export interface ScaleState {
  readonly kind: 'scale';
}

/**
 * Multiplies every update by a constant: u ← c·u (optax `scale`). `scale(-1)` first in a chain ascends instead of
 * descending, which is what the aliases' `maximize` option does (PyTorch's `maximize`).
 * @example
 * import { chain, scale, sgd } from '@descent/optim';
 * const ascent = chain(scale(-1), sgd(0.1)); // maximizes the function whose gradients it is given
 */
export function scale(factor: number): GradientTransformation<ScaleState> {
  const fn = 'scale';
  const c = finite(fn, 'factor', factor);
  return {
    init: () => ({ kind: fn }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const out = tidy(() => flat.leaves.map((u) => mul(u, c)));
      return [rebuild(flat, out), state];
    },
  };
}
