import type { Examples } from '@descent/data';
import type { AnyModule, Tree } from '@descent/nn';
import { argmax, equal, slice, sum, type Tensor, tidy } from '@descent/tensor';

/** Evaluation in chunks, so that a large validation set never needs one huge activation matrix. */
const CHUNK = 1024;

/** What {@link evaluate} measured on a dataset. */
export interface Evaluation {
  /** The mean loss over all examples. */
  readonly loss: number;
  /** The fraction of examples whose argmax output is the label, for int32 class labels and [N, C] outputs only. */
  readonly accuracy?: number;
}

/** Mean loss (and accuracy for int32 class labels) of `model` in evaluation mode. */
export function evaluate(
  model: AnyModule,
  params: Tree,
  state: Tree,
  loss: (output: Tensor, targets: Tensor) => Tensor,
  data: Examples,
): Evaluation {
  const n = data.x.shape[0];
  let totalLoss = 0;
  let correct = 0;
  let classification = false;
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const [chunkLoss, chunkCorrect, isClassification] = tidy(() => {
      const x = slice(data.x, [start], [size]);
      const y = slice(data.y, [start], [size]);
      const output = model.apply(params, state, x, { training: false }).y;
      const value = loss(output, y).item();
      const classes = y.dtype === 'int32' && output.shape.length === 2;
      const hits = classes ? sum(equal(argmax(output, 1), y)).item() : 0;
      return [value, hits, classes] as const;
    });
    totalLoss += chunkLoss * size;
    correct += chunkCorrect;
    classification = isClassification;
  }
  return classification ? { loss: totalLoss / n, accuracy: correct / n } : { loss: totalLoss / n };
}
