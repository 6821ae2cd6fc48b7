// Setup for running the tensor core's suites (packages/tensor/test) on the wasm backend: each of their tests starts
// with wasm current. This package's own test files choose their backends explicitly and are left alone.
import { setBackend } from '@descent/tensor';
import { afterAll, beforeEach, expect } from 'vitest';
import { getWasmBackendInfo } from '../src/index.js';

const isTensorSuite = () => /[\\/]tensor[\\/]test[\\/]/.test(expect.getState().testPath ?? '');

beforeEach(() => {
  if (isTensorSuite()) setBackend('wasm');
});

// The suite must really have run here: its tensors lived in wasm memory.
afterAll(() => {
  if (!isTensorSuite()) return;
  const { memory } = getWasmBackendInfo();
  expect(memory.memoryBytes).toBeGreaterThan(0);
  expect(memory.liveBlocks).toBeGreaterThan(0);
});
