import { opScope, runKernel } from '../backend/engine.js';
import { tensor } from '../creation/tensor.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { assertShape, formatShape, normalizeAxis, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { assertTensor } from './validate.js';

function indexTensor(fn: string, indices: Tensor | readonly number[]): Tensor {
  if (indices instanceof Tensor) {
    if (indices.dtype !== 'int32') throw new DTypeError(`${fn}: indices must be int32, got ${indices.dtype}`);
    return indices;
  }
  if (!Array.isArray(indices)) throw new ValueError(`${fn}: indices must be an int32 tensor or an array of integers`);
  for (const [i, index] of indices.entries()) {
    if (!Number.isInteger(index)) throw new ValueError(`${fn}: indices[${i}] = ${index} is not an integer`);
  }
  return tensor(indices as number[], { dtype: 'int32' });
}

function checkRange(fn: string, indices: Tensor, length: number, axis: number): void {
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] >= length) {
      throw new ValueError(`${fn}: index ${values[i]} is out of range [0, ${length}) along axis ${axis}`);
    }
  }
}

/**
 * Slices of `x` along `axis` at `indices` (int32): the result has shape x[:axis] + indices.shape + x[axis+1:].
 * @example gather(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]) // → [[5, 6], [1, 2]]
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  // An array of indices becomes a tensor that must not outlive the op.
  return indices instanceof Tensor ? gatherAlong(x, indices, axis) : opScope(() => gatherAlong(x, indices, axis));
}

function gatherAlong(x: Tensor, indices: Tensor | readonly number[], axis: number): Tensor {
  assertTensor('gather', x);
  if (x.shape.length === 0) throw new ShapeError('gather: cannot gather from a scalar');
  const at = normalizeAxis('gather', axis, x.shape.length);
  const index = indexTensor('gather', indices);
  checkRange('gather', index, x.shape[at], at);
  return runKernel('Gather', { x, indices: index }, { axis: at });
}

/**
 * The adjoint of `gather`: zeros of `shape` with each slice of `updates` added at its index along `axis`
 * (repeated indices accumulate). Gather's gradient rule is built on it.
 */
export function scatterAdd(updates: Tensor, indices: Tensor | readonly number[], shape: Shape, axis = 0): Tensor {
  return indices instanceof Tensor
    ? scatterAlong(updates, indices, shape, axis)
    : opScope(() => scatterAlong(updates, indices, shape, axis));
}

function scatterAlong(updates: Tensor, indices: Tensor | readonly number[], shape: Shape, axis: number): Tensor {
  assertTensor('scatterAdd', updates, 'updates');
  const target = assertShape('scatterAdd', shape);
  if (target.length === 0) throw new ShapeError('scatterAdd: cannot scatter into a scalar (shape [])');
  const at = normalizeAxis('scatterAdd', axis, target.length);
  const index = indexTensor('scatterAdd', indices);
  const expected = [...target.slice(0, at), ...index.shape, ...target.slice(at + 1)];
  if (formatShape(expected) !== formatShape(updates.shape)) {
    throw new ShapeError(
      `scatterAdd: updates have shape ${formatShape(updates.shape)}, expected ${formatShape(expected)}`,
    );
  }
  checkRange('scatterAdd', index, target[at], at);
  return runKernel('ScatterAdd', { updates, indices: index }, { axis: at, shape: [...target] });
}
