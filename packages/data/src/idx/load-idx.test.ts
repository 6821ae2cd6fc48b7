import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ValueError } from '@descent/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdx } from '../index.js';
import { writeIdx } from './idx-writer.test-util.js';

/** Debian's dataset-fashion-mnist; the real-file test runs only where it is installed. */
const FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'descent-idx-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes a 4-file MNIST-style directory of n 3×2 images, gzipping the files named in `gzipped`. */
async function writeMnistDir(name: string, files: Record<string, Uint8Array>, gzipped: readonly string[] = []) {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) {
    const gz = gzipped.includes(file);
    await writeFile(join(dir, gz ? `${file}.gz` : file), gz ? gzipSync(bytes) : bytes);
  }
  return dir;
}

const trainPixels = Array.from({ length: 4 * 6 }, (_, i) => (i * 11) % 256);
const testPixels = Array.from({ length: 2 * 6 }, (_, i) => 255 - i);
const FILES = {
  'train-images-idx3-ubyte': writeIdx('uint8', [4, 3, 2], trainPixels),
  'train-labels-idx1-ubyte': writeIdx('uint8', [4], [3, 1, 0, 2]),
  't10k-images-idx3-ubyte': writeIdx('uint8', [2, 3, 2], testPixels),
  't10k-labels-idx1-ubyte': writeIdx('uint8', [2], [1, 3]),
};

describe('loadIdx', () => {
  it('round-trips a directory of raw and gzipped IDX files', async () => {
    const dir = await writeMnistDir('mixed', FILES, ['train-images-idx3-ubyte', 't10k-labels-idx1-ubyte']);
    const { train, test } = await loadIdx(dir);
    expect(train.x.shape).toEqual([4, 6]);
    expect(Array.from(train.x.dataSync())).toEqual(trainPixels.map((p) => Math.fround(p / 255)));
    expect(Array.from(train.y.dataSync())).toEqual([3, 1, 0, 2]);
    expect(train.name).toBe('mixed-train');
    expect(test.x.shape).toEqual([2, 6]);
    expect(Array.from(test.x.dataSync())).toEqual(testPixels.map((p) => Math.fround(p / 255)));
    expect(Array.from(test.y.dataSync())).toEqual([1, 3]);
    expect(test.classNames).toEqual(['0', '1', '2', '3']);
  });

  it('reads all-gzipped directories and passes options through', async () => {
    const dir = await writeMnistDir('gz', FILES, Object.keys(FILES));
    const { train } = await loadIdx(`${dir}/`, { flatten: false, normalize: false, limit: 3 });
    expect(train.x.shape).toEqual([3, 3, 2]);
    expect(Array.from(train.x.dataSync())).toEqual(trainPixels.slice(0, 18));
  });

  it('accepts mirrors’ dotted names and prefixed sets', async () => {
    const renamed = Object.fromEntries(
      Object.entries(FILES).map(([file, bytes]) => [`emnist-x-${file.replace('s-idx', 's.idx')}`, bytes]),
    );
    const { test } = await loadIdx(await writeMnistDir('renamed', renamed));
    expect(Array.from(test.y.dataSync())).toEqual([1, 3]);
  });

  it('rejects a missing directory or file, naming the function and the path', async () => {
    await expect(loadIdx(join(root, 'nowhere'))).rejects.toThrow(ValueError);
    await expect(loadIdx(join(root, 'nowhere'))).rejects.toThrow(
      /loadIdx: cannot read directory .*nowhere: no such file or directory/,
    );
    const { 't10k-labels-idx1-ubyte': _, ...withoutTestLabels } = FILES;
    const dir = await writeMnistDir('partial', withoutTestLabels);
    await expect(loadIdx(dir)).rejects.toThrow(
      /loadIdx: .*partial has no test labels file \(expected t10k-labels-idx1-ubyte/,
    );
  });

  it('rejects a wrong magic number, truncation and a count mismatch, naming the file', async () => {
    const badMagic = FILES['train-labels-idx1-ubyte'].slice();
    badMagic[2] = 0x03;
    const dir1 = await writeMnistDir('magic', { ...FILES, 'train-labels-idx1-ubyte': badMagic });
    await expect(loadIdx(dir1)).rejects.toThrow(/loadIdx: .*magic.train-labels-idx1-ubyte has magic number 0x00000301/);

    const images = FILES['train-images-idx3-ubyte'];
    const dir2 = await writeMnistDir('truncated', { ...FILES, 'train-images-idx3-ubyte': images.subarray(0, 30) });
    await expect(loadIdx(dir2)).rejects.toThrow(/loadIdx: .*truncated.train-images-idx3-ubyte is truncated/);

    const dir3 = await writeMnistDir('truncated-gz', FILES);
    const gz = gzipSync(images);
    await rm(join(dir3, 'train-images-idx3-ubyte'));
    await writeFile(join(dir3, 'train-images-idx3-ubyte.gz'), gz.subarray(0, gz.length - 10));
    await expect(loadIdx(dir3)).rejects.toThrow(/loadIdx: .*train-images-idx3-ubyte.gz is not valid gzip data/);

    const dir4 = await writeMnistDir('mismatch', {
      ...FILES,
      't10k-labels-idx1-ubyte': writeIdx('uint8', [3], [0, 1, 2]),
    });
    await expect(loadIdx(dir4)).rejects.toThrow(
      /loadIdx: .*t10k-images-idx3-ubyte holds 2 samples but .* holds 3 labels/,
    );
  });

  it.skipIf(!existsSync(FASHION_MNIST))(
    'loads the real Fashion-MNIST (Debian dataset-fashion-mnist)',
    async () => {
      const { train, test } = await loadIdx(FASHION_MNIST);
      expect(train.x.shape).toEqual([60000, 784]);
      expect(test.x.shape).toEqual([10000, 784]);
      const labels = train.y.dataSync();
      expect(Array.from(labels.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
      const counts = new Array(10).fill(0);
      for (const label of labels) counts[label]++;
      expect(counts).toEqual(new Array(10).fill(6000));
      expect(Array.from(test.y.dataSync().subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
      // The first training image: its pixel sum (76247) and maximum (255), read with Python's gzip module.
      const first = (train.x.dataSync() as Float32Array).subarray(0, 784);
      expect(Math.round(first.reduce((total, value) => total + value * 255, 0))).toBe(76247);
      expect(Math.max(...first)).toBe(1);
    },
    60_000,
  );
});
