import type { Kernel } from '../../../backend/backend.js';
import { allocate } from '../../../dtype.js';
import { broadcastShapes, sizeOf } from '../../../shape.js';
import { binaryRows } from '../broadcast.js';
import type { CpuStorage } from '../storage.js';

/** a + w·(b − a) in one pass. */
export const lerpCpu: Kernel<'Lerp', CpuStorage> = ({ inputs: { a, b }, attrs: { weight }, storage }) => {
  const shape = broadcastShapes('lerp', a.shape, b.shape);
  const out = allocate(a.dtype, sizeOf(shape));
  binaryRows(shape, a.shape, b.shape, storage.values(a), storage.values(b), out, (x, y, o, ao, bo, oo, n, as, bs) => {
    if (as === 1 && bs === 1) {
      for (let j = 0; j < n; j++) {
        const value = x[ao + j];
        o[oo + j] = value + weight * (y[bo + j] - value);
      }
    } else {
      for (let j = 0; j < n; j++) {
        const value = x[ao + j * as];
        o[oo + j] = value + weight * (y[bo + j * bs] - value);
      }
    }
  });
  return storage.write(out, shape, a.dtype);
};

/** scale·a / (rootScale·√b + eps) in one pass. */
export const divSqrtCpu: Kernel<'DivSqrt', CpuStorage> = ({
  inputs: { a, b },
  attrs: { scale, rootScale, eps },
  storage,
}) => {
  const shape = broadcastShapes('divSqrt', a.shape, b.shape);
  const out = allocate(a.dtype, sizeOf(shape));
  binaryRows(shape, a.shape, b.shape, storage.values(a), storage.values(b), out, (x, y, o, ao, bo, oo, n, as, bs) => {
    if (as === 1 && bs === 1) {
      for (let j = 0; j < n; j++) o[oo + j] = (scale * x[ao + j]) / (rootScale * Math.sqrt(y[bo + j]) + eps);
    } else {
      for (let j = 0; j < n; j++) o[oo + j] = (scale * x[ao + j * as]) / (rootScale * Math.sqrt(y[bo + j * bs]) + eps);
    }
  });
  return storage.write(out, shape, a.dtype);
};
