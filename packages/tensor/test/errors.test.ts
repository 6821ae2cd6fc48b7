// Typed errors for the bad inputs a user would make. Each row checks the error class and that the message starts
// with the function's name and mentions what it was given (DESIGN.md, "Errors and bad input").

import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import {
  add,
  arange,
  argmax,
  broadcastTo,
  cast,
  concat,
  DescentError,
  DTypeError,
  div,
  equal,
  exp,
  expandDims,
  eye,
  full,
  gather,
  leakyRelu,
  linspace,
  logicalAnd,
  logSoftmax,
  matmul,
  max,
  mean,
  neg,
  oneHot,
  ones,
  onesLike,
  pad,
  reshape,
  ShapeError,
  scalar,
  scatterAdd,
  setBackend,
  slice,
  softmax,
  squeeze,
  stack,
  sum,
  type Tensor,
  tensor,
  transpose,
  ValueError,
  where,
  zeros,
  zerosLike,
} from '../src/index.js';

type ErrorClass = typeof ShapeError | typeof DTypeError | typeof ValueError;

interface BadInput {
  /** What the user did wrong. */
  readonly what: string;
  readonly call: () => unknown;
  readonly error: ErrorClass;
  /** The function the message must start with. */
  readonly fn: string;
  /** Fragments of what the function got (and expected) that the message must contain. */
  readonly mentions: readonly string[];
}

const f32 = (shape: number[]) => zeros(shape);
const f64 = (shape: number[]) => zeros(shape, { dtype: 'float64' });
const i32 = (values: number[]) => tensor(values, { dtype: 'int32' });
const bool = (shape: number[]) => zeros(shape, { dtype: 'bool' });

