import { type Command, CommanderError } from 'commander';
import { EXIT, exitCodeOf, oneLine } from './errors.js';
import { buildProgram } from './program.js';

/**
 * Runs the command line and sets the exit code: 0 done, 1 failed (files, a diverged run), 2 bad usage, 130
 * interrupted. Every error is one line on stderr (and an `error` event on stdout with `--json`).
 */
export async function main(argv: readonly string[], entryUrl: string): Promise<void> {
  // `descent … | head` closes the pipe early: stop quietly rather than with an EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = buildProgram(entryUrl);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    let code: number;
    let message: string;
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
        // `--help`, `--version`, and `descent help`: already printed. A bare `descent` shows help and exits 2.
        process.exitCode = error.code === 'commander.help' && error.exitCode !== 0 ? EXIT.usage : EXIT.ok;
        return;
      }
      code = EXIT.usage;
      message = error.message.replace(/^error: /, '');
    } else {
      code = exitCodeOf(error);
      message = oneLine(error);
    }
    const line = oneLine(message).replace(/; \(Did you mean/, ' (did you mean');
    const command = commandName(program, argv);
    process.stderr.write(`descent${command === undefined ? '' : ` ${command}`}: ${line}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ type: 'error', message: line, exitCode: code })}\n`);
    process.exitCode = code;
  }
}

/** The subcommand named on the command line, for the error prefix. */
function commandName(program: Command, argv: readonly string[]): string | undefined {
  const names = new Set(program.commands.map((c) => c.name()));
  return argv.slice(2).find((arg) => names.has(arg));
}
