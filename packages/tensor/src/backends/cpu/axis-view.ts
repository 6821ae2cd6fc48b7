import type { TensorInfo } from '../../backend/backend.js';

/** The input viewed as [outer, length, inner] around `axis`. */
export function around(x: TensorInfo, axis: number) {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= x.shape[i];
  for (let i = axis + 1; i < x.shape.length; i++) inner *= x.shape[i];
  return { outer, length: x.shape[axis], inner };
}
