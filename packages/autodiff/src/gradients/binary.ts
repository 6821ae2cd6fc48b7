import { div, equal, greater, less, log, mul, neg, pow, square, sub, type Tensor, where } from '@descent/tensor';
import { sumToShape } from '../sum-to-shape.js';
import type { GradientFn } from './types.js';

// Broadcasting is undone in every rule: each cotangent is summed back to its input's shape.

export const addGradient: GradientFn<'Add'> = ({ dy, inputs: { a, b } }) => ({
  a: sumToShape(dy, a.shape),
  b: sumToShape(dy, b.shape),
});

export const subGradient: GradientFn<'Sub'> = ({ dy, inputs: { a, b } }) => ({
  a: sumToShape(dy, a.shape),
  b: sumToShape(neg(dy), b.shape),
});

export const mulGradient: GradientFn<'Mul'> = ({ dy, inputs: { a, b } }) => ({
  a: sumToShape(mul(dy, b), a.shape),
  b: sumToShape(mul(dy, a), b.shape),
});

/** d(a/b) = da/b - a·db/b². */
export const divGradient: GradientFn<'Div'> = ({ dy, inputs: { a, b } }) => ({
  a: sumToShape(div(dy, b), a.shape),
  b: sumToShape(neg(div(mul(dy, a), square(b))), b.shape),
});

/**
 * d(a^b) = b·a^(b-1)·da + a^b·log(a)·db. The exponent's term is taken as 0 where a ≤ 0 (log undefined), as
 * PyTorch does for a = 0.
 */
export const powGradient: GradientFn<'Pow'> = ({ dy, inputs: { a, b }, output }) => ({
  a: sumToShape(mul(dy, mul(b, pow(a, sub(b, 1)))), a.shape),
  b: sumToShape(mul(dy, where(greater(a, 0), mul(output, log(where(greater(a, 0), a, 1))), 0)), b.shape),
});

/** The cotangent goes to the larger operand; ties split it evenly, as PyTorch. */
function selectGradient(dy: Tensor, chosenA: Tensor, tie: Tensor, a: Tensor, b: Tensor) {
  const half = mul(dy, 0.5);
  return {
    a: sumToShape(where(tie, half, where(chosenA, dy, 0)), a.shape),
    b: sumToShape(where(tie, half, where(chosenA, 0, dy)), b.shape),
  };
}

export const maximumGradient: GradientFn<'Maximum'> = ({ dy, inputs: { a, b } }) =>
  selectGradient(dy, greater(a, b), equal(a, b), a, b);

export const minimumGradient: GradientFn<'Minimum'> = ({ dy, inputs: { a, b } }) =>
  selectGradient(dy, less(a, b), equal(a, b), a, b);

export const whereGradient: GradientFn<'Where'> = ({ dy, inputs: { condition, a, b } }) => ({
  a: sumToShape(where(condition, dy, 0), a.shape),
  b: sumToShape(where(condition, 0, dy), b.shape),
});
