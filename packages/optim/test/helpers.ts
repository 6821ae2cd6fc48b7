import {
  add,
  gather,
  matmul,
  mean,
  mul,
  type NestedArray,
  softplus,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tree,
} from '@descent/tensor';
import { expect } from 'vitest';
import type { ParamTree } from '../src/index.js';

/** Every tensor anywhere in a state (numbers, strings and nulls skipped). */
export function tensorsIn(value: unknown): Tensor[] {
  if (value !== null && typeof value === 'object' && 'dataSync' in value) return [value as Tensor];
  if (Array.isArray(value)) return value.flatMap(tensorsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(tensorsIn);
  return [];
}

/** Every leaf's values, bit for bit, in flatten order: what purity and round-trip tests compare. */
export function snapshot(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'dataSync' in value) {
    const t = value as Tensor;
    return { dtype: t.dtype, shape: [...t.shape], bits: Array.from(new Uint8Array(t.dataSync().slice().buffer)) };
  }
  if (Array.isArray(value)) return value.map(snapshot);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, snapshot(item)]));
  }
  return value;
}

/** Identical values, dtypes, shapes and structure, bit for bit (NaN payloads and −0 included). */
export function expectTreesIdentical(actual: unknown, expected: unknown): void {
  expect(snapshot(actual)).toEqual(snapshot(expected));
}

/** The leaves of a parameter tree as one flat float64 list, in flatten order. */
export function flatValues(params: ParamTree): number[] {
  return tree.leaves(params).flatMap((leaf) => Array.from(leaf.dataSync()));
}

/** Max-norm relative error ‖a − b‖∞ / ‖b‖∞ (‖a − b‖∞ when b is zero). */
export function relativeError(actual: readonly number[], expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? difference : difference / scale;
}

/** Rosenbrock's function (1 − x)² + 100(y − x²)² of two scalar leaves. */
export function rosenbrock(p: { x: Tensor; y: Tensor }): Tensor {
  return add(square(sub(1, p.x)), mul(100, square(sub(p.y, square(p.x)))));
}

/** Its gradient in closed form (no autodiff), for the long convergence runs. */
export function rosenbrockGradient(p: { x: Tensor; y: Tensor }): { x: Tensor; y: Tensor } {
  const r = sub(p.y, square(p.x));
  return { x: sub(mul(-2, sub(1, p.x)), mul(mul(400, p.x), r)), y: mul(200, r) };
}

/** ½xᵀAx − bᵀx. */
export function quadratic(a: Tensor, b: Tensor): (p: { x: Tensor }) => Tensor {
  return (p) => sub(mul(0.5, sum(mul(p.x, matmul(a, p.x)))), sum(mul(b, p.x)));
}

/** Mean binary cross-entropy with logits, softplus(z) − y·z, over the rows `indices` (all rows when omitted). */
export function logistic(features: Tensor, labels: Tensor) {
  return (p: { w: Tensor; b: Tensor }, indices?: readonly number[]): Tensor => {
    const x = indices === undefined ? features : gather(features, indices);
    const y = indices === undefined ? labels : gather(labels, indices);
    const z = add(matmul(x, p.w), p.b);
    return mean(sub(softplus(z), mul(y, z)));
  };
}

export function float64(values: NestedArray | readonly number[]): Tensor {
  return tensor(values as number[], { dtype: 'float64' });
}
