import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  // Keep `import('node:fs/promises')` as written: bundlers for browsers know `node:` specifiers as Node built-ins.
  removeNodeProtocol: false,
});
