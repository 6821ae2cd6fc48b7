import { argmax, cast, DTypeError, equal, mean, ShapeError, type Tensor } from '@descent/tensor';

/**
 * The fraction of rows whose highest score is the label: the quantity we care about, where the surrogate loss is
 * what we optimize (Deep Learning 8.1.2). Scores [N, C] with int32 labels [N], or int32 predictions [N].
 * Returns a float32 scalar.
 * @example accuracy(tensor([[2, 1], [0, 3]]), tensor([0, 0], { dtype: 'int32' })) // → 0.5
 */
export function accuracy(scores: Tensor, labels: Tensor): Tensor {
  if (labels.dtype !== 'int32') throw new DTypeError(`accuracy: labels must be int32, got ${labels.dtype}`);
  const predictions = scores.dtype === 'int32' && scores.shape.length === 1 ? scores : argmax(scores, -1);
  if (predictions.shape.join() !== labels.shape.join()) {
    throw new ShapeError(
      `accuracy: ${predictions.shape[0] ?? 0} predictions for ${labels.shape[0] ?? 0} labels (scores [${scores.shape}], labels [${labels.shape}])`,
    );
  }
  return mean(cast(equal(predictions, labels), 'float32'));
}

/**
 * The 0-1 loss, 1 − accuracy: the fraction misclassified. Not differentiable (its gradient is zero almost
 * everywhere), which is why training minimizes a surrogate such as cross-entropy instead.
 */
export function zeroOneLoss(scores: Tensor, labels: Tensor): Tensor {
  return accuracy(scores, labels).neg().add(1);
}
