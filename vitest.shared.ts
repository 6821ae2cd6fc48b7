import { defineProject } from 'vitest/config';

/**
 * Every workspace project re-exports this config. Projects do not inherit the root `resolve`, and Node tests use the
 * SSR resolver, so the source condition is set on both: tests run against TypeScript sources, with no build.
 */
export const sharedProject = defineProject({
  resolve: { conditions: ['@descent/source'] },
  ssr: { resolve: { conditions: ['@descent/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
  },
});
