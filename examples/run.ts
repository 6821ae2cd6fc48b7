/**
 * Runs every chapter-section example (`8.1-….ts` to `8.7-….ts`) in its own Node process, against the libraries'
 * TypeScript sources (the `@descent/source` condition, so nothing needs building), and prints how long each took.
 * Exits non-zero if any example fails. `pnpm examples` runs this; `pnpm examples 8.3` runs the matching ones only.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2] ?? '';
const examples = readdirSync(import.meta.dirname)
  .filter((name) => /^8\.\d-.*\.ts$/.test(name) && name.includes(filter))
  .sort();
if (examples.length === 0) throw new Error(`no example matches "${filter}"`);

const times: string[] = [];
let failed = 0;
const began = performance.now();
for (const name of examples) {
  console.log(`\n━━ examples/${name}\n`);
  const started = performance.now();
  const { status } = spawnSync(
    process.execPath,
    ['--conditions=@descent/source', '--import', 'tsx', join(import.meta.dirname, name)],
    { stdio: 'inherit' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) failed++;
  times.push(
    `${name.padEnd(36)} ${seconds.toFixed(1).padStart(5)} s${status === 0 ? '' : `  FAILED (exit ${status})`}`,
  );
}
console.log(
  `\n━━ ${examples.length} examples in ${((performance.now() - began) / 1000).toFixed(1)} s\n${times.join('\n')}`,
);
process.exitCode = failed > 0 ? 1 : 0;
