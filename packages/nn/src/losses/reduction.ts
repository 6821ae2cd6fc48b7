import { mean, sum, type Tensor, ValueError } from '@descent/tensor';

/** How per-example losses are combined, as PyTorch's `reduction`: mean (default), sum, or none. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Options shared by every loss. */
export interface LossOptions {
  /** How per-example losses are combined; default `'mean'`. */
  readonly reduction?: Reduction;
}

export function reduce(fn: string, losses: Tensor, options: LossOptions): Tensor {
  const reduction = options.reduction ?? 'mean';
  if (reduction === 'mean') return mean(losses);
  if (reduction === 'sum') return sum(losses);
  if (reduction === 'none') return losses;
  throw new ValueError(`${fn}: reduction must be mean, sum or none, got ${String(reduction)}`);
}
