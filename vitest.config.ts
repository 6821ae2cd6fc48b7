import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A package with several projects (Node and browser, say) adds `vitest.<name>.config.ts` files beside its
    // `vitest.config.ts`; the second glob picks them up.
    projects: [
      'packages/*',
      'packages/*/vitest.*.config.ts',
      'apps/*',
      { test: { name: 'repository', include: ['test/**/*.test.ts'] } },
    ],
  },
});
