import type { KernelInputs, Shape, TensorInfo } from '@descent/tensor';
import { broadcastShapes, sizeOf } from '@descent/tensor';
import type { GpujsData, GpujsStorage } from '../storage.js';
import type { DeviceKernel } from './device-kernel.js';
import type { BinaryOp, ElementwiseProgram, Step } from './elementwise.js';
import { deviceSize, elementwiseCall, runElementwise } from './run-elementwise.js';

type BinaryInputs = { readonly a: TensorInfo; readonly b: TensorInfo };

/**
 * A binary op's device program for operands of equal size or one-element operands broadcast to the other's shape.
 * General broadcasting (`[m, n] + [n]`) is left to the CPU reference.
 */
interface Plan {
  readonly program: ElementwiseProgram;
  readonly tensors: readonly TensorInfo[];
  readonly numbers: readonly number[];
  readonly shape: Shape;
}

function plan(op: BinaryOp, a: TensorInfo, b: TensorInfo): Plan | undefined {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const size = sizeOf(shape);
  if (!deviceSize(size)) return undefined;
  const tensors: TensorInfo[] = [];
  const numbers: number[] = [];
  const operands: ('full' | 'broadcast')[] = [];
  const steps: Step[] = [];
  for (const operand of [a, b]) {
    const operandSize = sizeOf(operand.shape);
    if (operandSize !== size && operandSize !== 1) return undefined;
    const values = (operand.dataId as GpujsData).values;
    if (operandSize === 1 && size > 1 && values !== undefined) {
      // A host scalar goes in as a number argument: no upload, and one compiled kernel for every value.
      steps.push({ kind: 'number', index: numbers.length });
      numbers.push(values[0]);
    } else {
      steps.push({ kind: 'tensor', index: tensors.length });
      operands.push(operandSize === size ? 'full' : 'broadcast');
      tensors.push(operand);
    }
  }
  steps.push({ kind: 'binary', op, a: 0, b: 1 });
  return { program: { operands, numbers: numbers.length, steps }, tensors, numbers, shape };
}

/** The device kernel of an element-wise op with two inputs. */
export function binaryGpu<K extends BinaryOp>(op: K): DeviceKernel<K> {
  return {
    covers: (inputs: KernelInputs<K>, _attrs, storage: GpujsStorage) => {
      const { a, b } = inputs as BinaryInputs;
      return storage.fitsDevice(a) && storage.fitsDevice(b) && plan(op, a, b) !== undefined;
    },
    run: (inputs, _attrs, storage) => {
      const { a, b } = inputs as BinaryInputs;
      const { program, tensors, numbers, shape } = plan(op, a, b) as Plan;
      return runElementwise(storage, program, tensors, numbers, shape);
    },
    work: (inputs) => {
      const { a, b } = inputs as BinaryInputs;
      return { kind: 'elementwise', elements: Math.max(sizeOf(a.shape), sizeOf(b.shape)), steps: 1 };
    },
    program: (inputs, _attrs, storage) => {
      const { a, b } = inputs as BinaryInputs;
      const { program, tensors, shape } = plan(op, a, b) as Plan;
      return elementwiseCall(program, tensors, sizeOf(shape), storage.textures);
    },
  };
}