const BAD_INPUTS: readonly BadInput[] = [
  // ---- Mismatched shapes ----
  {
    what: 'matmul with differing inner dimensions',
    call: () => matmul(f32([2, 3]), f32([4, 5])),
    error: ShapeError,
    fn: 'matmul',
    mentions: ['inner dimensions differ, [2,3] x [4,5]'],
  },
  {
    what: 'matmul with a transposed operand whose inner dimension differs',
    call: () => matmul(f32([2, 3]), f32([4, 5]), { transposeA: true }),
    error: ShapeError,
    fn: 'matmul',
    mentions: ['[2,3]', '[4,5]'],
  },
  {
    what: 'matmul with batch dimensions that do not broadcast',
    call: () => matmul(f32([2, 2, 3]), f32([3, 3, 4])),
    error: ShapeError,
    fn: 'matmul',
    mentions: ['[2]', '[3]'],
  },
  {
    what: 'matmul of a scalar',
    call: () => matmul(scalar(1), f32([2])),
    error: ShapeError,
    fn: 'matmul',
    mentions: ['[] x [2]'],
  },
  {
    what: 'add of shapes that do not broadcast',
    call: () => add(f32([2, 3]), f32([4])),
    error: ShapeError,
    fn: 'add',
    mentions: ['[2,3]', '[4]', 'broadcast'],
  },
  {
    what: 'div of shapes that do not broadcast (zero against two)',
    call: () => div(f32([0]), f32([2])),
    error: ShapeError,
    fn: 'div',
    mentions: ['[0]', '[2]'],
  },
  {
    what: 'a comparison of shapes that do not broadcast',
    call: () => equal(f32([3]), f32([2])),
    error: ShapeError,
    fn: 'equal',
    mentions: ['[3]', '[2]'],
  },
  {
    what: 'logicalAnd of shapes that do not broadcast',
    call: () => logicalAnd(bool([3]), bool([2])),
    error: ShapeError,
    fn: 'logicalAnd',
    mentions: ['[3]', '[2]'],
  },
  {
    what: 'where with operands that do not broadcast',
    call: () => where(bool([2]), f32([3]), f32([2])),
    error: ShapeError,
    fn: 'where',
    mentions: ['[2]', '[3]'],
  },
  {
    what: 'concat of tensors that differ off the axis',
    call: () => concat([f32([2, 3]), f32([2, 4])], 0),
    error: ShapeError,
    fn: 'concat',
    mentions: ['[2,4]', '[2,3]', 'axis 0'],
  },
  {
    what: 'concat of scalars',
    call: () => concat([scalar(1), scalar(2)]),
    error: ShapeError,
    fn: 'concat',
    mentions: ['scalars'],
  },
  {
    what: 'stack of tensors with different shapes',
    call: () => stack([f32([2]), f32([3])]),
    error: ShapeError,
    fn: 'stack',
    mentions: ['[3]', '[2]'],
  },
  {
    what: 'reshape to a different number of elements',
    call: () => reshape(f32([2, 3]), [4, 2]),
    error: ShapeError,
    fn: 'reshape',
    mentions: ['[2,3]', '[4,2]', '6 elements'],
  },
  {
    what: 'reshape with -1 that cannot be inferred',
    call: () => reshape(f32([2, 3]), [4, -1]),
    error: ShapeError,
    fn: 'reshape',
    mentions: ['[4,-1]', '6 elements'],
  },
  {
    what: 'reshape with two -1 sizes',
    call: () => reshape(f32([2, 3]), [-1, -1]),
    error: ShapeError,
    fn: 'reshape',
    mentions: ['[-1,-1]'],
  },
  {
    what: 'broadcastTo a shape the tensor does not broadcast to',
    call: () => broadcastTo(f32([2, 3]), [3, 3]),
    error: ShapeError,
    fn: 'broadcastTo',
    mentions: ['[2,3]', '[3,3]'],
  },
  {
    what: 'broadcastTo a lower rank',
    call: () => broadcastTo(f32([2, 3]), [3]),
    error: ShapeError,
    fn: 'broadcastTo',
    mentions: ['[2,3]', '[3]'],
  },
  {
    what: 'scatterAdd with updates of the wrong shape',
    call: () => scatterAdd(f32([3]), [0, 1], [3]),
    error: ShapeError,
    fn: 'scatterAdd',
    mentions: ['[3]', '[2]'],
  },
  {
    what: 'scatterAdd into a scalar shape',
    call: () => scatterAdd(f32([2]), [0, 0], [], 0),
    error: ShapeError,
    fn: 'scatterAdd',
    mentions: ['scalar'],
  },
  {
    what: 'tensor whose data does not fill the shape',
    call: () => tensor([1, 2, 3], { shape: [2, 2] }),
    error: ShapeError,
    fn: 'tensor',
    mentions: ['3 values', '[2,2]'],
  },
  {
    what: 'tensor whose nested data has another shape',
    call: () =>
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { shape: [4, 1] },
      ),
    error: ShapeError,
    fn: 'tensor',
    mentions: ['[2,2]', '[4,1]'],
  },
  {
    what: 'slice past the end',
    call: () => slice(f32([2, 3]), [1, 0], [2, 3]),
    error: ShapeError,
    fn: 'slice',
    mentions: ['[1,0]', '[2,3]', 'axis 0'],
  },
  {
    what: 'slice with more entries than the rank',
    call: () => slice(f32([2, 3]), [0, 0, 0]),
    error: ShapeError,
    fn: 'slice',
    mentions: ['rank 2', '[2,3]'],
  },
  {
    what: 'pad with the wrong number of pairs',
    call: () => pad(f32([2, 3]), [[0, 1]]),
    error: ShapeError,
    fn: 'pad',
    mentions: ['1 [before, after] pairs', 'rank 2'],
  },
  {
    what: 'softmax of a scalar',
    call: () => softmax(scalar(3), 0),
    error: ShapeError,
    fn: 'softmax',
    mentions: ['scalar'],
  },
  {
    what: 'gather from a scalar',
    call: () => gather(scalar(1), [0]),
    error: ShapeError,
    fn: 'gather',
    mentions: ['scalar'],
  },
  {
    what: 'max over an empty axis',
    call: () => max(f32([0, 2]), 0),
    error: ShapeError,
    fn: 'max',
    mentions: ['axis 0', 'size 0', '[0,2]'],
  },
  {
    what: 'argmax of an empty tensor',
    call: () => argmax(f32([0])),
    error: ShapeError,
    fn: 'argmax',
    mentions: ['size 0', '[0]'],
  },

  // ---- Wrong dtype ----
  {
    what: 'add of float32 and float64',
    call: () => add(f32([2]), f64([2])),
    error: DTypeError,
    fn: 'add',
    mentions: ['float32', 'float64'],
  },
  {
    what: 'matmul of float32 and float64',
    call: () => matmul(f32([2, 3]), f64([3, 4])),
    error: DTypeError,
    fn: 'matmul',
    mentions: ['float32', 'float64'],
  },
  {
    what: 'add of bool tensors',
    call: () => add(bool([2]), bool([2])),
    error: DTypeError,
    fn: 'add',
    mentions: ['bool'],
  },
  {
    what: 'exp of int32',
    call: () => exp(i32([1, 2])),
    error: DTypeError,
    fn: 'exp',
    mentions: ['int32', 'float32 or float64'],
  },
  {
    what: 'neg of bool',
    call: () => neg(bool([1])),
    error: DTypeError,
    fn: 'neg',
    mentions: ['bool'],
  },
  {
    what: 'mean of int32',
    call: () => mean(i32([1, 2])),
    error: DTypeError,
    fn: 'mean',
    mentions: ['int32'],
  },
  {
    what: 'softmax of int32',
    call: () => softmax(i32([1, 2])),
    error: DTypeError,
    fn: 'softmax',
    mentions: ['int32'],
  },
  {
    what: 'leakyRelu of int32',
    call: () => leakyRelu(i32([1])),
    error: DTypeError,
    fn: 'leakyRelu',
    mentions: ['int32'],
  },
  {
    what: 'max of bool',
    call: () => max(bool([2])),
    error: DTypeError,
    fn: 'max',
    mentions: ['bool'],
  },
  {
    what: 'where with a float condition',
    call: () => where(f32([2]), f32([2]), f32([2])),
    error: DTypeError,
    fn: 'where',
    mentions: ['condition', 'float32'],
  },
  {
    what: 'where with operands of different dtypes',
    call: () => where(bool([2]), f32([2]), f64([2])),
    error: DTypeError,
    fn: 'where',
    mentions: ['float32', 'float64'],
  },
  {
    what: 'logicalAnd of float tensors',
    call: () => logicalAnd(f32([2]), f32([2])),
    error: DTypeError,
    fn: 'logicalAnd',
    mentions: ['bool', 'float32'],
  },
  {
    what: 'concat of float32 and float64',
    call: () => concat([f32([2]), f64([2])]),
    error: DTypeError,
    fn: 'concat',
    mentions: ['tensors[1]', 'float64', 'float32'],
  },
  {
    what: 'gather with float indices',
    call: () => gather(f32([3]), f32([1])),
    error: DTypeError,
    fn: 'gather',
    mentions: ['int32', 'float32'],
  },
  {
    what: 'oneHot of float indices',
    call: () => oneHot(f32([1]), 3),
    error: DTypeError,
    fn: 'oneHot',
    mentions: ['int32', 'float32'],
  },
  {
    what: 'cast to an unknown dtype',
    call: () => cast(f32([1]), 'float16' as never),
    error: DTypeError,
    fn: 'cast',
    mentions: ['"float16"', 'float32, float64, int32, bool'],
  },
  {
    what: 'tensor with an unknown dtype',
    call: () => tensor([1], { dtype: 'float16' as never }),
    error: DTypeError,
    fn: 'tensor',
    mentions: ['"float16"'],
  },
  {
    what: 'full with an unknown dtype',
    call: () => full([1], 1, { dtype: 'half' as never }),
    error: DTypeError,
    fn: 'full',
    mentions: ['"half"'],
  },

  // ---- Bad axis ----
  {
    what: 'sum over an axis past the rank',
    call: () => sum(f32([2, 3]), 2),
    error: ShapeError,
    fn: 'sum',
    mentions: ['axis 2', 'rank 2'],
  },
  {
    what: 'sum over a negative axis past the rank',
    call: () => sum(f32([2, 3]), -3),
    error: ShapeError,
    fn: 'sum',
    mentions: ['axis -3', 'rank 2'],
  },
  {
    what: 'sum over a fractional axis',
    call: () => sum(f32([2, 3]), 1.5),
    error: ValueError,
    fn: 'sum',
    mentions: ['1.5'],
  },
  {
    what: 'sum over the same axis twice',
    call: () => sum(f32([2, 3]), [0, -2]),
    error: ShapeError,
    fn: 'sum',
    mentions: ['repeated axis', '[0,-2]'],
  },
  {
    what: 'argmax over an axis past the rank',
    call: () => argmax(f32([2, 3]), 2),
    error: ShapeError,
    fn: 'argmax',
    mentions: ['axis 2', 'rank 2'],
  },
  {
    what: 'softmax over an axis past the rank',
    call: () => logSoftmax(f32([2, 3]), 2),
    error: ShapeError,
    fn: 'logSoftmax',
    mentions: ['axis 2', 'rank 2'],
  },
  {
    what: 'concat along an axis past the rank',
    call: () => concat([f32([2, 3]), f32([2, 3])], 2),
    error: ShapeError,
    fn: 'concat',
    mentions: ['axis 2', 'rank 2'],
  },
  {
    what: 'stack along an axis past the new rank',
    call: () => stack([f32([2]), f32([2])], 2),
    error: ShapeError,
    fn: 'stack',
    mentions: ['axis 2'],
  },
  {
    what: 'gather along an axis past the rank',
    call: () => gather(f32([3]), [0], 1),
    error: ShapeError,
    fn: 'gather',
    mentions: ['axis 1', 'rank 1'],
  },
  {
    what: 'expandDims past the new rank',
    call: () => expandDims(f32([2, 3]), 4),
    error: ShapeError,
    fn: 'expandDims',
    mentions: ['axis 4'],
  },
  {
    what: 'expandDims at a fractional axis',
    call: () => expandDims(f32([2, 3]), 0.5),
    error: ValueError,
    fn: 'expandDims',
    mentions: ['0.5'],
  },
  {
    what: 'squeeze of an axis that is not size 1',
    call: () => squeeze(f32([2, 3]), 0),
    error: ShapeError,
    fn: 'squeeze',
    mentions: ['axis 0', 'size 2', '[2,3]'],
  },
  {
    what: 'squeeze of an axis of a scalar',
    call: () => squeeze(scalar(1), 0),
    error: ShapeError,
    fn: 'squeeze',
    mentions: ['axis 0', 'rank 0'],
  },
  {
    what: 'squeeze of the same axis twice',
    call: () => squeeze(f32([1, 2]), [0, -2]),
    error: ShapeError,
    fn: 'squeeze',
    mentions: ['repeated axis'],
  },
  {
    what: 'transpose with a repeated axis',
    call: () => transpose(f32([2, 3]), [0, 0]),
    error: ShapeError,
    fn: 'transpose',
    mentions: ['[0,0]', '[2,3]'],
  },
  {
    what: 'transpose with too few axes',
    call: () => transpose(f32([2, 3]), [0]),
    error: ShapeError,
    fn: 'transpose',
    mentions: ['[0]', '2 axes'],
  },

  // ---- Negative or fractional sizes ----
  {
    what: 'full with a negative size',
    call: () => full([-1], 2),
    error: ShapeError,
    fn: 'full',
    mentions: ['[-1]'],
  },
  {
    what: 'eye of a negative size',
    call: () => eye(-1),
    error: ShapeError,
    fn: 'eye',
    mentions: ['-1'],
  },
  {
    what: 'eye with negative columns',
    call: () => eye(2, { columns: -3 }),
    error: ShapeError,
    fn: 'eye',
    mentions: ['-3'],
  },
  {
    what: 'reshape to a negative size other than -1',
    call: () => reshape(f32([2, 3]), [-2, 3]),
    error: ShapeError,
    fn: 'reshape',
    mentions: ['[-2,3]'],
  },
  {
    what: 'tensor with a negative shape',
    call: () => tensor([1, 2], { shape: [-2, -1] }),
    error: ShapeError,
    fn: 'tensor',
    mentions: ['[-2,-1]'],
  },
  {
    what: 'slice with a negative size',
    call: () => slice(f32([2, 3]), [0, 0], [-2, 1]),
    error: ShapeError,
    fn: 'slice',
    mentions: ['[-2,1]'],
  },
  {
    what: 'slice with a negative begin',
    call: () => slice(f32([2, 3]), [-1, 0]),
    error: ShapeError,
    fn: 'slice',
    mentions: ['[-1,0]'],
  },
  {
    what: 'pad with a negative amount',
    call: () =>
      pad(f32([2, 3]), [
        [0, -1],
        [0, 0],
      ]),
    error: ValueError,
    fn: 'pad',
    mentions: ['[0,-1]'],
  },
  {
    what: 'broadcastTo a negative size',
    call: () => broadcastTo(f32([3]), [-2, 3]),
    error: ShapeError,
    fn: 'broadcastTo',
    mentions: ['[-2,3]'],
  },
  {
    what: 'scatterAdd into a negative shape',
    call: () => scatterAdd(f32([1]), [0], [-3]),
    error: ShapeError,
    fn: 'scatterAdd',
    mentions: ['[-3]'],
  },
  {
    what: 'linspace with a negative count',
    call: () => linspace(0, 1, -1),
    error: ValueError,
    fn: 'linspace',
    mentions: ['-1'],
  },
  {
    what: 'oneHot with depth 0',
    call: () => oneHot(i32([0]), 0),
    error: ValueError,
    fn: 'oneHot',
    mentions: ['depth', '0'],
  },

  // ---- Non-integer and out-of-range indices ----
  {
    what: 'gather at a fractional index',
    call: () => gather(f32([3]), [0.5]),
    error: ValueError,
    fn: 'gather',
    mentions: ['indices[0] = 0.5'],
  },
  {
    what: 'gather at NaN',
    call: () => gather(f32([3]), [0, Number.NaN]),
    error: ValueError,
    fn: 'gather',
    mentions: ['indices[1] = NaN'],
  },
  {
    what: 'scatterAdd at a fractional index',
    call: () => scatterAdd(f32([1]), [1.2], [3]),
    error: ValueError,
    fn: 'scatterAdd',
    mentions: ['1.2'],
  },
  {
    what: 'gather past the end',
    call: () => gather(f32([3]), [0, 3]),
    error: ValueError,
    fn: 'gather',
    mentions: ['index 3', '[0, 3)', 'axis 0'],
  },
  {
    what: 'gather at a negative index',
    call: () => gather(f32([2, 3]), i32([-1]), 1),
    error: ValueError,
    fn: 'gather',
    mentions: ['index -1', '[0, 3)', 'axis 1'],
  },
  {
    what: 'scatterAdd past the end',
    call: () => scatterAdd(f32([2]), [0, 5], [3]),
    error: ValueError,
    fn: 'scatterAdd',
    mentions: ['index 5', '[0, 3)'],
  },
  {
    what: 'oneHot of an index past the depth',
    call: () => oneHot(i32([0, 3]), 3),
    error: ValueError,
    fn: 'oneHot',
    mentions: ['index 3', '[0, 3)'],
  },
  {
    what: 'oneHot of a negative index',
    call: () => oneHot(i32([-1]), 3),
    error: ValueError,
    fn: 'oneHot',
    mentions: ['index -1'],
  },

  // ---- Ragged and malformed nested arrays ----
  {
    what: 'a ragged nested array',
    call: () => tensor([[1, 2], [3]]),
    error: ShapeError,
    fn: 'tensor',
    mentions: ['ragged', '[1]', 'length 1', 'length 2'],
  },
  {
    what: 'a nested array ragged two levels down',
    call: () =>
      tensor([
        [[1], [2]],
        [[3], 4],
      ] as never),
    error: ShapeError,
    fn: 'tensor',
    mentions: ['ragged', '[1][1]'],
  },
  {
    what: 'a string among the numbers',
    call: () => tensor([1, 'a'] as never),
    error: ValueError,
    fn: 'tensor',
    mentions: ['[1]', 'string'],
  },
  {
    what: 'a typed array of an unsupported kind',
    call: () => tensor(new Int16Array(2) as never),
    error: ValueError,
    fn: 'tensor',
    mentions: ['Float32Array'],
  },

  // ---- Values and arguments of the wrong kind ----
  {
    what: 'a plain array where a tensor is needed',
    call: () => add([1, 2] as never, 1),
    error: ValueError,
    fn: 'add',
    mentions: ['an array', 'tensor(...)'],
  },
  {
    what: 'undefined where a tensor is needed',
    call: () => exp(undefined as never),
    error: ValueError,
    fn: 'exp',
    mentions: ['undefined'],
  },
  {
    what: 'an empty list to concat',
    call: () => concat([]),
    error: ValueError,
    fn: 'concat',
    mentions: ['non-empty'],
  },
  {
    what: 'arange with step 0',
    call: () => arange(0, 1, 0),
    error: ValueError,
    fn: 'arange',
    mentions: ['step'],
  },
  {
    what: 'arange to infinity',
    call: () => arange(0, Number.POSITIVE_INFINITY),
    error: ValueError,
    fn: 'arange',
    mentions: ['stop', 'Infinity'],
  },
  {
    what: 'linspace from NaN',
    call: () => linspace(Number.NaN, 1, 3),
    error: ValueError,
    fn: 'linspace',
    mentions: ['NaN'],
  },
  {
    what: 'leakyRelu with a NaN slope',
    call: () => leakyRelu(f32([1]), { alpha: Number.NaN }),
    error: ValueError,
    fn: 'leakyRelu',
    mentions: ['alpha', 'NaN'],
  },
  {
    what: 'pad with paddings that are not an array',
    call: () => pad(f32([2]), 3 as never),
    error: ShapeError,
    fn: 'pad',
    mentions: ['3 [before, after] pairs', 'rank 1'],
  },
  {
    what: 'pad with a pair of three numbers',
    call: () => pad(f32([2]), [[0, 1, 2]] as never),
    error: ValueError,
    fn: 'pad',
    mentions: ['[0,1,2]'],
  },
  {
    what: 'onesLike of an array',
    call: () => onesLike([1, 2] as never),
    error: ValueError,
    fn: 'onesLike',
    mentions: ['an array'],
  },
  {
    what: 'zerosLike of a number',
    call: () => zerosLike(3 as never),
    error: ValueError,
    fn: 'zerosLike',
    mentions: ['number 3'],
  },
  {
    what: 'pad with a NaN fill value',
    call: () => pad(f32([1]), [[0, 1]], { value: Number.NaN }),
    error: ValueError,
    fn: 'pad',
    mentions: ['NaN'],
  },
  {
    what: 'item of a tensor with several elements',
    call: () => f32([2, 3]).item(),
    error: ValueError,
    fn: 'item',
    mentions: ['[2,3]'],
  },
  {
    what: 'an unknown backend',
    call: () => setBackend('tpu'),
    error: ValueError,
    fn: 'setBackend',
    mentions: ['"tpu"', 'cpu'],
  },
];

