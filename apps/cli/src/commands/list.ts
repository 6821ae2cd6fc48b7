import { listDatasets } from '@descent/data';
import { getProblem, problemNames } from '@descent/problems';
import { Argument, Command } from 'commander';
import { formatNumber, formatRate } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { SYNTHETIC_SETS } from '../setup/dataset.js';
import { INITIALIZERS } from '../setup/initializers.js';
import { FIRST_ORDER, SECOND_ORDER } from '../setup/optimizers.js';
import { SCHEDULES } from '../setup/schedule.js';
import { outputOf } from './common.js';

const KINDS = ['problems', 'datasets', 'optimizers', 'initializers', 'schedules'] as const;
type Kind = (typeof KINDS)[number];

type Item = Record<string, string | number | boolean>;

function items(kind: Kind): { columns: string[]; rows: Item[] } {
  switch (kind) {
    case 'problems':
      return {
        columns: ['name', 'title', 'dimension', 'minimum', 'section'],
        rows: problemNames.map((name) => {
          const problem = getProblem(name);
          return {
            name,
            title: problem.title,
            dimension: problem.dimension,
            minimum: problem.minimum,
            section: problem.section,
          };
        }),
      };
    case 'datasets':
      return {
        columns: ['name', 'kind', 'samples', 'features', 'classes', 'title'],
        rows: [
          ...listDatasets().map((info) => ({
            name: info.name,
            kind: 'built-in',
            samples: info.samples,
            features: info.features,
            classes: info.classes,
            title: info.title,
          })),
          ...SYNTHETIC_SETS.map((name) => ({
            name,
            kind: 'synthetic',
            samples: 600,
            features: 2,
            classes: 2,
            title: 'TensorFlow Playground / scikit-learn 2-D set',
          })),
          {
            name: '<folder>',
            kind: 'idx',
            samples: '-',
            features: '-',
            classes: '-',
            title: 'MNIST-format IDX files (MNIST, Fashion-MNIST: apt-get install dataset-fashion-mnist)',
          },
          {
            name: '<file.csv>',
            kind: 'csv',
            samples: '-',
            features: '-',
            classes: '-',
            title: 'a CSV file, labels last',
          },
        ],
      };
    case 'optimizers':
      return {
        columns: ['name', 'order', 'learningRate', 'description'],
        rows: [
          ...Object.entries(FIRST_ORDER).map(([name, entry]) => ({
            name,
            order: 'first',
            learningRate: formatRate(entry.defaultLearningRate),
            description: entry.description,
          })),
          ...Object.entries(SECOND_ORDER).map(([name, description]) => ({
            name,
            order: 'second',
            learningRate: '-',
            description,
          })),
        ],
      };
    case 'initializers':
      return {
        columns: ['name', 'description'],
        rows: Object.entries(INITIALIZERS).map(([name, entry]) => ({ name, description: entry.description })),
      };
    case 'schedules':
      return {
        columns: ['spec', 'description'],
        rows: Object.entries(SCHEDULES).map(([spec, description]) => ({ spec, description })),
      };
  }
}

/** `descent list <kind>`: what the other commands accept. */
export function listCommand(): Command {
  return new Command('list')
    .summary('list problems, datasets, optimizers, initializers or schedules')
    .description('List what the other commands accept, with a short description of each.')
    .addArgument(new Argument('<what>', 'what to list').choices(KINDS))
    .option('--json', 'print the list as one NDJSON result event')
    .addHelpText(
      'after',
      `
Examples:
  $ descent list problems
  $ descent list optimizers --json | jq -r '.items[].name'`,
    )
    .action((what: Kind, _options, command: Command) => {
      const output = outputOf(command);
      const { columns, rows } = items(what);
      output.event('result', { command: 'list', what, items: rows });
      output.line(
        renderTable(
          columns.map((title) => ({
            title,
            align: ['dimension', 'minimum', 'samples', 'features', 'classes'].includes(title) ? 'right' : 'left',
          })),
          rows.map((row) =>
            columns.map((column) => {
              const value = row[column];
              return typeof value === 'number' ? formatNumber(value) : String(value);
            }),
          ),
        ),
      );
    });
}
