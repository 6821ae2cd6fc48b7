import type { Kernel } from '../../../backend/backend.js';
import { around } from '../axis-view.js';
import type { CpuStorage } from '../storage.js';

/** softmax along `axis`, shifted by the maximum of each slice so that exp never overflows. */
export const softmaxCpu: Kernel<'Softmax', CpuStorage> = ({ inputs: { x }, attrs: { axis }, storage }) => {
  const v = storage.values(x);
  const { outer, length, inner } = around(x, axis);
  const out = x.dtype === 'float64' ? new Float64Array(v.length) : new Float32Array(v.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < length; k++) max = Math.max(max, v[base + k * inner]);
      if (!Number.isFinite(max) && max === max) max = 0;
      let total = 0;
      for (let k = 0; k < length; k++) total += Math.exp(v[base + k * inner] - max);
      for (let k = 0; k < length; k++) out[base + k * inner] = Math.exp(v[base + k * inner] - max) / total;
    }
  }
  return storage.write(out, x.shape, x.dtype);
};

/** log softmax along `axis`: x - max - log Σ exp(x - max), exact where softmax underflows to 0. */
export const logSoftmaxCpu: Kernel<'LogSoftmax', CpuStorage> = ({ inputs: { x }, attrs: { axis }, storage }) => {
  const v = storage.values(x);
  const { outer, length, inner } = around(x, axis);
  const out = x.dtype === 'float64' ? new Float64Array(v.length) : new Float32Array(v.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * length * inner + i;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < length; k++) max = Math.max(max, v[base + k * inner]);
      if (!Number.isFinite(max) && max === max) max = 0;
      let total = 0;
      for (let k = 0; k < length; k++) total += Math.exp(v[base + k * inner] - max);
      const shift = max + Math.log(total);
      for (let k = 0; k < length; k++) out[base + k * inner] = v[base + k * inner] - shift;
    }
  }
  return storage.write(out, x.shape, x.dtype);
};
