import type { KernelAttrs, KernelInputs, KernelName, TensorInfo } from '@descent/tensor';
import type { GpujsStorage } from '../storage.js';

/** The work an op does, in the units of the cost model. */
export type Work =
  | { readonly kind: 'matmul'; readonly flops: number }
  | { readonly kind: 'elementwise'; readonly elements: number; readonly steps: number }
  | { readonly kind: 'reduce'; readonly elements: number }
  | { readonly kind: 'free' };

/**
 * A gpu.js implementation of one kernel. `covers` says whether it handles these inputs (float32 data, supported
 * shapes); when it does not, the backend runs the CPU reference on host values instead.
 */
export interface DeviceKernel<K extends KernelName> {
  covers(inputs: KernelInputs<K>, attrs: KernelAttrs<K>, storage: GpujsStorage): boolean;
  run(inputs: KernelInputs<K>, attrs: KernelAttrs<K>, storage: GpujsStorage): TensorInfo;
  /** What running it costs, for `auto`. */
  work(inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Work;
  /** The compiled-kernel identity of a call, to tell whether it would compile first. */
  program(inputs: KernelInputs<K>, attrs: KernelAttrs<K>, storage: GpujsStorage): ProgramCall;
}

/** A kernel-cache key, its output size and its argument-size signature. */
export interface ProgramCall {
  readonly key: string;
  readonly output: readonly number[];
  readonly signature: string;
}
