import type { Kernel } from '../../../backend/backend.js';
import { allocate } from '../../../dtype.js';
import type { CpuStorage } from '../storage.js';

// Each kernel writes its own loop so that V8 sees one monomorphic call site per op (no per-element closures).

export const negCpu: Kernel<'Neg', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = -v[i];
  return storage.write(out, x.shape, x.dtype);
};

export const expCpu: Kernel<'Exp', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.exp(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const logCpu: Kernel<'Log', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.log(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const log1pCpu: Kernel<'Log1p', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.log1p(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const expm1Cpu: Kernel<'Expm1', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.expm1(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const sqrtCpu: Kernel<'Sqrt', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.sqrt(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const squareCpu: Kernel<'Square', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * v[i];
  return storage.write(out, x.shape, x.dtype);
};

export const reciprocalCpu: Kernel<'Reciprocal', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = 1 / v[i];
  return storage.write(out, x.shape, x.dtype);
};

export const absCpu: Kernel<'Abs', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.abs(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const signCpu: Kernel<'Sign', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  // Math.sign(-0) is -0; NumPy gives 0 for both zeros, and +0 keeps gradients and printing tidy.
  for (let i = 0; i < v.length; i++) out[i] = v[i] > 0 ? 1 : v[i] < 0 ? -1 : v[i] === 0 ? 0 : Number.NaN;
  return storage.write(out, x.shape, x.dtype);
};

export const floorCpu: Kernel<'Floor', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.floor(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const sinCpu: Kernel<'Sin', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.sin(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const cosCpu: Kernel<'Cos', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.cos(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const tanhCpu: Kernel<'Tanh', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.tanh(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

export const sigmoidCpu: Kernel<'Sigmoid', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  // Two branches so that exp never overflows: for v < 0, e^v / (1 + e^v) is the same value.
  for (let i = 0; i < v.length; i++) {
    const value = v[i];
    if (value >= 0) out[i] = 1 / (1 + Math.exp(-value));
    else {
      const e = Math.exp(value);
      out[i] = e / (1 + e);
    }
  }
  return storage.write(out, x.shape, x.dtype);
};

export const reluCpu: Kernel<'Relu', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  // NaN stays NaN, as with NumPy's maximum(v, 0).
  for (let i = 0; i < v.length; i++) out[i] = v[i] > 0 ? v[i] : v[i] === v[i] ? 0 : v[i];
  return storage.write(out, x.shape, x.dtype);
};

export const softplusCpu: Kernel<'Softplus', CpuStorage> = ({ inputs: { x }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  // log(1 + e^v) = max(v, 0) + log1p(e^-|v|): exact for large |v| where the naive form overflows or rounds to 0.
  for (let i = 0; i < v.length; i++) {
    const value = v[i];
    out[i] = Math.max(value, 0) + Math.log1p(Math.exp(-Math.abs(value)));
  }
  return storage.write(out, x.shape, x.dtype);
};

export const leakyReluCpu: Kernel<'LeakyRelu', CpuStorage> = ({ inputs: { x }, attrs: { alpha }, storage }) => {
  const v = storage.values(x);
  const out = allocate(x.dtype, v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] >= 0 ? v[i] : alpha * v[i];
  return storage.write(out, x.shape, x.dtype);
};

export const castCpu: Kernel<'Cast', CpuStorage> = ({ inputs: { x }, attrs: { dtype }, storage }) => {
  const v = storage.values(x);
  const out = allocate(dtype, v.length);
  if (dtype === 'bool') for (let i = 0; i < v.length; i++) out[i] = v[i] !== 0 ? 1 : 0;
  // Int32Array assignment wraps modulo 2^32 after truncation; Math.trunc makes the float-to-int rule explicit.
  else if (dtype === 'int32') for (let i = 0; i < v.length; i++) out[i] = Math.trunc(v[i]);
  else out.set(v);
  return storage.write(out, x.shape, dtype);
};
