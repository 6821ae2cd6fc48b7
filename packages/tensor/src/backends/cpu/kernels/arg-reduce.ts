import type { Kernel, TensorInfo } from '../../../backend/backend.js';
import { around } from '../axis-view.js';
import type { CpuStorage } from '../storage.js';

function outShape(x: TensorInfo, axis: number, keepDims: boolean): number[] {
  return keepDims ? x.shape.map((dim, i) => (i === axis ? 1 : dim)) : x.shape.filter((_, i) => i !== axis);
}

/** Index of the first maximum along `axis` (a NaN counts as the maximum, as in NumPy). */
export const argMaxCpu: Kernel<'ArgMax', CpuStorage> = ({ inputs: { x }, attrs: { axis, keepDims }, storage }) => {
  const v = storage.values(x);
  const { outer, length, inner } = around(x, axis);
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let best = v[base];
      let index = 0;
      for (let k = 1; k < length && best === best; k++) {
        const value = v[base + k * inner];
        if (value > best || value !== value) {
          best = value;
          index = k;
        }
      }
      out[o * inner + i] = index;
    }
  }
  return storage.write(out, outShape(x, axis, keepDims), 'int32');
};

/** Index of the first minimum along `axis` (a NaN counts as the minimum, as in NumPy). */
export const argMinCpu: Kernel<'ArgMin', CpuStorage> = ({ inputs: { x }, attrs: { axis, keepDims }, storage }) => {
  const v = storage.values(x);
  const { outer, length, inner } = around(x, axis);
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let best = v[base];
      let index = 0;
      for (let k = 1; k < length && best === best; k++) {
        const value = v[base + k * inner];
        if (value < best || value !== value) {
          best = value;
          index = k;
        }
      }
      out[o * inner + i] = index;
    }
  }
  return storage.write(out, outShape(x, axis, keepDims), 'int32');
};
