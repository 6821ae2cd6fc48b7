import type { KernelAttrs, KernelInputs, TensorInfo } from '@descent/tensor';
import { sizeOf } from '@descent/tensor';
import type { GpujsStorage } from '../storage.js';
import type { DeviceKernel } from './device-kernel.js';
import { type ElementwiseProgram, UNARY, UNARY_PARAMETERS, type UnaryOp } from './elementwise.js';
import { deviceSize, elementwiseCall, runElementwise } from './run-elementwise.js';

function program(op: UnaryOp): ElementwiseProgram {
  const parameter = UNARY_PARAMETERS[op] !== undefined;
  return {
    operands: ['full'],
    numbers: parameter ? 1 : 0,
    steps: parameter
      ? [
          { kind: 'tensor', index: 0 },
          { kind: 'unary', op, x: 0, parameter: 0 },
        ]
      : [
          { kind: 'tensor', index: 0 },
          { kind: 'unary', op, x: 0 },
        ],
  };
}

const PROGRAMS = Object.fromEntries(Object.keys(UNARY).map((op) => [op, program(op as UnaryOp)])) as Record<
  UnaryOp,
  ElementwiseProgram
>;

type UnaryInputs = { readonly x: TensorInfo };

/** The device kernel of an element-wise op with one input: float32 in, float32 out, any shape. */
export function unaryGpu<K extends UnaryOp>(op: K): DeviceKernel<K> {
  const parameter = UNARY_PARAMETERS[op];
  const numbers = (attrs: KernelAttrs<K>): number[] => (parameter === undefined ? [] : [parameter(attrs)]);
  return {
    covers: (inputs: KernelInputs<K>, _attrs, storage: GpujsStorage) => {
      const { x } = inputs as UnaryInputs;
      return storage.fitsDevice(x) && deviceSize(sizeOf(x.shape));
    },
    run: (inputs, attrs, storage) => {
      const { x } = inputs as UnaryInputs;
      return runElementwise(storage, PROGRAMS[op], [x], numbers(attrs), x.shape);
    },
    work: (inputs) => ({ kind: 'elementwise', elements: sizeOf((inputs as UnaryInputs).x.shape), steps: 1 }),
    program: (inputs, _attrs, storage) => {
      const { x } = inputs as UnaryInputs;
      return elementwiseCall(PROGRAMS[op], [x], sizeOf(x.shape), storage.textures);
    },
  };
}
