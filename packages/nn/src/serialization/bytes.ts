import { type DType, type Tensor, type TypedArray, tensor, ValueError } from '@descent/tensor';

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };

export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype];
}

/** Little-endian bytes of a tensor's values (typed arrays are little-endian on every platform Descent runs on). */
export function tensorBytes(t: Tensor): Uint8Array {
  const values = t.dataSync();
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** A tensor from little-endian bytes, copied so the result does not alias the input buffer. */
export function tensorFromBytes(fn: string, bytes: Uint8Array, shape: readonly number[], dtype: DType): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== size * BYTES[dtype]) {
    throw new ValueError(`${fn}: ${bytes.byteLength} bytes do not hold ${size} ${dtype} values (shape [${shape}])`);
  }
  const copy = bytes.slice();
  let values: TypedArray;
  if (dtype === 'float32') values = new Float32Array(copy.buffer);
  else if (dtype === 'float64') values = new Float64Array(copy.buffer);
  else if (dtype === 'int32') values = new Int32Array(copy.buffer);
  else values = copy;
  return tensor(values, { shape: [...shape], dtype });
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function fromBase64(fn: string, text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new ValueError(`${fn}: tensor data is not valid base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
