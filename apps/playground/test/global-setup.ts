import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the static site with Vite (as `pnpm --filter @descent/playground build` does) and serves it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { build } = await import('vite');
  await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'error' });
  const server = await serveStatic(`${root}dist`);
  project.provide('playgroundUrl', server.url);
  return server.close;
}
