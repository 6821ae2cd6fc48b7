import {
  add,
  arange,
  cast,
  gather,
  logSoftmax,
  mul,
  neg,
  reshape,
  ShapeError,
  shapesEqual,
  sum,
  type Tensor,
} from '@descent/tensor';
import { checkClassLabels } from './labels.js';
import { type LossOptions, reduce } from './reduction.js';

/**
 * Softmax cross-entropy, −log softmax(z)_y, from logits of shape [N, C] (PyTorch's CrossEntropyLoss). Targets are
 * int32 class labels [N] or a distribution over classes [N, C] (one-hot or soft). Computed through log-softmax, so
 * it is finite for any logits.
 * @example softmaxCrossEntropy(logits, tensor([2, 0], { dtype: 'int32' }))
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor, options: LossOptions = {}): Tensor {
  const logProbabilities = logSoftmax(logits, -1);
  if (targets.dtype === 'int32') {
    checkClassLabels('softmaxCrossEntropy', logits, targets);
    const [rows, classes] = logits.shape;
    // Pick −log p[i, y_i] through one gather on the flattened matrix; its gradient is a sparse scatter.
    const flatIndex = add(mul(arange(0, rows, 1, { dtype: 'int32' }), classes), targets);
    const picked = gather(reshape(logProbabilities, [rows * classes]), flatIndex);
    return reduce('softmaxCrossEntropy', neg(picked), options);
  }
  if (!shapesEqual(targets.shape, logits.shape)) {
    throw new ShapeError(
      `softmaxCrossEntropy: targets must be int32 labels [N] or a distribution of the logits' shape [${logits.shape}], got [${targets.shape}] ${targets.dtype}`,
    );
  }
  return reduce('softmaxCrossEntropy', neg(sum(mul(cast(targets, logits.dtype), logProbabilities), -1)), options);
}
