import { type Tensor, tree, ValueError } from '@descent/tensor';
import type { Tree } from '../module.js';
import { fromBase64, tensorBytes, tensorFromBytes, toBase64 } from './bytes.js';
import { assertDTypeName } from './dtypes.js';

/** The JSON document `toJson` writes. Values are base64 of little-endian bytes: exact for every dtype. */
export interface TreeJson {
  readonly format: 'descent.tree';
  readonly version: 1;
  readonly structure: tree.TreeStructure;
  readonly leaves: readonly { readonly dtype: string; readonly shape: readonly number[]; readonly data: string }[];
}

/**
 * Serializes a tree of tensors (parameters, model state, optimizer state) to a JSON string. Best for small models;
 * use `toSafetensors` for large ones.
 * @example const text = toJson({ params, state }); const restored = fromJson(text);
 */
export function toJson(value: Tree): string {
  const { leaves, structure } = tree.flatten(value);
  const document: TreeJson = {
    format: 'descent.tree',
    version: 1,
    structure,
    leaves: leaves.map((leaf) => ({ dtype: leaf.dtype, shape: [...leaf.shape], data: toBase64(tensorBytes(leaf)) })),
  };
  return JSON.stringify(document);
}

/** Reads what `toJson` wrote, validating the format, version, dtypes, shapes and byte counts. */
export function fromJson(text: string): Tree {
  let document: Partial<TreeJson>;
  try {
    document = JSON.parse(text) as Partial<TreeJson>;
  } catch (error) {
    throw new ValueError(`fromJson: not valid JSON (${(error as Error).message})`);
  }
  if (document === null || typeof document !== 'object' || document.format !== 'descent.tree') {
    throw new ValueError('fromJson: not a Descent tree document (format must be "descent.tree")');
  }
  if (document.version !== 1)
    throw new ValueError(`fromJson: unsupported version ${String(document.version)}; this build reads version 1`);
  if (!Array.isArray(document.leaves) || document.structure === undefined) {
    throw new ValueError('fromJson: the document needs "structure" and "leaves"');
  }
  const leaves: Tensor[] = document.leaves.map((leaf, i) => {
    const dtype = assertDTypeName('fromJson', leaf.dtype, `leaf ${i}`);
    if (!Array.isArray(leaf.shape) || !leaf.shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0)) {
      throw new ValueError(`fromJson: leaf ${i} has an invalid shape ${JSON.stringify(leaf.shape)}`);
    }
    return tensorFromBytes(`fromJson: leaf ${i}`, fromBase64('fromJson', String(leaf.data)), leaf.shape, dtype);
  });
  return tree.unflatten(document.structure, leaves);
}
