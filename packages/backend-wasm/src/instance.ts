import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/** `out[i] = a[i·aStride] op b[i·bStride]` for i < n; a stride is 0 for a one-element operand, else 1. */
export type BinaryExport = (a: number, aStride: number, b: number, bStride: number, out: number, n: number) => void;
/** `out[i] = a[i·aStride] + w·(b[i·bStride] − a[i·aStride])`. */
export type LerpExport = (
  a: number,
  aStride: number,
  b: number,
  bStride: number,
  out: number,
  n: number,
  weight: number,
) => void;
/** `out[i] = scale·a[i·aStride] / (rootScale·√b[i·bStride] + eps)`. */
export type DivSqrtExport = (
  a: number,
  aStride: number,
  b: number,
  bStride: number,
  out: number,
  n: number,
  scale: number,
  rootScale: number,
  eps: number,
) => void;
/** `out[i] = x[i]·scale`: Mul with one single-element operand, whose value is `scale`. */
export type ScaleExport = (x: number, out: number, n: number, scale: number) => void;
/** `out[i] = y[i] + x[i]·scale`, rounded after the product and after the sum (Add of a deferred Mul). */
export type AxpyExport = (y: number, x: number, out: number, n: number, scale: number) => void;
/** `out[i] = op(x[i])`. */
export type UnaryExport = (x: number, out: number, n: number) => void;
/** `out[0] = Σ x[i]`, accumulated in float64. */
export type SumExport = (x: number, n: number, out: number) => void;

type Suffix = 'f32' | 'f64';

/** What `kernels.wat` exports: every pointer is a byte offset into the memory, 16-byte aligned. */
export type KernelExports = {
  readonly [K in `${'add' | 'sub' | 'mul' | 'div' | 'max' | 'min'}_${Suffix}`]: BinaryExport;
} & { readonly [K in `mul_scalar_${Suffix}`]: ScaleExport } & { readonly [K in `axpy_${Suffix}`]: AxpyExport } & {
  readonly [K in `lerp_${Suffix}`]: LerpExport;
} & {
  readonly [K in `divsqrt_${Suffix}`]: DivSqrtExport;
} & {
  readonly [K in `${'neg' | 'abs' | 'sqrt' | 'square'}_${Suffix}`]: UnaryExport;
} & { readonly [K in `sum_${Suffix}`]: SumExport };

let compiled: WebAssembly.Module | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The compiled kernels, compiled once per process. Synchronous compilation is fine at this size (about 6 KB):
 * browsers dropped their 4 KB limit on `new WebAssembly.Module` on the main thread (Chrome 114), and V8 compiles
 * function bodies lazily.
 */
export function kernelsModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));
  return compiled;
}

/** An instance of the kernels over `memory`. */
export function instantiateKernels(memory: WebAssembly.Memory): KernelExports {
  return new WebAssembly.Instance(kernelsModule(), { env: { memory } }).exports as unknown as KernelExports;
}
