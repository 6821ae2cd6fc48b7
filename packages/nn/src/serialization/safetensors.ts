import { type Tensor, tree, ValueError } from '@descent/tensor';
import type { Tree } from '../module.js';
import { bytesPerElement, tensorBytes, tensorFromBytes } from './bytes.js';
import { fromSafetensorsDType, SAFETENSORS_DTYPES } from './dtypes.js';
import { leafPaths } from './paths.js';

/**
 * Serializes a tree of tensors in the safetensors format (an 8-byte little-endian header length, a JSON header,
 * then raw little-endian data), which PyTorch, JAX and Hugging Face tools read. Leaves are named by their dotted
 * path (`layers.0.w`); the tree structure goes in `__metadata__` so `fromSafetensors` rebuilds the same tree.
 * @see https://github.com/huggingface/safetensors
 * @example const bytes = toSafetensors(params); const restored = fromSafetensors(bytes);
 */
export function toSafetensors(value: Tree): Uint8Array {
  const { leaves, structure } = tree.flatten(value);
  const names = leafPaths(structure);
  const header: Record<string, unknown> = {
    __metadata__: { format: 'descent.tree', version: '1', structure: JSON.stringify(structure) },
  };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  leaves.forEach((leaf, i) => {
    const bytes = tensorBytes(leaf);
    header[names[i]] = {
      dtype: SAFETENSORS_DTYPES[leaf.dtype],
      shape: [...leaf.shape],
      data_offsets: [offset, offset + bytes.byteLength],
    };
    chunks.push(bytes);
    offset += bytes.byteLength;
  });
  // The format pads the header with spaces to a multiple of 8 bytes, so the data stays aligned.
  let headerText = JSON.stringify(header);
  while ((new TextEncoder().encode(headerText).byteLength + 8) % 8 !== 0) headerText += ' ';
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

interface Entry {
  readonly dtype: unknown;
  readonly shape: unknown;
  readonly data_offsets: unknown;
}

/**
 * Reads a safetensors file. A file written by `toSafetensors` comes back as the same tree; any other file comes
 * back as a flat record from tensor name to tensor. Offsets, sizes and dtypes are validated.
 */
export function fromSafetensors(bytes: Uint8Array): Tree {
  const fn = 'fromSafetensors';
  if (!(bytes instanceof Uint8Array) || bytes.byteLength < 8)
    throw new ValueError(`${fn}: expected at least 8 bytes, got ${bytes?.byteLength ?? 0}`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) {
    throw new ValueError(
      `${fn}: header length ${headerLength} exceeds the ${bytes.byteLength - 8} bytes that follow (truncated file?)`,
    );
  }
  let header: Record<string, Entry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw new ValueError(`${fn}: the header is not valid JSON`);
  }
  const data = bytes.subarray(8 + headerLength);
  const read = (name: string): Tensor => {
    const entry = header[name] as Entry | undefined;
    if (entry === undefined) throw new ValueError(`${fn}: tensor "${name}" is missing from the header`);
    const dtype = fromSafetensorsDType(fn, entry.dtype, name);
    const shape = entry.shape;
    const offsets = entry.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ValueError(`${fn}: tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !(offsets[0] <= offsets[1]) ||
      offsets[1] > data.byteLength
    ) {
      throw new ValueError(
        `${fn}: tensor "${name}" has data offsets ${JSON.stringify(offsets)} outside the ${data.byteLength} data bytes`,
      );
    }
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    if (offsets[1] - offsets[0] !== size * bytesPerElement(dtype)) {
      throw new ValueError(
        `${fn}: tensor "${name}" spans ${offsets[1] - offsets[0]} bytes, but [${shape}] ${dtype} needs ${size * bytesPerElement(dtype)}`,
      );
    }
    return tensorFromBytes(fn, data.subarray(offsets[0], offsets[1]), shape as number[], dtype);
  };
  const metadata = header.__metadata__ as Record<string, string> | undefined;
  if (metadata?.format === 'descent.tree' && typeof metadata.structure === 'string') {
    if (metadata.version !== '1') throw new ValueError(`${fn}: unsupported Descent tree version ${metadata.version}`);
    const structure = JSON.parse(metadata.structure) as tree.TreeStructure;
    return tree.unflatten(structure, leafPaths(structure).map(read));
  }
  return Object.fromEntries(
    Object.keys(header)
      .filter((name) => name !== '__metadata__')
      .map((name) => [name, read(name)]),
  );
}
