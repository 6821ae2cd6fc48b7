// Public surface of @descent/backend-wasm: explicit named re-exports only.

import { registerWasmBackend } from './register.js';

export type { AllocatorStats } from './allocator.js';
export { getWasmBackendInfo, registerWasmBackend, type WasmBackendInfo, wasmMemory } from './register.js';
export type { WasmMemory } from './storage.js';

// Importing the package makes `setBackend('wasm')` available (package.json lists this file under `sideEffects`).
// Registration is cheap: nothing is compiled or allocated until the backend first holds a tensor.
registerWasmBackend();
