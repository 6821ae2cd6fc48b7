import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { flatten, structureDifference, type Tree, unflatten } from './structure.js';

/**
 * Applies `fn` leaf by leaf over one or more trees of the same structure (JAX's `tree.map`).
 * @example tree.map({ w, b }, (x) => mul(x, 2))
 * @example tree.map(params, (p, g) => sub(p, mul(g, 0.1)), grads)
 */
export function map<R = Tensor>(
  tree: Tree,
  fn: (leaf: Tensor, ...rest: Tensor[]) => R,
  ...others: readonly Tree[]
): Tree<R> {
  const { leaves, structure } = flatten(tree);
  const rest = others.map((other, index) => {
    const flat = flatten(other);
    const difference = structureDifference(structure, flat.structure);
    if (difference !== undefined)
      throw new ValueError(`tree.map: tree ${index + 1} differs from the first: ${difference}`);
    return flat.leaves;
  });
  return unflatten(
    structure,
    leaves.map((leaf, i) => fn(leaf, ...rest.map((other) => other[i]))),
  );
}

/**
 * Pairs the leaves of two trees of the same structure, in `flatten` order.
 * @example for (const [p, g] of tree.zip(params, grads)) ...
 */
export function zip(a: Tree, b: Tree): [Tensor, Tensor][] {
  const left = flatten(a);
  const right = flatten(b);
  const difference = structureDifference(left.structure, right.structure);
  if (difference !== undefined) throw new ValueError(`tree.zip: the trees differ: ${difference}`);
  return left.leaves.map((leaf, i) => [leaf, right.leaves[i]]);
}
