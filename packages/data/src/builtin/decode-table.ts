import { ValueError } from '@descent/tensor';
import { fromBase64, inflateRaw } from '../internal/inflate.js';

/** One feature column: `value = (stored + offset) / 10^decimals`, stored in `bytes` little-endian byte planes. */
export interface EncodedColumn {
  readonly decimals: number;
  readonly offset: number;
  readonly bytes: 1 | 2 | 4;
}

/** A shipped table, as scripts/build-datasets.py writes it into src/builtin/generated/. */
export interface EncodedTable {
  readonly samples: number;
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  readonly columns: readonly EncodedColumn[];
  /** base64 of raw DEFLATE of: each column's byte planes, column after column, then one byte per label. */
  readonly payload: string;
}

/**
 * Decodes a shipped table into row-major features and int32 labels. Each value is `integer / 10^decimals` in
 * float64, the same double that parsing the CSV text gives (both are the correctly rounded quotient), so a float32
 * result equals `Math.fround(Number(cell))` bit for bit.
 */
export function decodeTable(
  fn: string,
  name: string,
  table: EncodedTable,
  dtype: 'float32' | 'float64',
): { x: Float32Array | Float64Array; y: Int32Array } {
  const bytes = inflateRaw(fn, fromBase64(table.payload), `the shipped dataset '${name}'`);
  const n = table.samples;
  const features = table.columns.length;
  const expected = n * (table.columns.reduce((total, column) => total + column.bytes, 0) + 1);
  if (bytes.length !== expected) {
    throw new ValueError(`${fn}: the shipped dataset '${name}' holds ${bytes.length} bytes, expected ${expected}`);
  }
  const x = dtype === 'float64' ? new Float64Array(n * features) : new Float32Array(n * features);
  let at = 0;
  for (let j = 0; j < features; j++) {
    const { decimals, offset, bytes: width } = table.columns[j];
    // 10^d as a literal parse: exact for d ≤ 22, where `10 ** d` may be computed with rounding error.
    const scale = Number(`1e${decimals}`);
    for (let i = 0; i < n; i++) {
      let stored = bytes[at + i];
      if (width > 1) stored += bytes[at + n + i] * 0x100;
      if (width > 2) stored += bytes[at + 2 * n + i] * 0x10000 + bytes[at + 3 * n + i] * 0x1000000;
      x[i * features + j] = (stored + offset) / scale;
    }
    at += width * n;
  }
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = bytes[at + i];
  return { x, y };
}
