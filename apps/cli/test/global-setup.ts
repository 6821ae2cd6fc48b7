import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Builds the CLI once before its tests, which spawn `dist/descent.js` as users run it. tsup bundles the workspace
 * libraries from their sources, so this needs no library build and takes about a second.
 */
export function setup(): void {
  const app = join(import.meta.dirname, '..');
  const require = createRequire(join(app, 'package.json'));
  const manifest = require.resolve('tsup/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin.tsup;
  const result = spawnSync(process.execPath, [join(dirname(manifest), bin), '--silent'], {
    cwd: app,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building the CLI failed:\n${result.stdout}\n${result.stderr}`);
}
