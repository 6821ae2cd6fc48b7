import type { Backend, KernelAttrs, KernelInputs, KernelName, KernelTable, Storage } from './backend.js';

/**
 * Packs storage and a typed kernel table into the `Backend` the engine holds. A backend need not implement every
 * kernel: the engine runs missing ones on the CPU backend, moving data as needed.
 */
export function defineBackend<S extends Storage>(storage: S, kernels: KernelTable<S>): Backend {
  return {
    name: storage.name,
    write: (values, shape, dtype) => storage.write(values, shape, dtype),
    read: (tensor) => storage.read(tensor),
    readSync: (tensor) => storage.readSync(tensor),
    dispose: (tensor) => storage.dispose(tensor),
    has: (kernel) => kernels[kernel] !== undefined,
    run<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>) {
      const implementation = kernels[kernel];
      if (implementation === undefined) throw new Error(`${storage.name}: no kernel for ${kernel}`);
      return implementation({ inputs, attrs, storage });
    },
  };
}
