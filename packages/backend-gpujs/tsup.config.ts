import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  // gpu.js compiles kernels from their source text (Function#toString): a minifier would rename and rewrite the
  // kernel functions into code gpu.js cannot translate. Keep the output unminified.
  minify: false,
  // Resolved by the consumer: the peer tensor core, and gpu.js (CommonJS, loaded as is).
  external: ['@descent/tensor', 'gpu.js'],
});
