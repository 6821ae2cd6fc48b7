import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/** Node: the kernels on gpu.js's WebAssembly backend (mode 'gpu' here) and its 'cpu' mode, against the CPU backend. */
export default defineProject({
  ...sharedProject,
  test: { ...sharedProject.test, name: 'backend-gpujs', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
