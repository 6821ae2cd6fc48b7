// The committed kernels module (src/kernels-wasm.ts) must be exactly what scripts/build-wasm.ts makes of
// src/kernels.wat, so that the bytes users run can never drift from the text that is reviewed.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedKernelsModule, MODULE_PATH } from '../scripts/compile-kernels.js';
import { kernelsModule } from '../src/instance.js';

const SUFFIXES = ['f32', 'f64'];
const EXPORTS = [
  'add',
  'sub',
  'mul',
  'mul_scalar',
  'axpy',
  'div',
  'max',
  'min',
  'lerp',
  'divsqrt',
  'neg',
  'abs',
  'sqrt',
  'square',
  'sum',
];

describe('the compiled kernels', () => {
  it('are what wabt makes of kernels.wat (run `pnpm --filter @descent/backend-wasm build:wasm` after editing it)', async () => {
    expect(readFileSync(MODULE_PATH, 'utf8')).toBe(await expectedKernelsModule());
  }, 30_000);

  it('import only the memory and export every kernel the backend calls, as functions', () => {
    const module = kernelsModule();
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const exported = WebAssembly.Module.exports(module);
    expect(exported.every(({ kind }) => kind === 'function')).toBe(true);
    expect(exported.map(({ name }) => name).sort()).toEqual(
      EXPORTS.flatMap((name) => SUFFIXES.map((suffix) => `${name}_${suffix}`)).sort(),
    );
  });
});
