import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/** The CLI's tests spawn the built `descent`: the global setup builds it once (tsup, about a second). */
export default mergeConfig(
  sharedProject,
  defineProject({
    test: {
      name: '@descent/cli',
      globalSetup: ['test/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
