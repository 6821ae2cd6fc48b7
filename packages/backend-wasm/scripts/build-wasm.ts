/**
 * Compiles src/kernels.wat with wabt and writes src/kernels-wasm.ts, the committed module that holds the bytes.
 *
 *   pnpm --filter @descent/backend-wasm build:wasm
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expectedKernelsModule, MODULE_PATH, PACKAGE_ROOT } from './compile-kernels.js';

const source = await expectedKernelsModule();
writeFileSync(MODULE_PATH, source);
console.log(`wrote ${relative(PACKAGE_ROOT, MODULE_PATH)} (${source.length} characters)`);
