import { hessian, hvp, valueAndGrad } from '@descent/autodiff';
import {
  DTypeError,
  type FloatDType,
  isFloatDType,
  reshape,
  type Shape,
  slice,
  type Tensor,
  tensor,
  tidy,
  tree,
  ValueError,
} from '@descent/tensor';
import { firstNonFinite } from './vector.js';

/** A tensor or a tree of tensors: what `minimize` optimizes over. */
export type Params = tree.Tree;

/** Thrown inside a run when f or ∇f is not finite; `minimize` turns it into a result with `success: false`. */
export class NonFiniteError extends Error {
  override name = 'NonFiniteError';
}

/**
 * The objective seen through flat Float64Arrays. The tree of parameters is flattened once; every evaluation builds
 * tensors of `dtype` from the flat point, runs autodiff, and copies the results back. Counts evaluations as SciPy
 * does: `nfev` calls of f, `njev` of ∇f (together here, by one reverse sweep), `nhev` Hessian(-vector) products.
 */
export class Objective<P extends Params = Params> {
  readonly n: number;
  readonly dtype: FloatDType;
  nfev = 0;
  njev = 0;
  nhev = 0;
  readonly #fn: (x: Params) => Tensor;
  readonly #structure: tree.TreeStructure;
  readonly #shapes: Shape[];
  readonly #offsets: number[];
  readonly #valueAndGrad: (x: Params) => [Tensor, Params];
  #hvp: ((x: Params, v: Params) => Params) | undefined;
  #hessian: ((z: Tensor) => Tensor) | undefined;
  readonly #caller: string;
  readonly #cast: boolean;

  constructor(caller: string, fn: (x: P) => Tensor, x0: P, dtype: FloatDType | undefined) {
    this.#caller = caller;
    if (typeof fn !== 'function') throw new ValueError(`${caller}: fn must be a function of x, got ${typeof fn}`);
    let flat: { leaves: Tensor[]; structure: tree.TreeStructure };
    try {
      flat = tree.flatten(x0);
    } catch (error) {
      throw new ValueError(`${caller}: x0 must be a tensor or a tree of tensors; ${(error as Error).message}`);
    }
    if (flat.leaves.length === 0) throw new ValueError(`${caller}: x0 has no tensors to optimize`);
    flat.leaves.forEach((leaf, i) => {
      if (!isFloatDType(leaf.dtype)) {
        throw new DTypeError(
          `${caller}: x0 leaf ${i} (shape [${leaf.shape}]) is ${leaf.dtype}; expected float32 or float64`,
        );
      }
    });
    this.dtype = dtype ?? 'float64';
    this.#cast = flat.leaves.some((leaf) => leaf.dtype !== this.dtype);
    this.#fn = fn as (x: Params) => Tensor;
    this.#structure = flat.structure;
    this.#shapes = flat.leaves.map((leaf) => leaf.shape);
    this.#offsets = [];
    let n = 0;
    for (const leaf of flat.leaves) {
      this.#offsets.push(n);
      n += leaf.size;
    }
    this.n = n;
    this.#valueAndGrad = valueAndGrad(this.#fn);
  }

  /** The flat float64 copy of a tree with x0's structure (x0 itself, or a gradient). */
  flatten(params: P): Float64Array {
    const out = new Float64Array(this.n);
    tree.flatten(params).leaves.forEach((leaf, i) => {
      out.set(leaf.dataSync() as ArrayLike<number>, this.#offsets[i]);
    });
    return out;
  }

  /** The tree of `dtype` tensors holding the flat point `x`. */
  params(x: Float64Array): P {
    const leaves = this.#shapes.map((shape, i) => {
      const begin = this.#offsets[i];
      const end = i + 1 < this.#offsets.length ? this.#offsets[i + 1] : this.n;
      return tensor(x.subarray(begin, end), { shape, dtype: this.dtype });
    });
    return tree.unflatten(this.#structure, leaves) as P;
  }

  /** Rounds a point to the working dtype in place, so that the iterate is exactly what f is evaluated at. */
  round(x: Float64Array): void {
    if (this.dtype === 'float32') for (let i = 0; i < x.length; i++) x[i] = Math.fround(x[i]);
  }

  /** f(x), with ∇f(x) written into `gradient`. Throws NonFiniteError for a NaN or infinite value or gradient. */
  evaluate(x: Float64Array, gradient: Float64Array): number {
    this.round(x);
    const first = this.nfev === 0;
    this.nfev++;
    this.njev++;
    let value: number;
    try {
      value = tidy(() => {
        const [loss, grads] = this.#valueAndGrad(this.params(x));
        tree.flatten(grads).leaves.forEach((leaf, i) => {
          gradient.set(leaf.dataSync() as ArrayLike<number>, this.#offsets[i]);
        });
        return loss.item();
      });
    } catch (error) {
      if (first) throw this.#explain(error);
      throw error;
    }
    if (!Number.isFinite(value)) throw new NonFiniteError(`f is ${value}`);
    const bad = firstNonFinite(gradient);
    if (bad >= 0) throw new NonFiniteError(`the gradient is ${gradient[bad]} at index ${bad}`);
    return value;
  }

  /** H(x)·v, exact (reverse over reverse), into `out`. */
  hvp(x: Float64Array, v: Float64Array, out: Float64Array = new Float64Array(this.n)): Float64Array {
    this.nhev++;
    this.#hvp ??= hvp(this.#fn);
    const product = this.#hvp;
    tidy(() => {
      const result = product(this.params(x), this.params(v));
      tree.flatten(result).leaves.forEach((leaf, i) => {
        out.set(leaf.dataSync() as ArrayLike<number>, this.#offsets[i]);
      });
    });
    const bad = firstNonFinite(out);
    if (bad >= 0) throw new NonFiniteError(`the Hessian-vector product is ${out[bad]} at index ${bad}`);
    return out;
  }

  /** The dense Hessian, row-major n×n: one forward pass and n reverse sweeps of the gradient. */
  hessian(x: Float64Array): Float64Array {
    this.nhev++;
    if (this.#hessian === undefined) {
      const unflatten = (z: Tensor): Params => {
        if (this.#structure.kind === 'leaf') return reshape(z, this.#shapes[0]);
        const leaves = this.#shapes.map((shape, i) => {
          const size = (i + 1 < this.#offsets.length ? this.#offsets[i + 1] : this.n) - this.#offsets[i];
          return reshape(slice(z, [this.#offsets[i]], [size]), shape);
        });
        return tree.unflatten(this.#structure, leaves);
      };
      this.#hessian = hessian((z: Tensor) => this.#fn(unflatten(z)));
    }
    const compute = this.#hessian;
    const out = tidy(() =>
      Float64Array.from(compute(tensor(x, { dtype: this.dtype })).dataSync() as ArrayLike<number>),
    );
    const bad = firstNonFinite(out);
    if (bad >= 0) throw new NonFiniteError(`the Hessian is ${out[bad]} at entry ${bad}`);
    return out;
  }

  /** Rewrites errors of the first evaluation so that they name the caller and say what it got. */
  #explain(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const message = error.message;
    if (error instanceof ValueError && message.startsWith('valueAndGrad: f must return')) {
      return new ValueError(message.replace('valueAndGrad: f must return', `${this.#caller}: fn must return`));
    }
    if (error instanceof DTypeError && this.#cast) {
      return new DTypeError(
        `${this.#caller}: fn failed on x0 converted to ${this.dtype} (${message}); build fn's constants in ` +
          `${this.dtype}, or pass { dtype: '${this.dtype === 'float64' ? 'float32' : 'float64'}' }`,
      );
    }
    return error;
  }
}
