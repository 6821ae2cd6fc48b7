import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/**
 * Unit tests of the view models (src/**\/*.test.ts, in Node on the CPU backend) and end-to-end tests
 * (test/e2e.test.ts): the global setup builds the site with Vite and serves `dist` on a loopback port, and the tests
 * drive Debian's Chromium through the Playwright library.
 */
export default defineProject({
  ...sharedProject,
  test: {
    ...sharedProject.test,
    name: 'playground',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
