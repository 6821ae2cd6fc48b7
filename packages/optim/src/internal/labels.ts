import { type Tensor, type tree, ValueError } from '@descent/tensor';
import { leafPaths } from './tree.js';
import { describe } from './validate.js';

/** A tree of labels shaped like the parameters, or a prefix of it: a label at a node applies to every leaf below. */
export type LabelTree<L> = L | null | readonly LabelTree<L>[] | { readonly [key: string]: LabelTree<L> };

/** A label computed from a parameter's path (`layers[0].w`, as tensor's errors spell it) and the parameter. */
export type LabelFunction<L> = (path: string, param: Tensor) => L;

/** One label per leaf of the flattened tree, from a label tree or a function of the path. */
export function resolveLabels<L>(
  fn: string,
  what: string,
  spec: LabelTree<L> | LabelFunction<L>,
  structure: tree.TreeStructure,
  leaves: readonly Tensor[],
  isLabel: (value: unknown) => value is L,
  expected: string,
): L[] {
  if (typeof spec === 'function') {
    const paths = leafPaths(structure);
    return leaves.map((leaf, i) => {
      const label = (spec as LabelFunction<L>)(paths[i], leaf);
      if (!isLabel(label)) {
        throw new ValueError(
          `${fn}: ${what} returned ${describe(label)} for ${paths[i] || 'the root'}; expected ${expected}`,
        );
      }
      return label;
    });
  }
  const labels: L[] = [];
  const fill = (node: tree.TreeStructure, label: L): void => {
    if (node.kind === 'leaf') labels.push(label);
    else if (node.kind === 'array' || node.kind === 'object') for (const child of node.children) fill(child, label);
  };
  const walk = (node: tree.TreeStructure, value: unknown, path: string): void => {
    const at = path || 'the root';
    if (isLabel(value)) {
      fill(node, value);
      return;
    }
    if (node.kind === 'none' && value === null) return;
    if (node.kind === 'leaf' || node.kind === 'none') {
      throw new ValueError(`${fn}: ${what} at ${at} is ${describe(value)}; expected ${expected}`);
    }
    if (node.kind === 'array') {
      if (!Array.isArray(value) || value.length !== node.children.length) {
        throw new ValueError(
          `${fn}: ${what} at ${at} is ${describe(value)}; the parameters have an array of length ${node.children.length}`,
        );
      }
      for (let i = 0; i < node.children.length; i++) walk(node.children[i], value[i], `${path}[${i}]`);
      return;
    }
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const keys = isObject ? Object.keys(value).sort() : [];
    if (!isObject || keys.join() !== node.keys.join()) {
      throw new ValueError(
        `${fn}: ${what} at ${at} has keys [${keys}]; the parameters have keys [${node.keys}] (or give one ${expected} for the whole node)`,
      );
    }
    for (let i = 0; i < node.children.length; i++) {
      const key = node.keys[i];
      walk(node.children[i], (value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    }
  };
  walk(structure, spec, '');
  return labels;
}

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isString = (value: unknown): value is string => typeof value === 'string';
