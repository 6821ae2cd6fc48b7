// The one place that touches gpu.js's runtime objects. Its typings are rough (`Input` expects number[], settings
// lack `loopMaxIterations`), so the casts live here and the rest of the package sees these narrow interfaces.
import { GPU as GpuClass } from 'gpu.js';

/** The gpu.js modes this package runs synchronously: every kernel call returns its result, not a Promise. */
export type GpujsMode = 'gpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** The concrete gpu.js backend that runs kernels ('gpu' resolves to one of these). */
export type GpujsEngine = 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** A gpu.js texture: float32 values resident in GPU memory (GL modes only). */
export interface GpuTexture {
  readonly output: readonly number[];
  toArray(): Float32Array | Float32Array[] | Float32Array[][];
  clone(): GpuTexture;
  delete(): void;
}

/** What a gpu.js kernel accepts as an argument. */
export type KernelArgument = Float32Array | GpuTexture | number;

/** A compiled gpu.js kernel (its run shortcut). */
export interface GpuKernel {
  (...args: KernelArgument[]): unknown;
  setOutput(output: readonly number[]): GpuKernel;
  destroy(removeCanvasReferences?: boolean): void;
  readonly kernel: { moduleCacheLimit?: number; readonly constructor: { readonly name: string } };
}

export interface KernelSettings {
  readonly output: readonly number[];
  readonly pipeline: boolean;
  readonly immutable: boolean;
  readonly dynamicOutput: boolean;
  readonly dynamicArguments: boolean;
  readonly loopMaxIterations: number;
  readonly precision: 'single';
  readonly tactic?: 'precision';
}

export interface GpuInstance {
  readonly mode: string;
  readonly Kernel: { readonly name: string };
  readonly context: unknown;
  createKernel(source: string | ((...args: never[]) => number), settings: KernelSettings): GpuKernel;
  destroy(): Promise<void>;
}

interface GpuConstructor {
  new (settings: { mode: GpujsMode }): GpuInstance;
  readonly isWebGL2Supported: boolean;
  readonly isWebGLSupported: boolean;
  readonly isHeadlessGLSupported: boolean;
  readonly isWebAssemblySupported: boolean;
  readonly isWebGPUSupported: boolean;
}

export const GPU = GpuClass as unknown as GpuConstructor;

/** `this` inside a kernel function. */
export interface KernelThis {
  readonly thread: { readonly x: number; readonly y: number; readonly z: number };
}

const ENGINES: Record<string, GpujsEngine> = {
  WebGL2Kernel: 'webgl2',
  WebGLKernel: 'webgl',
  HeadlessGLKernel: 'headlessgl',
  WebAssemblyKernel: 'webasm',
  CPUKernel: 'cpu',
};

/** The backend a gpu.js instance picked (mode 'gpu' resolves to the first supported of headlessgl, webgl2, webgl, webasm). */
export function engineOf(gpu: GpuInstance): GpujsEngine {
  const engine = ENGINES[gpu.Kernel.name];
  if (engine === undefined) throw new Error(`gpujs: unsupported gpu.js kernel class ${gpu.Kernel.name}`);
  return engine;
}

/** Whether a gpu.js mode can run here, without creating a context (cheap static checks). */
export function isModeSupported(mode: GpujsMode): boolean {
  switch (mode) {
    case 'gpu':
      return GPU.isHeadlessGLSupported || GPU.isWebGL2Supported || GPU.isWebGLSupported || GPU.isWebAssemblySupported;
    case 'webgl2':
      return GPU.isWebGL2Supported;
    case 'webgl':
      return GPU.isWebGLSupported;
    case 'headlessgl':
      return GPU.isHeadlessGLSupported;
    case 'webasm':
      return GPU.isWebAssemblySupported;
    case 'cpu':
      return true;
  }
}

/** Textures live on the device in GL modes; everywhere else results are plain typed arrays. */
export function usesTextures(engine: GpujsEngine): boolean {
  return engine === 'webgl2' || engine === 'webgl' || engine === 'headlessgl';
}
