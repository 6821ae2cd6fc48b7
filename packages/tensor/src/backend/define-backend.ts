import { ValueError } from '../errors.js';
import type { Backend, Kernel, KernelAttrs, KernelInputs, KernelName, KernelTable, Storage } from './backend.js';

/**
 * Packs storage and a typed kernel table into the `Backend` the engine holds. A backend need not implement every
 * kernel: the engine runs missing ones on the CPU backend, moving data as needed. Kernels the table lacks can be
 * added later with `register` (what `registerKernel` calls); the given table itself is never modified.
 */
export function defineBackend<S extends Storage>(storage: S, kernels: KernelTable<S>): Backend {
  // Kernels added later live beside the given table, which stays as it was built (a copy of a 60-entry table made
  // every kernel lookup measurably slower).
  const added = new Map<KernelName, Kernel<KernelName, S>>();
  return {
    name: storage.name,
    write: (values, shape, dtype) => storage.write(values, shape, dtype),
    read: (tensor) => storage.read(tensor),
    readSync: (tensor) => storage.readSync(tensor),
    dispose: (tensor) => storage.dispose(tensor),
    has: (kernel) => kernels[kernel] !== undefined || added.has(kernel),
    run<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>) {
      const implementation = (kernels[kernel] ?? added.get(kernel)) as Kernel<K, S> | undefined;
      if (implementation === undefined) throw new Error(`${storage.name}: no kernel for ${kernel}`);
      return implementation({ inputs, attrs, storage });
    },
    register<K extends KernelName>(kernel: K, implementation: Kernel<K, never>) {
      if (kernels[kernel] !== undefined || added.has(kernel)) {
        throw new ValueError(
          `registerKernel: backend "${storage.name}" already has a kernel "${kernel}"; to replace built-in kernels, ` +
            'register a backend of your own (see docs/guides/new-kernel.md)',
        );
      }
      added.set(kernel, implementation as unknown as Kernel<KernelName, S>);
    },
  };
}
