import { tensor, ValueError } from '@descent/tensor';
import type { Dataset } from '../types.js';
import { CATALOG, type DatasetInfo, type DatasetName } from './catalog.js';
import { decodeTable, type EncodedTable } from './decode-table.js';

/** A shipped dataset: the tensors, their names, and where the data comes from. */
export interface BuiltinDataset extends Dataset {
  readonly name: DatasetName;
  readonly description: string;
  readonly source: string;
  readonly licence: string;
  readonly citation: string;
}

/** Options of `loadDataset`. */
export interface LoadDatasetOptions {
  /** dtype of `x`: float32 (default), or float64 for exact decimal values (what second-order tests want). */
  readonly dtype?: 'float32' | 'float64';
}

// One dynamic import per dataset: a bundler puts each in its own chunk, fetched only when that dataset is loaded.
const LOADERS: { readonly [N in DatasetName]: () => Promise<{ readonly table: EncodedTable }> } = {
  iris: () => import('./generated/iris.js'),
  wine: () => import('./generated/wine.js'),
  'breast-cancer': () => import('./generated/breast-cancer.js'),
  digits: () => import('./generated/digits.js'),
};

/**
 * Loads a dataset shipped inside the package: `x` is `[samples, features]` (float32 unless `dtype` says float64),
 * `y` is `[samples]` int32 class indices. Asynchronous because each dataset is a separate module, imported on first
 * use, so that importing `@descent/data` does not put every dataset in a bundle; no file or network access, so it
 * works the same in Node and in browsers. Each call returns new tensors, owned by the caller.
 *
 * Datasets: `iris` (150 × 4, 3 classes), `wine` (178 × 13, 3), `breast-cancer` (569 × 30, 2),
 * `digits` (1797 × 64 pixel counts 0-16, 10 classes). Values equal scikit-learn's CSV files exactly;
 * sources and licences are in `source`, `licence` and `citation`, and in NOTICE.md.
 * @see https://archive.ics.uci.edu (the UCI Machine Learning Repository)
 * @example
 * const digits = await loadDataset('digits');
 * digits.x.shape; // [1797, 64]
 * digits.classNames[digits.y.dataSync()[0]]; // '0'
 */
export async function loadDataset(name: DatasetName, options: LoadDatasetOptions = {}): Promise<BuiltinDataset> {
  const fn = 'loadDataset';
  const info = datasetInfo(fn, name);
  const { dtype = 'float32' } = options;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ValueError(`${fn}: dtype must be 'float32' or 'float64', got ${String(dtype)}`);
  }
  const { table } = await LOADERS[info.name]();
  const { x, y } = decodeTable(fn, info.name, table, dtype);
  return {
    name: info.name,
    x: tensor(x, { shape: [table.samples, table.columns.length], dtype }),
    y: tensor(y, { dtype: 'int32' }),
    featureNames: table.featureNames,
    classNames: table.classNames,
    description: info.description,
    source: info.source,
    licence: info.licence,
    citation: info.citation,
  };
}

/**
 * The shipped datasets, with sizes, sources and licences, without loading any of them.
 * @example listDatasets().map((info) => `${info.name}: ${info.samples} × ${info.features}`)
 */
export function listDatasets(): readonly DatasetInfo[] {
  return CATALOG;
}

function datasetInfo(fn: string, name: unknown): DatasetInfo {
  const info = CATALOG.find((entry) => entry.name === name);
  if (info === undefined) {
    const known = CATALOG.map((entry) => `'${entry.name}'`).join(', ');
    throw new ValueError(`${fn}: unknown dataset ${JSON.stringify(name)}; the shipped datasets are ${known}`);
  }
  return info;
}
