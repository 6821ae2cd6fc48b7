import { shapesEqual, square, sub, type Tensor, ValueError } from '@descent/tensor';
import { type LossOptions, reduce } from './reduction.js';

/**
 * Mean squared error, mean((prediction − target)²) over all elements (PyTorch's MSELoss).
 * @example mse(tensor([1, 2]), tensor([1, 4])) // → 2
 */
export function mse(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  if (!shapesEqual(prediction.shape, target.shape)) {
    throw new ValueError(`mse: prediction has shape [${prediction.shape}], target [${target.shape}]; they must match`);
  }
  return reduce('mse', square(sub(prediction, target)), options);
}
