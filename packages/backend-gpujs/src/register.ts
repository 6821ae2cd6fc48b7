import type { Backend } from '@descent/tensor';
import { findBackend, registerBackend, ValueError } from '@descent/tensor';
import type { ProbeFigures } from './auto/probe.js';
import type { Choice } from './auto/router.js';
import { Router } from './auto/router.js';
import { createGpujsBackend, type GpujsBackend } from './backend.js';
import { describeRenderer, detectEnvironment, type Environment, type Renderer } from './environment.js';
import type { GpujsMode } from './gpujs.js';
import type { ProgramStats } from './programs.js';
import type { GpujsMemory } from './storage.js';

/** Options of {@link registerGpujsBackend}: the gpu.js mode and whether `auto` may use a software renderer. */
export interface GpujsBackendOptions {
  /**
   * The gpu.js mode. `'gpu'` (the default) takes the first that works of headless-gl, WebGL2, WebGL and WebAssembly;
   * the others force one backend. gpu.js's `'webgpu'` and `'async'` modes return a Promise from every kernel and
   * cannot serve synchronous tensor ops, so they are refused.
   */
  readonly mode?: GpujsMode;
  /** Let `auto` choose a software renderer such as SwiftShader (for tests and demos). Default false. */
  readonly allowSoftware?: boolean;
}

interface Registration {
  readonly backend: GpujsBackend;
  readonly router: Router;
  readonly renderer: Renderer;
}

let registration: Registration | undefined;
/** Probe figures per path, measured once per process. */
const probes = new Map<string, ProbeFigures>();

const MODES: readonly string[] = ['gpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];

/**
 * Registers the `gpujs` backend and the `auto` router with `@descent/tensor`. Registration is explicit (the package
 * has no side effects on import); call it once, then `setBackend('gpujs')` or `setBackend('auto')`.
 * @example
 * registerGpujsBackend();
 * setBackend('auto'); // each op runs where the startup probe predicts it is fastest
 */
export function registerGpujsBackend(options: GpujsBackendOptions = {}): void {
  const { mode = 'gpu', allowSoftware = false } = options;
  const requested: string = mode;
  if (!MODES.includes(requested)) {
    const why =
      requested === 'webgpu' || requested === 'async'
        ? ' (its kernels return Promises, and tensor ops are synchronous)'
        : '';
    throw new ValueError(
      `registerGpujsBackend: mode "${mode}" is not supported${why}; expected one of ${MODES.join(', ')}`,
    );
  }
  const environment = detectEnvironment();
  if (!environment.modes.includes(mode)) {
    throw new ValueError(
      `registerGpujsBackend: gpu.js mode "${mode}" cannot run here; available: ${environment.modes.join(', ')}`,
    );
  }
  const backend = createGpujsBackend(mode);
  const renderer = describeRenderer(backend.storage.gpu, backend.engine);
  const cpu = findBackend('cpu') as Backend;
  const probeKey = `${backend.engine}|${renderer.renderer}|${allowSoftware}`;
  const router = new Router(cpu, backend, renderer, allowSoftware, probes.get(probeKey));
  const auto: Backend = {
    name: 'auto',
    // A router holds no data: the engine creates tensors on the CPU while `auto` is current.
    write: (values, shape, dtype) => cpu.write(values, shape, dtype),
    read: (tensor) => cpu.read(tensor),
    readSync: (tensor) => cpu.readSync(tensor),
    dispose: (tensor) => cpu.dispose(tensor),
    has: () => true,
    run: (kernel, inputs, attrs) => router.select(kernel, inputs, attrs).run(kernel, inputs, attrs),
    select: (kernel, inputs, attrs) => {
      const chosen = router.select(kernel, inputs, attrs);
      const figures = router.probed;
      if (figures !== undefined) probes.set(probeKey, figures);
      return chosen;
    },
    get observing() {
      return router.observing;
    },
    observe: (kernel, ran, ms) => router.observe(kernel, ran, ms),
  };
  registerBackend('gpujs', backend);
  registerBackend('auto', auto);
  registration = { backend, router, renderer };
}

/** What `getBackendInfo()` reports. */
export interface BackendInfo {
  /** The synchronous gpu.js modes available here, and whether a WebGPU API exists. */
  readonly environment: Environment;
  /** Undefined until `registerGpujsBackend()` is called. */
  readonly gpujs?: {
    readonly mode: GpujsMode;
    /** The concrete gpu.js backend, its renderer string and whether that is a software rasterizer. */
    readonly renderer: Renderer;
    /** Why `auto` never picks gpujs here (a software renderer), if so. */
    readonly excludedFromAuto?: string;
    readonly kernels: ProgramStats;
    /** Per kernel, how many calls ran the CPU reference on host values (no gpu.js kernel, dtype or shape). */
    readonly fallbacks: Readonly<Record<string, number>>;
    readonly memory: GpujsMemory;
  };
  /** The startup probe's figures, once `auto` has routed an op or `probeBackends()` ran. */
  readonly probe?: ProbeFigures;
  /** Where `auto` ran each kind of op (kernel and input shapes), with the reason. */
  readonly choices: readonly Choice[];
  /**
   * What `auto` learnt from the ops it timed (host paths only), by path and kind of work (`'gpujs:elementwise'`):
   * the measured time over the probe's prediction (the lower quartile of the last 15, applied to later predictions
   * from the second on) and how many ops it rests on.
   */
  readonly corrections: Readonly<Record<string, { readonly factor: number; readonly samples: number }>>;
}

/** Reports what was detected, the probe's figures, kernel-cache counters, live device memory and `auto`'s choices. */
export function getBackendInfo(): BackendInfo {
  const environment = detectEnvironment();
  if (registration === undefined) return { environment, choices: [], corrections: {} };
  const { backend, router, renderer } = registration;
  const excluded = router.excluded;
  const probe = router.probed;
  return {
    environment,
    gpujs: {
      mode: backend.mode,
      renderer,
      ...(excluded === undefined ? {} : { excludedFromAuto: excluded }),
      kernels: backend.storage.programs.stats(),
      fallbacks: backend.storage.fallbacks(),
      memory: backend.storage.memory(),
    },
    ...(probe === undefined ? {} : { probe }),
    choices: router.choices(),
    corrections: router.corrections(),
  };
}

/** Runs the startup probe now (it otherwise runs when `auto` first routes an op) and returns its figures. */
export function probeBackends(): ProbeFigures {
  if (registration === undefined) throw new ValueError('probeBackends: call registerGpujsBackend() first');
  const { backend, router, renderer } = registration;
  const figures = router.figures();
  probes.set(`${backend.engine}|${renderer.renderer}|${router.allowSoftware}`, figures);
  return figures;
}

/** Live device memory of the registered gpujs backend: textures held by undisposed tensors. */
export function gpujsMemory(): GpujsMemory {
  if (registration === undefined) return { liveTextures: 0, textureBytes: 0, collected: 0 };
  return registration.backend.storage.memory();
}

/** The registered backend and router, for `fuse`. */
export function currentRegistration(): Registration | undefined {
  return registration;
}
