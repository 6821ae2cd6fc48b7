import { runKernel, type Tensor } from '@descent/tensor';
import { withoutRecording } from './tape.js';

/**
 * The same value, seen as a constant by every differentiation: no cotangent flows through it.
 * @example grad((x) => mul(x, stopGradient(x)).sum())(x) // → x, not 2x
 */
export function stopGradient<T extends Tensor>(x: T): Tensor {
  // A reshape to the same shape shares the data; run unrecorded, its output is not connected to anything.
  return withoutRecording(() => runKernel('Reshape', { x }, { shape: x.shape }));
}
