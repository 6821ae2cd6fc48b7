import { gather, type Tensor, tensor } from '@descent/tensor';

/** Rows `indices` of `x` and `y` as new tensors (on the backend that holds them); the index tensor is freed. */
export function take(x: Tensor, y: Tensor, indices: Int32Array): { x: Tensor; y: Tensor } {
  const index = tensor(indices, { dtype: 'int32' });
  const rows = { x: gather(x, index, 0), y: gather(y, index, 0) };
  index.dispose();
  return rows;
}
