import { add, mul, shapesEqual, sum, type Tensor, tree, ValueError } from '@descent/tensor';
import type { Tree } from './differentiate.js';

/** Checks that `other` has the structure, shapes and dtypes of `reference`, naming where it does not. */
export function assertSameTree(fn: string, reference: Tree, other: Tree, what: string): void {
  const left = tree.flatten(reference);
  const right = tree.flatten(other);
  const difference = tree.structureDifference(left.structure, right.structure);
  if (difference !== undefined) throw new ValueError(`${fn}: ${what} has a different structure: ${difference}`);
  left.leaves.forEach((leaf, i) => {
    const paired = right.leaves[i];
    if (!shapesEqual(leaf.shape, paired.shape) || leaf.dtype !== paired.dtype) {
      throw new ValueError(
        `${fn}: ${what} leaf ${i} is [${paired.shape}] ${paired.dtype}, expected [${leaf.shape}] ${leaf.dtype}`,
      );
    }
  });
}

/** Σ over leaves of ⟨a, b⟩. */
export function innerProduct(a: Tree, b: Tree): Tensor {
  const pairs = tree.zip(a, b);
  if (pairs.length === 0) throw new ValueError('innerProduct: the trees have no leaves');
  return pairs.map(([x, y]) => sum(mul(x, y))).reduce((total, term) => add(total, term));
}
