import type { KernelName } from '@descent/tensor';
import { registerBackend } from '@descent/tensor';
import { createWasmBackend, WASM_KERNEL_NAMES, type WasmBackend } from './backend.js';
import type { WasmMemory } from './storage.js';

let backend: WasmBackend | undefined;

/**
 * Registers the `wasm` backend with `@descent/tensor`, so that `setBackend('wasm')` selects it. Importing this
 * package calls it once; call it again only if something else was registered under `wasm` since. Cheap: the
 * WebAssembly module is compiled and its memory created when the backend first holds a tensor.
 * @example
 * import { registerWasmBackend } from '@descent/backend-wasm';
 * import { setBackend } from '@descent/tensor';
 * registerWasmBackend();
 * setBackend('wasm');
 */
export function registerWasmBackend(): void {
  backend ??= createWasmBackend();
  registerBackend('wasm', backend);
}

/** What {@link getWasmBackendInfo} reports. */
export interface WasmBackendInfo {
  /** The kernels with a WebAssembly implementation (for float32 and float64; every other case falls back). */
  readonly kernels: readonly KernelName[];
  /** Per kernel, how many calls ran the CPU reference on views of wasm memory instead (no kernel, dtype or shape). */
  readonly fallbacks: Readonly<Record<string, number>>;
  /** The memory counters, as {@link wasmMemory} reports them. */
  readonly memory: WasmMemory;
}

function registered(): WasmBackend {
  if (backend === undefined) registerWasmBackend();
  return backend as WasmBackend;
}

/**
 * Reports the kernels the module implements, the CPU fallbacks taken so far per kernel, and the memory counters.
 * @example
 * import { getWasmBackendInfo } from '@descent/backend-wasm';
 * import { exp, setBackend, tensor } from '@descent/tensor';
 * setBackend('wasm');
 * exp(tensor([1, 2]));
 * getWasmBackendInfo().fallbacks; // → { Exp: 1 }: Exp ran the CPU reference on wasm memory
 */
export function getWasmBackendInfo(): WasmBackendInfo {
  const { storage } = registered();
  return { kernels: WASM_KERNEL_NAMES, fallbacks: storage.fallbacks(), memory: storage.memory() };
}

/**
 * The WebAssembly memory of the wasm backend: its size, the live and free blocks of the allocator, how often it
 * grew, and how many blocks the garbage-collection safety net freed. All zero until the backend holds a tensor.
 * @example
 * import { wasmMemory } from '@descent/backend-wasm';
 * import { add, setBackend, tensor, tidy } from '@descent/tensor';
 * setBackend('wasm');
 * const x = tensor([1, 2, 3]);
 * const before = wasmMemory().liveBytes;
 * tidy(() => add(x, x).dataSync());
 * wasmMemory().liveBytes === before; // → true: tidy freed the sum
 */
export function wasmMemory(): WasmMemory {
  return registered().storage.memory();
}
