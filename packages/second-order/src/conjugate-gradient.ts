import { isFloatDType, ShapeError, Tensor, tensor, tidy, ValueError } from '@descent/tensor';
import { dot, firstNonFinite, format, matVec, norm2 } from './internal/vector.js';

/** Options of `conjugateGradient`. */
export interface ConjugateGradientOptions {
  /** Relative tolerance: stop when ‖b − Ax‖₂ ≤ max(tolerance·‖b‖₂, absoluteTolerance). Default 1e-5 (SciPy's rtol). */
  readonly tolerance?: number;
  /** Absolute tolerance on the residual norm. Default 0. */
  readonly absoluteTolerance?: number;
  /** Default 10·n, as SciPy. */
  readonly maxIterations?: number;
  /**
   * Applies M⁻¹ for an SPD preconditioner M ≈ A: a tensor [n] holding the diagonal of M⁻¹ (Jacobi: 1/diag(A)), a
   * tensor [n, n] holding M⁻¹, or a function r ↦ M⁻¹r on tensors shaped like b.
   */
  readonly preconditioner?: Tensor | ((r: Tensor) => Tensor);
  /** Starting guess, shaped like b. Default zeros. */
  readonly x0?: Tensor;
}

/**
 * How the solve ended: `'not-positive-definite'` when a search direction had pᵀAp ≤ 0 (A is not SPD; x is the
 * iterate before that direction), `'non-finite'` when a product was NaN or infinite.
 */
export type ConjugateGradientStatus = 'converged' | 'max-iterations' | 'not-positive-definite' | 'non-finite';

/** What `conjugateGradient` returns. */
export interface ConjugateGradientResult {
  /** The solution, shaped like b, in b's dtype. */
  readonly x: Tensor;
  readonly iterations: number;
  /** ‖b − Ax‖₂ of the returned x, as updated by the recurrence. */
  readonly residualNorm: number;
  readonly converged: boolean;
  readonly status: ConjugateGradientStatus;
  readonly message: string;
  /** Products with A (the recurrence needs one per iteration, plus one for a nonzero x0). */
  readonly matvecs: number;
}

/**
 * Solves A x = b for symmetric positive definite A by (preconditioned) linear conjugate gradients (Deep Learning
 * §8.6.2; Hestenes & Stiefel 1952; Nocedal & Wright Algorithm 5.3): with r = b − Ax, z = M⁻¹r, p = z,
 *
 *   α = rᵀz / pᵀAp;  x ← x + αp;  r ← r − αAp;  z = M⁻¹r;  β = r₊ᵀz₊ / rᵀz;  p ← z + βp.
 *
 * Each direction is A-conjugate to all earlier ones, so in exact arithmetic CG converges in at most n iterations
 * (at most the number of distinct eigenvalues), and the error shrinks at least by 2((√κ − 1)/(√κ + 1))ᵏ. A is a
 * tensor [n, n] (read once) or a function v ↦ Av on tensors shaped like b (a Hessian-vector product, say); the
 * recurrence itself runs on float64 arrays.
 * @see Hestenes & Stiefel 1952, https://doi.org/10.6028/jres.049.044
 * @see Nocedal & Wright 2006, *Numerical Optimization* (2nd ed.), Algorithm 5.3, https://doi.org/10.1007/978-0-387-40065-5
 * @example
 * const a = tensor([[4, 1], [1, 3]], { dtype: 'float64' });
 * const { x, iterations } = conjugateGradient(a, tensor([1, 2], { dtype: 'float64' }), { tolerance: 1e-12 });
 * x.toArray(); // → [0.0909…, 0.6364…] (1/11, 7/11); iterations → 2
 */
