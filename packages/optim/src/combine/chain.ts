import { ValueError } from '@descent/tensor';
import { describe } from '../internal/validate.js';
import type { GradientTransformation, StateOf, Updates } from '../types.js';

/** The state of a chain: the tuple of its transformations' states. */
export type ChainState<T extends readonly GradientTransformation<unknown>[]> = {
  readonly [I in keyof T]: StateOf<T[I]>;
};

/**
 * Applies the transformations left to right; the state is the tuple of their states (optax `chain`).
 * `chain(t)` behaves exactly as `t`, and a chain nests in another chain.
 * @see optax `chain`, https://optax.readthedocs.io/en/latest/api/combining_optimizers.html
 * @example
 * import { chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const optimizer = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));
 */
export function chain<const T extends readonly GradientTransformation<unknown>[]>(
  ...transforms: T
): GradientTransformation<ChainState<T>> {
  transforms.forEach((transform, index) => {
    if (transform === null || typeof transform !== 'object' || typeof transform.update !== 'function') {
      throw new ValueError(`chain: argument ${index} is ${describe(transform)}, not a gradient transformation`);
    }
  });
  return {
    init: (params) => transforms.map((transform) => transform.init(params)) as unknown as ChainState<T>,
    update(updates, states, params) {
      if (!Array.isArray(states) || states.length !== transforms.length) {
        const got = Array.isArray(states) ? `${states.length} states` : describe(states);
        throw new ValueError(`chain: got ${got} for ${transforms.length} transforms; was init() called on this chain?`);
      }
      const nextStates: unknown[] = [];
      let current: Updates = updates;
      transforms.forEach((transform, index) => {
        [current, nextStates[index]] = transform.update(current, states[index], params);
      });
      return [current, nextStates as unknown as ChainState<T>];
    },
  };
}
