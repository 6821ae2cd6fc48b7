import { defineConfig } from 'tsup';

export default defineConfig({
  // One output file per source file, not a bundle: bundling turns top-level `const` into `var` (esbuild does so on
  // purpose), and V8 then reloads module constants inside hot loops: the matmul kernel ran at half speed.
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-util.ts', '!src/**/test-helpers.ts'],
  bundle: false,
  format: ['esm'],
  dts: { entry: 'src/index.ts', compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
});
