// Setup for running the tensor core's suites (packages/tensor/test) on the gpujs backend: each of their tests starts
// with gpujs current. This package's own test files choose their backends explicitly and are left alone.
import { setBackend } from '@descent/tensor';
import { beforeEach, expect } from 'vitest';
import { registerGpujsBackend } from '../src/index.js';

const isTensorSuite = () => /[\\/]tensor[\\/]test[\\/]/.test(expect.getState().testPath ?? '');

registerGpujsBackend({ mode: 'gpu' });
beforeEach(() => {
  if (isTensorSuite()) setBackend('gpujs');
});
