import { createHash } from 'node:crypto';
import { type Tensor, tree } from '@descent/tensor';

/** The number of scalars in a parameter tree. */
export function parameterCount(params: unknown): number {
  return tree.flatten(params as tree.Tree).leaves.reduce((total: number, leaf: Tensor) => total + leaf.size, 0);
}

/**
 * A SHA-256 of a parameter tree's dtypes, shapes and bytes: equal digests mean bit-identical parameters, which is how
 * a resumed run is checked against an uninterrupted one.
 */
export function parameterDigest(params: unknown): string {
  const hash = createHash('sha256');
  for (const leaf of tree.flatten(params as tree.Tree).leaves as Tensor[]) {
    hash.update(`${leaf.dtype}[${leaf.shape.join(',')}]`);
    const values = leaf.dataSync();
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return `sha256:${hash.digest('hex')}`;
}
