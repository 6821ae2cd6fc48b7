import type { Kernel } from '../../../backend/backend.js';
import { allocate } from '../../../dtype.js';
import { broadcastShapes, sizeOf } from '../../../shape.js';
import { broadcastOffsets } from '../broadcast.js';
import type { CpuStorage } from '../storage.js';

/** `condition ? a : b` element-wise, the three operands broadcast together. */
export const whereCpu: Kernel<'Where', CpuStorage> = ({ inputs: { condition, a, b }, storage }) => {
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, a.shape), b.shape);
  const [c, x, y] = [storage.values(condition), storage.values(a), storage.values(b)];
  const out = allocate(a.dtype, sizeOf(shape));
  const [ci, xi, yi] = [
    broadcastOffsets(condition.shape, shape),
    broadcastOffsets(a.shape, shape),
    broadcastOffsets(b.shape, shape),
  ];
  for (let i = 0; i < out.length; i++) out[i] = c[ci[i]] !== 0 ? x[xi[i]] : y[yi[i]];
  return storage.write(out, shape, a.dtype);
};
