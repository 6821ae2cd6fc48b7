import { type GpuInstance, type GpujsEngine, type GpujsMode, isModeSupported, usesTextures } from './gpujs.js';

/** What this JavaScript environment offers gpu.js. */
export interface Environment {
  /** The synchronous gpu.js modes that can run here. */
  readonly modes: readonly GpujsMode[];
  /** `navigator.gpu` exists (reported only: gpu.js's WebGPU kernels return Promises, see the README). */
  readonly webgpuApi: boolean;
}

const MODES: readonly GpujsMode[] = ['gpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

export function detectEnvironment(): Environment {
  const navigatorObject = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  return {
    modes: MODES.filter((mode) => isModeSupported(mode)),
    webgpuApi: navigatorObject?.gpu !== undefined,
  };
}

/** Where a gpujs backend's kernels run, as detected. */
export interface Renderer {
  /** The concrete gpu.js backend ('gpu' resolves to one). */
  readonly engine: GpujsEngine;
  /** The WebGL renderer string (unmasked through WEBGL_debug_renderer_info where allowed), or a description. */
  readonly renderer: string;
  /** A software rasterizer (SwiftShader, llvmpipe, softpipe, ...): never chosen automatically. */
  readonly software: boolean;
}

/** Renderer names of software rasterizers: slower than plain TypeScript loops by 8-25x on measured machines. */
const SOFTWARE_RENDERERS =
  /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|microsoft basic|mesa offscreen|\bwarp\b/i;

/** Whether a WebGL renderer string (or WebGPU adapter description) names a software rasterizer. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

interface GlLike {
  readonly RENDERER: number;
  getParameter(name: number): unknown;
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
}

function glRenderer(context: unknown): string | undefined {
  const gl = context as GlLike | null | undefined;
  if (gl === null || gl === undefined || typeof gl.getParameter !== 'function') return undefined;
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name = debug !== null ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function probeContext(engine: GpujsEngine): unknown {
  const documentObject = (globalThis as { document?: { createElement(tag: string): unknown } }).document;
  const contextType = engine === 'webgl2' ? 'webgl2' : 'webgl';
  try {
    if (documentObject !== undefined) {
      return (documentObject.createElement('canvas') as { getContext(type: string): unknown }).getContext(contextType);
    }
    const Offscreen = (
      globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(type: string): unknown } }
    ).OffscreenCanvas;
    return Offscreen === undefined ? undefined : new Offscreen(1, 1).getContext(contextType);
  } catch {
    return undefined;
  }
}

/** Describes the renderer behind a gpu.js instance. GL renderers are read from the instance's context or a probe canvas. */
export function describeRenderer(gpu: GpuInstance, engine: GpujsEngine): Renderer {
  if (!usesTextures(engine)) {
    const renderer = engine === 'webasm' ? 'WebAssembly (SIMD) on the CPU' : 'JavaScript on the CPU (gpu.js cpu mode)';
    return { engine, renderer, software: false };
  }
  const renderer = glRenderer(gpu.context) ?? glRenderer(probeContext(engine)) ?? 'unknown WebGL renderer';
  return { engine, renderer, software: isSoftwareRenderer(renderer) };
}
