import type { tree } from '@descent/tensor';

/** A dotted name for every leaf, in `tree.flatten` order: `layers.0.w`. The root leaf is named `value`. */
export function leafPaths(structure: tree.TreeStructure): string[] {
  const paths: string[] = [];
  const walk = (node: tree.TreeStructure, path: string): void => {
    if (node.kind === 'leaf') paths.push(path === '' ? 'value' : path);
    else if (node.kind === 'array')
      node.children.forEach((child, i) => {
        walk(child, path === '' ? `${i}` : `${path}.${i}`);
      });
    else if (node.kind === 'object') {
      node.keys.forEach((key, i) => {
        walk(node.children[i], path === '' ? key : `${path}.${key}`);
      });
    }
  };
  walk(structure, '');
  return paths;
}
