/**
 * Exit codes (documented in the README): 0 success, 1 a run that failed (a missing or corrupt file, a diverging
 * run, any other error), 2 bad usage (unknown command or option, an invalid value), 130 interrupted by Ctrl-C.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Bad usage: an unknown option, an invalid value, a value out of range. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file that cannot be read, parsed or written; the message names it. Exit code 1. */
export class FileError extends Error {
  override name = 'FileError';
}

/** The run itself failed (a non-finite loss, say); partial results are kept. Exit code 1. */
export class RunError extends Error {
  override name = 'RunError';
}

/** The exit code for an error thrown anywhere in a command. */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}

/** One line for the terminal: the message without a stack, line breaks folded. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ').trim();
}

/**
 * Runs `build` and turns the library's input errors (ValueError, ShapeError …, thrown while building a model,
 * optimizer or schedule from validated options) into usage errors: they come from values the user gave.
 */
export function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof UsageError || error instanceof FileError) throw error;
    throw new UsageError(oneLine(error));
  }
}
