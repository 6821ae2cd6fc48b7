import type { Shape, TensorInfo } from '@descent/tensor';
import { sizeOf } from '@descent/tensor';
import type { KernelArgument } from '../gpujs.js';
import type { GpujsData, GpujsStorage } from '../storage.js';
import { MAX_DEVICE_ELEMENTS } from '../storage.js';
import type { ProgramCall } from './device-kernel.js';
import { type ElementwiseProgram, elementwiseSource, type OperandKind } from './elementwise.js';

/** A compiled-program identity for an element-wise program: its source is the key. */
export function elementwiseCall(
  program: ElementwiseProgram,
  tensors: readonly TensorInfo[],
  size: number,
  gl: boolean,
): ProgramCall {
  return {
    key: elementwiseSource(program, gl),
    output: [size],
    signature: tensors.map((tensor) => sizeOf(tensor.shape)).join(','),
  };
}

/** Runs an element-wise program over tensors (all float32 on this storage) and numeric arguments. */
export function runElementwise(
  storage: GpujsStorage,
  program: ElementwiseProgram,
  tensors: readonly TensorInfo[],
  numbers: readonly number[],
  shape: Shape,
): TensorInfo {
  const size = sizeOf(shape);
  const call = elementwiseCall(program, tensors, size, storage.textures);
  const args: KernelArgument[] = tensors.map((tensor) => storage.argument(tensor));
  for (const value of numbers) args.push(value);
  return storage.output(storage.programs.run(call.key, call.key, call.output, args, call.signature), shape);
}

/** Whether an output of `size` elements can be computed on the device. */
export function deviceSize(size: number): boolean {
  return size > 0 && size <= MAX_DEVICE_ELEMENTS;
}

/**
 * How a one-element operand enters a program: as a number argument when its value is on the host (no upload), as a
 * broadcast tensor read at index 0 when it lives only on the device.
 */
export function scalarOperand(tensor: TensorInfo): 'number' | OperandKind {
  return (tensor.dataId as GpujsData).values !== undefined ? 'number' : 'broadcast';
}
