import { add, tidy, tree } from '@descent/tensor';
import { flattenUpdates, matchLeaves } from './internal/tree.js';
import type { ParamTree, Updates } from './types.js';

/**
 * The new parameters θ + u, leaf by leaf (optax `apply_updates`). Pure: returns new tensors and frees nothing.
 * The updates must have the parameters' structure, shapes and dtypes (a `ValueError` or `DTypeError` names the leaf).
 * @example
 * import { applyUpdates, sgd } from '@descent/optim';
 * import { tensor } from '@descent/tensor';
 * const params = { w: tensor([1, 2]) };
 * const optimizer = sgd(0.1);
 * const [updates] = optimizer.update({ w: tensor([1, 1]) }, optimizer.init(params), params);
 * applyUpdates(params, updates).w.toArray(); // → [0.9, 1.9]
 */
export function applyUpdates<P extends ParamTree>(params: P, updates: Updates): P {
  const fn = 'applyUpdates';
  const flat = flattenUpdates(fn, params, 'params');
  const deltas = matchLeaves(fn, flat, 'params', updates, 'updates');
  return tidy(() =>
    tree.unflatten(
      flat.structure,
      flat.leaves.map((p, i) => add(p, deltas[i])),
    ),
  ) as P;
}
