import {
  add,
  arange,
  cast,
  div,
  equal,
  expandDims,
  gather,
  mul,
  oneHot,
  relu,
  reshape,
  ShapeError,
  shapesEqual,
  sub,
  sum,
  type Tensor,
  where,
} from '@descent/tensor';
import { checkClassLabels } from './labels.js';
import { type LossOptions, reduce } from './reduction.js';

/** Options of {@link hinge}: the margin and the reduction. */
export interface HingeOptions extends LossOptions {
  /** The margin the correct score must clear; default 1. */
  readonly margin?: number;
}

/**
 * Hinge loss, the SVM's convex surrogate of the 0-1 loss (Deep Learning 8.1.2).
 * - Binary: scores [N] with targets ±1 (or 0/1, read as −1/+1): max(0, margin − y·s).
 * - Multiclass: scores [N, C] with int32 labels: Σ_{j≠y} max(0, margin − s_y + s_j) / C (PyTorch's
 *   MultiMarginLoss with p = 1).
 * @example hinge(tensor([0.5, -2]), tensor([1, -1])) // → mean(0.5, 0) = 0.25
 */
export function hinge(scores: Tensor, targets: Tensor, options: HingeOptions = {}): Tensor {
  const margin = options.margin ?? 1;
  if (targets.dtype === 'int32' && scores.shape.length === 2) {
    checkClassLabels('hinge', scores, targets);
    const [rows, classes] = scores.shape;
    const flatIndex = add(mul(arange(0, rows, 1, { dtype: 'int32' }), classes), targets);
    const correct = expandDims(gather(reshape(scores, [rows * classes]), flatIndex), 1);
    const violations = relu(add(sub(scores, correct), margin));
    // The correct class contributes max(0, margin) to the row sum; PyTorch excludes it.
    const others = where(equal(oneHot(targets, classes), 1), 0, violations);
    return reduce('hinge', div(sum(others, 1), classes), options);
  }
  if (!shapesEqual(scores.shape, targets.shape)) {
    throw new ShapeError(
      `hinge: binary targets must match the scores' shape [${scores.shape}], got [${targets.shape}]; for classes pass [N, C] scores and int32 labels`,
    );
  }
  const y = cast(targets, scores.dtype);
  // 0/1 targets are mapped to −1/+1: y ← 2y − 1 where y is 0 or 1, ±1 targets pass through.
  const signed = where(equal(y, 0), -1, y);
  return reduce('hinge', relu(sub(margin, mul(signed, scores))), options);
}
