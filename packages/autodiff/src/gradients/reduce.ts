import { broadcastTo, cast, div, equal, exp, mul, reshape, type Shape, sub, sum, type Tensor } from '@descent/tensor';
import type { GradientFn } from './types.js';

/** The reduced shape with size-1 axes kept, so a reduction's output broadcasts against its input again. */
function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((dim, i) => (axes.includes(i) ? 1 : dim));
}

function expand(t: Tensor, shape: Shape, axes: readonly number[]): Tensor {
  return reshape(t, keptShape(shape, axes));
}

/** Whether `axes` are the leading ones (0, 1, …): then the kept axes are trailing and align when broadcast. */
function leading(axes: readonly number[]): boolean {
  for (let i = 0; i < axes.length; i++) if (axes[i] !== i) return false;
  return true;
}

/**
 * The cotangent spread back over the summed axes. When the kept axes are already aligned with the input's (a full
 * reduction such as a loss, reduced leading axes, or `keepDims`), broadcasting needs no reshape first: one kernel.
 */
export const sumGradient: GradientFn<'Sum'> = ({ dy, inputs: { x }, attrs: { axes } }) => ({
  x: broadcastTo(dy.rank === x.rank || leading(axes) ? dy : expand(dy, x.shape, axes), x.shape),
});

/** ∂(Π x)/∂xᵢ = Π x / xᵢ. Exact for non-zero inputs; a zero input gives a non-finite cotangent. */
export const prodGradient: GradientFn<'Prod'> = ({ dy, inputs: { x }, attrs: { axes }, output }) => ({
  x: div(mul(expand(dy, x.shape, axes), expand(output, x.shape, axes)), x),
});

/** The cotangent goes to the maximal elements, split evenly among ties. */
function extremumGradient(dy: Tensor, x: Tensor, output: Tensor, axes: readonly number[]): Tensor {
  const mask = cast(equal(x, expand(output, x.shape, axes)), x.dtype);
  const ties = sum(mask, axes, { keepDims: true });
  return mul(div(expand(dy, x.shape, axes), ties), mask);
}

export const maxGradient: GradientFn<'Max'> = ({ dy, inputs: { x }, attrs: { axes }, output }) => ({
  x: extremumGradient(dy, x, output, axes),
});

export const minGradient: GradientFn<'Min'> = ({ dy, inputs: { x }, attrs: { axes }, output }) => ({
  x: extremumGradient(dy, x, output, axes),
});

/** ∂ logΣexp(x) / ∂xᵢ = softmax(x)ᵢ = exp(xᵢ - y). */
export const logSumExpGradient: GradientFn<'LogSumExp'> = ({ dy, inputs: { x }, attrs: { axes }, output }) => ({
  x: mul(expand(dy, x.shape, axes), exp(sub(x, expand(output, x.shape, axes)))),
});

/** J = diag(y) - y yᵀ, so Jᵀdy = y ⊙ (dy - ⟨dy, y⟩). */
export const softmaxGradient: GradientFn<'Softmax'> = ({ dy, attrs: { axis }, output }) => ({
  x: mul(output, sub(dy, sum(mul(dy, output), axis, { keepDims: true }))),
});

/** J = I - 1 softmaxᵀ, so Jᵀdy = dy - softmax ⊙ Σdy. */
export const logSoftmaxGradient: GradientFn<'LogSoftmax'> = ({ dy, attrs: { axis }, output }) => ({
  x: sub(dy, mul(exp(output), sum(dy, axis, { keepDims: true }))),
});
