import { Command } from 'commander';
import { benchCommand } from './commands/bench.js';
import { compareCommand } from './commands/compare.js';
import { listCommand } from './commands/list.js';
import { minimizeCommand } from './commands/minimize.js';
import { sweepCommand } from './commands/sweep.js';
import { trainCommand } from './commands/train.js';
import { CLI_VERSION } from './versions.js';

const EXIT_CODES = `
Exit codes:
  0    done
  1    failed: a missing or corrupt file (dataset, config, checkpoint), a diverging run, another error
  2    bad usage: unknown command or option, invalid value
  130  interrupted by Ctrl-C (descent train writes a final checkpoint first when given --checkpoint-dir)`;

/** Error handling every command shares: throw instead of exiting, and collect commander's messages. */
function configure(command: Command): Command {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    // main() prints errors as one line; commander's own copy is dropped (help it prints to stderr is kept).
    .configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) configure(sub);
  return command;
}

/** The `descent` program with its commands. */
export function buildProgram(entryUrl: string): Command {
  const program = new Command('descent')
    .description(
      'Optimization for training deep models (Deep Learning, chapter 8): train models, compare first- and ' +
        'second-order optimizers, run second-order methods, sweep learning rates and benchmark tensor backends.',
    )
    .version(CLI_VERSION, '-V, --version')
    .addCommand(trainCommand(entryUrl))
    .addCommand(compareCommand())
    .addCommand(minimizeCommand())
    .addCommand(sweepCommand())
    .addCommand(benchCommand())
    .addCommand(listCommand())
    .addHelpText(
      'after',
      `
Examples:
  $ descent train                       train an MLP on the built-in digits (the README's main job)
  $ descent compare --problem rosenbrock
  $ descent minimize --problem rosenbrock --method newton
  $ descent sweep --optimizer sgd --dataset iris
  $ descent bench
  $ descent list optimizers
${EXIT_CODES}

Run descent <command> --help for a command's options.`,
    );
  return configure(program);
}
