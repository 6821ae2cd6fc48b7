import type { Work } from '../kernels/device-kernel.js';
import type { PathFigures } from './probe.js';

/** A prediction for running one op on one path, in milliseconds, with its parts. */
export interface Prediction {
  readonly totalMs: number;
  readonly callMs: number;
  readonly computeMs: number;
  readonly transferMs: number;
  /** The compile cost charged to this call: the first call's compile time divided by the calls seen so far. */
  readonly compileMs: number;
}

/**
 * Predicts an op's time on a path from the probe's figures: the fixed call cost, compute from the measured
 * throughput (matmul in flops, element-wise and reductions per element), moving inputs that live on the other
 * path, and the compile cost when the kernel is not compiled for these sizes yet.
 *
 * A compile is paid once but saves time on every later call, so its cost is spread over the calls of that
 * kernel-and-size seen so far (`seen`, counting this one), as in ski rental: an op that recurs (a training loop)
 * moves to the faster path after a few calls, while a one-off op never pays a compile it cannot earn back.
 */
export function predict(
  figures: PathFigures,
  work: Work,
  bytesToMove: number,
  compiled: boolean,
  seen: number,
): Prediction {
  let computeMs = 0;
  switch (work.kind) {
    case 'matmul':
      computeMs = work.flops / (figures.matmulGflops * 1e6);
      break;
    case 'elementwise':
      computeMs = (work.elements * figures.elementwiseNsPerElement * work.steps) / 1e6;
      break;
    case 'reduce':
      computeMs = (work.elements * figures.elementwiseNsPerElement) / 1e6;
      break;
    case 'free':
      break;
  }
  const transferMs = (bytesToMove * figures.transferNsPerByte) / 1e6;
  const compileMs = compiled ? 0 : figures.compileMs / Math.max(1, seen);
  const callMs = work.kind === 'free' ? 0 : figures.callMs;
  return { totalMs: callMs + computeMs + transferMs + compileMs, callMs, computeMs, transferMs, compileMs };
}
