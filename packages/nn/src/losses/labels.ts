import { DTypeError, ShapeError, type Tensor, ValueError } from '@descent/tensor';

/** Checks integer class labels against logits of shape [N, C]; returns them. */
export function checkClassLabels(fn: string, logits: Tensor, labels: Tensor): void {
  if (logits.shape.length !== 2) throw new ShapeError(`${fn}: logits must have shape [N, C], got [${logits.shape}]`);
  if (labels.dtype !== 'int32') throw new DTypeError(`${fn}: integer labels must be int32, got ${labels.dtype}`);
  if (labels.shape.length !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new ShapeError(
      `${fn}: labels must have shape [${logits.shape[0]}] to match logits [${logits.shape}], got [${labels.shape}]`,
    );
  }
  const classes = logits.shape[1];
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] >= classes) {
      throw new ValueError(`${fn}: label ${values[i]} at row ${i} is outside [0, ${classes})`);
    }
  }
}
