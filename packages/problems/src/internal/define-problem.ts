import {
  DTypeError,
  type FloatDType,
  isFloatDType,
  reshape,
  ShapeError,
  slice,
  Tensor,
  tensor,
  ValueError,
} from '@descent/tensor';
import type { Problem, ProblemName, ProblemPoint, ViewBounds } from '../types.js';

/** Everything a problem states about itself, plus `evaluate` on an already checked `x` of shape `[..., dimension]`. */
export interface ProblemSpec {
  readonly name: ProblemName;
  readonly title: string;
  readonly description: string;
  readonly section: string;
  readonly dimension: number;
  readonly dtype: FloatDType;
  readonly minimum: number;
  readonly minima: readonly ProblemPoint[];
  readonly saddlePoints?: readonly ProblemPoint[];
  readonly start: readonly number[];
  readonly bounds: ViewBounds;
  readonly evaluate: (x: Tensor) => Tensor;
}

/** Freezes a spec into a `Problem` whose `value` checks its input and names the problem in errors. */
export function defineProblem(spec: ProblemSpec): Problem {
  const { evaluate, dimension, name, dtype } = spec;
  const value = (x: Tensor): Tensor => {
    if (!(x instanceof Tensor)) {
      throw new ValueError(
        `${name}: x must be a Tensor of shape [${dimension}] or [..., ${dimension}], got ${typeof x}`,
      );
    }
    if (!isFloatDType(x.dtype)) throw new DTypeError(`${name}: x must be float32 or float64, got ${x.dtype}`);
    if (x.rank === 0 || x.shape[x.rank - 1] !== dimension) {
      throw new ShapeError(`${name}: x must have shape [${dimension}] or [..., ${dimension}], got [${x.shape}]`);
    }
    return evaluate(x);
  };
  const freezePoints = (points: readonly ProblemPoint[]) =>
    Object.freeze(points.map((point) => Object.freeze({ x: Object.freeze([...point.x]), value: point.value })));
  return Object.freeze({
    name,
    title: spec.title,
    description: spec.description,
    section: spec.section,
    dimension,
    dtype,
    value,
    minimum: spec.minimum,
    minima: freezePoints(spec.minima),
    saddlePoints: freezePoints(spec.saddlePoints ?? []),
    start: Object.freeze([...spec.start]),
    bounds: Object.freeze({ x: spec.bounds.x, y: spec.bounds.y }),
    initial: () => tensor(Float64Array.from(spec.start), { dtype }),
  });
}

/** `x[..., begin : begin + size]`, shape `[..., size]`. */
export function lastAxis(x: Tensor, begin: number, size: number): Tensor {
  const rank = x.rank;
  const start = new Array<number>(rank).fill(0);
  const extent = new Array<number>(rank).fill(-1);
  start[rank - 1] = begin;
  extent[rank - 1] = size;
  return slice(x, start, extent);
}

/** Coordinate `i` of every point, shape `[...]` (a scalar for a single point). */
export function coordinate(x: Tensor, i: number): Tensor {
  return reshape(lastAxis(x, i, 1), x.shape.slice(0, -1));
}

/** The two coordinates of a 2-D problem. */
export function xy(x: Tensor): readonly [Tensor, Tensor] {
  return [coordinate(x, 0), coordinate(x, 1)];
}

/** Checks an integer option such as `dimension`. */
export function integerOption(fn: string, what: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new ValueError(`${fn}: ${what} must be an integer ≥ ${minimum}, got ${String(value)}`);
  }
  return value;
}
