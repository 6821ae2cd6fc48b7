// Public surface of @descent/autodiff: explicit named re-exports only.
export { backward, Cotangents } from './backward.js';
export { type CheckGradOptions, type CheckGradResult, checkGrad } from './check-grad.js';
export { grad, type ValueAndGradOptions, valueAndGrad } from './grad.js';
export { registerGradient } from './gradients/registry.js';
export { gradients } from './gradients/table.js';
export type { GradientCall, GradientFn, GradientTable } from './gradients/types.js';
export { hvp } from './hvp.js';
export { hessian, jacobian } from './jacobian.js';
export { jvp } from './jvp.js';
export { stopGradient } from './stop-gradient.js';
export { sumToShape } from './sum-to-shape.js';
export { Tape, type TapeEntry } from './tape.js';
export { vjp } from './vjp.js';
