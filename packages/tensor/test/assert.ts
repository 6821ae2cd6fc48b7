import { expect } from 'vitest';
import { type Tensor, tensor } from '../src/index.js';
import { type Ref, ref } from './reference.js';

/**
 * How close a result must be to the float64 reference: |actual - expected| <= atol + rtol * max(|expected|, scale),
 * where `scale` (per element, optional) is the magnitude that the op's rounding error is proportional to, e.g. the
 * sum of |terms| for a sum or a dot product.
 */
export interface Tolerance {
  readonly rtol: number;
  readonly atol?: number;
}

export const EXACT: Tolerance = { rtol: 0, atol: 0 };

/** A tensor of `dtype` holding `values`, and the reference holding exactly what the tensor stores. */
export function make(shape: readonly number[], values: readonly number[], dtype: string): [Tensor, Ref] {
  const t = tensor(values as number[], { shape, dtype: dtype as 'float32' });
  return [t, ref(shape, Array.from(t.dataSync()))];
}

/** The reference view of an existing tensor. */
export function refOf(t: Tensor): Ref {
  return ref(t.shape, Array.from(t.dataSync()));
}

function formatValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

/**
 * Checks shape, dtype (when given) and every value against the reference. NaN must meet NaN and infinities must
 * match exactly; the message names the first element that misses.
 */
export function expectClose(
  actual: Tensor,
  expected: Ref,
  tolerance: Tolerance,
  options: { dtype?: string; scale?: Ref; label?: string } = {},
): void {
  const label = options.label ? `${options.label}: ` : '';
  expect(actual.shape, `${label}shape`).toEqual(expected.shape);
  if (options.dtype !== undefined) expect(actual.dtype, `${label}dtype`).toBe(options.dtype);
  const values = actual.dataSync();
  expect(values.length, `${label}element count`).toBe(expected.data.length);
  const { rtol, atol = 0 } = tolerance;
  for (let i = 0; i < values.length; i++) {
    const a = values[i];
    const e = expected.data[i];
    let ok: boolean;
    if (Number.isNaN(e) || Number.isNaN(a)) ok = Number.isNaN(e) && Number.isNaN(a);
    else if (!Number.isFinite(e) || !Number.isFinite(a)) ok = a === e;
    else {
      const scale = Math.max(Math.abs(e), options.scale ? options.scale.data[i] : 0);
      ok = Math.abs(a - e) <= atol + rtol * scale;
    }
    if (!ok) {
      expect.fail(
        `${label}element ${i} of shape [${expected.shape}] is ${formatValue(a)}, expected ${formatValue(e)} ` +
          `(rtol ${rtol}, atol ${atol})`,
      );
    }
  }
}

/** Two tensors hold bit-for-bit the same values, shape and dtype. */
export function expectIdentical(actual: Tensor, expected: Tensor, label = ''): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${label} dtype`).toBe(expected.dtype);
  expect(Array.from(actual.dataSync()), `${label} values`).toEqual(Array.from(expected.dataSync()));
}
