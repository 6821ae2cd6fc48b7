import { DTypeError, type FloatDType, type Rng, type Shape, ShapeError, ValueError } from '@descent/tensor';

const RNG_METHODS = ['uniform', 'normal', 'truncatedNormal', 'choice'] as const;

/** Checks the options object itself: calling `glorotUniform(shape)` with no options is a missing `rng`. */
export function readOptions<T extends object>(fn: string, options: T | undefined): T {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: expected an options object with an rng (e.g. { rng: createRng(0) }), got ${options}`);
  }
  return options;
}

/**
 * Checks that `rng` is a generator. Duck-typed rather than `instanceof Rng`, so that a generator from a second copy
 * of @descent/tensor (two versions in one bundle) still works.
 */
export function assertRng(fn: string, rng: unknown): Rng {
  const candidate = rng as Record<string, unknown> | null | undefined;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !RNG_METHODS.every((method) => typeof candidate[method] === 'function')
  ) {
    const got = rng === undefined ? 'none' : rng === null ? 'null' : typeof rng;
    throw new ValueError(`${fn}: options.rng must be a generator from createRng(seed), got ${got}`);
  }
  return rng as Rng;
}

/** The dtype option: float32 by default, float64 allowed, anything else a DTypeError. */
export function floatDType(fn: string, dtype: unknown): FloatDType {
  if (dtype === undefined) return 'float32';
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new DTypeError(`${fn}: dtype must be float32 or float64, got ${JSON.stringify(dtype)}`);
}

/** The options every random initializer shares, checked in order: the object, `rng`, then `dtype`. */
export function randomOptions(
  fn: string,
  options: { readonly rng: Rng; readonly dtype?: FloatDType } | undefined,
): { rng: Rng; dtype: FloatDType } {
  const checked = readOptions(fn, options);
  return { rng: assertRng(fn, checked.rng), dtype: floatDType(fn, checked.dtype) };
}

/** Checks that `shape` is an array of non-negative integers, and its rank when `rank` is given. */
export function checkShape(
  fn: string,
  shape: unknown,
  rank?: { readonly min?: number; readonly exactly?: number },
): Shape {
  if (!Array.isArray(shape)) throw new ShapeError(`${fn}: shape must be an array of sizes, got ${String(shape)}`);
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(`${fn}: shape ${JSON.stringify(shape)} has a size that is not a non-negative integer`);
    }
  }
  if (rank?.exactly !== undefined && shape.length !== rank.exactly) {
    throw new ShapeError(`${fn}: expected a ${rank.exactly}-D shape, got [${shape.join(',')}] (${shape.length}-D)`);
  }
  if (rank?.min !== undefined && shape.length < rank.min) {
    throw new ShapeError(
      `${fn}: expected a shape with at least ${rank.min} dimensions, got [${shape.join(',')}] (${shape.length}-D)`,
    );
  }
  return shape as Shape;
}

export function assertFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Standard deviations, gains and scales: a non-positive one would give all-zero or sign-flipped weights. */
export function assertPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${fn}: ${name} must be a positive finite number, got ${String(value)}`);
  }
  return value;
}

export function assertOneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new ValueError(
      `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}