describe('typed errors for bad inputs', () => {
  it.each(BAD_INPUTS)('$what', ({ call, error, fn, mentions }) => {
    let thrown: unknown;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, 'it should throw').toBeInstanceOf(error);
    expect(thrown).toBeInstanceOf(DescentError);
    const { message, name } = thrown as Error;
    expect(name).toBe(error.name);
    expect(message.startsWith(`${fn}: `), `"${message}" should start with "${fn}: "`).toBe(true);
    for (const fragment of mentions) expect(message).toContain(fragment);
  });

  it('the matmul message is exactly the one DESIGN.md promises', () => {
    expect(() => matmul(f32([2, 3]), f32([4, 5]))).toThrow(
      new ShapeError('matmul: inner dimensions differ, [2,3] x [4,5]'),
    );
  });

  it('every error class is exported and extends DescentError and Error', () => {
    const exported: Record<string, unknown> = { ...api };
    for (const cls of [ShapeError, DTypeError, ValueError]) {
      const error = new cls('x: y');
      expect(error).toBeInstanceOf(DescentError);
      expect(error).toBeInstanceOf(Error);
      expect(exported[cls.name]).toBe(cls);
    }
  });

  // zeros, ones and the *Like functions delegate to full, and the message names full instead of the function the
  // user called. Flip to `it` when creation/fill.ts names its caller.
  it('zeros and ones name themselves in shape errors', () => {
    expect(() => zeros([-1])).toThrow(/^zeros: /);
    expect(() => ones([1.5])).toThrow(/^ones: /);
  });
});

