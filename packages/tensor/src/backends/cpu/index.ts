import type { CoreKernelName, Kernel } from '../../backend/backend.js';
import { defineBackend } from '../../backend/define-backend.js';
import { argMaxCpu, argMinCpu } from './kernels/arg-reduce.js';
import * as binary from './kernels/binary.js';
import { divSqrtCpu, lerpCpu } from './kernels/fused.js';
import { matMulCpu } from './kernels/matmul.js';
import * as movement from './kernels/movement.js';
import { logSumExpCpu, maxCpu, minCpu, prodCpu, sumCpu } from './kernels/reduce.js';
import { logSoftmaxCpu, softmaxCpu } from './kernels/softmax.js';
import * as unary from './kernels/unary.js';
import { whereCpu } from './kernels/where.js';
import { CpuStorage } from './storage.js';

/** The reference backend implements the whole vocabulary: a missing kernel is a type error here. */
const cpuKernels: { readonly [K in CoreKernelName]: Kernel<K, CpuStorage> } = {
  Neg: unary.negCpu,
  Exp: unary.expCpu,
  Log: unary.logCpu,
  Log1p: unary.log1pCpu,
  Expm1: unary.expm1Cpu,
  Sqrt: unary.sqrtCpu,
  Square: unary.squareCpu,
  Reciprocal: unary.reciprocalCpu,
  Abs: unary.absCpu,
  Sign: unary.signCpu,
  Floor: unary.floorCpu,
  Sin: unary.sinCpu,
  Cos: unary.cosCpu,
  Tanh: unary.tanhCpu,
  Sigmoid: unary.sigmoidCpu,
  Relu: unary.reluCpu,
  Softplus: unary.softplusCpu,
  LeakyRelu: unary.leakyReluCpu,
  Cast: unary.castCpu,
  Add: binary.addCpu,
  Sub: binary.subCpu,
  Mul: binary.mulCpu,
  Div: binary.divCpu,
  Pow: binary.powCpu,
  Maximum: binary.maximumCpu,
  Minimum: binary.minimumCpu,
  Greater: binary.greaterCpu,
  GreaterEqual: binary.greaterEqualCpu,
  Less: binary.lessCpu,
  LessEqual: binary.lessEqualCpu,
  Equal: binary.equalCpu,
  NotEqual: binary.notEqualCpu,
  LogicalAnd: binary.logicalAndCpu,
  LogicalOr: binary.logicalOrCpu,
  Where: whereCpu,
  Lerp: lerpCpu,
  DivSqrt: divSqrtCpu,
  Sum: sumCpu,
  Prod: prodCpu,
  Max: maxCpu,
  Min: minCpu,
  LogSumExp: logSumExpCpu,
  ArgMax: argMaxCpu,
  ArgMin: argMinCpu,
  Softmax: softmaxCpu,
  LogSoftmax: logSoftmaxCpu,
  MatMul: matMulCpu,
  Reshape: movement.reshapeCpu,
  Transpose: movement.transposeCpu,
  BroadcastTo: movement.broadcastToCpu,
  Slice: movement.sliceCpu,
  Pad: movement.padCpu,
  Concat: movement.concatCpu,
  Gather: movement.gatherCpu,
  ScatterAdd: movement.scatterAddCpu,
  OneHot: movement.oneHotCpu,
};

/** A fresh CPU backend: the reference semantics for every kernel and every dtype. */
export function createCpuBackend() {
  return defineBackend(new CpuStorage(), cpuKernels);
}
