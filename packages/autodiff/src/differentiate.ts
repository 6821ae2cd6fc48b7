import { DTypeError, isFloatDType, type Tensor, tree, zerosLike } from '@descent/tensor';
import { backward } from './backward.js';
import { recording, Tape } from './tape.js';

export type Tree = tree.Tree;

/** Checks that every leaf of `x` is a float tensor and returns the leaves. */
export function differentiableLeaves(fn: string, x: Tree): { leaves: Tensor[]; structure: tree.TreeStructure } {
  const flat = tree.flatten(x);
  const leaves = flat.leaves;
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (!isFloatDType(leaf.dtype)) {
      throw new DTypeError(
        `${fn}: input leaf ${i} (shape [${leaf.shape}]) is ${leaf.dtype}; only float32 and float64 inputs can be differentiated`,
      );
    }
  }
  return flat;
}

/** Runs `f` with a fresh tape watching every leaf of `x`. */
export function trace<T>(
  fn: string,
  x: Tree,
  f: () => T,
): { readonly result: T; readonly tape: Tape; readonly leaves: Tensor[]; readonly structure: tree.TreeStructure } {
  const { leaves, structure } = differentiableLeaves(fn, x);
  const tape = new Tape();
  for (let i = 0; i < leaves.length; i++) tape.watch(leaves[i]);
  const result = recording(tape, f);
  return { result, tape, leaves, structure };
}

/**
 * Sweeps `tape` back from `roots` and returns the cotangents of `leaves` (zeros for a leaf the roots do not depend
 * on), rebuilt into the differentiated input's `structure`.
 */
export function pullBack<P extends Tree>(
  tape: Tape,
  roots: readonly (readonly [Tensor, Tensor])[],
  structure: tree.TreeStructure,
  leaves: readonly Tensor[],
): P {
  const cotangents = backward(tape, roots);
  const gradients: Tensor[] = new Array(leaves.length);
  for (let i = 0; i < leaves.length; i++) gradients[i] = cotangents.get(leaves[i]) ?? zerosLike(leaves[i]);
  return tree.unflatten(structure, gradients) as P;
}
