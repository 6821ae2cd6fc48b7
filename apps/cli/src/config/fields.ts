import { z } from 'zod';

// Field types shared by the commands' option schemas. Values from the command line arrive as strings and values
// from a config file as YAML/JSON scalars: numbers and booleans accept both. Messages complete "<option> …, got x".

/** A string that is a decimal number becomes that number; anything else is left for the schema to reject. */
const toNumber = (value: unknown): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const number = Number(value);
  return Number.isNaN(number) ? value : number;
};

const toBoolean = (value: unknown): unknown => {
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  return value;
};

const number = () => z.number({ error: 'must be a number' }).refine(Number.isFinite, { error: 'must be finite' });

export const field = {
  /** > 0. */
  positive: () =>
    z.preprocess(
      toNumber,
      number().refine((v) => v > 0, { error: 'must be positive' }),
    ),
  /** ≥ 0. */
  nonNegative: () =>
    z.preprocess(
      toNumber,
      number().refine((v) => v >= 0, { error: 'must be ≥ 0' }),
    ),
  /** In [0, 1). */
  unit: () =>
    z.preprocess(
      toNumber,
      number().refine((v) => v >= 0 && v < 1, { error: 'must be in [0, 1)' }),
    ),
  /** An integer ≥ 1. */
  count: () =>
    z.preprocess(
      toNumber,
      number().refine((v) => Number.isInteger(v) && v >= 1, { error: 'must be a positive integer' }),
    ),
  /** An integer ≥ 0. */
  natural: () =>
    z.preprocess(
      toNumber,
      number().refine((v) => Number.isInteger(v) && v >= 0, { error: 'must be an integer ≥ 0' }),
    ),
  /** A positive integer, or `'full'` for batch gradient descent. */
  batchSize: () =>
    z.preprocess(
      toNumber,
      z
        .union([z.literal('full'), z.number()], { error: 'must be a positive integer or full' })
        .refine((v) => v === 'full' || (Number.isInteger(v) && v >= 1), {
          error: 'must be a positive integer or full',
        }),
    ),
  boolean: () => z.preprocess(toBoolean, z.boolean({ error: 'must be true or false' })),
  string: () => z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of ${values.join(', ')}` }),
  /** A comma-separated list (or a YAML list) of names. */
  list: () =>
    z.preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((item) => item.trim())
              .filter((item) => item !== '')
          : value,
      z.array(z.string({ error: 'must list names' }), { error: 'must be a comma-separated list' }).min(1, {
        error: 'must name at least one',
      }),
    ),
  /** A comma-separated list of numbers, such as a start point. */
  numbers: () =>
    z.preprocess(
      (value) => (typeof value === 'string' ? value.split(',').map((item) => toNumber(item.trim())) : value),
      z.array(number(), { error: 'must be comma-separated numbers' }).min(1, { error: 'must list numbers' }),
    ),
};
