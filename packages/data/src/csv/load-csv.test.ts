import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '@descent/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, loadDataset } from '../index.js';

const SKLEARN_IRIS = '/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'descent-csv-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadCsv', () => {
  it('reads a file and names the dataset after it', async () => {
    const path = join(root, 'points.csv');
    await writeFile(path, 'x1,x2,label\n0.5,1,yes\n2,3,no\n');
    const data = await loadCsv(path);
    expect(data.name).toBe('points.csv');
    expect(data.x.toArray()).toEqual([
      [0.5, 1],
      [2, 3],
    ]);
    expect(data.classNames).toEqual(['no', 'yes']);
    expect((await loadCsv(path, { name: 'mine' })).name).toBe('mine');
  });

  it('names the function and the file in errors', async () => {
    const missing = join(root, 'missing.csv');
    await expect(loadCsv(missing)).rejects.toThrow(ValueError);
    await expect(loadCsv(missing)).rejects.toThrow(`loadCsv: cannot read ${missing}: no such file or directory`);
    await expect(loadCsv(root)).rejects.toThrow(/loadCsv: cannot read .*: it is a directory/);
    const ragged = join(root, 'ragged.csv');
    await writeFile(ragged, 'a,b,c\n1,2,3\n4,5\n');
    await expect(loadCsv(ragged)).rejects.toThrow(`loadCsv: ${ragged} line 3 has 2 cells, expected 3 (as on line 1)`);
    const bad = join(root, 'bad.csv');
    await writeFile(bad, 'a,b\n1,0\n?,1\n');
    await expect(loadCsv(bad)).rejects.toThrow(`loadCsv: ${bad} line 3, 'a': "?" is not a number`);
  });

  it.skipIf(!existsSync(SKLEARN_IRIS))(
    "reads scikit-learn's iris.csv to the same values as the shipped Iris",
    async () => {
      const fromCsv = await loadCsv(SKLEARN_IRIS, { skipRows: 1, header: false });
      const shipped = await loadDataset('iris');
      expect(fromCsv.x.dataSync()).toEqual(shipped.x.dataSync());
      expect(fromCsv.y.dataSync()).toEqual(shipped.y.dataSync());
    },
  );
});
