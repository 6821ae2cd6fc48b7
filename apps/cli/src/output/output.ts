/** How a command reports: human-readable lines, NDJSON events for scripts, or nothing but errors. */
export type OutputMode = 'human' | 'json' | 'quiet';

/** The options every command takes for its output. */
export interface OutputOptions {
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/**
 * Where a command's output goes. Human lines and NDJSON events go to stdout (one or the other), warnings and the
 * live progress bar to stderr, so `descent train --json | jq` sees only events.
 */
export class Output {
  readonly mode: OutputMode;
  /** Whether a live progress bar can be drawn: human mode and stderr is a terminal. */
  readonly interactive: boolean;

  constructor(options: OutputOptions, stderrIsTerminal = process.stderr.isTTY === true) {
    this.mode = options.json === true ? 'json' : options.quiet === true ? 'quiet' : 'human';
    this.interactive = this.mode === 'human' && stderrIsTerminal;
  }

  /** A line for people (human mode only). */
  line(text = ''): void {
    if (this.mode === 'human') process.stdout.write(`${text}\n`);
  }

  /** An NDJSON event (json mode only): `{"type": …, …payload}` on one line. */
  event(type: string, payload: Record<string, unknown> = {}): void {
    if (this.mode === 'json') process.stdout.write(`${JSON.stringify({ type, ...payload }, jsonReplacer)}\n`);
  }

  /** A warning on stderr, in every mode but quiet. */
  warn(text: string): void {
    if (this.mode !== 'quiet') process.stderr.write(`descent: warning: ${text}\n`);
  }
}

/** NaN and ±Infinity are not JSON: write them as strings so that a diverged run's record still parses. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
