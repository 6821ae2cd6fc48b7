import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descent, errorLine, events, temporaryFolder } from './helpers.js';
import { trainRecordSchema } from './schema.js';

const folder = temporaryFolder('train');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe.concurrent('descent train', () => {
  it('with no arguments trains an MLP on digits to at least 95% test accuracy, writing no files', async () => {
    const cwd = join(folder, 'no-arguments');
    mkdirSync(cwd);
    const result = await descent(['train'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const match = /test accuracy (\d+(?:\.\d+)?)%/.exec(result.stdout);
    expect(match, result.stdout).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(95);
    expect(result.stdout).toMatch(/^epoch +1\/40 +loss /m);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes a results record matching the schema, with per-epoch CSV and an SVG loss chart', async () => {
    const out = join(folder, 'iris', 'run.json');
    const result = await descent([
      'train',
      '--dataset',
      'iris',
      '--model',
      'mlp:16',
      '--epochs',
      '6',
      '--optimizer',
      'momentum',
      '--lr',
      '0.05',
      '--schedule',
      'cosine',
      '--clip',
      '5',
      '--average',
      'ema:0.9',
      '--seed',
      '3',
      '--out',
      out,
      '--save',
      join(folder, 'iris', 'model.json'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const record = trainRecordSchema.parse(readJson(out));
    expect(record.status).toBe('completed');
    expect(record.epochs).toHaveLength(6);
    expect(record.seed).toBe(3);
    expect(record.config).toMatchObject({ optimizer: 'momentum', learningRate: 0.05, schedule: 'cosine', clip: 5 });
    expect(record.epochs[0].learningRate).toBeGreaterThan(record.epochs[5].learningRate);
    expect(record.dataset.samples.train + record.dataset.samples.validation + record.dataset.samples.test).toBe(150);
    const csv = readFileSync(join(folder, 'iris', 'run.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'epoch,train_loss,validation_loss,validation_accuracy,validation_error,learning_rate,steps,seconds',
    );
    expect(csv).toHaveLength(7);
    expect(readFileSync(join(folder, 'iris', 'run.svg'), 'utf8')).toMatch(
      /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n$/,
    );
    expect(readJson(join(folder, 'iris', 'model.json'))).toMatchObject({ format: 'descent.tree' });
    expect(readdirSync(join(folder, 'iris')).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('prints NDJSON events with --json: start, steps, epochs, stop and the result record last', async () => {
    const result = await descent(['train', '--dataset', 'moons', '--epochs', '2', '--batch-size', '64', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const stream = events(result.stdout);
    const types = new Set(stream.map((event) => event.type));
    expect([...types].sort()).toEqual(['epoch', 'evaluation', 'result', 'start', 'step', 'stop']);
    expect(stream[0].type).toBe('start');
    const last = stream[stream.length - 1];
    expect(last.type).toBe('result');
    trainRecordSchema.parse({ ...last, type: undefined });
    expect(
      stream.filter((event) => event.type === 'step').every((event) => typeof event.learningRate === 'number'),
    ).toBe(true);
  });

  it('is quiet with --quiet', async () => {
    const result = await descent(['train', '--dataset', 'iris', '--epochs', '1', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });

  it('reads options from a YAML config file, the command line winning', async () => {
    const config = join(folder, 'run.yaml');
    writeFileSync(config, 'dataset: iris\nmodel: mlp:8\nepochs: 3\noptimizer: sgd\nlearningRate: 0.1\nmomentum: 0.5\n');
    const out = join(folder, 'yaml.json');
    const result = await descent(['train', '--config', config, '--epochs', '2', '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const record = trainRecordSchema.parse(readJson(out));
    expect(record.epochs).toHaveLength(2);
    expect(record.config).toMatchObject({
      dataset: 'iris',
      model: 'mlp:8',
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0.5,
    });
  });

  it('trains on a CSV file', async () => {
    const csv = join(folder, 'points.csv');
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 80; i++) rows.push(`${(i % 9) - 4},${(i % 7) - 3},${(i % 9) - 4 > 0 ? 'right' : 'left'}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const result = await descent(['train', '--dataset', csv, '--label-column', 'label', '--epochs', '3', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const record = events(result.stdout).at(-1) as Record<string, unknown>;
    expect(record.dataset).toMatchObject({ source: 'csv', features: 2, classes: 2 });
  });
});

describe.concurrent('descent train: bad input', () => {
  it.each([
    [['--learning-rate', '-1'], /--learning-rate must be positive, got '-1'/],
    [['--lr', '0'], /--learning-rate must be positive, got '0'/],
    [['--batch-size', '0'], /--batch-size must be a positive integer or full, got '0'/],
    [['--epochs', 'many'], /--epochs must be a number, got 'many'/],
    [['--optimizer', 'adamm'], /unknown optimizer 'adamm'; choose one of sgd, momentum/],
    [['--optimizer', 'sgd', '--beta1', '0.9'], /--beta1 does not apply to sgd/],
    [['--activation', 'gelu'], /argument 'gelu' is invalid/],
    [['--model', 'cnn:3'], /--model must be mlp:<sizes>/],
    [['--schedule', 'sawtooth'], /unknown schedule 'sawtooth'/],
    [['--dataset', 'imagenet'], /unknown dataset 'imagenet'/],
    [['--momentum', '1.5', '--optimizer', 'sgd'], /--momentum must be in \[0, 1\), got '1.5'/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['extra'], /too many arguments/],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await descent(['train', ...args]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(/^descent train: /);
    expect(errorLine(result)).toMatch(message);
  });

  it('exits 2 for an unknown command, suggesting the nearest', async () => {
    const result = await descent(['trian']);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(/unknown command 'trian' \(did you mean train\?\)/);
  });

  it('exits 1 naming a missing dataset, config or checkpoint file', async () => {
    const missing = join(folder, 'nowhere');
    for (const [args, name] of [
      [['--dataset', `${missing}/data.csv`], `${missing}/data.csv`],
      [['--config', `${missing}.yaml`], `${missing}.yaml`],
      [['--resume', missing], missing],
    ] as const) {
      const result = await descent(['train', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLine(result)).toContain(name);
    }
  });

  it('exits 1 naming a corrupt config, dataset or checkpoint file', async () => {
    const yaml = join(folder, 'broken.yaml');
    writeFileSync(yaml, 'epochs: [1, 2\n');
    const csv = join(folder, 'broken.csv');
    writeFileSync(csv, 'a,b,label\n1,2,x\n3,oops,y\n');
    const checkpoints = join(folder, 'corrupt-checkpoint');
    mkdirSync(checkpoints);
    writeFileSync(join(checkpoints, 'checkpoint.json'), '{"format": "descent.checkpoint", "vers');
    for (const [args, name] of [
      [['--config', yaml], yaml],
      [['--dataset', csv, '--epochs', '1'], csv],
      [['--resume', checkpoints, '--dataset', 'iris'], join(checkpoints, 'checkpoint.json')],
    ] as const) {
      const result = await descent(['train', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLine(result)).toContain(name);
    }
  });

  it('exits 2 for an invalid value or unknown key in a config file, naming both', async () => {
    const config = join(folder, 'invalid.yaml');
    writeFileSync(config, 'batchSize: 0\n');
    let result = await descent(['train', '--config', config]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(
      new RegExp(`batchSize \\(in ${config.replaceAll('/', '\\/')}\\) must be a positive integer`),
    );
    writeFileSync(config, 'learnigRate: 0.1\n');
    result = await descent(['train', '--config', config]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(/unknown key 'learnigRate' in .*invalid\.yaml \(did you mean learningRate\?\)/);
  });

  it('stops a diverging run with a clear message, keeping the last good checkpoint', async () => {
    const dir = join(folder, 'diverge');
    const out = join(folder, 'diverge.json');
    // The learning rate grows 10⁴-fold per epoch: fine in epoch 1, divergent soon after.
    const args = [
      'train',
      '--dataset',
      'iris',
      '--optimizer',
      'sgd',
      '--lr',
      '0.05',
      '--schedule',
      'exponential:10000',
    ];
    const result = await descent([...args, '--epochs', '6', '--checkpoint-dir', dir, '--out', out]);
    expect(result.code).toBe(1);
    expect(errorLine(result)).toMatch(/training diverged: the loss became (NaN|Infinity) at step \d+ \(epoch [2-6]\)/);
    expect(errorLine(result)).toContain(`last good checkpoint (epoch `);
    const checkpoint = readJson(join(dir, 'checkpoint.json'));
    expect(checkpoint.format).toBe('descent.checkpoint');
    expect(checkpoint.epoch).toBeGreaterThanOrEqual(1);
    expect(trainRecordSchema.parse(readJson(out)).status).toBe('diverged');
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('refuses to resume a checkpoint written for another model, keeping the saved options', async () => {
    const dir = join(folder, 'small-model');
    let result = await descent([
      'train',
      '--dataset',
      'iris',
      '--model',
      'mlp:4',
      '--epochs',
      '1',
      '--checkpoint-dir',
      dir,
      '--quiet',
    ]);
    expect(result.code, result.stderr).toBe(0);
    result = await descent(['train', '--resume', dir, '--model', 'mlp:8']);
    expect(result.code).toBe(1);
    expect(errorLine(result)).toMatch(/checkpoint .*checkpoint\.json was written for a different model/);
    // The failed start left the folder's saved options alone: resuming with them alone still works.
    expect(readJson(join(dir, 'config.json'))).toMatchObject({ options: { model: 'mlp:4' } });
    result = await descent(['train', '--resume', dir, '--epochs', '2', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('checkpoints and resumes a curriculum run (a strategy that keeps no state) to the uninterrupted result', async () => {
    const dir = join(folder, 'curriculum');
    const options = ['--dataset', 'iris', '--model', 'mlp:4', '--curriculum', '3', '--patience', '0', '--quiet'];
    let result = await descent(['train', ...options, '--epochs', '2', '--checkpoint-dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    const resumedOut = join(folder, 'curriculum-resumed.json');
    const fullOut = join(folder, 'curriculum-full.json');
    result = await descent(['train', '--resume', dir, '--epochs', '4', '--out', resumedOut, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    result = await descent(['train', ...options, '--epochs', '4', '--out', fullOut]);
    expect(result.code, result.stderr).toBe(0);
    const [a, b] = [resumedOut, fullOut].map((file) => trainRecordSchema.parse(readJson(file)));
    expect(a.epochs).toHaveLength(4);
    expect(a.parameters).toEqual(b.parameters);
  });

  it('replaces an existing output whole and fails cleanly when it cannot write', async () => {
    const blocked = join(folder, 'is-a-folder.json');
    mkdirSync(blocked);
    const result = await descent(['train', '--dataset', 'iris', '--epochs', '1', '--out', blocked]);
    expect(result.code).toBe(1);
    expect(errorLine(result)).toContain(`cannot write ${blocked}`);
    expect(readdirSync(folder).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});

describe('descent train: Ctrl-C and --resume', () => {
  it('writes a checkpoint on SIGINT, exits 130, and resumes to the same parameters as an uninterrupted run', async () => {
    const options = ['--dataset', 'digits', '--epochs', '12', '--patience', '0', '--dropout', '0.1', '--seed', '7'];
    const interruptedDir = join(folder, 'interrupted');
    let signalled = false;
    const first = await descent(['train', ...options, '--checkpoint-dir', interruptedDir, '--json'], {
      onStdout: (text, child) => {
        if (!signalled && /"type":"epoch","epoch":2,/.test(text)) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toContain('interrupted: stopping after this epoch and writing a checkpoint');
    const stopped = events(first.stdout).find((event) => event.type === 'stop');
    expect(stopped).toMatchObject({ reason: 'requested' });
    const checkpoint = readJson(join(interruptedDir, 'checkpoint.json'));
    expect(checkpoint.epoch).toBe(stopped?.epoch);
    expect(checkpoint.epoch).toBeLessThan(12);
    expect(existsSync(join(interruptedDir, 'config.json'))).toBe(true);

    const resumedOut = join(folder, 'resumed.json');
    const fullOut = join(folder, 'full.json');
    const [resumed, full] = await Promise.all([
      descent(['train', '--resume', interruptedDir, '--out', resumedOut, '--quiet']),
      descent(['train', ...options, '--out', fullOut, '--quiet']),
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(full.code, full.stderr).toBe(0);
    const a = trainRecordSchema.parse(readJson(resumedOut));
    const b = trainRecordSchema.parse(readJson(fullOut));
    expect(a.epochs).toHaveLength(12);
    expect(a.parameters).toEqual(b.parameters);
    expect(a.epochs.map((e) => e.trainLoss)).toEqual(b.epochs.map((e) => e.trainLoss));
    expect(a.epochs.map((e) => e.validationLoss)).toEqual(b.epochs.map((e) => e.validationLoss));
    expect(a.test).toEqual(b.test);
  });

  it('stops at the end of the epoch on SIGINT without a checkpoint folder, saying it cannot be resumed', async () => {
    const out = join(folder, 'no-checkpoint.json');
    let signalled = false;
    const result = await descent(['train', '--epochs', '30', '--patience', '0', '--out', out, '--json'], {
      onStdout: (text, child) => {
        if (!signalled && /"type":"epoch","epoch":1,/.test(text)) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('no --checkpoint-dir, so the run cannot be resumed');
    const record = trainRecordSchema.parse(readJson(out));
    expect(record.status).toBe('interrupted');
    expect(record.stopped?.reason).toBe('requested');
    expect(record.epochs.length).toBeLessThan(30);
  });
});
