// Public surface of @descent/data: explicit named re-exports only.

// Shipped datasets.
export type { DatasetInfo, DatasetName } from './builtin/catalog.js';
export { type BuiltinDataset, type LoadDatasetOptions, listDatasets, loadDataset } from './builtin/load-dataset.js';
export { loadCsv } from './csv/load-csv.js';
// File formats: pure parsers (browsers too) and Node file loaders.
export { type CsvOptions, type ParseCsvOptions, parseCsv } from './csv/parse-csv.js';
export { datasetFromIdx, type IdxDatasetOptions } from './idx/dataset-from-idx.js';
export { type IdxSplits, type LoadIdxOptions, loadIdx } from './idx/load-idx.js';
export { type IdxArray, type IdxType, type ParseIdxOptions, parseIdx } from './idx/parse-idx.js';
// Preparing data for training.
export { type Batch, type BatchOptions, batches } from './pipeline/batches.js';
export { type SplitFractions, type SplitOptions, type Splits, split } from './pipeline/split.js';
export { type Standardizer, standardize } from './pipeline/standardize.js';
// Synthetic 2-D sets.
export { type SyntheticName, type SyntheticOptions, synthetic } from './synthetic/synthetic.js';
export type { Dataset, Examples } from './types.js';
