import { type Shape, sizeOf } from '../../shape.js';
import { zeroCounter } from './counter.js';

/**
 * Visits the input of a reduction in memory order as contiguous runs. Adjacent dimensions that are both reduced or
 * both kept are merged first. A run of `n` elements starting at `inOffset` either maps onto `n` consecutive outputs
 * (`reduced` false: an element-wise accumulate) or onto the single output `outOffset` (`reduced` true).
 * Reading the input once, in order, keeps the cache warm whatever the axes.
 */
export function reduceRuns(
  shape: Shape,
  axes: readonly number[],
  visit: (inOffset: number, outOffset: number, n: number, reduced: boolean) => void,
): void {
  const total = sizeOf(shape);
  if (total === 0) return;
  const dims: number[] = [];
  const reducedFlags: boolean[] = [];
  const outStrides: number[] = [];
  let outStride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const size = shape[i];
    if (size === 1) continue;
    const reduced = axes.includes(i);
    const last = dims.length - 1;
    if (last >= 0 && reducedFlags[last] === reduced) dims[last] *= size;
    else {
      dims.push(size);
      reducedFlags.push(reduced);
      outStrides.push(reduced ? 0 : outStride);
    }
    if (!reduced) outStride *= size;
  }
  if (dims.length === 0) {
    visit(0, 0, 1, true);
    return;
  }
  const n = dims[0];
  const innerReduced = reducedFlags[0];
  const outer = dims.length - 1;
  const counter = zeroCounter(outer + 1);
  let outOffset = 0;
  for (let inOffset = 0; inOffset < total; inOffset += n) {
    visit(inOffset, outOffset, n, innerReduced);
    for (let d = 1; d <= outer; d++) {
      if (++counter[d] < dims[d]) {
        outOffset += outStrides[d];
        break;
      }
      counter[d] = 0;
      outOffset -= outStrides[d] * (dims[d] - 1);
    }
  }
}
