import { type Tensor, tensor, tree } from '@descent/tensor';
import type { GradientTransformation, ParamTree } from '../types.js';

/** A float64 vector. */
export const vector = (values: readonly number[]): Tensor => tensor([...values], { dtype: 'float64' });

/** The values of every leaf, in flatten order. */
export const valuesOf = (updates: ParamTree): number[] =>
  tree.leaves(updates).flatMap((leaf) => Array.from(leaf.dataSync()));

/** Feeds a sequence of gradient trees through a transformation; returns each step's updates as flat values. */
export function updatesFor(
  transformation: GradientTransformation<unknown>,
  gradients: readonly ParamTree[],
  params: ParamTree = gradients[0],
): number[][] {
  let state = transformation.init(params);
  return gradients.map((grads) => {
    const [updates, next] = transformation.update(grads, state, params);
    state = next;
    return valuesOf(updates);
  });
}

/** Equal up to a few units in the last place: |a − b| ≤ rtol·|b| for every element. */
export function closeTo(actual: readonly number[], expected: readonly number[], rtol = 1e-15): boolean {
  return (
    actual.length === expected.length &&
    actual.every((a, i) => Math.abs(a - expected[i]) <= rtol * Math.abs(expected[i]))
  );
}
