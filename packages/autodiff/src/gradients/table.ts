import * as binary from './binary.js';
import { matMulGradient } from './matmul.js';
import * as movement from './movement.js';
import * as reduce from './reduce.js';
import type { GradientTable } from './types.js';
import * as unary from './unary.js';

/**
 * One rule per kernel of the vocabulary. `not-differentiable` kernels pass no cotangent on: their outputs are
 * piecewise constant (comparisons, sign, floor, argmax) or integer-valued (one-hot).
 */
export const gradients: GradientTable = {
  Neg: unary.negGradient,
  Exp: unary.expGradient,
  Log: unary.logGradient,
  Log1p: unary.log1pGradient,
  Expm1: unary.expm1Gradient,
  Sqrt: unary.sqrtGradient,
  Square: unary.squareGradient,
  Reciprocal: unary.reciprocalGradient,
  Abs: unary.absGradient,
  Sign: 'not-differentiable',
  Floor: 'not-differentiable',
  Sin: unary.sinGradient,
  Cos: unary.cosGradient,
  Tanh: unary.tanhGradient,
  Sigmoid: unary.sigmoidGradient,
  Relu: unary.reluGradient,
  Softplus: unary.softplusGradient,
  LeakyRelu: unary.leakyReluGradient,
  Cast: unary.castGradient,
  Add: binary.addGradient,
  Sub: binary.subGradient,
  Mul: binary.mulGradient,
  Div: binary.divGradient,
  Pow: binary.powGradient,
  Maximum: binary.maximumGradient,
  Minimum: binary.minimumGradient,
  Greater: 'not-differentiable',
  GreaterEqual: 'not-differentiable',
  Less: 'not-differentiable',
  LessEqual: 'not-differentiable',
  Equal: 'not-differentiable',
  NotEqual: 'not-differentiable',
  LogicalAnd: 'not-differentiable',
  LogicalOr: 'not-differentiable',
  Where: binary.whereGradient,
  Lerp: binary.lerpGradient,
  DivSqrt: binary.divSqrtGradient,
  Sum: reduce.sumGradient,
  Prod: reduce.prodGradient,
  Max: reduce.maxGradient,
  Min: reduce.minGradient,
  LogSumExp: reduce.logSumExpGradient,
  ArgMax: 'not-differentiable',
  ArgMin: 'not-differentiable',
  Softmax: reduce.softmaxGradient,
  LogSoftmax: reduce.logSoftmaxGradient,
  MatMul: matMulGradient,
  Reshape: movement.reshapeGradient,
  Transpose: movement.transposeGradient,
  BroadcastTo: movement.broadcastToGradient,
  Slice: movement.sliceGradient,
  Pad: movement.padGradient,
  Concat: movement.concatGradient,
  Gather: movement.gatherGradient,
  ScatterAdd: movement.scatterAddGradient,
  OneHot: 'not-differentiable',
};
