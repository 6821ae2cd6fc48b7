import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { flagOf } from '../setup/optimizers.js';

/** One source of option values: the command line, a config file, a resumed run's saved config. */
export interface Layer {
  readonly values: Readonly<Record<string, unknown>>;
  /** `'cli'` or a file path, for error messages. */
  readonly source: string;
}

/** Later layers win. Returns the merged values and, per key, where its value came from. */
export function mergeLayers(layers: readonly Layer[]): {
  values: Record<string, unknown>;
  sources: Record<string, string>;
} {
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.values)) {
      if (value === undefined) continue;
      values[key] = value;
      sources[key] = layer.source;
    }
  }
  return { values, sources };
}

/** How an option is named to the user: its flag when it came from the command line, else its key and file. */
export function describeKey(key: string, source: string | undefined): string {
  if (source === undefined || source === 'cli' || source === 'default') return flagOf(key);
  return `${key} (in ${source})`;
}

/**
 * Validates merged options against a zod schema; the first problem becomes one usage line such as
 * `--learning-rate must be positive, got -1` or `unknown key 'lerningRate' in run.yaml`.
 */
export function validateOptions<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  sources: Record<string, string>,
): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const known = Object.keys((schema as unknown as z.ZodObject).shape ?? {});
    const near = known.find((name) => closeEnough(name, key));
    throw new UsageError(
      `unknown key '${key}' in ${sources[key] ?? 'the config'}${near === undefined ? '' : ` (did you mean ${near}?)`}`,
    );
  }
  const key = String(issue.path[0] ?? '');
  const given = values[key];
  const shown = typeof given === 'string' ? `'${given}'` : JSON.stringify(given);
  throw new UsageError(`${describeKey(key, sources[key])} ${issue.message}, got ${shown}`);
}

/** Edit distance at most 2, or the same letters ignoring case: a likely typo. */
function closeEnough(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (x[i - 1] === y[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[y.length] <= 2;
}
