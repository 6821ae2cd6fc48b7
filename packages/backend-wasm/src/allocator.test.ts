import { DescentError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { ALIGNMENT, Allocator, blockSize, PAGE_BYTES, RESERVED_BYTES } from './allocator.js';

describe('blockSize', () => {
  it('rounds up to 16 bytes, at least 16', () => {
    expect([0, 1, 15, 16, 17, 32, 33, 4_000_000].map(blockSize)).toEqual([16, 16, 16, 16, 32, 32, 48, 4_000_000]);
  });
});

describe('Allocator', () => {
  it('hands out 16-byte aligned, disjoint blocks above the reserved scratch slots', () => {
    const allocator = new Allocator(1);
    const blocks = [1, 15, 16, 17, 100, 1000, 4, 64, 3000, 8].map((bytes) => ({
      offset: allocator.allocate(bytes),
      bytes,
    }));
    for (const { offset } of blocks) {
      expect(offset % ALIGNMENT).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(RESERVED_BYTES);
    }
    const sorted = [...blocks].sort((x, y) => x.offset - y.offset);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i].offset).toBeGreaterThanOrEqual(sorted[i - 1].offset + blockSize(sorted[i - 1].bytes));
    }
    expect(allocator.stats()).toMatchObject({
      liveBlocks: 10,
      liveBytes: blocks.reduce((s, b) => s + blockSize(b.bytes), 0),
    });
  });

  it('reuses a freed block of the same size, most recently freed first', () => {
    const allocator = new Allocator(1);
    const a = allocator.allocate(400);
    const b = allocator.allocate(400);
    allocator.free(a, 400);
    allocator.free(b, 400);
    expect(allocator.stats()).toMatchObject({ liveBlocks: 0, liveBytes: 0, freeBlocks: 2, freeBytes: 800 });
    expect(allocator.allocate(390)).toBe(b);
    expect(allocator.allocate(400)).toBe(a);
    expect(allocator.stats()).toMatchObject({ liveBlocks: 2, freeBlocks: 0, freeBytes: 0, grows: 0 });
  });

  it('merges free neighbours before growing, and splits the merged block', () => {
    const allocator = new Allocator(1);
    const offsets: number[] = [];
    while (offsets.length < (PAGE_BYTES - RESERVED_BYTES) / 1024 - 1) offsets.push(allocator.allocate(1024));
    // Free blocks 3, 4 and 5 (adjacent): no single free block holds 2,048 bytes, but the merged one does.
    for (const index of [3, 4, 5]) allocator.free(offsets[index], 1024);
    const top = allocator.allocate(2048);
    expect(top).toBe(offsets[3]);
    expect(allocator.stats()).toMatchObject({ grows: 0, freeBlocks: 1, freeBytes: 1024 });
    expect(allocator.allocate(1024)).toBe(offsets[3] + 2048);
  });

  it('returns a free run that reaches the top to the unused space', () => {
    const allocator = new Allocator(1);
    const low = allocator.allocate(1024);
    const high = allocator.allocate(PAGE_BYTES - RESERVED_BYTES - 1024);
    allocator.free(high, PAGE_BYTES - RESERVED_BYTES - 1024);
    // 40 KiB fits only once the free block at the top is given back to the unused space.
    expect(allocator.allocate(40 * 1024)).toBe(high);
    expect(allocator.stats()).toMatchObject({ grows: 0, freeBlocks: 0 });
    expect(low).toBe(RESERVED_BYTES);
  });

  it('grows by at least half when nothing fits, bumping the generation (views of the old buffer are detached)', () => {
    const allocator = new Allocator(2);
    const oldBuffer = allocator.memory.buffer;
    const view = new Float32Array(oldBuffer, allocator.allocate(64), 16);
    allocator.allocate(2 * PAGE_BYTES);
    expect(allocator.generation).toBe(1);
    expect(allocator.stats().grows).toBe(1);
    expect(allocator.stats().memoryBytes).toBeGreaterThanOrEqual(
      Math.max(RESERVED_BYTES + 64 + 2 * PAGE_BYTES, 3 * PAGE_BYTES),
    );
    expect(allocator.memory.buffer).not.toBe(oldBuffer);
    expect(view.length).toBe(0); // detached: this is why tensors keep offsets, not views
  });

  it('throws a DescentError naming the sizes when more than 4 GiB would be needed', () => {
    const allocator = new Allocator(1);
    expect(() => allocator.allocate(5 * 2 ** 30)).toThrow(DescentError);
    expect(() => allocator.allocate(5 * 2 ** 30)).toThrow(/wasm: out of memory: \d+ bytes needed/);
    expect(allocator.stats()).toMatchObject({ liveBlocks: 0, grows: 0 });
  });
});
