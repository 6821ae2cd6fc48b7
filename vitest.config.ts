import { defineConfig } from 'vitest/config';
import { sharedProject } from './vitest.shared.js';

export default defineConfig({
  test: {
    // A package with several projects (Node and browser, say) adds `vitest.<name>.config.ts` files beside its
    // `vitest.config.ts`; the second glob picks them up.
    projects: [
      'packages/*',
      'packages/*/vitest.*.config.ts',
      'apps/*',
      // Repository checks, and the extension tests (test/extensions), which import the libraries by their public
      // names as an outside package would, resolved to their sources like every other project.
      { ...sharedProject, test: { ...sharedProject.test, name: 'repository', include: ['test/**/*.test.ts'] } },
    ],
  },
});
