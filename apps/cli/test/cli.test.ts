import { describe, expect, it } from 'vitest';
import { descent, errorLine, events } from './helpers.js';

const COMMANDS = ['train', 'compare', 'minimize', 'sweep', 'bench', 'list'];

describe.concurrent('descent', () => {
  it('lists its commands, examples and exit codes in --help', async () => {
    const result = await descent(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toMatch(/130 +interrupted by Ctrl-C/);
  });

  it.each(COMMANDS)('has --help with examples for %s', async (command) => {
    const result = await descent([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: descent ${command}`);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain(`$ descent ${command}`);
  });

  it('prints its version', async () => {
    const result = await descent(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows help and exits 2 when no command is given', async () => {
    const result = await descent([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: descent');
  });

  it.each([
    ['problems', ['rosenbrock', 'beale', 'quadratic']],
    ['datasets', ['digits', 'iris', 'moons', '<folder>']],
    ['optimizers', ['sgd', 'momentum', 'adam', 'rmsprop', 'lbfgs', 'newton']],
    ['initializers', ['glorotUniform', 'heNormal', 'orthogonal']],
  ])('lists %s', async (kind, names) => {
    const result = await descent(['list', kind]);
    expect(result.code).toBe(0);
    for (const name of names) expect(result.stdout.split('\n').some((line) => line.startsWith(`${name} `))).toBe(true);
    const json = await descent(['list', kind, '--json']);
    const [event] = events(json.stdout);
    expect(event).toMatchObject({ type: 'result', command: 'list', what: kind });
    expect((event.items as { name: string }[]).map((item) => item.name)).toEqual(expect.arrayContaining(names));
  });

  it('rejects an unknown list with exit 2', async () => {
    const result = await descent(['list', 'losses']);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(
      /^descent list: command-argument value 'losses' is invalid for argument 'what'\. Allowed choices are problems, datasets/,
    );
  });

  it('reports errors as an NDJSON error event too with --json', async () => {
    const result = await descent(['train', '--epochs', '0', '--json']);
    expect(result.code).toBe(2);
    expect(events(result.stdout)).toEqual([
      { type: 'error', message: "--epochs must be a positive integer, got '0'", exitCode: 2 },
    ]);
  });
});
