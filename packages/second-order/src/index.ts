// Public surface of @descent/second-order: explicit named re-exports only.

// Full-batch objectives.
export { type BatchObjectiveOptions, batchObjective } from './batch-objective.js';
// Linear systems and curvature.
export {
  type ConjugateGradientOptions,
  type ConjugateGradientResult,
  type ConjugateGradientStatus,
  conjugateGradient,
} from './conjugate-gradient.js';
export { type CurvatureOptions, type CurvatureReport, curvature } from './curvature.js';
// Line searches.
export { type BacktrackingOptions, backtracking } from './line-search/backtracking.js';
export { type StrongWolfeOptions, strongWolfe } from './line-search/strong-wolfe.js';
export type {
  LineFunction,
  LinePoint,
  LineSearch,
  LineSearchOptions,
  LineSearchResult,
  LineSearchStatus,
} from './line-search/types.js';
// Minimization.
export { methods, minimize } from './minimize.js';
export type {
  IterationInfo,
  LineSearchTrial,
  Method,
  MinimizeOptions,
  MinimizeStatus,
  OptimizeResult,
  Params,
} from './types.js';
