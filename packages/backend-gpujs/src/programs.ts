import type { GpuInstance, GpujsEngine, GpuKernel, KernelArgument } from './gpujs.js';
import { usesTextures } from './gpujs.js';

/**
 * The bound for every loop in every kernel. gpu.js silently cuts a loop whose bound is an argument at
 * `loopMaxIterations` (1000 by default) on every backend, so a matmul with k = 1500 would quietly drop terms.
 * 2^24 covers any length whose indices float32 can still address exactly.
 */
export const LOOP_MAX_ITERATIONS = 2 ** 24;

/** Per-kernel size signatures webasm keeps compiled (gpu.js's default of 8 thrashes across a model's shapes). */
const WEBASM_MODULES_PER_KERNEL = 32;

/** Counters kept by the cache, reported by `getBackendInfo()`. */
export interface ProgramStats {
  /** gpu.js kernels created (one per op variant and argument kind). */
  readonly kernels: number;
  /** First calls of a kernel for a new size signature, each of which compiled (webasm compiles per size). */
  readonly compiles: number;
  /** Milliseconds spent in those first calls: compile plus one run. */
  readonly compileMs: number;
  readonly calls: number;
}

interface Entry {
  readonly kernel: GpuKernel;
  output: readonly number[];
  /** Size signatures seen (webasm compiles a module per signature; GL kernels compile once per entry). */
  readonly signatures: Set<string>;
}

/**
 * Compiled gpu.js kernels, keyed by op variant and argument kind (array vs texture). Sizes are never part of the
 * source: kernels are created with `dynamicOutput` and `dynamicArguments`, take every size and scalar as an argument
 * (constants are baked at the first call and a later `setConstants` is silently ignored), and bound every loop by
 * {@link LOOP_MAX_ITERATIONS}.
 */
export class Programs {
  readonly #gpu: GpuInstance;
  readonly #engine: GpujsEngine;
  readonly #entries = new Map<string, Entry>();
  #compiles = 0;
  #compileMs = 0;
  #calls = 0;

  constructor(gpu: GpuInstance, engine: GpujsEngine) {
    this.#gpu = gpu;
    this.#engine = engine;
  }

  /**
   * Runs the kernel cached under `key`, compiling `source` on first use. `output` is the gpu.js output size
   * (x first); `signature` names the argument sizes, to tell whether this call will compile.
   */
  run(
    key: string,
    source: string | ((...args: never[]) => number),
    output: readonly number[],
    args: readonly KernelArgument[],
    signature: string,
  ): unknown {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const textures = usesTextures(this.#engine);
      const kernel = this.#gpu.createKernel(source, {
        output,
        // On GL, results stay on the device as textures. `immutable` gives every call a fresh texture: with the
        // default (mutable) the next call would overwrite the texture a tensor still holds.
        pipeline: textures,
        immutable: textures,
        dynamicOutput: true,
        dynamicArguments: true,
        loopMaxIterations: LOOP_MAX_ITERATIONS,
        precision: 'single',
        tactic: 'precision',
      });
      if (this.#engine === 'webasm') kernel.kernel.moduleCacheLimit = WEBASM_MODULES_PER_KERNEL;
      entry = { kernel, output, signatures: new Set() };
      this.#entries.set(key, entry);
    } else if (!sameOutput(entry.output, output)) {
      entry.kernel.setOutput(output);
      entry.output = output;
    }
    this.#calls++;
    const sizeKey = this.#engine === 'webasm' ? `${output.join('x')}|${signature}` : '';
    if (entry.signatures.has(sizeKey)) return entry.kernel(...args);
    const start = performance.now();
    const result = entry.kernel(...args);
    this.#compileMs += performance.now() - start;
    this.#compiles++;
    entry.signatures.add(sizeKey);
    return result;
  }

  /** Whether a call with this key, output and signature would reuse a compiled kernel. */
  isCompiled(key: string, output: readonly number[], signature: string): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    return this.#engine !== 'webasm' || entry.signatures.has(`${output.join('x')}|${signature}`);
  }

  stats(): ProgramStats {
    return { kernels: this.#entries.size, compiles: this.#compiles, compileMs: this.#compileMs, calls: this.#calls };
  }

  /** Destroys every compiled kernel. */
  clear(): void {
    for (const entry of this.#entries.values()) entry.kernel.destroy();
    this.#entries.clear();
  }
}

function sameOutput(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
