// A deliberately naive float64 reference for every op: plain number arrays, one multi-index per element, no
// strides cached across calls, no merging of dimensions, no fast paths. It imports nothing from the code under test,
// so that a bug there cannot hide here. Slow on purpose; only ever run on small tensors.

/** A row-major array of plain numbers (bool as 0/1) with its shape. */
export interface Ref {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export function ref(shape: readonly number[], data: readonly number[]): Ref {
  if (size(shape) !== data.length) throw new Error(`reference: ${data.length} values for shape [${shape}]`);
  return { shape: [...shape], data: [...data] };
}

export function size(shape: readonly number[]): number {
  let n = 1;
  for (const dim of shape) n *= dim;
  return n;
}

/** Every multi-index of `shape` in row-major order, built recursively. */
export function allIndices(shape: readonly number[]): number[][] {
  if (shape.length === 0) return [[]];
  const rest = allIndices(shape.slice(1));
  const out: number[][] = [];
  for (let i = 0; i < shape[0]; i++) for (const tail of rest) out.push([i, ...tail]);
  return out;
}

/** The row-major position of `index` in `shape`. */
export function flatIndex(shape: readonly number[], index: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) {
    if (index[d] < 0 || index[d] >= shape[d]) throw new Error(`reference: index [${index}] outside [${shape}]`);
    flat = flat * shape[d] + index[d];
  }
  return flat;
}

export function at(x: Ref, index: readonly number[]): number {
  return x.data[flatIndex(x.shape, index)];
}

/** Builds a tensor of `shape` from a function of each multi-index. */
export function generate(shape: readonly number[], f: (index: number[]) => number): Ref {
  return { shape: [...shape], data: allIndices(shape).map(f) };
}

// ---- Element-wise ----

export function map(x: Ref, f: (v: number) => number): Ref {
  return { shape: [...x.shape], data: x.data.map(f) };
}

/** NumPy's broadcasting rule, or `undefined` when the shapes do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da === db) out.push(da);
    else if (da === 1) out.push(db);
    else if (db === 1) out.push(da);
    else return undefined;
  }
  return out;
}

/** The element of `x` that position `index` of a broadcast result of rank `index.length` reads. */
function broadcastRead(x: Ref, index: readonly number[]): number {
  const lead = index.length - x.shape.length;
  const own = x.shape.map((dim, d) => (dim === 1 ? 0 : index[d + lead]));
  return at(x, own);
}

export function broadcastTo(x: Ref, shape: readonly number[]): Ref {
  return generate(shape, (index) => broadcastRead(x, index));
}

