import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/**
 * The tensor core's op conformance suite, unchanged, with `gpujs` current (gpu.js mode 'gpu': its WebAssembly
 * backend in Node). The suite imports `../src/index.js`, the same module as this package's `@descent/tensor`, so
 * the setup file's registration applies to it.
 */
export default defineProject({
  ...sharedProject,
  test: {
    ...sharedProject.test,
    name: 'backend-gpujs-conformance',
    include: ['../tensor/test/ops.conformance.test.ts'],
    setupFiles: ['./test/setup-gpujs.ts'],
  },
});
