import { ValueError } from '@descent/tensor';
import { baseName, joinPath, listDirectory, readBytes } from '../internal/read-file.js';
import type { Dataset } from '../types.js';
import { type IdxDatasetOptions, idxDataset } from './dataset-from-idx.js';
import { parseIdxBytes } from './parse-idx.js';

/** The two subsets of an MNIST-style directory. */
export interface IdxSplits {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** `IdxDatasetOptions` without `name`: `loadIdx` names the parts `<directory>-train` and `<directory>-test`. */
export type LoadIdxOptions = Omit<IdxDatasetOptions, 'name'>;

// MNIST's names (train-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte), mirrors' dotted variant (train-images.idx3-ubyte)
// and prefixed sets (emnist-digits-train-images-idx3-ubyte.gz).
const FILE_PATTERN = /^(.*?)(train|t10k|test)-(images|labels)[.-]idx(\d)-ubyte(\.gz)?$/i;

/**
 * Loads an MNIST-format directory (MNIST, Fashion-MNIST, EMNIST, KMNIST): the four IDX files
 * `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`,
 * each gzipped (`.gz`) or not; a raw file is preferred when both exist. Returns `{ train, test }` with `x` float32
 * `[n, 784]` scaled to [0, 1] and `y` int32 `[n]` (see {@link IdxDatasetOptions} for `flatten`, `normalize`,
 * `classNames`, `limit`). Node only: it reads files through a dynamic `import('node:fs/promises')`, so importing the
 * package stays browser-safe; in a browser, fetch the files and use `datasetFromIdx`. Errors name the file.
 * @example
 * // Debian: apt-get install dataset-fashion-mnist
 * const { train, test } = await loadIdx('/usr/share/datasets/fashion-mnist');
 * train.x.shape; // [60000, 784]
 */
export async function loadIdx(dir: string, options: LoadIdxOptions = {}): Promise<IdxSplits> {
  const fn = 'loadIdx';
  const names = await listDirectory(fn, dir);
  const load = async (subset: 'train' | 'test'): Promise<Dataset> => {
    const imagesName = findFile(fn, dir, names, subset, 'images');
    const labelsName = findFile(fn, dir, names, subset, 'labels');
    const [imagesPath, labelsPath] = [joinPath(dir, imagesName), joinPath(dir, labelsName)];
    const [imageBytes, labelBytes] = await Promise.all([readBytes(fn, imagesPath), readBytes(fn, labelsPath)]);
    const images = parseIdxBytes(fn, imageBytes, imagesPath);
    const labels = parseIdxBytes(fn, labelBytes, labelsPath);
    return idxDataset(fn, images, labels, { ...options, name: `${baseName(dir)}-${subset}` }, [imagesPath, labelsPath]);
  };
  const train = await load('train');
  const test = await load('test');
  return { train, test };
}

function findFile(fn: string, dir: string, names: readonly string[], subset: 'train' | 'test', kind: string): string {
  const matches = names.filter((name) => {
    const match = FILE_PATTERN.exec(name);
    if (match === null || match[3].toLowerCase() !== kind) return false;
    return (match[2].toLowerCase() === 'train') === (subset === 'train');
  });
  const expected = `${subset === 'train' ? 'train' : 't10k'}-${kind}-idx${kind === 'images' ? 3 : 1}-ubyte(.gz)`;
  if (matches.length === 0) throw new ValueError(`${fn}: ${dir} has no ${subset} ${kind} file (expected ${expected})`);
  // The same file raw and gzipped: take the raw one, which needs no inflating.
  const distinct = new Set(matches.map((name) => name.replace(/\.gz$/i, '')));
  if (distinct.size > 1) {
    throw new ValueError(
      `${fn}: ${dir} has several ${subset} ${kind} files (${matches.join(', ')}); use datasetFromIdx`,
    );
  }
  return matches.find((name) => !/\.gz$/i.test(name)) ?? matches[0];
}
