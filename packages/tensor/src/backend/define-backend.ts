import { ValueError } from '../errors.js';
import type { Backend, Kernel, KernelAttrs, KernelInputs, KernelName, KernelTable, Storage } from './backend.js';

/**
 * Packs storage and a typed kernel table into the `Backend` the engine holds. A backend need not implement every
 * kernel: the engine runs missing ones on the CPU backend, moving data as needed. Kernels the table lacks can be
 * added later with `register` (what `registerKernel` calls); the given table itself is never modified.
 */
export function defineBackend<S extends Storage>(storage: S, kernels: KernelTable<S>): Backend {
  // The kernels live in a Map, the given table's and those added later alike. A lookup by a kernel name that varies
  // from call to call is a megamorphic keyed load on a plain object; on a Map it is a hash of an interned string,
  // which the tiny ops of 2-D problems (hundreds of thousands of kernel calls a second) notice.
  const byName = new Map<KernelName, Kernel<KernelName, S>>();
  for (const name of Object.keys(kernels) as KernelName[]) {
    const implementation = kernels[name];
    if (implementation !== undefined) byName.set(name, implementation as unknown as Kernel<KernelName, S>);
  }
  return {
    name: storage.name,
    write: (values, shape, dtype) => storage.write(values, shape, dtype),
    read: (tensor) => storage.read(tensor),
    readSync: (tensor) => storage.readSync(tensor),
    dispose: (tensor) => storage.dispose(tensor),
    has: (kernel) => byName.has(kernel),
    run<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>) {
      const implementation = byName.get(kernel) as Kernel<K, S> | undefined;
      if (implementation === undefined) throw new Error(`${storage.name}: no kernel for ${kernel}`);
      return implementation({ inputs, attrs, storage });
    },
    register<K extends KernelName>(kernel: K, implementation: Kernel<K, never>) {
      if (byName.has(kernel)) {
        throw new ValueError(
          `registerKernel: backend "${storage.name}" already has a kernel "${kernel}"; to replace built-in kernels, ` +
            'register a backend of your own (see docs/guides/new-kernel.md)',
        );
      }
      byName.set(kernel, implementation as unknown as Kernel<KernelName, S>);
    },
  };
}
