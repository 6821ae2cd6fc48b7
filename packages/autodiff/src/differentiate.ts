import { DTypeError, isFloatDType, type Tensor, tree, zerosLike } from '@descent/tensor';
import { backward } from './backward.js';
import { recording, Tape } from './tape.js';

export type Tree = tree.Tree;

/** Checks that every leaf of `x` is a float tensor and returns the leaves. */
export function differentiableLeaves(fn: string, x: Tree): Tensor[] {
  const { leaves } = tree.flatten(x);
  leaves.forEach((leaf, i) => {
    if (!isFloatDType(leaf.dtype)) {
      throw new DTypeError(
        `${fn}: input leaf ${i} (shape [${leaf.shape}]) is ${leaf.dtype}; only float32 and float64 inputs can be differentiated`,
      );
    }
  });
  return leaves;
}

/** Runs `f` with a fresh tape watching every leaf of `x`. */
export function trace<T>(
  fn: string,
  x: Tree,
  f: () => T,
): { readonly result: T; readonly tape: Tape; readonly leaves: Tensor[] } {
  const leaves = differentiableLeaves(fn, x);
  const tape = new Tape();
  for (const leaf of leaves) tape.watch(leaf);
  const result = recording(tape, f);
  return { result, tape, leaves };
}

/**
 * Sweeps `tape` back from `roots` and returns the cotangents of `leaves` (zeros for a leaf the roots do not depend
 * on), rebuilt into `x`'s structure.
 */
export function pullBack<P extends Tree>(
  tape: Tape,
  roots: readonly (readonly [Tensor, Tensor])[],
  x: P,
  leaves: readonly Tensor[],
): P {
  const cotangents = backward(tape.entries, roots, (input) => tape.isConnected(input));
  const { structure } = tree.flatten(x);
  return tree.unflatten(
    structure,
    leaves.map((leaf) => cotangents.get(leaf.id) ?? zerosLike(leaf)),
  ) as P;
}