export function binary(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref {
  const shape = broadcastShape(a.shape, b.shape);
  if (shape === undefined) throw new Error(`reference: [${a.shape}] and [${b.shape}] do not broadcast`);
  return generate(shape, (index) => f(broadcastRead(a, index), broadcastRead(b, index)));
}

export function where(condition: Ref, a: Ref, b: Ref): Ref {
  const shape = broadcastShape(broadcastShape(condition.shape, a.shape) ?? [], b.shape);
  if (shape === undefined) throw new Error('reference: where operands do not broadcast');
  return generate(shape, (index) =>
    broadcastRead(condition, index) !== 0 ? broadcastRead(a, index) : broadcastRead(b, index),
  );
}

// ---- Scalar functions, written from their definitions ----

export const scalarOps = {
  neg: (x: number) => -x,
  exp: (x: number) => Math.exp(x),
  log: (x: number) => Math.log(x),
  log1p: (x: number) => Math.log1p(x),
  expm1: (x: number) => Math.expm1(x),
  sqrt: (x: number) => Math.sqrt(x),
  square: (x: number) => x * x,
  reciprocal: (x: number) => 1 / x,
  abs: (x: number) => (x < 0 ? -x : x),
  sign: (x: number) => (Number.isNaN(x) ? Number.NaN : x > 0 ? 1 : x < 0 ? -1 : 0),
  floor: (x: number) => Math.floor(x),
  sin: (x: number) => Math.sin(x),
  cos: (x: number) => Math.cos(x),
  tanh: (x: number) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1),
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  relu: (x: number) => (Number.isNaN(x) ? x : Math.max(x, 0)),
  softplus: (x: number) => Math.log1p(Math.exp(x)),
  leakyRelu: (alpha: number) => (x: number) => (x >= 0 ? x : alpha * x),
  add: (x: number, y: number) => x + y,
  sub: (x: number, y: number) => x - y,
  mul: (x: number, y: number) => x * y,
  div: (x: number, y: number) => x / y,
  floorDiv: (x: number, y: number) => Math.floor(x / y),
  pow: (x: number, y: number) => x ** y,
  maximum: (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y)),
  minimum: (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y)),
  greater: (x: number, y: number) => (x > y ? 1 : 0),
  greaterEqual: (x: number, y: number) => (x >= y ? 1 : 0),
  less: (x: number, y: number) => (x < y ? 1 : 0),
  lessEqual: (x: number, y: number) => (x <= y ? 1 : 0),
  equal: (x: number, y: number) => (x === y ? 1 : 0),
  notEqual: (x: number, y: number) => (x !== y ? 1 : 0),
  logicalAnd: (x: number, y: number) => (x !== 0 && y !== 0 ? 1 : 0),
  logicalOr: (x: number, y: number) => (x !== 0 || y !== 0 ? 1 : 0),
};

/** What storing `v` in `dtype` gives: float32 rounds, int32 truncates toward zero, bool tests for non-zero. */
export function storeAs(dtype: string, v: number): number {
  if (dtype === 'float32') return Math.fround(v);
  if (dtype === 'int32') return Math.trunc(v);
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  return v;
}

export function cast(x: Ref, dtype: string): Ref {
  return map(x, (v) => storeAs(dtype, v));
}

// ---- Reductions ----

/**
 * Groups the elements of `x` by their coordinates on the kept axes and folds each group with `f`.
 * The output has the kept axes (and size-1 reduced axes when `keepDims`).
 */
export function reduce(x: Ref, axes: readonly number[], keepDims: boolean, f: (values: number[]) => number): Ref {
  const shape = x.shape.flatMap((dim, d) => (axes.includes(d) ? (keepDims ? [1] : []) : [dim]));
  const keptShape = x.shape.filter((_, d) => !axes.includes(d));
  const groups: number[][] = Array.from({ length: size(keptShape) }, () => []);
  for (const index of allIndices(x.shape)) {
    const kept = index.filter((_, d) => !axes.includes(d));
    groups[flatIndex(keptShape, kept)].push(at(x, index));
  }
  return { shape, data: groups.map(f) };
}

