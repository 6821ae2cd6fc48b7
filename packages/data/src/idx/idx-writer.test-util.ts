import type { IdxType } from './parse-idx.js';

const CODES: Record<IdxType, [code: number, size: number]> = {
  uint8: [0x08, 1],
  int8: [0x09, 1],
  int16: [0x0b, 2],
  int32: [0x0c, 4],
  float32: [0x0d, 4],
  float64: [0x0e, 8],
};

/** Writes an IDX file by the format's definition (big-endian), independently of the parser under test. */
export function writeIdx(type: IdxType, shape: readonly number[], values: ArrayLike<number>): Uint8Array {
  const [code, size] = CODES[type];
  const header = 4 + 4 * shape.length;
  const bytes = new Uint8Array(header + values.length * size);
  const view = new DataView(bytes.buffer);
  view.setUint8(2, code);
  view.setUint8(3, shape.length);
  for (const [axis, dim] of shape.entries()) view.setUint32(4 + 4 * axis, dim, false);
  for (let i = 0; i < values.length; i++) {
    const at = header + i * size;
    if (type === 'uint8') view.setUint8(at, values[i]);
    else if (type === 'int8') view.setInt8(at, values[i]);
    else if (type === 'int16') view.setInt16(at, values[i], false);
    else if (type === 'int32') view.setInt32(at, values[i], false);
    else if (type === 'float32') view.setFloat32(at, values[i], false);
    else view.setFloat64(at, values[i], false);
  }
  return bytes;
}
