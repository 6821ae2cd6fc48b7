import {
  add,
  div,
  equal,
  greater,
  less,
  log,
  mul,
  neg,
  pow,
  sqrt,
  square,
  sub,
  type Tensor,
  where,
} from '@descent/tensor';
import { sumToShape } from '../sum-to-shape.js';
import type { GradientFn } from './types.js';

// Broadcasting is undone in every rule: each cotangent is summed back to its input's shape.

/** Only the partials of inputs that depend on a differentiated input are computed (a constant gets none). */
function partials(needs: (t: Tensor) => boolean, a: Tensor, b: Tensor, da: () => Tensor, db: () => Tensor) {
  // Built field by field: object spreads cost more than the tiny kernels of 2-D problems.
  const result: { a?: Tensor; b?: Tensor } = {};
  if (needs(a)) result.a = sumToShape(da(), a.shape);
  if (needs(b)) result.b = sumToShape(db(), b.shape);
  return result;
}

export const addGradient: GradientFn<'Add'> = ({ dy, inputs: { a, b }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => dy,
    () => dy,
  );

export const subGradient: GradientFn<'Sub'> = ({ dy, inputs: { a, b }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => dy,
    () => neg(dy),
  );

export const mulGradient: GradientFn<'Mul'> = ({ dy, inputs: { a, b }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => mul(dy, b),
    () => mul(dy, a),
  );

/** d(a/b) = da/b - a·db/b². */
export const divGradient: GradientFn<'Div'> = ({ dy, inputs: { a, b }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => div(dy, b),
    () => neg(div(mul(dy, a), square(b))),
  );

/**
 * d(a^b) = b·a^(b-1)·da + a^b·log(a)·db. The exponent's term is taken as 0 where a ≤ 0 (log undefined), as
 * PyTorch does for a = 0.
 */
export const powGradient: GradientFn<'Pow'> = ({ dy, inputs: { a, b }, output, needs }) =>
  partials(
    needs,
    a,
    b,
    () => mul(dy, mul(b, pow(a, sub(b, 1)))),
    () => mul(dy, where(greater(a, 0), mul(output, log(where(greater(a, 0), a, 1))), 0)),
  );

/** The cotangent goes to the larger operand; ties split it evenly, as PyTorch. */
function selectGradient(
  dy: Tensor,
  chosenA: () => Tensor,
  tie: () => Tensor,
  a: Tensor,
  b: Tensor,
  needs: (t: Tensor) => boolean,
) {
  const half = () => mul(dy, 0.5);
  return partials(
    needs,
    a,
    b,
    () => where(tie(), half(), where(chosenA(), dy, 0)),
    () => where(tie(), half(), where(chosenA(), 0, dy)),
  );
}

export const maximumGradient: GradientFn<'Maximum'> = ({ dy, inputs: { a, b }, needs }) =>
  selectGradient(
    dy,
    () => greater(a, b),
    () => equal(a, b),
    a,
    b,
    needs,
  );

export const minimumGradient: GradientFn<'Minimum'> = ({ dy, inputs: { a, b }, needs }) =>
  selectGradient(
    dy,
    () => less(a, b),
    () => equal(a, b),
    a,
    b,
    needs,
  );

export const whereGradient: GradientFn<'Where'> = ({ dy, inputs: { condition, a, b }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => where(condition, dy, 0),
    () => where(condition, 0, dy),
  );

/** lerp = (1 − w)·a + w·b. */
export const lerpGradient: GradientFn<'Lerp'> = ({ dy, inputs: { a, b }, attrs: { weight }, needs }) =>
  partials(
    needs,
    a,
    b,
    () => mul(dy, 1 - weight),
    () => mul(dy, weight),
  );

/**
 * y = s·a / (r√b + e): ∂y/∂a = s / (r√b + e), ∂y/∂b = −y · r / (2√b · (r√b + e)).
 */
export const divSqrtGradient: GradientFn<'DivSqrt'> = ({
  dy,
  inputs: { a, b },
  attrs: { scale, rootScale, eps },
  output,
  needs,
}) =>
  partials(
    needs,
    a,
    b,
    () => div(mul(dy, scale), add(mul(sqrt(b), rootScale), eps)),
    () => neg(div(mul(mul(dy, output), rootScale), mul(mul(sqrt(b), 2), add(mul(sqrt(b), rootScale), eps)))),
  );
