import { type Tensor, tree, ValueError } from '@descent/tensor';
import { isString, type LabelFunction, type LabelTree, resolveLabels } from '../internal/labels.js';
import { assertState } from '../internal/state.js';
import { flattenUpdates, leafPaths, matchLeaves, rebuild } from '../internal/tree.js';
import { describe } from '../internal/validate.js';
import type { GradientTransformation, ParamTree, StateOf } from '../types.js';

/** Group labels: a tree of strings shaped like the parameters (or a prefix of it), or a function of path and value. */
export type Labels = LabelTree<string> | LabelFunction<string>;

/** The state of {@link partition}: one inner state per label, each over its own group of leaves. */
export interface PartitionState<T extends Readonly<Record<string, GradientTransformation<unknown>>>> {
  readonly kind: 'partition';
  /** Each group's state, over that group's leaves (an array in `tree.flatten` order). */
  readonly inner: { readonly [K in keyof T]: StateOf<T[K]> };
}

/**
 * Parameter groups (optax `partition`, PyTorch's `param_groups`): labels each parameter and runs the transformation
 * of its label on that group alone, e.g. a larger learning rate for a head or no weight decay for biases and norm
 * scales. Every label must have a transformation; a transformation may have no parameters.
 * @see optax `partition`, https://optax.readthedocs.io/en/latest/api/combining_optimizers.html
 * @example
 * import { adamw, partition } from '@descent/optim';
 * const groups = partition(
 *   { decay: adamw(1e-3, { weightDecay: 0.01 }), noDecay: adamw(1e-3, { weightDecay: 0 }) },
 *   (path, p) => (p.rank > 1 ? 'decay' : 'noDecay'),
 * );
 */
export function partition<const T extends Readonly<Record<string, GradientTransformation<unknown>>>>(
  transforms: T,
  labels: Labels,
): GradientTransformation<PartitionState<T>> {
  const fn = 'partition';
  if (transforms === null || typeof transforms !== 'object' || Array.isArray(transforms)) {
    throw new ValueError(`${fn}: transforms must be a record of gradient transformations, got ${describe(transforms)}`);
  }
  const names = Object.keys(transforms).sort();
  const assign = (leaves: readonly Tensor[], structure: tree.TreeStructure) => {
    const assigned = resolveLabels(fn, 'labels', labels, structure, leaves, isString, 'a label string');
    assigned.forEach((label, i) => {
      if (!Object.hasOwn(transforms, label)) {
        const at = leafPaths(structure)[i] || 'the root';
        throw new ValueError(
          `${fn}: ${at} has label ${JSON.stringify(label)}, which has no transformation; labels: ${names.join(', ')}`,
        );
      }
    });
    return assigned;
  };
  return {
    init(params) {
      const flat = tree.flatten(params);
      const assigned = assign(flat.leaves, flat.structure);
      const inner = Object.fromEntries(
        names.map((name) => [name, transforms[name].init(flat.leaves.filter((_, i) => assigned[i] === name))]),
      );
      return { kind: fn, inner } as PartitionState<T>;
    },
    update(updates, state, params) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const thetas = params === undefined ? undefined : matchLeaves(fn, flat, 'updates', params, 'params');
      const assigned = assign(thetas ?? flat.leaves, flat.structure);
      const innerStates = state.inner as Record<string, unknown>;
      const out: Tensor[] = [...flat.leaves];
      const nextInner: Record<string, unknown> = {};
      for (const name of names) {
        if (!Object.hasOwn(innerStates, name)) {
          throw new ValueError(
            `${fn}: the state has no group ${JSON.stringify(name)}; was it made for other transforms?`,
          );
        }
        const indices = assigned.flatMap((label, i) => (label === name ? [i] : []));
        const subParams: ParamTree | undefined = thetas === undefined ? undefined : indices.map((i) => thetas[i]);
        const [groupUpdates, groupState] = transforms[name].update(
          indices.map((i) => flat.leaves[i]),
          innerStates[name],
          subParams,
        );
        const groupLeaves = tree.leaves(groupUpdates);
        indices.forEach((index, k) => {
          out[index] = groupLeaves[k];
        });
        nextInner[name] = groupState;
      }
      return [rebuild(flat, out), { kind: fn, inner: nextInner } as PartitionState<T>];
    },
  };
}
