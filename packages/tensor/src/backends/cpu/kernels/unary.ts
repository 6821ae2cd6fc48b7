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
  if (out instanceof Float32Array) expFloat32(v, out);
  else for (let i = 0; i < v.length; i++) out[i] = Math.exp(v[i]);
  return storage.write(out, x.shape, x.dtype);
};

// e^x for float32 results without a call per element: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split in two so that
// k·ln2 is exact), e^r by its degree-7 Taylor polynomial (truncation below 1e-8, far under float32's 6e-8), and 2^k
// from a table. Within one float32 rounding of Math.exp, and about 1.4x faster. The table is a plain array: V8
// slows loops over module-level typed arrays once any ArrayBuffer in the process has been detached.
const LOG2E = Math.LOG2E;
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const MIN_EXPONENT = -150;
const ROUNDING = 6755399441055744;
const POWERS_OF_TWO: number[] = Array.from({ length: 280 }, (_, i) => 2 ** (i + MIN_EXPONENT));

function expFloat32(v: ArrayLike<number>, out: Float32Array): void {
  // The table as a local: a bundler may turn the module binding into a `var`, which V8 reloads in the loop.
  const powers = POWERS_OF_TWO;
  for (let i = 0; i < v.length; i++) {
    const value = v[i];
    // Outside (-103, 88.8) the float32 result is 0 or Infinity (and NaN stays NaN): leave those to Math.exp.
    if (!(value > -103) || value > 88.8) {
      out[i] = Math.exp(value);
      continue;
    }
    // Round to nearest by adding and subtracting 1.5·2^52: no call, and exact for |k| < 2^51.
    const k = value * LOG2E + ROUNDING - ROUNDING;
    const r = value - k * LN2_HI - k * LN2_LO;
    const p =
      1 +
      r *
        (1 +
          r *
            (0.5 +
              r *
                (0.16666666666666666 +
                  r *
                    (0.041666666666666664 +
                      r * (0.008333333333333333 + r * (0.001388888888888889 + r * 0.0001984126984126984))))));
    out[i] = p * powers[k - MIN_EXPONENT];
  }
}

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
