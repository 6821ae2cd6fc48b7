// Public surface of @descent/backend-gpujs: explicit named re-exports only.

// Registration and introspection.
export type { PathFigures, ProbeFigures } from './auto/probe.js';
export type { Choice } from './auto/router.js';
export { type Environment, isSoftwareRenderer, type Renderer } from './environment.js';
// Fusion.
export { type FusedFunction, FusedValue, fuse } from './fuse.js';
export type { GpujsEngine, GpujsMode } from './gpujs.js';
export type { ProgramStats } from './programs.js';
export {
  type BackendInfo,
  type GpujsBackendOptions,
  getBackendInfo,
  gpujsMemory,
  probeBackends,
  registerGpujsBackend,
} from './register.js';
export type { GpujsMemory } from './storage.js';
