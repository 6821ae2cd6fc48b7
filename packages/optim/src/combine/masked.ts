import { type Tensor, tree } from '@descent/tensor';
import { isBoolean, type LabelFunction, type LabelTree, resolveLabels } from '../internal/labels.js';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import type { GradientTransformation, ParamTree, StateOf } from '../types.js';

/**
 * Which parameters a transformation applies to: a tree of booleans shaped like the parameters (a boolean at a node
 * covers its whole subtree, so `{ encoder: true, head: false }` works), or a function of the parameter's path
 * (`layers[0].w`) and value.
 */
export type Mask = LabelTree<boolean> | LabelFunction<boolean>;

/** The state of {@link masked}: the inner transformation's state `S`, kept for the selected leaves only. */
export interface MaskedState<S> {
  readonly kind: 'masked';
  /** The inner transformation's state, over the selected leaves only (an array in `tree.flatten` order). */
  readonly inner: S;
}

/**
 * Applies `inner` to the selected parameters only; the other updates pass through unchanged (optax `masked`).
 * The inner transformation sees the selected leaves as an array, in `tree.flatten` order, and keeps state for them
 * alone (no moments for frozen parameters).
 * @see optax `masked`, https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html
 * @example
 * import { addDecayedWeights, chain, masked, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const noDecayOnBiases = masked(addDecayedWeights(1e-2), (path) => !path.endsWith('.b'));
 * const adamw = chain(scaleByAdam(), noDecayOnBiases, scaleByLearningRate(1e-3));
 */
export function masked<T extends GradientTransformation<unknown>>(
  inner: T,
  mask: Mask,
): GradientTransformation<MaskedState<StateOf<T>>> {
  const fn = 'masked';
  const select = (leaves: readonly Tensor[], structure: tree.TreeStructure) =>
    resolveLabels(fn, 'mask', mask, structure, leaves, isBoolean, 'true or false');
  return {
    init(params) {
      const flat = tree.flatten(params);
      const chosen = select(flat.leaves, flat.structure);
      return { kind: fn, inner: inner.init(flat.leaves.filter((_, i) => chosen[i])) as StateOf<T> };
    },
    update(updates, state, params) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const thetas = params === undefined ? undefined : matchLeaves(fn, flat, 'updates', params, 'params');
      const chosen = select(thetas ?? flat.leaves, flat.structure);
      const pick = <X>(values: readonly X[]) => values.filter((_, i) => chosen[i]);
      const subParams: ParamTree | undefined = thetas === undefined ? undefined : pick(thetas);
      const [innerUpdates, innerState] = inner.update(pick(flat.leaves), state.inner, subParams);
      const innerLeaves = tree.leaves(innerUpdates);
      let next = 0;
      const out = flat.leaves.map((u, i) => (chosen[i] ? innerLeaves[next++] : u));
      return [rebuild(flat, out), { kind: fn, inner: innerState as StateOf<T> }];
    },
  };
}
