import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type DatasetName, listDatasets, loadDataset } from '../index.js';
import checksums from './__fixtures__/checksums.json' with { type: 'json' };

/** scikit-learn's CSVs from Debian's python3-sklearn: compared cell by cell when installed (not needed in CI). */
const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const NAMES: readonly DatasetName[] = ['iris', 'wine', 'breast-cancer', 'digits'];

const EXPECTED: Record<DatasetName, { shape: [number, number]; classCounts: number[]; classNames: string[] }> = {
  iris: { shape: [150, 4], classCounts: [50, 50, 50], classNames: ['setosa', 'versicolor', 'virginica'] },
  wine: { shape: [178, 13], classCounts: [59, 71, 48], classNames: ['class_0', 'class_1', 'class_2'] },
  'breast-cancer': { shape: [569, 30], classCounts: [212, 357], classNames: ['malignant', 'benign'] },
  digits: {
    shape: [1797, 64],
    classCounts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
};

function sha256(values: Float32Array | Float64Array | Int32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

function countClasses(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

/** Rows of a scikit-learn CSV, read here with nothing but split(','), independently of the package's parsers. */
function sklearnRows(file: string): string[][] {
  const path = join(SKLEARN_DATA, file);
  const text = file.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('ascii') : readFileSync(path, 'ascii');
  const rows = text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  return file.endsWith('.gz') ? rows : rows.slice(1);
}

describe('loadDataset', () => {
  it.each(NAMES)('%s has the documented shape, dtypes, names and class counts', async (name) => {
    const dataset = await loadDataset(name);
    const expected = EXPECTED[name];
    expect(dataset.name).toBe(name);
    expect(dataset.x.shape).toEqual(expected.shape);
    expect(dataset.x.dtype).toBe('float32');
    expect(dataset.y.shape).toEqual([expected.shape[0]]);
    expect(dataset.y.dtype).toBe('int32');
    expect(dataset.featureNames).toHaveLength(expected.shape[1]);
    expect(new Set(dataset.featureNames).size).toBe(expected.shape[1]);
    expect(dataset.classNames).toEqual(expected.classNames);
    expect(countClasses(dataset.y.dataSync() as Int32Array, expected.classNames.length)).toEqual(expected.classCounts);
    expect(dataset.source).toContain('archive.ics.uci.edu');
    expect(dataset.licence).toContain('CC BY 4.0');
    expect(dataset.citation.length).toBeGreaterThan(20);
  });

  it.each(NAMES)(
    '%s matches the SHA-256 of the float32 and float64 values the generator read from the CSV text',
    async (name) => {
      const dataset = await loadDataset(name);
      expect(sha256(dataset.x.dataSync() as Float32Array)).toBe(checksums[name].xFloat32Sha256);
      expect(sha256(dataset.y.dataSync() as Int32Array)).toBe(checksums[name].yInt32Sha256);
      const exact = await loadDataset(name, { dtype: 'float64' });
      expect(sha256(exact.x.dataSync() as Float64Array)).toBe(checksums[name].xFloat64Sha256);
    },
  );

  it('matches spot values copied from the CSV files', async () => {
    const iris = await loadDataset('iris');
    const irisRows = iris.x.toArray() as number[][];
    expect(irisRows[0]).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(irisRows[149]).toEqual([5.9, 3.0, 5.1, 1.8].map(Math.fround));
    expect([iris.y.dataSync()[0], iris.y.dataSync()[149]]).toEqual([0, 2]);

    const wine = await loadDataset('wine');
    expect((wine.x.toArray() as number[][])[0]).toEqual(
      [14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065].map(Math.fround),
    );

    const cancer = await loadDataset('breast-cancer');
    const first = (cancer.x.toArray() as number[][])[0];
    expect(first.slice(0, 4)).toEqual([17.99, 10.38, 122.8, 1001].map(Math.fround));
    expect(first[29]).toBe(Math.fround(0.1189));
    expect(cancer.y.dataSync()[0]).toBe(0);

    const digits = await loadDataset('digits');
    expect((digits.x.toArray() as number[][])[0]).toEqual(
      [
        [0, 0, 5, 13, 9, 1, 0, 0],
        [0, 0, 13, 15, 10, 15, 5, 0],
        [0, 3, 15, 2, 0, 11, 8, 0],
        [0, 4, 12, 0, 0, 8, 8, 0],
        [0, 5, 8, 0, 0, 9, 8, 0],
        [0, 4, 11, 0, 1, 12, 7, 0],
        [0, 2, 14, 5, 10, 12, 0, 0],
        [0, 0, 6, 13, 10, 0, 0, 0],
      ].flat(),
    );
    expect(Array.from(digits.y.dataSync().subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives digits as integer pixel counts from 0 to 16', async () => {
    const pixels = (await loadDataset('digits')).x.dataSync();
    expect(pixels.every((value) => Number.isInteger(value) && value >= 0 && value <= 16)).toBe(true);
    expect(Math.max(...pixels)).toBe(16);
  });

  it('loads float64 values equal to the decimal text', async () => {
    const wine = await loadDataset('wine', { dtype: 'float64' });
    expect(wine.x.dtype).toBe('float64');
    const values = wine.x.dataSync();
    expect([values[0], values[1], values[9]]).toEqual([14.23, 1.71, 5.64]);
  });

  it('returns new tensors on each call', async () => {
    const [a, b] = [await loadDataset('iris'), await loadDataset('iris')];
    expect(a.x).not.toBe(b.x);
    a.x.dispose();
    expect(b.x.dataSync()[0]).toBe(Math.fround(5.1));
  });

  it('rejects an unknown name and a bad dtype, naming the function', async () => {
    await expect(loadDataset('mnist' as DatasetName)).rejects.toThrow(ValueError);
    await expect(loadDataset('mnist' as DatasetName)).rejects.toThrow(/loadDataset: unknown dataset "mnist".*'iris'/);
    await expect(loadDataset('iris', { dtype: 'int32' as 'float32' })).rejects.toThrow(/loadDataset: dtype/);
  });

  describe.skipIf(!existsSync(SKLEARN_DATA))("against scikit-learn's CSV files (Debian python3-sklearn)", () => {
    it.each(NAMES)('%s equals the CSV cell by cell', async (name) => {
      const rows = sklearnRows(checksums[name].file);
      const dataset = await loadDataset(name);
      const [n, features] = dataset.x.shape;
      expect(rows).toHaveLength(n);
      const x = dataset.x.dataSync();
      const x64 = (await loadDataset(name, { dtype: 'float64' })).x.dataSync();
      const y = dataset.y.dataSync();
      const mismatches: string[] = [];
      rows.forEach((row, i) => {
        expect(row).toHaveLength(features + 1);
        for (let j = 0; j < features; j++) {
          if (x[i * features + j] !== Math.fround(Number(row[j]))) mismatches.push(`[${i}, ${j}] ${row[j]}`);
          if (x64[i * features + j] !== Number(row[j])) mismatches.push(`float64 [${i}, ${j}] ${row[j]}`);
        }
        if (y[i] !== Number(row[features])) mismatches.push(`label ${i}`);
      });
      expect(mismatches).toEqual([]);
    });

    it.each(NAMES)('%s fixtures were generated from the installed file', (name) => {
      const bytes = readFileSync(join(SKLEARN_DATA, checksums[name].file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(checksums[name].fileSha256);
    });
  });
});

describe('listDatasets', () => {
  it('describes every shipped dataset without loading it, consistently with the data', async () => {
    const infos = listDatasets();
    expect(infos.map((info) => info.name)).toEqual(NAMES);
    for (const info of infos) {
      const expected = EXPECTED[info.name];
      expect([info.samples, info.features]).toEqual(expected.shape);
      expect(info.classes).toBe(expected.classNames.length);
      expect(info.classCounts).toEqual(expected.classCounts);
      expect(info.classCounts).toEqual(checksums[info.name].classCounts);
    }
  });
});

describe('bundling', () => {
  const src = join(import.meta.dirname, '..');

  /** Files reachable from src/index.ts through static imports (type-only imports excluded). */
  function staticGraph(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)) {
      staticGraph(join(file, '..', match[1].replace(/\.js$/, '.ts')), seen);
    }
    return seen;
  }

  it('keeps every shipped dataset out of the static import graph (each is a dynamic import)', () => {
    const graph = [...staticGraph(join(src, 'index.ts'))].map((file) => file.slice(src.length + 1));
    expect(graph).toContain('builtin/load-dataset.ts');
    expect(graph.filter((file) => file.includes('generated'))).toEqual([]);
    const loader = readFileSync(join(src, 'builtin/load-dataset.ts'), 'utf8');
    for (const name of NAMES) expect(loader).toContain(`import('./generated/${name}.js')`);
  });

  it('keeps node: modules out of the static import graph', () => {
    for (const file of staticGraph(join(src, 'index.ts'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/^import[^;]*from\s+'node:/m);
    }
  });
});
