import { abs, add, cast, exp, log1p, mul, relu, shapesEqual, sub, type Tensor, ValueError } from '@descent/tensor';
import { type LossOptions, reduce } from './reduction.js';

/**
 * Binary cross-entropy from logits z with targets y in [0, 1] (PyTorch's BCEWithLogitsLoss):
 * −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|), which never overflows.
 * @example binaryCrossEntropy(tensor([0, 3]), tensor([0, 1]))
 */
export function binaryCrossEntropy(logits: Tensor, targets: Tensor, options: LossOptions = {}): Tensor {
  if (!shapesEqual(logits.shape, targets.shape)) {
    throw new ValueError(
      `binaryCrossEntropy: logits have shape [${logits.shape}], targets [${targets.shape}]; they must match`,
    );
  }
  const y = cast(targets, logits.dtype);
  const losses = add(sub(relu(logits), mul(logits, y)), log1p(exp(abs(logits).neg())));
  return reduce('binaryCrossEntropy', losses, options);
}
