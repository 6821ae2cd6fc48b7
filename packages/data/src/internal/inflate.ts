import { ValueError } from '@descent/tensor';
import { gunzipSync, inflateSync } from 'fflate';

/** True when `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses gzip data, or throws a ValueError naming `fn` and `source`. */
export function gunzip(fn: string, bytes: Uint8Array, source: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new ValueError(`${fn}: ${source} is not valid gzip data (${(error as Error).message}); truncated download?`);
  }
}

/** Decompresses raw DEFLATE data (the shipped datasets). */
export function inflateRaw(fn: string, bytes: Uint8Array, source: string): Uint8Array {
  try {
    return inflateSync(bytes);
  } catch (error) {
    throw new ValueError(`${fn}: ${source} is corrupt (${(error as Error).message})`);
  }
}

/** Decodes base64 text with `atob` (browsers, and Node ≥ 16). */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
