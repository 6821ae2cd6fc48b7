import { ValueError } from '../errors.js';
import type { Backend, Kernel, KernelAttrs, KernelInputs, KernelName, KernelTable, Storage } from './backend.js';

/**
 * Packs storage and a typed kernel table into the `Backend` the engine holds. A backend need not implement every
 * kernel: the engine runs missing ones on the CPU backend, moving data as needed. Kernels the table lacks can be
 * added later with `register` (what `registerKernel` calls); the given table itself is never modified.
 */
export function defineBackend<S extends Storage>(storage: S, kernels: KernelTable<S>): Backend {
  const table: { [K in KernelName]?: Kernel<K, S> } = { ...kernels };
  return {
    name: storage.name,
    write: (values, shape, dtype) => storage.write(values, shape, dtype),
    read: (tensor) => storage.read(tensor),
    readSync: (tensor) => storage.readSync(tensor),
    dispose: (tensor) => storage.dispose(tensor),
    has: (kernel) => table[kernel] !== undefined,
    run<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>) {
      const implementation = table[kernel] as Kernel<K, S> | undefined;
      if (implementation === undefined) throw new Error(`${storage.name}: no kernel for ${kernel}`);
      return implementation({ inputs, attrs, storage });
    },
    register<K extends KernelName>(kernel: K, implementation: Kernel<K, never>) {
      if (table[kernel] !== undefined) {
        throw new ValueError(
          `registerKernel: backend "${storage.name}" already has a kernel "${kernel}"; to replace built-in kernels, ` +
            'register a backend of your own (see docs/guides/new-kernel.md)',
        );
      }
      (table as Record<string, unknown>)[kernel] = implementation;
    },
  };
}
