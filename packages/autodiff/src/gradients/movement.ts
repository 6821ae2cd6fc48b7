import { gather, pad, reshape, scatterAdd, slice, transpose } from '@descent/tensor';
import { sumToShape } from '../sum-to-shape.js';
import type { GradientFn } from './types.js';

export const reshapeGradient: GradientFn<'Reshape'> = ({ dy, inputs: { x } }) => ({ x: reshape(dy, x.shape) });

/** The inverse permutation puts every axis back. */
export const transposeGradient: GradientFn<'Transpose'> = ({ dy, attrs: { perm } }) => {
  const inverse = new Array<number>(perm.length);
  perm.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return { x: transpose(dy, inverse) };
};

export const broadcastToGradient: GradientFn<'BroadcastTo'> = ({ dy, inputs: { x } }) => ({
  x: sumToShape(dy, x.shape),
});

/** The slice's cotangent, zero-padded back to the input's shape. */
export const sliceGradient: GradientFn<'Slice'> = ({ dy, inputs: { x }, attrs: { begin, size } }) => {
  const paddings = new Array<readonly [number, number]>(x.shape.length);
  for (let i = 0; i < paddings.length; i++) paddings[i] = [begin[i], x.shape[i] - begin[i] - size[i]];
  return { x: pad(dy, paddings) };
};

export const padGradient: GradientFn<'Pad'> = ({ dy, inputs: { x }, attrs: { paddings } }) => ({
  x: slice(
    dy,
    paddings.map(([before]) => before),
    x.shape,
  ),
});

/** Each input gets its own stretch of the cotangent along the axis. */
export const concatGradient: GradientFn<'Concat'> = ({ dy, inputs: { tensors }, attrs: { axis } }) => {
  let offset = 0;
  return {
    tensors: tensors.map((t) => {
      const begin = dy.shape.map((_, i) => (i === axis ? offset : 0));
      offset += t.shape[axis];
      return slice(dy, begin, t.shape);
    }),
  };
};

export const gatherGradient: GradientFn<'Gather'> = ({ dy, inputs: { x, indices }, attrs: { axis } }) => ({
  x: scatterAdd(dy, indices, x.shape, axis),
});

export const scatterAddGradient: GradientFn<'ScatterAdd'> = ({ dy, inputs: { indices }, attrs: { axis } }) => ({
  updates: gather(dy, indices, axis),
});