describe('reading or using a disposed tensor', () => {
  const disposed = (): Tensor => {
    const t = tensor([1, 2]);
    t.dispose();
    return t;
  };

  it.each([
    ['dataSync', (t: Tensor) => t.dataSync()],
    ['data', (t: Tensor) => t.data()],
    ['toArray', (t: Tensor) => t.toArray()],
  ])('%s throws a ValueError naming the tensor', (_name, read) => {
    expect(() => read(disposed())).toThrow(ValueError);
    expect(() => read(disposed())).toThrow(/was disposed/);
  });

  it('item of a disposed scalar throws, while toString still describes it', () => {
    const t = scalar(3);
    t.dispose();
    expect(() => t.item()).toThrow(/^dataSync: tensor #\d+ \(shape \[\]\) was disposed/);
    expect(t.toString()).toBe('Tensor(disposed, shape=[], dtype=float32)');
    expect(t.isDisposed).toBe(true);
  });

  it.each([
    ['add', (t: Tensor) => add(t, 1)],
    ['exp', (t: Tensor) => exp(t)],
    ['matmul', (t: Tensor) => matmul(t, t)],
    ['concat', (t: Tensor) => concat([tensor([0]), t])],
    ['reshape', (t: Tensor) => reshape(t, [2, 1])],
    ['sum', (t: Tensor) => sum(t)],
  ])('%s of a disposed tensor throws a ValueError that names %s', (name, use) => {
    expect(() => use(disposed())).toThrow(ValueError);
    expect(() => use(disposed())).toThrow(new RegExp(`^${name}: tensor #\\d+ \\(shape \\[2\\]\\) was disposed`));
  });
});
