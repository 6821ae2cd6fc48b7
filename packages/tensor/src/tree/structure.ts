import { ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';

/**
 * A parameter tree: tensors at the leaves, nested in plain objects and arrays. `null` is an empty node
 * (JAX's `None`), handy for parameterless layers.
 */
export type Tree<L = Tensor> = L | null | readonly Tree<L>[] | { readonly [key: string]: Tree<L> };

/** The shape of a tree without its leaves: enough to rebuild it, and plain JSON. Object keys are sorted. */
export type TreeStructure =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'none' }
  | { readonly kind: 'array'; readonly children: readonly TreeStructure[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly TreeStructure[] };

const LEAF: TreeStructure = Object.freeze({ kind: 'leaf' });

/** The default leaf test, one shared function (a default arrow would be a new closure on every call). */
function isTensor(value: unknown): boolean {
  return value instanceof Tensor;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Leaves in a fixed order (arrays by index, objects by sorted key) and the structure to rebuild the tree. */
export function flatten<L = Tensor>(
  tree: Tree<L>,
  isLeaf: (value: unknown) => boolean = isTensor,
): { readonly leaves: L[]; readonly structure: TreeStructure } {
  // A lone tensor is the common case of small problems: no walk, no closures.
  if (isLeaf(tree)) return { leaves: [tree as L], structure: LEAF };
  const leaves: L[] = [];
  const walk = (node: unknown, path: string): TreeStructure => {
    if (isLeaf(node)) {
      leaves.push(node as L);
      return { kind: 'leaf' };
    }
    if (node === null) return { kind: 'none' };
    if (Array.isArray(node)) return { kind: 'array', children: node.map((child, i) => walk(child, `${path}[${i}]`)) };
    if (isPlainObject(node)) {
      const keys = Object.keys(node).sort();
      return { kind: 'object', keys, children: keys.map((key) => walk(node[key], path ? `${path}.${key}` : key)) };
    }
    const what =
      node === undefined ? 'undefined' : typeof node === 'object' ? (node.constructor?.name ?? 'object') : typeof node;
    throw new ValueError(
      `tree.flatten: ${path || 'the root'} is ${what}; expected a tensor, an array, a plain object or null`,
    );
  };
  const structure = walk(tree, '');
  return { leaves, structure };
}

/** All leaves of a tree, in `flatten` order. */
export function leaves<L = Tensor>(tree: Tree<L>): L[] {
  return flatten(tree).leaves;
}

/** Rebuilds a tree from its structure and leaves (in `flatten` order). */
export function unflatten<L>(structure: TreeStructure, leaves: readonly L[]): Tree<L> {
  if (structure.kind === 'leaf' && leaves.length === 1) return leaves[0];
  let next = 0;
  const build = (node: TreeStructure): Tree<L> => {
    switch (node.kind) {
      case 'leaf':
        if (next >= leaves.length)
          throw new ValueError(`tree.unflatten: the structure needs more than ${leaves.length} leaves`);
        return leaves[next++];
      case 'none':
        return null;
      case 'array':
        return node.children.map(build);
      case 'object':
        return Object.fromEntries(node.keys.map((key, i) => [key, build(node.children[i])]));
    }
  };
  const tree = build(structure);
  if (next !== leaves.length) {
    throw new ValueError(`tree.unflatten: got ${leaves.length} leaves for a structure with ${next}`);
  }
  return tree;
}

/** Where two structures first differ, as a readable path, or undefined when they are equal. */
export function structureDifference(a: TreeStructure, b: TreeStructure, path = ''): string | undefined {
  const at = path || 'the root';
  if (a.kind !== b.kind) return `${at} is ${a.kind} in one tree and ${b.kind} in the other`;
  if (a.kind === 'array' && b.kind === 'array') {
    if (a.children.length !== b.children.length)
      return `${at} has length ${a.children.length} and ${b.children.length}`;
    for (let i = 0; i < a.children.length; i++) {
      const found = structureDifference(a.children[i], b.children[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (a.kind === 'object' && b.kind === 'object') {
    if (a.keys.join() !== b.keys.join()) return `${at} has keys [${a.keys}] and [${b.keys}]`;
    for (let i = 0; i < a.keys.length; i++) {
      const found = structureDifference(a.children[i], b.children[i], path ? `${path}.${a.keys[i]}` : a.keys[i]);
      if (found) return found;
    }
  }
  return undefined;
}
