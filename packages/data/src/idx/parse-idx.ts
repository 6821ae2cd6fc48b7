import { ValueError } from '@descent/tensor';
import { gunzip, isGzip } from '../internal/inflate.js';

/** The element types of the IDX format, by type code: 0x08 ubyte … 0x0E double. */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** An n-dimensional array read from an IDX file. */
export interface IdxArray {
  readonly type: IdxType;
  /** Dimensions as the header gives them, e.g. [60000, 28, 28]. */
  readonly shape: readonly number[];
  /** The values, row-major, in native byte order. */
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/** Options of `parseIdx`. */
export interface ParseIdxOptions {
  /** A name for error messages, such as the file name or URL. */
  readonly source?: string;
}

const TYPES: Readonly<Record<number, { type: IdxType; size: number }>> = {
  8: { type: 'uint8', size: 1 },
  9: { type: 'int8', size: 1 },
  11: { type: 'int16', size: 2 },
  12: { type: 'int32', size: 4 },
  13: { type: 'float32', size: 4 },
  14: { type: 'float64', size: 8 },
};

/**
 * Parses an IDX file (the MNIST format: magic `00 00 type rank`, big-endian uint32 dimensions, big-endian values),
 * gzipped or not: gzip is recognized by its magic bytes and inflated in JavaScript. Pure, no file access, so it works
 * in browsers on fetched bytes. Throws a ValueError naming the source for a wrong magic number, an unknown type code,
 * a truncated file or trailing bytes.
 * @see LeCun, Cortes & Burges, "The MNIST database of handwritten digits", http://yann.lecun.com/exdb/mnist/
 * @example
 * const images = parseIdx(new Uint8Array(await (await fetch(url)).arrayBuffer()), { source: url });
 * images.shape; // [10000, 28, 28]
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  return parseIdxBytes('parseIdx', bytes, options.source ?? 'the input');
}

/** `parseIdx` with the calling function's name in its errors. */
export function parseIdxBytes(fn: string, bytes: Uint8Array, source: string): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new ValueError(`${fn}: expected a Uint8Array of IDX bytes for ${source}`);
  const compressed = isGzip(bytes);
  const raw = compressed ? gunzip(fn, bytes, source) : bytes;
  if (raw.length < 4) {
    throw new ValueError(`${fn}: ${source} has ${raw.length} bytes, too short for an IDX header (4-byte magic number)`);
  }
  const magic = ((raw[0] << 24) | (raw[1] << 16) | (raw[2] << 8) | raw[3]) >>> 0;
  const kind = TYPES[raw[2]];
  if (raw[0] !== 0 || raw[1] !== 0 || kind === undefined) {
    throw new ValueError(
      `${fn}: ${source} has magic number 0x${magic.toString(16).padStart(8, '0')}, not an IDX file ` +
        '(expected 0x0000TTRR with type TT in 08, 09, 0B, 0C, 0D, 0E, e.g. 0x00000803 for images, 0x00000801 for labels)',
    );
  }
  const rank = raw[3];
  const headerBytes = 4 + 4 * rank;
  if (raw.length < headerBytes) {
    throw new ValueError(
      `${fn}: ${source} is truncated: its header needs ${headerBytes} bytes for rank ${rank}, got ${raw.length}`,
    );
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape: number[] = [];
  let size = 1;
  for (let axis = 0; axis < rank; axis++) {
    const dim = view.getUint32(4 + 4 * axis, false);
    shape.push(dim);
    size *= dim;
  }
  const expected = headerBytes + size * kind.size;
  if (raw.length !== expected) {
    const what = raw.length < expected ? 'is truncated' : `has ${raw.length - expected} trailing bytes`;
    throw new ValueError(
      `${fn}: ${source} ${what}: its header says [${shape}] ${kind.type} (${expected} bytes), got ${raw.length} bytes`,
    );
  }
  return { type: kind.type, shape, data: readValues(view, headerBytes, size, kind.type, raw, compressed) };
}

function readValues(
  view: DataView,
  at: number,
  size: number,
  type: IdxType,
  raw: Uint8Array,
  owned: boolean,
): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      // Inflated bytes are ours: keep a view. The caller's bytes are copied, so the result never aliases them.
      return owned ? raw.subarray(at) : raw.slice(at);
    case 'int8':
      return new Int8Array(raw.slice(at).buffer);
    case 'int16': {
      const out = new Int16Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt16(at + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(at + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(at + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(at + 8 * i, false);
      return out;
    }
  }
}
