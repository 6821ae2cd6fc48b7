import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  // Resolved by the consumer: the peer tensor core. The kernels travel inside the bundle as base64.
  external: ['@descent/tensor'],
});
