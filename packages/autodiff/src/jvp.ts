import { tree, zerosLike } from '@descent/tensor';
import { pullBack, type Tree, trace } from './differentiate.js';
import { assertSameTree } from './tree-checks.js';
import { vjp } from './vjp.js';

/**
 * The output of `f` at `x` and the directional derivative J·v along `tangent` (same structure as `x`).
 *
 * Computed exactly by reverse over reverse: the pullback u ↦ Jᵀu is linear in u, so the gradient of ⟨Jᵀu, v⟩
 * with respect to u is J v. It costs about two reverse sweeps and needs no forward-mode rules.
 * @example jvp((x) => mul(x, x), x, v) // → [x², 2·x·v]
 */
export function jvp<P extends Tree, O extends Tree>(f: (x: P) => O, x: P, tangent: P): [O, O] {
  assertSameTree('jvp', x, tangent, 'the tangent');
  const [y, pullback] = vjp(f, x);
  const outputs = tree.flatten(y);
  const u = tree.unflatten(outputs.structure, outputs.leaves.map(zerosLike)) as O;
  const { result: transposed, tape, leaves, structure } = trace('jvp', u, () => pullback(u));
  const tangents = tree.flatten(tangent).leaves;
  const roots = tree.flatten(transposed).leaves.map((g, i) => [g, tangents[i]] as const);
  return [y, pullBack(tape, roots, structure, leaves)];
}
