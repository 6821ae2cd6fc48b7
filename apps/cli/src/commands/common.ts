import type { Command } from 'commander';
import type { z } from 'zod';
import { type Layer, mergeLayers, validateOptions } from '../config/layers.js';
import { loadConfigFile } from '../config/load-config.js';
import { Output } from '../output/output.js';

/** Options every command handles itself rather than passing to its schema. */
const OWN_KEYS = new Set(['quiet', 'json', 'config']);

/** Adds `--config`, `--quiet` and `--json`, shared by the commands that run something. */
export function withCommonOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'read options from a YAML or JSON file (same keys as the long options, camelCase)')
    .option('-q, --quiet', 'print nothing but errors (files given with --out are still written)')
    .option('--json', 'print NDJSON events on stdout instead of text, one JSON object per line');
}

export function outputOf(command: Command): Output {
  const options = command.opts();
  return new Output({ quiet: options.quiet === true, json: options.json === true });
}

/** The options given on the command line (not commander's implicit defaults), by their camelCase keys. */
export function givenOptions(command: Command): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command.opts())) {
    if (OWN_KEYS.has(key)) continue;
    if (command.getOptionValueSource(key) === 'cli') values[key] = value;
  }
  return values;
}

/** The layers a command's options come from: its `--config` file (if any), then the command line. */
export async function optionLayers(command: Command): Promise<Layer[]> {
  const configPath = command.opts().config as string | undefined;
  const layers: Layer[] = [];
  if (configPath !== undefined) layers.push({ values: await loadConfigFile(configPath), source: configPath });
  layers.push({ values: givenOptions(command), source: 'cli' });
  return layers;
}

/** Merges layers (later wins) over the schema's defaults and validates them. */
export function resolveOptions<S extends z.ZodType>(schema: S, layers: readonly Layer[]): z.output<S> {
  const { values, sources } = mergeLayers(layers);
  return validateOptions(schema, values, sources);
}