export const folds = {
  sum: (v: number[]) => v.reduce((s, x) => s + x, 0),
  prod: (v: number[]) => v.reduce((s, x) => s * x, 1),
  mean: (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length,
  max: (v: number[]) => (v.some(Number.isNaN) ? Number.NaN : v.reduce((m, x) => Math.max(m, x), -Infinity)),
  min: (v: number[]) => (v.some(Number.isNaN) ? Number.NaN : v.reduce((m, x) => Math.min(m, x), Infinity)),
  /** Shifted by the largest value; that shift changes nothing mathematically and keeps exp finite. */
  logSumExp: (v: number[]) => {
    if (v.some(Number.isNaN)) return Number.NaN;
    const m = v.reduce((acc, x) => Math.max(acc, x), -Infinity);
    if (m === Infinity) return Infinity;
    if (m === -Infinity) return -Infinity;
    return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
  },
  /** Sum of absolute values: the scale that a summation's rounding error is proportional to. */
  absSum: (v: number[]) => v.reduce((s, x) => s + Math.abs(x), 0),
};

/** Index of the first maximum (or minimum); a NaN wins at its first position, as in NumPy. */
export function argReduce(x: Ref, axis: number, keepDims: boolean, kind: 'max' | 'min'): Ref {
  return alongAxis(x, axis, keepDims, (values) => {
    let best = 0;
    for (let k = 0; k < values.length; k++) {
      if (Number.isNaN(values[k])) return k;
      if (kind === 'max' ? values[k] > values[best] : values[k] < values[best]) best = k;
    }
    return best;
  });
}

/** Applies `f` to each 1-D fiber of `x` along `axis`; returns one number per fiber. */
function alongAxis(x: Ref, axis: number, keepDims: boolean, f: (values: number[]) => number): Ref {
  return reduce(x, [axis], keepDims, f);
}

/** Replaces each 1-D fiber along `axis` by `f(fiber)`, same shape. */
export function mapFibers(x: Ref, axis: number, f: (values: number[]) => number[]): Ref {
  const data = new Array<number>(x.data.length);
  const outer = x.shape.map((dim, d) => (d === axis ? 1 : dim));
  for (const start of allIndices(outer)) {
    const positions: number[] = [];
    for (let k = 0; k < x.shape[axis]; k++) {
      const index = [...start];
      index[axis] = k;
      positions.push(flatIndex(x.shape, index));
    }
    const result = f(positions.map((p) => x.data[p]));
    positions.forEach((p, k) => {
      data[p] = result[k];
    });
  }
  return { shape: [...x.shape], data };
}

export function softmax(x: Ref, axis: number): Ref {
  return mapFibers(x, axis, (v) => {
    const lse = folds.logSumExp(v);
    return v.map((value) => Math.exp(value - lse));
  });
}

export function logSoftmax(x: Ref, axis: number): Ref {
  return mapFibers(x, axis, (v) => {
    const lse = folds.logSumExp(v);
    return v.map((value) => value - lse);
  });
}

// ---- Linear algebra ----

/**
 * NumPy's matmul: 1-D operands are promoted (a to a row, b to a column) and the added axis removed afterwards; batch
 * axes broadcast. Also returns, per output element, the sum of |a_ik * b_kj|, the scale of its rounding error.
 */
export function matmul(a: Ref, b: Ref, transposeA = false, transposeB = false): { value: Ref; scale: Ref; k: number } {
  const a2 = a.shape.length === 1 ? { shape: transposeA ? [a.shape[0], 1] : [1, a.shape[0]], data: a.data } : a;
  const b2 = b.shape.length === 1 ? { shape: transposeB ? [1, b.shape[0]] : [b.shape[0], 1], data: b.data } : b;
  const ra = a2.shape.length;
  const rb = b2.shape.length;
  const m = transposeA ? a2.shape[ra - 1] : a2.shape[ra - 2];
  const k = transposeA ? a2.shape[ra - 2] : a2.shape[ra - 1];
  const n = transposeB ? b2.shape[rb - 2] : b2.shape[rb - 1];
  const batch = broadcastShape(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  if (batch === undefined) throw new Error('reference: matmul batch axes do not broadcast');
  const aBatch = { shape: a2.shape.slice(0, -2), data: [] };
  const bBatch = { shape: b2.shape.slice(0, -2), data: [] };
  const readA = (t: number[], i: number, p: number) => {
    const own = t.slice(t.length - aBatch.shape.length).map((v, d) => (aBatch.shape[d] === 1 ? 0 : v));
    return at(a2, [...own, ...(transposeA ? [p, i] : [i, p])]);
  };
  const readB = (t: number[], p: number, j: number) => {
    const own = t.slice(t.length - bBatch.shape.length).map((v, d) => (bBatch.shape[d] === 1 ? 0 : v));
    return at(b2, [...own, ...(transposeB ? [j, p] : [p, j])]);
  };
  const fullShape = [...batch, m, n];
  const value = generate(fullShape, (index) => {
    const t = index.slice(0, -2);
    const [i, j] = index.slice(-2);
    let total = 0;
    for (let p = 0; p < k; p++) total += readA(t, i, p) * readB(t, p, j);
    return total;
  });
  const scale = generate(fullShape, (index) => {
    const t = index.slice(0, -2);
    const [i, j] = index.slice(-2);
    let total = 0;
    for (let p = 0; p < k; p++) total += Math.abs(readA(t, i, p) * readB(t, p, j));
    return total;
  });
  let shape = fullShape;
  if (b.shape.length === 1) shape = shape.filter((_, d) => d !== shape.length - 1);
  if (a.shape.length === 1) {
    const drop = shape.length - (b.shape.length === 1 ? 1 : 2);
    shape = shape.filter((_, d) => d !== drop);
  }
  return { value: { shape, data: value.data }, scale: { shape, data: scale.data }, k };
}

// ---- Data movement ----

export function transpose(x: Ref, perm: readonly number[]): Ref {
  const shape = perm.map((p) => x.shape[p]);
  return generate(shape, (index) => {
    const source = new Array<number>(x.shape.length);
    perm.forEach((p, d) => {
      source[p] = index[d];
    });
    return at(x, source);
  });
}

export function reshape(x: Ref, shape: readonly number[]): Ref {
  if (size(shape) !== x.data.length) throw new Error('reference: reshape changes the size');
  return { shape: [...shape], data: [...x.data] };
}

export function slice(x: Ref, begin: readonly number[], extent: readonly number[]): Ref {
  return generate(extent, (index) =>
    at(
      x,
      index.map((i, d) => i + begin[d]),
    ),
  );
}

export function pad(x: Ref, paddings: readonly (readonly [number, number])[], value: number): Ref {
  const shape = x.shape.map((dim, d) => paddings[d][0] + dim + paddings[d][1]);
  return generate(shape, (index) => {
    const source = index.map((i, d) => i - paddings[d][0]);
    return source.every((s, d) => s >= 0 && s < x.shape[d]) ? at(x, source) : value;
  });
}

export function concat(xs: readonly Ref[], axis: number): Ref {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((total, x) => total + x.shape[axis], 0);
  return generate(shape, (index) => {
    let k = index[axis];
    for (const x of xs) {
      if (k < x.shape[axis]) {
        const source = [...index];
        source[axis] = k;
        return at(x, source);
      }
      k -= x.shape[axis];
    }
    throw new Error('reference: concat index past the end');
  });
}

export function stack(xs: readonly Ref[], axis: number): Ref {
  const shape = [...xs[0].shape];
  shape.splice(axis, 0, xs.length);
  return generate(shape, (index) => {
    const source = [...index];
    const [which] = source.splice(axis, 1);
    return at(xs[which], source);
  });
}

export function gather(x: Ref, indices: Ref, axis: number): Ref {
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const r = indices.shape.length;
  return generate(shape, (index) => {
    const picked = at(indices, index.slice(axis, axis + r));
    return at(x, [...index.slice(0, axis), picked, ...index.slice(axis + r)]);
  });
}

export function scatterAdd(updates: Ref, indices: Ref, shape: readonly number[], axis: number): Ref {
  const data = new Array<number>(size(shape)).fill(0);
  const r = indices.shape.length;
  for (const index of allIndices(updates.shape)) {
    const target = at(indices, index.slice(axis, axis + r));
    const out = [...index.slice(0, axis), target, ...index.slice(axis + r)];
    data[flatIndex(shape, out)] += at(updates, index);
  }
  return { shape: [...shape], data };
}

export function oneHot(indices: Ref, depth: number, onValue: number, offValue: number): Ref {
  return generate([...indices.shape, depth], (index) =>
    at(indices, index.slice(0, -1)) === index.at(-1) ? onValue : offValue,
  );
}
