// The `linalg` namespace: `import { linalg } from '@descent/tensor'; linalg.solve(a, b)`.
export { type CholeskyOptions, cholesky } from './cholesky.js';
export { det } from './det.js';
export { type EighOptions, type EighResult, eigh } from './eigh.js';
export { inv } from './inv.js';
export { type NormOptions, type NormOrder, norm } from './norm.js';
export { type QrOptions, type QrResult, qr } from './qr.js';
export { type SlogdetResult, slogdet } from './slogdet.js';
export { solve } from './solve.js';
export { type SolveTriangularOptions, solveTriangular } from './solve-triangular.js';
export type { SymmetryOptions } from './symmetric-part.js';
