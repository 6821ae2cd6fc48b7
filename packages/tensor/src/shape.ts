import { ShapeError, ValueError } from './errors.js';

/** Dimensions, outermost first. A scalar has shape `[]`. */
export type Shape = readonly number[];

/**
 * The number of elements of a tensor of `shape`: the product of its dimensions, 1 for a scalar `[]`.
 * @example sizeOf([2, 3]) // → 6
 */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  return size;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * Whether two shapes have the same rank and dimensions (no broadcasting).
 * @example shapesEqual([2, 3], [2, 3]) // → true
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** Checks that every dimension is a non-negative integer. */
export function assertShape(fn: string, shape: unknown): Shape {
  if (!Array.isArray(shape)) throw new ShapeError(`${fn}: shape must be an array of sizes, got ${String(shape)}`);
  for (let i = 0; i < shape.length; i++) {
    const dim: unknown = shape[i];
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(`${fn}: shape ${JSON.stringify(shape)} has a size that is not a non-negative integer`);
    }
  }
  return shape as Shape;
}

/** NumPy broadcasting: align from the right; each pair of sizes must be equal or one of them 1. */
export function broadcastShapes(fn: string, a: Shape, b: Shape): Shape {
  if (shapesEqual(a, b)) return a;
  // A scalar broadcasts to the other shape as it is: no new array for `mul(x, 2)` (shapes are never mutated).
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${fn}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Resolves a possibly negative axis against `rank`. */
export function normalizeAxis(fn: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis)) throw new ValueError(`${fn}: axis must be an integer, got ${axis}`);
  if (axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ShapeError(`${fn}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves an axis, a list of axes or `undefined` (all axes) to sorted, distinct, non-negative axes. */
export function normalizeAxes(fn: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) {
    const all = new Array<number>(rank);
    for (let i = 0; i < rank; i++) all[i] = i;
    return all;
  }
  const list = typeof axes === 'number' ? [axes] : axes;
  const resolved = list.map((axis) => {
    if (!Number.isInteger(axis)) throw new ValueError(`${fn}: axis must be an integer, got ${axis}`);
    if (axis < -rank || axis >= rank) {
      throw new ShapeError(`${fn}: axis ${axis} is out of range for a tensor of rank ${rank}`);
    }
    return axis < 0 ? axis + rank : axis;
  });
  const sorted = [...new Set(resolved)].sort((x, y) => x - y);
  if (sorted.length !== resolved.length) throw new ShapeError(`${fn}: repeated axis in ${JSON.stringify(list)}`);
  return sorted;
}

/** The shape left after reducing `axes` (kept as size 1 when `keepDims`). */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}
