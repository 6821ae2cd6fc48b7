import { type DType, ValueError } from '@descent/tensor';

export function assertDTypeName(fn: string, value: unknown, what: string): DType {
  if (value === 'float32' || value === 'float64' || value === 'int32' || value === 'bool') return value;
  throw new ValueError(`${fn}: ${what} has unknown dtype ${JSON.stringify(value)}`);
}

/** safetensors dtype names. */
export const SAFETENSORS_DTYPES: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

export function fromSafetensorsDType(fn: string, name: unknown, tensorName: string): DType {
  for (const [dtype, code] of Object.entries(SAFETENSORS_DTYPES)) if (code === name) return dtype as DType;
  throw new ValueError(
    `${fn}: tensor "${tensorName}" has dtype ${JSON.stringify(name)}; supported: F32, F64, I32, BOOL`,
  );
}
