import { setBackend } from '@descent/tensor';
import { FileError, oneLine } from '../errors.js';

export const BACKENDS = ['cpu', 'gpujs', 'auto'] as const;
export type BackendName = (typeof BACKENDS)[number];

let registered = false;

/**
 * Selects the tensor backend. `gpujs` and `auto` load `@descent/backend-gpujs` (and gpu.js) on demand, so runs on
 * the CPU never pay for it. In Node gpu.js runs its WebAssembly or headless-gl path; `auto` routes each op by a
 * measured cost model and keeps small ops on the CPU.
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (name === 'cpu') {
    setBackend('cpu');
    return;
  }
  if (!registered) {
    try {
      const { registerGpujsBackend } = await import('@descent/backend-gpujs');
      registerGpujsBackend();
    } catch (error) {
      throw new FileError(`backend ${name} is not available here: ${oneLine(error)}`);
    }
    registered = true;
  }
  setBackend(name);
}

/** A description of the gpu.js engine in use, for result records. */
export async function backendDetails(name: BackendName): Promise<Record<string, unknown>> {
  if (name === 'cpu' || !registered) return { name };
  const { getBackendInfo } = await import('@descent/backend-gpujs');
  const info = getBackendInfo();
  return {
    name,
    gpujsMode: info.gpujs?.mode,
    engine: info.gpujs?.renderer.engine,
    renderer: info.gpujs?.renderer.renderer,
    software: info.gpujs?.renderer.software,
  };
}
