import { ShapeError, tensor, ValueError } from '@descent/tensor';
import { assertInteger } from '../internal/validate.js';
import type { Dataset } from '../types.js';
import { type IdxArray, parseIdxBytes } from './parse-idx.js';

/** How `datasetFromIdx` and `loadIdx` turn IDX arrays into a dataset. */
export interface IdxDatasetOptions {
  /** `x` as `[n, rows·columns]` (default), or `false` to keep the file's shape, e.g. `[n, 28, 28]`. */
  readonly flatten?: boolean;
  /** Divide uint8 pixels by 255 into [0, 1] (default true); other element types are kept as they are. */
  readonly normalize?: boolean;
  /** Names of the classes; default `'0'`, `'1'`, … up to the largest label. */
  readonly classNames?: readonly string[];
  /** Keep only the first `limit` samples. */
  readonly limit?: number;
  /** The dataset's name (default `'idx'`). */
  readonly name?: string;
}

/**
 * Builds a dataset from IDX images and labels, as parsed arrays or as raw (optionally gzipped) bytes: `x` float32
 * `[n, features]`, `y` int32 `[n]`. Pure, so it works in browsers on fetched files. Throws a ShapeError when the
 * image and label counts differ, a ValueError for labels that are not integers ≥ 0 or lack a class name.
 * @example
 * const bytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
 * const images = await bytes('/data/t10k-images-idx3-ubyte.gz');
 * const test = datasetFromIdx(images, await bytes('/data/t10k-labels-idx1-ubyte.gz'), { name: 'fashion-mnist-test' });
 * test.x.shape; // [10000, 784]
 */
export function datasetFromIdx(
  images: IdxArray | Uint8Array,
  labels: IdxArray | Uint8Array,
  options: IdxDatasetOptions = {},
): Dataset {
  const fn = 'datasetFromIdx';
  return idxDataset(fn, asIdx(fn, images, 'images'), asIdx(fn, labels, 'labels'), options, ['images', 'labels']);
}

function asIdx(fn: string, value: IdxArray | Uint8Array, what: string): IdxArray {
  return value instanceof Uint8Array ? parseIdxBytes(fn, value, what) : value;
}

/** Shared by `datasetFromIdx` and `loadIdx`; `sources` name the images and labels in errors. */
export function idxDataset(
  fn: string,
  images: IdxArray,
  labels: IdxArray,
  options: IdxDatasetOptions,
  sources: readonly [string, string],
): Dataset {
  const { flatten = true, normalize = true, name = 'idx' } = options;
  const [imageSource, labelSource] = sources;
  if (images.shape.length < 1) throw new ShapeError(`${fn}: ${imageSource} is a scalar, expected [n, ...] samples`);
  if (labels.shape.length !== 1) {
    throw new ShapeError(`${fn}: ${labelSource} has shape [${labels.shape}], expected [n] labels`);
  }
  if (images.shape[0] !== labels.shape[0]) {
    throw new ShapeError(
      `${fn}: ${imageSource} holds ${images.shape[0]} samples but ${labelSource} holds ${labels.shape[0]} labels`,
    );
  }
  if (labels.type === 'float32' || labels.type === 'float64') {
    throw new ValueError(`${fn}: ${labelSource} holds ${labels.type} values, expected integer class labels`);
  }
  let n = images.shape[0];
  if (options.limit !== undefined) n = Math.min(n, assertInteger(fn, 'limit', options.limit, 1));
  if (n === 0) throw new ValueError(`${fn}: ${imageSource} holds no samples`);

  const sampleShape = images.shape.slice(1);
  const features = sampleShape.reduce((product, dim) => product * dim, 1);
  const x = new Float32Array(n * features);
  const source = images.data;
  if (normalize && images.type === 'uint8') for (let i = 0; i < x.length; i++) x[i] = source[i] / 255;
  else for (let i = 0; i < x.length; i++) x[i] = source[i];

  const y = new Int32Array(n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const label = labels.data[i];
    if (label < 0) throw new ValueError(`${fn}: ${labelSource} holds a negative label ${label} at index ${i}`);
    y[i] = label;
    if (label > largest) largest = label;
  }
  const classNames = options.classNames ?? Array.from({ length: largest + 1 }, (_, k) => String(k));
  if (classNames.length <= largest) {
    throw new ValueError(
      `${fn}: ${labelSource} holds label ${largest}, but only ${classNames.length} classNames are given`,
    );
  }
  return {
    name,
    x: tensor(x, { shape: flatten ? [n, features] : [n, ...sampleShape] }),
    y: tensor(y, { dtype: 'int32' }),
    featureNames: featureNames(sampleShape),
    classNames: [...classNames],
  };
}

function featureNames(sampleShape: readonly number[]): string[] {
  if (sampleShape.length === 2) {
    const [rows, columns] = sampleShape;
    return Array.from({ length: rows * columns }, (_, i) => `pixel_${Math.floor(i / columns)}_${i % columns}`);
  }
  const features = sampleShape.reduce((product, dim) => product * dim, 1);
  return Array.from({ length: features }, (_, i) => `feature_${i}`);
}
