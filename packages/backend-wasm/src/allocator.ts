import { DescentError } from '@descent/tensor';

/** Bytes in a WebAssembly page. */
export const PAGE_BYTES = 65536;
/** Every block starts and ends on a multiple of this: the kernels' v128 loads and stores are aligned. */
export const ALIGNMENT = 16;
/** Addresses below this hold the kernels' scratch slots (splatted one-element operands); no block starts there. */
export const RESERVED_BYTES = 64;
/**
 * 4 GiB less one page: the kernels compute end addresses (start + bytes) in 32-bit arithmetic, which must not wrap
 * to 0 at exactly 4 GiB.
 */
export const MAX_PAGES = 65535;

/** Counters of the allocator. */
export interface AllocatorStats {
  /** The size of the WebAssembly memory. */
  readonly memoryBytes: number;
  /** Blocks handed out and not yet freed, and their bytes (rounded up to 16). */
  readonly liveBlocks: number;
  readonly liveBytes: number;
  /** Freed blocks kept for reuse, and their bytes. */
  readonly freeBlocks: number;
  readonly freeBytes: number;
  /** How many times the memory grew (each time every view of the old buffer was detached). */
  readonly grows: number;
}

/** The size a request takes: a multiple of 16, at least 16 (an empty tensor still gets an address). */
export function blockSize(bytes: number): number {
  return bytes <= ALIGNMENT ? ALIGNMENT : Math.ceil(bytes / ALIGNMENT) * ALIGNMENT;
}

/**
 * Hands out 16-byte aligned blocks of one `WebAssembly.Memory`. Freed blocks go to a free list per size, so a
 * training loop, which allocates the same sizes every step, reuses them in O(1) and never grows the memory after
 * its first steps. New sizes come from the unused space above the highest block. Only when that runs out are the
 * free blocks merged with their free neighbours and searched for the smallest that fits (split if larger); the
 * memory grows (by at least half, to amortize) only when none does. Memory never shrinks: WebAssembly cannot.
 *
 * Growing detaches every view of the old `ArrayBuffer`: `generation` counts grows so that holders of views
 * (`WasmData`) know when to rebuild them. Offsets never change.
 */
export class Allocator {
  readonly memory: WebAssembly.Memory;
  /** Increments whenever `memory.buffer` is replaced (each grow). */
  generation = 0;
  #capacity: number;
  #top = RESERVED_BYTES;
  readonly #free = new Map<number, number[]>();
  #freeBlocks = 0;
  #freeBytes = 0;
  #liveBlocks = 0;
  #liveBytes = 0;
  #grows = 0;

  /**
   * @param initialPages The memory's initial size, in 64 KiB pages.
   * @param beforeGrow Called when nothing free fits, before growing (the storage lets the garbage collector see
   * dropped tensors then).
   */
  constructor(
    initialPages = 16,
    readonly beforeGrow: () => void = () => {},
  ) {
    this.memory = new WebAssembly.Memory({ initial: initialPages, maximum: MAX_PAGES });
    this.#capacity = this.memory.buffer.byteLength;
  }

  /** The offset of a fresh block of at least `bytes` bytes (contents undefined: kernels overwrite every element). */
  allocate(bytes: number): number {
    const size = blockSize(bytes);
    const list = this.#free.get(size);
    let offset: number | undefined;
    if (list !== undefined && list.length > 0) {
      offset = list.pop() as number;
      this.#freeBlocks--;
      this.#freeBytes -= size;
    } else if (this.#top + size <= this.#capacity) {
      offset = this.#top;
      this.#top += size;
    } else {
      offset = this.#reclaim(size);
      if (offset === undefined) {
        if (this.#top + size > this.#capacity) this.#grow(this.#top + size);
        offset = this.#top;
        this.#top += size;
      }
    }
    this.#liveBlocks++;
    this.#liveBytes += size;
    return offset;
  }

  /** Returns a block; `bytes` is what was asked of `allocate`. */
  free(offset: number, bytes: number): void {
    const size = blockSize(bytes);
    this.#liveBlocks--;
    this.#liveBytes -= size;
    this.#pushFree(offset, size);
  }

  stats(): AllocatorStats {
    return {
      memoryBytes: this.#capacity,
      liveBlocks: this.#liveBlocks,
      liveBytes: this.#liveBytes,
      freeBlocks: this.#freeBlocks,
      freeBytes: this.#freeBytes,
      grows: this.#grows,
    };
  }

  /** Grows the memory now, as a later allocation would (for tests of detached views). */
  growBy(pages: number): void {
    this.#grow(this.#capacity + pages * PAGE_BYTES, pages);
  }

  #pushFree(offset: number, size: number): void {
    const list = this.#free.get(size);
    if (list === undefined) this.#free.set(size, [offset]);
    else list.push(offset);
    this.#freeBlocks++;
    this.#freeBytes += size;
  }

  /**
   * Merges adjacent free blocks (a run that reaches the top goes back to the unused space) and takes the smallest
   * merged block that fits `size`, splitting off the rest. Undefined when none fits.
   */
  #reclaim(size: number): number | undefined {
    if (this.#freeBlocks === 0) return undefined;
    const blocks: [number, number][] = [];
    for (const [blockSize, offsets] of this.#free) for (const offset of offsets) blocks.push([offset, blockSize]);
    blocks.sort((x, y) => x[0] - y[0]);
    this.#free.clear();
    this.#freeBlocks = 0;
    this.#freeBytes = 0;
    const merged: [number, number][] = [];
    for (const block of blocks) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last[0] + last[1] === block[0]) last[1] += block[1];
      else merged.push(block);
    }
    const highest = merged[merged.length - 1];
    if (highest[0] + highest[1] === this.#top) {
      this.#top = highest[0];
      merged.pop();
    }
    let best = -1;
    for (let i = 0; i < merged.length; i++) {
      if (merged[i][1] >= size && (best < 0 || merged[i][1] < merged[best][1])) best = i;
    }
    let offset: number | undefined;
    if (best >= 0) {
      const [start, length] = merged[best];
      offset = start;
      merged[best] = [start + size, length - size];
    }
    for (const [start, length] of merged) if (length > 0) this.#pushFree(start, length);
    return offset;
  }

  /** Grows to hold at least `required` bytes, by at least half the current size when the maximum allows. */
  #grow(required: number, exactPages?: number): void {
    this.beforeGrow();
    const pages = this.#capacity / PAGE_BYTES;
    const needed = exactPages ?? Math.ceil((required - this.#capacity) / PAGE_BYTES);
    if (pages + needed > MAX_PAGES) {
      throw new DescentError(
        `wasm: out of memory: ${required} bytes needed, at most ${MAX_PAGES * PAGE_BYTES} bytes can be addressed ` +
          `(${this.#liveBytes} live in ${this.#liveBlocks} tensors); dispose tensors or use tidy`,
      );
    }
    const wanted = exactPages ?? Math.min(MAX_PAGES - pages, Math.max(needed, Math.ceil(pages / 2)));
    try {
      this.memory.grow(wanted);
    } catch {
      try {
        this.memory.grow(needed);
      } catch (error) {
        throw new DescentError(
          `wasm: out of memory: could not grow the WebAssembly memory from ${this.#capacity} to ${required} bytes ` +
            `(${this.#liveBytes} live in ${this.#liveBlocks} tensors): ${(error as Error).message}`,
        );
      }
    }
    this.#capacity = this.memory.buffer.byteLength;
    this.generation++;
    this.#grows++;
  }
}
