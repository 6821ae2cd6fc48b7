import type { Kernel, TensorInfo } from '../../../backend/backend.js';
import { allocate, type DType } from '../../../dtype.js';
import { broadcastShapes, sizeOf } from '../../../shape.js';
import { type BinaryRow, binaryRows } from '../broadcast.js';
import type { CpuStorage } from '../storage.js';

type BinaryKernelName =
  | 'Add'
  | 'Sub'
  | 'Mul'
  | 'Div'
  | 'Pow'
  | 'Maximum'
  | 'Minimum'
  | 'Greater'
  | 'GreaterEqual'
  | 'Less'
  | 'LessEqual'
  | 'Equal'
  | 'NotEqual'
  | 'LogicalAnd'
  | 'LogicalOr';

/** A broadcasting binary kernel from its contiguous-run loop. Comparisons and logic ops produce `bool`. */
function binaryCpu<K extends BinaryKernelName>(name: K, row: BinaryRow, outDType?: DType): Kernel<K, CpuStorage> {
  return ({ inputs, storage }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const shape = broadcastShapes(name, a.shape, b.shape);
    const dtype = outDType ?? a.dtype;
    const n = sizeOf(shape);
    const out = allocate(dtype, n);
    const av = storage.values(a);
    const bv = storage.values(b);
    // An operand with as many elements as the output is laid out like it (broadcasting only added size-1 axes), and
    // one element is a scalar: one run, without the general walk. Most calls, and all those of 2-D problems.
    if ((av.length === n || av.length === 1) && (bv.length === n || bv.length === 1)) {
      row(av, bv, out, 0, 0, 0, n, av.length === n ? 1 : 0, bv.length === n ? 1 : 0);
    } else binaryRows(shape, a.shape, b.shape, av, bv, out, row);
    return storage.write(out, shape, dtype);
  };
}

export const addCpu = binaryCpu('Add', (a, b, out, ao, bo, oo, n, as, bs) => {
  if (as === 1 && bs === 1) for (let j = 0; j < n; j++) out[oo + j] = a[ao + j] + b[bo + j];
  else for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] + b[bo + j * bs];
});

export const subCpu = binaryCpu('Sub', (a, b, out, ao, bo, oo, n, as, bs) => {
  if (as === 1 && bs === 1) for (let j = 0; j < n; j++) out[oo + j] = a[ao + j] - b[bo + j];
  else for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] - b[bo + j * bs];
});

export const mulCpu = binaryCpu('Mul', (a, b, out, ao, bo, oo, n, as, bs) => {
  if (as === 1 && bs === 1) for (let j = 0; j < n; j++) out[oo + j] = a[ao + j] * b[bo + j];
  else for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] * b[bo + j * bs];
});

export const divCpu = binaryCpu('Div', (a, b, out, ao, bo, oo, n, as, bs) => {
  // Integer division floors, as NumPy's `//` and TensorFlow.js's int32 `div` do.
  if (out instanceof Int32Array) for (let j = 0; j < n; j++) out[oo + j] = Math.floor(a[ao + j * as] / b[bo + j * bs]);
  else if (as === 1 && bs === 1) for (let j = 0; j < n; j++) out[oo + j] = a[ao + j] / b[bo + j];
  else for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] / b[bo + j * bs];
});

export const powCpu = binaryCpu('Pow', (a, b, out, ao, bo, oo, n, as, bs) => {
  for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] ** b[bo + j * bs];
});

export const maximumCpu = binaryCpu('Maximum', (a, b, out, ao, bo, oo, n, as, bs) => {
  // NaN propagates, as in NumPy's maximum.
  for (let j = 0; j < n; j++) {
    const x = a[ao + j * as];
    const y = b[bo + j * bs];
    out[oo + j] = x > y || x !== x ? x : y;
  }
});

export const minimumCpu = binaryCpu('Minimum', (a, b, out, ao, bo, oo, n, as, bs) => {
  for (let j = 0; j < n; j++) {
    const x = a[ao + j * as];
    const y = b[bo + j * bs];
    out[oo + j] = x < y || x !== x ? x : y;
  }
});

export const greaterCpu = binaryCpu(
  'Greater',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] > b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const greaterEqualCpu = binaryCpu(
  'GreaterEqual',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] >= b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const lessCpu = binaryCpu(
  'Less',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] < b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const lessEqualCpu = binaryCpu(
  'LessEqual',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] <= b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const equalCpu = binaryCpu(
  'Equal',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] === b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const notEqualCpu = binaryCpu(
  'NotEqual',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] !== b[bo + j * bs] ? 1 : 0;
  },
  'bool',
);

export const logicalAndCpu = binaryCpu(
  'LogicalAnd',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] !== 0 && b[bo + j * bs] !== 0 ? 1 : 0;
  },
  'bool',
);

export const logicalOrCpu = binaryCpu(
  'LogicalOr',
  (a, b, out, ao, bo, oo, n, as, bs) => {
    for (let j = 0; j < n; j++) out[oo + j] = a[ao + j * as] !== 0 || b[bo + j * bs] !== 0 ? 1 : 0;
  },
  'bool',
);
