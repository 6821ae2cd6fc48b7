import { describe, expect, it } from 'vitest';
import { tidy } from '../backend/engine.js';
import { ones, zeros } from '../creation/fill.js';
import { add, reshape } from '../index.js';
import { clearBufferPool, pooledBufferBytes } from './buffer-pool.js';

const N = 8192;

describe('buffer pool', () => {
  it('recycles the buffer of a disposed tensor, zero-filled', () => {
    clearBufferPool();
    const a = ones([N]);
    a.dispose();
    expect(pooledBufferBytes()).toBe(N * 4);
    const b = zeros([N]);
    expect(pooledBufferBytes()).toBe(0);
    expect(b.dataSync().every((v) => v === 0)).toBe(true);
  });

  it('never recycles a buffer that another tensor still shares', () => {
    clearBufferPool();
    const base = ones([N]);
    const view = reshape(base, [N / 2, 2]);
    base.dispose();
    expect(pooledBufferBytes()).toBe(0);
    const other = add(zeros([N]), 5);
    expect(view.dataSync().every((v) => v === 1)).toBe(true);
    expect(other.dataSync()[0]).toBe(5);
    view.dispose();
    expect(pooledBufferBytes()).toBe(N * 4);
  });

  it('feeds a tidy-scoped loop from its own disposed intermediates', () => {
    clearBufferPool();
    const x = ones([N]);
    tidy(() => add(add(x, 1), 1)).dispose();
    const pooled = pooledBufferBytes();
    expect(pooled).toBeGreaterThan(0);
    tidy(() => add(add(x, 1), 1)).dispose();
    expect(pooledBufferBytes()).toBe(pooled);
  });
});
