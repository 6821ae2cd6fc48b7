/**
 * Packs every library package and checks each tarball (only dist, README, CHANGELOG, licence and notices; no
 * workspace ranges or source condition in the manifest). Then installs some of them from the tarballs into fresh
 * projects, as a user would, and checks that they type-check and run: Adam on Rosenbrock with tensor + autodiff +
 * optim only, then L-BFGS with second-order added. A Vite build of a page importing only `adam` reports the
 * tree-shaken bundle size. Run after `pnpm build`.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'descent-consumer-'));
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

function pack(name: string): string {
  const dir = join(root, 'packages', name);
  const output = run('pnpm', ['pack', '--pack-destination', work], dir).trim().split('\n').pop() ?? '';
  const tarball = output.startsWith('/') ? output : join(work, output);
  const listing = run('tar', ['-tzf', tarball], work).trim().split('\n');
  const unexpected = listing.filter(
    (entry) => !/^package\/(dist\/.*|README\.md|CHANGELOG\.md|LICENSE|NOTICE\.md|package\.json)$/.test(entry),
  );
  if (unexpected.length > 0) throw new Error(`${name}: unexpected files in the tarball: ${unexpected.join(', ')}`);
  const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], work));
  const ranges = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.values((manifest[field] ?? {}) as Record<string, string>),
  );
  if (
    ranges.some((range) => range.startsWith('workspace:')) ||
    JSON.stringify(manifest.exports).includes('@descent/source')
  ) {
    throw new Error(`${name}: the packed package.json still has workspace ranges or the source condition`);
  }
  console.log(`packed @descent/${name}: ${(statSync(tarball).size / 1024).toFixed(1)} KiB (${listing.length} files)`);
  return tarball;
}

function consumer(label: string, tarballs: Record<string, string>, script: string, extra: Record<string, string> = {}) {
  const dir = join(work, label);
  mkdirSync(dir);
  const dependencies = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [`@descent/${name}`, `file:${file}`]),
  );
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: label,
      private: true,
      type: 'module',
      dependencies,
      devDependencies: { typescript: '~6.0.3', ...extra },
    }),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        lib: ['ES2023', 'DOM'],
        types: [],
        outDir: 'out',
      },
      include: ['*.ts'],
    }),
  );
  copyFileSync(join(import.meta.dirname, 'consumer', script), join(dir, 'main.ts'));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  run('npx', ['tsc', '-p', 'tsconfig.json'], dir);
  const output = run('node', ['out/main.js'], dir).trim();
  console.log(`${label}: ${output}`);
  return dir;
}

try {
  const libraries = readdirSync(join(root, 'packages')).filter(
    (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private !== true,
  );
  const packed = Object.fromEntries(libraries.map((name) => [name, pack(name)]));
  const tarballs = {
    tensor: packed.tensor,
    autodiff: packed.autodiff,
    optim: packed.optim,
    'second-order': packed['second-order'],
  };
  const { 'second-order': secondOrder, ...firstOrder } = tarballs;
  consumer('adam-consumer', firstOrder, 'adam-rosenbrock.ts');
  consumer('lbfgs-consumer', { ...firstOrder, 'second-order': secondOrder }, 'lbfgs-rosenbrock.ts');

  const page = join(work, 'adam-page');
  mkdirSync(page);
  writeFileSync(
    join(page, 'package.json'),
    JSON.stringify({
      name: 'adam-page',
      private: true,
      type: 'module',
      dependencies: { '@descent/optim': `file:${tarballs.optim}`, '@descent/tensor': `file:${tarballs.tensor}` },
      devDependencies: { vite: '~8.3.4' },
    }),
  );
  copyFileSync(join(import.meta.dirname, 'consumer', 'adam-only.ts'), join(page, 'main.ts'));
  writeFileSync(join(page, 'index.html'), '<!doctype html><script type="module" src="./main.ts"></script>');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], page);
  run('npx', ['vite', 'build', '--logLevel', 'error'], page);
  const assets = join(page, 'dist', 'assets');
  const bundle = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const bytes = bundle.reduce((total, file) => total + statSync(join(assets, file)).size, 0);
  const gzipped = bundle.reduce((total, file) => total + gzipSync(readFileSync(join(assets, file))).length, 0);
  console.log(
    `tree-shaken page importing only adam: ${(bytes / 1024).toFixed(1)} KiB minified, ${(gzipped / 1024).toFixed(1)} KiB gzipped`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
