import type { Tensor } from '@descent/tensor';

/** What `split`, `standardize` and `batches` need: features and targets with the samples along axis 0. */
export interface Examples {
  /** Features, `[n, ...]` (usually `[n, features]` float32). */
  readonly x: Tensor;
  /** Targets, `[n]`: int32 class indices, or float32 values for regression. */
  readonly y: Tensor;
}

/** A labelled dataset: features, targets, and names for both. */
export interface Dataset extends Examples {
  readonly name: string;
  /** One name per feature column of `x`. */
  readonly featureNames: readonly string[];
  /** `classNames[k]` names class index `k` of `y`; empty for regression targets. */
  readonly classNames: readonly string[];
  /** What the data is and where it comes from, for shipped and synthetic datasets. */
  readonly description?: string;
}
