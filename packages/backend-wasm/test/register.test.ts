import { add, findBackend, getBackend, registerBackend, setBackend, tensor, ValueError } from '@descent/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWasmBackend } from '../src/index.js';

afterEach(() => setBackend('cpu'));

describe('registration', () => {
  it('makes setBackend("wasm") work once the package is imported', () => {
    setBackend('wasm');
    expect(getBackend().name).toBe('wasm');
    const t = tensor([1, 2, 3]);
    expect(t.backend.name).toBe('wasm');
  });

  it('lists wasm among the registered backends in the error for an unknown name', () => {
    expect(() => setBackend('webgpu')).toThrow(ValueError);
    expect(() => setBackend('webgpu')).toThrow(/registered: cpu, auto, .*wasm/);
  });

  it('is idempotent, and restores the backend when something else took the name', () => {
    const backend = findBackend('wasm');
    registerWasmBackend();
    expect(findBackend('wasm')).toBe(backend);
    registerBackend('wasm', findBackend('cpu') as NonNullable<typeof backend>);
    registerWasmBackend();
    expect(findBackend('wasm')).toBe(backend);
  });

  it('moves data between the CPU and wasm backends as ops need it, values unchanged', () => {
    const onCpu = tensor([1, 2, 3]);
    setBackend('wasm');
    const onWasm = tensor([10, 20, 30]);
    const sum = add(onCpu, onWasm);
    expect(sum.backend.name).toBe('wasm');
    expect(onCpu.backend.name).toBe('wasm');
    setBackend('cpu');
    const again = add(sum, onWasm);
    expect(again.backend.name).toBe('cpu');
    expect(again.toArray()).toEqual([21, 42, 63]);
  });
});
