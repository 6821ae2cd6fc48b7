import { DTypeError, div, ShapeError, sub, type Tensor, tensor, tidy, ValueError } from '@descent/tensor';
import type { Examples } from '../types.js';

/** Feature statistics fitted on training data, applied unchanged to any other data. */
export interface Standardizer {
  /** Per-feature mean, shape `x.shape.slice(1)`, dtype of the training `x`. */
  readonly mean: Tensor;
  /** Per-feature standard deviation (population, ddof 0), with 1 where a feature is constant. */
  readonly std: Tensor;
  /** `(x − mean) / std` with the training statistics; a dataset comes back with its `x` replaced. */
  transform(x: Tensor): Tensor;
  /** The same for a dataset: a copy with `x` standardized; `y` and any other fields are kept. */
  transform<D extends Examples>(dataset: D): D;
  /** `x·std + mean`, undoing `transform`. */
  inverseTransform(x: Tensor): Tensor;
}

/**
 * Fits per-feature standardization z = (x − μ) / σ on training data (a tensor `[n, ...features]` or a dataset):
 * μ and σ (population standard deviation, as scikit-learn's StandardScaler) are computed in float64 by two passes.
 * A constant feature gets σ = 1, as in scikit-learn, so it maps to 0 instead of NaN (σ counts as 0 when it is below
 * 10·ε·max(1, |μ|), rounding noise of a constant column). Apply the result to validation and test data, never refit
 * on them: their statistics would leak into training.
 * @example
 * const { train, test } = split(await loadDataset('wine'), { rng: createRng(0) });
 * const scaler = standardize(train);
 * const [trainZ, testZ] = [scaler.transform(train), scaler.transform(test)];
 */
export function standardize(train: Tensor | Examples): Standardizer {
  const fn = 'standardize';
  const x = features(fn, train);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${fn}: x must be float32 or float64, got ${x.dtype}; cast it first`);
  }
  if (x.rank < 2) throw new ShapeError(`${fn}: x must be [n, features], got shape [${x.shape}]`);
  const n = x.shape[0];
  if (n === 0) throw new ValueError(`${fn}: the training data is empty (0 samples)`);
  const featureShape = x.shape.slice(1);
  const width = x.size / n;
  const values = x.dataSync();
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j] += values[i * width + j];
  for (let j = 0; j < width; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      const d = values[i * width + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < width; j++) {
    const sigma = Math.sqrt(std[j] / n);
    if (!Number.isFinite(sigma) || !Number.isFinite(mean[j])) {
      throw new ValueError(`${fn}: feature ${j} has non-finite values (mean ${mean[j]}, std ${sigma})`);
    }
    std[j] = sigma <= 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j])) ? 1 : sigma;
  }
  const meanTensor = tensor(mean, { shape: featureShape, dtype: x.dtype });
  const stdTensor = tensor(std, { shape: featureShape, dtype: x.dtype });

  const check = (method: string, input: Tensor): void => {
    if (input.dtype !== x.dtype) {
      throw new DTypeError(`${fn}.${method}: fitted on ${x.dtype} data, got ${input.dtype}`);
    }
    const shape = input.shape.slice(1);
    if (
      input.rank < 1 ||
      shape.length !== featureShape.length ||
      shape.some((dim, axis) => dim !== featureShape[axis])
    ) {
      throw new ShapeError(
        `${fn}.${method}: fitted on samples of shape [${featureShape}], got x of shape [${input.shape}]`,
      );
    }
  };
  const scale = (input: Tensor): Tensor => {
    check('transform', input);
    return tidy(() => div(sub(input, meanTensor), stdTensor));
  };
  function transform(input: Tensor): Tensor;
  function transform<D extends Examples>(input: D): D;
  function transform<D extends Examples>(input: Tensor | D): Tensor | D {
    return isTensor(input) ? scale(input) : { ...input, x: scale(features(`${fn}.transform`, input)) };
  }
  return {
    mean: meanTensor,
    std: stdTensor,
    transform,
    inverseTransform: (input) => {
      check('inverseTransform', input);
      return tidy(() => input.mul(stdTensor).add(meanTensor));
    },
  };
}

function isTensor(value: unknown): value is Tensor {
  return value !== null && typeof value === 'object' && typeof (value as Tensor).dataSync === 'function';
}

function features(fn: string, data: Tensor | Examples): Tensor {
  if (isTensor(data)) return data;
  if (data !== null && typeof data === 'object' && isTensor(data.x)) {
    if (isTensor(data.y) && data.y.rank >= 1 && data.y.shape[0] !== data.x.shape[0]) {
      throw new ShapeError(`${fn}: x has ${data.x.shape[0]} samples but y has ${data.y.shape[0]} labels`);
    }
    return data.x;
  }
  throw new ValueError(`${fn}: expected a tensor or a dataset with a tensor x`);
}
