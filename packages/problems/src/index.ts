// Public surface of @descent/problems: explicit named re-exports only.
export { getProblem, problemNames, problems } from './get-problem.js';
export type { Problem, ProblemName, ProblemOptions, ProblemPoint, ViewBounds } from './types.js';
