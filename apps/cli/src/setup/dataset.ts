import { stat } from 'node:fs/promises';
import {
  type Dataset,
  type DatasetName,
  type Examples,
  listDatasets,
  loadCsv,
  loadDataset,
  loadIdx,
  type SyntheticName,
  split,
  standardize,
  synthetic,
} from '@descent/data';
import { cast, type FloatDType, slice } from '@descent/tensor';
import { FileError, oneLine, UsageError } from '../errors.js';

export const SYNTHETIC_SETS: readonly SyntheticName[] = ['moons', 'circle', 'xor', 'gauss', 'spiral'];

/** What `--dataset` and its companions ask for. */
export interface DatasetRequest {
  /** A shipped dataset, a synthetic set, an IDX folder or a CSV file. */
  readonly dataset: string;
  readonly validation: number;
  readonly test: number;
  readonly standardize: boolean;
  readonly seed: number;
  readonly dtype: FloatDType;
  /** CSV: the label column, a name or an index (default the last). */
  readonly labelColumn?: string | number | undefined;
  /** Train on at most this many samples (a random subset: the parts are shuffled). */
  readonly limit?: number | undefined;
}

/** A dataset ready for training: standardized parts and what they hold. */
export interface PreparedData {
  readonly name: string;
  readonly source: 'builtin' | 'synthetic' | 'idx' | 'csv';
  readonly train: Examples;
  readonly validation?: Examples;
  readonly test: Examples;
  readonly features: number;
  readonly classes: number;
  readonly classNames: readonly string[];
}

const BUILTIN = (): readonly string[] => listDatasets().map((info) => info.name);

/** A value that names a file rather than a dataset: it has a path separator or a file extension. */
function looksLikePath(value: string): boolean {
  return /[\\/]/.test(value) || /\.(csv|tsv|txt|gz|data)$/i.test(value) || value.startsWith('.');
}

async function kindOf(path: string): Promise<'directory' | 'file' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/** Wraps a loader: its errors (which name the file) become file errors, exit code 1. */
async function load<T>(what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (error) {
    throw new FileError(oneLine(error));
  }
}

/**
 * Loads, splits and standardizes `--dataset`: a shipped dataset (`digits`, `iris`, `wine`, `breast-cancer`), a
 * synthetic 2-D set (`moons`, `spiral` …), a folder of MNIST-format IDX files (its own train/test split) or a CSV
 * file (labels in the last column unless `--label-column` says otherwise). The split is stratified and seeded;
 * standardization statistics come from the training part only.
 */
export async function prepareData(request: DatasetRequest): Promise<PreparedData> {
  const { dataset, seed } = request;
  let whole: Dataset | undefined;
  let given: { train: Dataset; test: Dataset } | undefined;
  let source: PreparedData['source'];
  if (BUILTIN().includes(dataset)) {
    source = 'builtin';
    whole = await loadDataset(dataset as DatasetName);
  } else if ((SYNTHETIC_SETS as readonly string[]).includes(dataset)) {
    source = 'synthetic';
    whole = synthetic(dataset as SyntheticName, { n: 600, noise: dataset === 'moons' ? 0.2 : 0.1, rng: seed });
  } else {
    const kind = await kindOf(dataset);
    if (kind === undefined) {
      if (looksLikePath(dataset)) throw new FileError(`dataset ${dataset} not found (no such file or directory)`);
      throw new UsageError(
        `unknown dataset '${dataset}'; choose one of ${[...BUILTIN(), ...SYNTHETIC_SETS].join(', ')}, an IDX folder or a CSV file`,
      );
    }
    if (kind === 'directory') {
      source = 'idx';
      given = await load(() => loadIdx(dataset));
    } else {
      source = 'csv';
      whole = await load(() =>
        loadCsv(dataset, request.labelColumn === undefined ? {} : { labelColumn: request.labelColumn }),
      );
    }
  }
  if (source !== 'csv' && request.labelColumn !== undefined) {
    throw new UsageError('--label-column applies only to a CSV dataset');
  }
  const reference = (given?.train ?? whole) as Dataset;
  if (reference.y.dtype !== 'int32' || reference.classNames.length < 2) {
    throw new UsageError(`dataset ${dataset}: descent train needs class labels (at least two classes)`);
  }

  let train: Examples;
  let validation: Examples | undefined;
  let test: Examples;
  const splitOptions = { rng: seed, stratified: true };
  if (given !== undefined) {
    // An IDX folder brings its own test set; validation comes out of its training set.
    test = given.test;
    if (request.validation > 0) {
      const parts = split(given.train, { ...splitOptions, fractions: { validation: request.validation } });
      train = parts.train;
      validation = parts.validation;
    } else {
      train = given.train;
    }
  } else {
    const parts = split(whole as Dataset, {
      ...splitOptions,
      fractions: { validation: request.validation, test: request.test },
    });
    train = parts.train;
    validation = request.validation > 0 ? parts.validation : undefined;
    test = parts.test;
  }
  if (request.limit !== undefined && request.limit < train.x.shape[0]) {
    // The parts are already shuffled: the first `limit` samples are a random subset.
    train = { x: slice(train.x, [0], [request.limit]), y: slice(train.y, [0], [request.limit]) };
  }

  const toDtype = (examples: Examples): Examples =>
    examples.x.dtype === request.dtype ? examples : { x: cast(examples.x, request.dtype), y: examples.y };
  train = toDtype(train);
  validation = validation === undefined ? undefined : toDtype(validation);
  test = toDtype(test);
  if (request.standardize) {
    const scaler = standardize(train);
    train = scaler.transform(train);
    validation = validation === undefined ? undefined : scaler.transform(validation);
    test = scaler.transform(test);
  }
  return {
    name: source === 'builtin' || source === 'synthetic' ? dataset : reference.name.replace(/-train$/, ''),
    source,
    train,
    ...(validation === undefined ? {} : { validation }),
    test,
    features: train.x.shape.slice(1).reduce((a, b) => a * b, 1),
    classes: reference.classNames.length,
    classNames: reference.classNames,
  };
}
