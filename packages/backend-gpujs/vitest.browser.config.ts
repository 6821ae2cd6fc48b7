import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineProject } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

/**
 * The same suites in headless Chromium, where gpu.js runs on WebGL2 (SwiftShader, a software renderer, on machines
 * without a GPU), plus the tensor core's op conformance suite on that backend. Uses the system's Chromium (Debian's
 * `chromium` package, installed by .ci/run); Playwright never downloads a browser. On a developer machine without
 * it the project is skipped with a note; in CI a missing browser is an error, so the tests cannot silently vanish.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `backend-gpujs-browser: ${CHROMIUM} not found (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; the browser tests are skipped`);
}

export default defineProject({
  ...sharedProject,
  // Pre-bundle gpu.js up front so Vite does not discover it mid-run and reload the page.
  optimizeDeps: { include: ['gpu.js'] },
  test: {
    ...sharedProject.test,
    name: 'backend-gpujs-browser',
    // This package's suites, and the tensor core's op conformance suite with gpujs current (see the setup file).
    include: available ? ['test/**/*.test.ts', '../tensor/test/ops.conformance.test.ts'] : [],
    setupFiles: ['./test/setup-gpujs.ts'],
    browser: {
      enabled: available,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            // window.gc for the test of the FinalizationRegistry safety net.
            '--js-flags=--expose-gc',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
