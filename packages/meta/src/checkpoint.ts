import { fromJson, type Tree, toJson } from '@descent/nn';
import { stateFromJSON, stateToJSON } from '@descent/optim';
import { type RngState, ValueError } from '@descent/tensor';
import type { EpochRecord } from './types.js';

/** Everything needed to continue a run exactly where it stopped (at an epoch boundary). */
export interface Checkpoint {
  readonly epoch: number;
  readonly step: number;
  readonly params: Tree;
  readonly state: Tree;
  readonly optimizerState: unknown;
  readonly rng: RngState;
  readonly strategies: readonly unknown[];
  readonly history: readonly EpochRecord[];
}

const FORMAT = 'descent.checkpoint';

/**
 * Writes a checkpoint as JSON text (format `descent.checkpoint`, version 1): tensors with dtype, shape and values, so
 * that {@link parseCheckpoint} restores them bit for bit. This is what `train` writes to `checkpoint.path`.
 * @example await writeFile('run.json', serializeCheckpoint(checkpoint))
 */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify({
    format: FORMAT,
    version: 1,
    epoch: checkpoint.epoch,
    step: checkpoint.step,
    model: toJson({ params: checkpoint.params, state: checkpoint.state }),
    optimizerState: stateToJSON(checkpoint.optimizerState),
    rng: checkpoint.rng,
    // A strategy without memory (a curriculum) has no getState: null in the file, undefined when read back.
    strategies: checkpoint.strategies.map((s) => (s === undefined ? null : stateToJSON(s))),
    history: checkpoint.history,
  });
}

/**
 * Reads what {@link serializeCheckpoint} wrote, creating tensors on the current backend. `source` names the text in
 * errors (a file path, say): a `ValueError` when it is not JSON or not a version 1 Descent checkpoint.
 * @example const checkpoint = parseCheckpoint(await readFile('run.json', 'utf8'), 'run.json')
 */
export function parseCheckpoint(text: string, source: string): Checkpoint {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ValueError(`train: checkpoint ${source} is not valid JSON (a partial write?)`);
  }
  if (document?.format !== FORMAT || document.version !== 1) {
    throw new ValueError(`train: ${source} is not a version 1 Descent checkpoint`);
  }
  const model = fromJson(String(document.model)) as { params: Tree; state: Tree };
  return {
    epoch: Number(document.epoch),
    step: Number(document.step),
    params: model.params,
    state: model.state,
    optimizerState: stateFromJSON(document.optimizerState),
    rng: document.rng as RngState,
    strategies: (document.strategies as unknown[]).map((s) => (s === null ? undefined : stateFromJSON(s))),
    history: document.history as EpochRecord[],
  };
}

/** Writes to a temporary file beside `path`, then renames it over `path`: a crash never leaves a partial file. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const { writeFile, rename, mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ValueError(`train: cannot read checkpoint ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseCheckpoint(text, path);
}
