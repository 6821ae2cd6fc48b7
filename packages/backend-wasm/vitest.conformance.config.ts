import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/**
 * The tensor core's op conformance suite, unchanged, with `wasm` current. The suite imports `../src/index.js`, the
 * same module as this package's `@descent/tensor`, so the setup file's registration applies to it.
 */
export default defineProject({
  ...sharedProject,
  test: {
    ...sharedProject.test,
    name: 'backend-wasm-conformance',
    include: ['../tensor/test/ops.conformance.test.ts'],
    setupFiles: ['./test/setup-wasm.ts'],
  },
});
