import { DTypeError, isFloatDType, type Tensor, tree, ValueError } from '@descent/tensor';
import type { ParamTree } from '../types.js';

/** A tree taken apart once: its leaves in `tree.flatten` order and the structure to rebuild it. */
export interface Flat {
  readonly leaves: Tensor[];
  readonly structure: tree.TreeStructure;
}

/** Paths of the leaves of `structure`, in `flatten` order, spelled as tensor's errors spell them: `layers[0].w`. */
export function leafPaths(structure: tree.TreeStructure): string[] {
  const paths: string[] = [];
  const walk = (node: tree.TreeStructure, path: string): void => {
    if (node.kind === 'leaf') paths.push(path);
    else if (node.kind === 'array') {
      for (let i = 0; i < node.children.length; i++) walk(node.children[i], `${path}[${i}]`);
    } else if (node.kind === 'object') {
      for (let i = 0; i < node.children.length; i++) {
        walk(node.children[i], path ? `${path}.${node.keys[i]}` : node.keys[i]);
      }
    }
  };
  walk(structure, '');
  return paths;
}

function flattenOrThrow(fn: string, value: ParamTree, name: string): Flat {
  try {
    return tree.flatten(value);
  } catch (error) {
    if (error instanceof ValueError) throw new ValueError(`${fn}: ${name} is not a tree of tensors: ${error.message}`);
    throw error;
  }
}

/** Flattens the incoming updates (or gradients), which must be float tensors. */
export function flattenUpdates(fn: string, updates: ParamTree, name = 'updates'): Flat {
  const flat = flattenOrThrow(fn, updates, name);
  for (let i = 0; i < flat.leaves.length; i++) {
    const leaf = flat.leaves[i];
    if (leaf.isDisposed) leaf.assertLive(fn);
    if (!isFloatDType(leaf.dtype)) {
      const at = leafPaths(flat.structure)[i] || 'the root';
      throw new DTypeError(`${fn}: ${name} at ${at} is ${leaf.dtype}; expected float32 or float64`);
    }
  }
  return flat;
}

/**
 * The leaves of `other`, after checking that it has the structure, shapes and dtypes of `reference`. State built for
 * one parameter tree and handed another fails here, naming the first place they differ.
 */
export function matchLeaves(fn: string, reference: Flat, referenceName: string, other: ParamTree, name: string) {
  const flat = flattenOrThrow(fn, other, name);
  const difference = tree.structureDifference(reference.structure, flat.structure);
  if (difference !== undefined) {
    throw new ValueError(
      `${fn}: ${referenceName} and ${name} have different structures: ${difference}; ` +
        'was the state initialized for another parameter tree?',
    );
  }
  for (let i = 0; i < flat.leaves.length; i++) {
    const a = reference.leaves[i];
    const b = flat.leaves[i];
    if (b.isDisposed) b.assertLive(fn);
    if (a.dtype !== b.dtype || a.shape.length !== b.shape.length || a.shape.some((d, axis) => d !== b.shape[axis])) {
      const at = leafPaths(reference.structure)[i] || 'the root';
      const message =
        `${fn}: at ${at}, ${referenceName} is ${a.dtype} [${a.shape}] but ${name} is ${b.dtype} [${b.shape}]; ` +
        'was the state initialized for another parameter tree?';
      throw a.dtype !== b.dtype ? new DTypeError(message) : new ValueError(message);
    }
  }
  return flat.leaves;
}

/** The parameters that a transformation needs (weight decay), checked against the updates. */
export function requireParams(fn: string, reference: Flat, params: ParamTree | undefined): Tensor[] {
  if (params === undefined) {
    throw new ValueError(`${fn}: needs the parameters; call update(updates, state, params)`);
  }
  return matchLeaves(fn, reference, 'updates', params, 'params');
}

/** Rebuilds a tree with the structure of `flat` from new leaves. */
export function rebuild(flat: Flat, leaves: readonly Tensor[]): ParamTree {
  return tree.unflatten(flat.structure, leaves);
}
