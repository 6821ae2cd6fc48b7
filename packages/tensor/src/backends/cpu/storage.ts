import type { Storage, TensorInfo } from '../../backend/backend.js';
import type { DType, TypedArray } from '../../dtype.js';
import { ValueError } from '../../errors.js';
import { releaseBuffer, retainBuffer } from '../../memory/buffer-pool.js';
import type { Shape } from '../../shape.js';

/** CPU data lives directly in the `dataId` object: no lookup table between a tensor and its values. */
export interface CpuData {
  values: TypedArray;
}

/**
 * The data object doubles as the `TensorInfo` a kernel returns (its `dataId` is itself): one allocation per
 * kernel fewer, which the tiny tensors of 2-D problems notice.
 */
class CpuTensorData implements CpuData, TensorInfo {
  constructor(
    public values: TypedArray,
    readonly shape: Shape,
    readonly dtype: DType,
  ) {}

  get dataId(): object {
    return this;
  }
}

/** Plain typed arrays in JavaScript memory, left to the garbage collector. */
export class CpuStorage implements Storage {
  readonly name: string = 'cpu';

  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    retainBuffer(values);
    return new CpuTensorData(values, shape, dtype);
  }

  /** The stored values themselves; kernels read them and never modify them. */
  values(tensor: TensorInfo): TypedArray {
    const values = (tensor.dataId as CpuData).values;
    if (values === undefined) throw new ValueError('cpu: tensor data was disposed');
    return values;
  }

  readSync(tensor: TensorInfo): TypedArray {
    return this.values(tensor).slice();
  }

  read(tensor: TensorInfo): Promise<TypedArray> {
    return Promise.resolve(this.readSync(tensor));
  }

  dispose(tensor: TensorInfo): void {
    const data = tensor.dataId as { values: TypedArray | undefined };
    if (data.values !== undefined) releaseBuffer(data.values);
    data.values = undefined;
  }
}
