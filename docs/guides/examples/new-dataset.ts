import { type Dataset, split, standardize } from '@descent/data';
import { type TrainResult, train } from '@descent/meta';
import { dense, softmaxCrossEntropy } from '@descent/nn';
import { adam } from '@descent/optim';
import { type FloatDType, tensor, ValueError } from '@descent/tensor';

export interface LibsvmOptions {
  /** Number of feature columns; default the largest index in the text. Pass it so train and test files agree. */
  readonly features?: number;
  /** `'class'` (default): labels become class indices 0, 1, … in ascending numeric order. `'number'`: regression. */
  readonly labels?: 'class' | 'number';
  /** dtype of `x` (and of `y` for regression); default float32. */
  readonly dtype?: FloatDType;
  /** The dataset's name; default `'libsvm'`. */
  readonly name?: string;
}

/**
 * Parses the sparse text format of LIBSVM and SVMlight, one example per line: `label index:value index:value …`,
 * indices from 1 and ascending, absent features 0, `#` starting a comment. Returns a `Dataset` (`x` `[n, features]`,
 * `y` int32 class indices or float values), so `split`, `standardize`, `batches` and `train` take it as they take
 * the shipped ones. Errors name the line.
 * @see Chang & Lin, LIBSVM data sets, https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/
 * @example parseLibsvm('+1 1:0.5 3:2\n-1 2:1').x.toArray() // [[0.5, 0, 2], [0, 1, 0]]; y [1, 0]
 */
export function parseLibsvm(text: string, options: LibsvmOptions = {}): Dataset {
  const { labels = 'class', dtype = 'float32', name = 'libsvm' } = options;
  const rows: { label: number; entries: [number, number][] }[] = [];
  let largest = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const fail = (why: string): never => {
      throw new ValueError(`parseLibsvm: line ${i + 1}: ${why}`);
    };
    const [label, ...pairs] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (label === '') return;
    const value = Number(label);
    if (!Number.isFinite(value)) fail(`label ${JSON.stringify(label)} is not a number`);
    let previous = 0;
    const entries = pairs.map((pair): [number, number] => {
      const [index, x] = pair.split(':').map(Number);
      if (!Number.isInteger(index) || index <= previous || !Number.isFinite(x)) {
        fail(`expected index:value with ascending indices from 1, got ${JSON.stringify(pair)}`);
      }
      previous = index;
      return [index, x];
    });
    largest = Math.max(largest, previous);
    rows.push({ label: value, entries });
  });
  if (rows.length === 0) throw new ValueError('parseLibsvm: no examples');
  const features = options.features ?? largest;
  if (largest > features) throw new ValueError(`parseLibsvm: feature index ${largest} exceeds features = ${features}`);

  const x = new Float64Array(rows.length * features);
  rows.forEach(({ entries }, row) => {
    for (const [index, value] of entries) x[row * features + index - 1] = value;
  });
  const featureNames = Array.from({ length: features }, (_, j) => `feature ${j + 1}`);
  const values = rows.map((row) => row.label);
  if (labels === 'number') {
    return {
      name,
      featureNames,
      classNames: [],
      x: tensor(x, { shape: [rows.length, features], dtype }),
      y: tensor(values, { dtype }),
    };
  }
  const classes = [...new Set(values)].sort((a, b) => a - b);
  const indexOf = new Map(classes.map((label, k) => [label, k]));
  return {
    name,
    featureNames,
    classNames: classes.map(String),
    x: tensor(x, { shape: [rows.length, features], dtype }),
    y: tensor(
      Int32Array.from(values, (label) => indexOf.get(label) ?? -1),
      { dtype: 'int32' },
    ),
  };
}

/**
 * Reads a LIBSVM file (Node only: `node:fs/promises` is imported when called, so importing this module stays
 * browser-safe) and parses it with {@link parseLibsvm}.
 */
export async function loadLibsvm(path: string, options: LibsvmOptions = {}): Promise<Dataset> {
  const { readFile } = await import('node:fs/promises');
  return parseLibsvm(await readFile(path, 'utf8'), { name: path, ...options });
}

// Usage: the result is a `Dataset` like the shipped ones, so the whole pipeline takes it.

/** Splits a LIBSVM classification set, standardizes it on the training part and trains a linear classifier. */
export async function classifyLibsvm(text: string, epochs = 10): Promise<TrainResult> {
  const data = parseLibsvm(text);
  const parts = split(data, { fractions: { validation: 0.2, test: 0.2 }, rng: 1, stratified: true });
  const { transform } = standardize(parts.train);
  return train({
    model: dense(data.featureNames.length, data.classNames.length),
    loss: softmaxCrossEntropy,
    optimizer: adam(0.05),
    data: { train: transform(parts.train), validation: transform(parts.validation) },
    epochs,
    rng: 3,
  });
}
