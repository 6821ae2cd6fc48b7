import { defineConfig } from 'tsup';

/**
 * The CLI is one bundle: the `@descent/*` libraries are compiled in from their TypeScript sources (the
 * `@descent/source` condition), so building the CLI needs no library build and no d.ts step (about a second).
 * npm dependencies stay external and load from node_modules (bundling them made startup slower: a 1.6 MB file to
 * parse); the heavy, rarely needed ones (yaml, the d3 chart modules, gpu.js) are imported on first use.
 */
export default defineConfig({
  entry: { descent: 'src/descent.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  noExternal: [/^@descent\//],
  esbuildOptions(options) {
    options.conditions = ['@descent/source'];
  },
  // gpu.js compiles kernels from their source text: keep identifiers and function bodies as written.
  minify: false,
  keepNames: true,
  sourcemap: true,
  splitting: true,
  clean: true,
  dts: false,
});