export function conjugateGradient(
  a: Tensor | ((v: Tensor) => Tensor),
  b: Tensor,
  options: ConjugateGradientOptions = {},
): ConjugateGradientResult {
  const fn = 'conjugateGradient';
  if (!(b instanceof Tensor)) throw new ValueError(`${fn}: b must be a Tensor, got ${typeof b}`);
  if (!isFloatDType(b.dtype)) throw new ValueError(`${fn}: b must be float32 or float64, got ${b.dtype}`);
  const n = b.size;
  if (n === 0) throw new ShapeError(`${fn}: b is empty`);
  const dtype = b.dtype;
  const rhs = Float64Array.from(b.dataSync() as ArrayLike<number>);
  const toTensor = (v: Float64Array) => tensor(v, { shape: b.shape, dtype });
  const readProduct = (what: string, make: () => Tensor, out: Float64Array) => {
    tidy(() => {
      const product = make();
      if (!(product instanceof Tensor) || product.size !== n) {
        const got = product instanceof Tensor ? `shape [${product.shape}]` : typeof product;
        throw new ShapeError(`${fn}: ${what} must return a tensor of ${n} values (shaped like b), got ${got}`);
      }
      out.set(product.dataSync() as ArrayLike<number>);
    });
  };

  let multiply: (v: Float64Array, out: Float64Array) => void;
  if (a instanceof Tensor) {
    if (a.rank !== 2 || a.shape[0] !== n || a.shape[1] !== n || b.rank !== 1) {
      throw new ShapeError(`${fn}: A must be [n, n] with b [n], got A [${a.shape}] and b [${b.shape}]`);
    }
    const matrix = Float64Array.from(a.dataSync() as ArrayLike<number>);
    multiply = (v, out) => matVec(matrix, v, out);
  } else if (typeof a === 'function') {
    multiply = (v, out) => readProduct('A', () => a(toTensor(v)), out);
  } else throw new ValueError(`${fn}: A must be a Tensor or a function v => A·v, got ${typeof a}`);

  const { preconditioner } = options;
  let precondition: ((r: Float64Array, out: Float64Array) => void) | undefined;
  if (preconditioner instanceof Tensor) {
    const values = Float64Array.from(preconditioner.dataSync() as ArrayLike<number>);
    if (preconditioner.rank === 1 && preconditioner.size === n) {
      precondition = (r, out) => {
        for (let i = 0; i < n; i++) out[i] = values[i] * r[i];
      };
    } else if (preconditioner.rank === 2 && preconditioner.shape[0] === n && preconditioner.shape[1] === n) {
      precondition = (r, out) => matVec(values, r, out);
    } else {
      throw new ShapeError(`${fn}: preconditioner must be [${n}] or [${n}, ${n}], got [${preconditioner.shape}]`);
    }
  } else if (typeof preconditioner === 'function') {
    precondition = (r, out) => readProduct('preconditioner', () => preconditioner(toTensor(r)), out);
  } else if (preconditioner !== undefined) {
    throw new ValueError(`${fn}: preconditioner must be a Tensor or a function, got ${typeof preconditioner}`);
  }

  const tolerance = options.tolerance ?? 1e-5;
  const absoluteTolerance = options.absoluteTolerance ?? 0;
  const maxIterations = options.maxIterations ?? 10 * n;
  if (!(tolerance >= 0) || !(absoluteTolerance >= 0)) {
    throw new ValueError(`${fn}: tolerances must be non-negative, got ${tolerance} and ${absoluteTolerance}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new ValueError(`${fn}: maxIterations must be a non-negative integer, got ${String(maxIterations)}`);
  }

  const x = new Float64Array(n);
  const r = Float64Array.from(rhs);
  const ap = new Float64Array(n);
  let matvecs = 0;
  if (options.x0 !== undefined) {
    if (!(options.x0 instanceof Tensor) || options.x0.size !== n) {
      throw new ShapeError(`${fn}: x0 must be a tensor shaped like b ([${b.shape}])`);
    }
    x.set(options.x0.dataSync() as ArrayLike<number>);
    multiply(x, ap);
    matvecs++;
    for (let i = 0; i < n; i++) r[i] -= ap[i];
  }
  const threshold = Math.max(tolerance * norm2(rhs), absoluteTolerance);
  const z = new Float64Array(n);
  const applyPreconditioner = () => {
    if (precondition === undefined) z.set(r);
    else precondition(r, z);
  };
  applyPreconditioner();
  const p = Float64Array.from(z);
  let rz = dot(r, z);
  let residual = norm2(r);
  let iterations = 0;
  const finish = (status: ConjugateGradientStatus, detail: string): ConjugateGradientResult => ({
    x: toTensor(x),
    iterations,
    residualNorm: residual,
    converged: status === 'converged',
    status,
    message: `${fn}: ${status} after ${iterations} iterations: ${detail}`,
    matvecs,
  });
  while (residual > threshold) {
    if (iterations >= maxIterations) {
      return finish('max-iterations', `‖r‖ = ${format(residual)} > ${format(threshold)} after maxIterations`);
    }
    multiply(p, ap);
    matvecs++;
    if (firstNonFinite(ap) >= 0) return finish('non-finite', 'A·p is not finite');
    const curvature = dot(p, ap);
    if (!(curvature > 0)) {
      return finish('not-positive-definite', `pᵀAp = ${format(curvature)} ≤ 0: A is not positive definite`);
    }
    const alpha = rz / curvature;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    }
    iterations++;
    residual = norm2(r);
    if (residual <= threshold) break;
    applyPreconditioner();
    const nextRz = dot(r, z);
    const beta = nextRz / rz;
    rz = nextRz;
    for (let i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
  }
  return finish('converged', `‖r‖ = ${format(residual)} ≤ ${format(threshold)}`);
}
