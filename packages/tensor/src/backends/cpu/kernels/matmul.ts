import type { Kernel } from '../../../backend/backend.js';
import { allocate } from '../../../dtype.js';
import { broadcastShapes, sizeOf } from '../../../shape.js';
import { broadcastOffsets } from '../broadcast.js';
import { gemm } from '../gemm.js';
import type { CpuStorage } from '../storage.js';

/**
 * Batched matrix product over the last two axes; leading (batch) axes broadcast. Transposed operands are read
 * through swapped strides, never copied. The op has already checked ranks and inner dimensions.
 */
export const matMulCpu: Kernel<'MatMul', CpuStorage> = ({
  inputs: { a, b },
  attrs: { transposeA, transposeB },
  storage,
}) => {
  const [aRank, bRank] = [a.shape.length, b.shape.length];
  const [aRows, aCols] = [a.shape[aRank - 2], a.shape[aRank - 1]];
  const [bRows, bCols] = [b.shape[bRank - 2], b.shape[bRank - 1]];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  const batchShape = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = sizeOf(batchShape);
  const out = allocate(a.dtype, batch * m * n);
  const [aValues, bValues] = [storage.values(a), storage.values(b)];
  const aOffsets = broadcastOffsets(a.shape.slice(0, -2), batchShape);
  const bOffsets = broadcastOffsets(b.shape.slice(0, -2), batchShape);
  for (let t = 0; t < batch; t++) {
    gemm(
      m,
      n,
      k,
      {
        data: aValues,
        offset: aOffsets[t] * aRows * aCols,
        rowStride: transposeA ? 1 : aCols,
        colStride: transposeA ? aCols : 1,
      },
      {
        data: bValues,
        offset: bOffsets[t] * bRows * bCols,
        rowStride: transposeB ? 1 : bCols,
        colStride: transposeB ? bCols : 1,
      },
      out,
      t * m * n,
    );
  }
  return storage.write(out, [...batchShape, m, n], a.dtype);
};
