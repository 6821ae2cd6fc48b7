import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileError, oneLine } from '../errors.js';

/**
 * Writes `text` to `path` atomically: a temporary file beside it, then a rename over it. An existing file is either
 * left as it was or replaced whole, never truncated by a crash or Ctrl-C half way through.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new FileError(`cannot write ${path}: ${oneLine(error)}`);
  }
}

/** `path` with its extension replaced: `siblingPath('runs/a.json', '.csv')` is `runs/a.csv`. */
export function siblingPath(path: string, extension: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return `${dot > slash ? path.slice(0, dot) : path}${extension}`;
}
