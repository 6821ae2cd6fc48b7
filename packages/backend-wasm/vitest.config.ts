import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/** This package's suites: the kernels against the CPU backend, memory growth and reuse, optimizer trajectories. */
export default defineProject({
  ...sharedProject,
  test: {
    ...sharedProject.test,
    name: 'backend-wasm',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The garbage-collection safety-net test calls gc().
    execArgv: ['--expose-gc'],
  },
});
