import { ValueError } from '@descent/tensor';

type FileSystem = typeof import('node:fs/promises');

/**
 * node:fs/promises, loaded on first use. A dynamic import keeps it out of the browser path: bundlers leave the
 * specifier alone (the comments tell webpack and Vite not to resolve it), and browsers never reach this call unless a
 * file loader runs there, which then fails with a clear message instead of at import time.
 */
async function fileSystem(fn: string): Promise<FileSystem> {
  try {
    return await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises');
  } catch {
    throw new ValueError(
      `${fn}: reading files needs Node.js (node:fs/promises); in a browser, fetch the bytes and use parseIdx or parseCsv`,
    );
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The bytes of `path`, or a ValueError that names `fn` and the file. */
export async function readBytes(fn: string, path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path === '') throw new ValueError(`${fn}: path must be a non-empty string`);
  const fs = await fileSystem(fn);
  try {
    const buffer = await fs.readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new ValueError(`${fn}: cannot read ${path}: ${reason(error)}`);
  }
}

/** The UTF-8 text of `path`, or a ValueError that names `fn` and the file. */
export async function readText(fn: string, path: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytes(fn, path));
}

/** The names in directory `dir`, or a ValueError that names `fn` and the directory. */
export async function listDirectory(fn: string, dir: string): Promise<string[]> {
  if (typeof dir !== 'string' || dir === '') throw new ValueError(`${fn}: dir must be a non-empty string`);
  const fs = await fileSystem(fn);
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    throw new ValueError(`${fn}: cannot read directory ${dir}: ${reason(error)}`);
  }
}

/** `dir` and `name` joined with the separator `dir` already uses (no node:path, so this file stays tiny). */
export function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}${separator}${name}`;
}

/** The last segment of a path, for dataset names. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || trimmed;
}
