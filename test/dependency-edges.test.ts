import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md, as data: each library package and the workspace packages it may depend on.
 * Apps may depend on any library, through public entry points only. Private tooling packages (bench, testing)
 * may depend on any library but nothing may depend on them.
 */
const ALLOWED: Record<string, readonly string[]> = {
  '@descent/tensor': [],
  '@descent/backend-gpujs': ['@descent/tensor'],
  '@descent/backend-wasm': ['@descent/tensor'],
  '@descent/autodiff': ['@descent/tensor'],
  '@descent/init': ['@descent/tensor'],
  '@descent/nn': ['@descent/tensor', '@descent/autodiff', '@descent/init'],
  '@descent/norm': ['@descent/tensor', '@descent/nn'],
  '@descent/optim': ['@descent/tensor'],
  '@descent/second-order': ['@descent/tensor', '@descent/autodiff'],
  '@descent/data': ['@descent/tensor'],
  '@descent/problems': ['@descent/tensor'],
  '@descent/meta': ['@descent/tensor', '@descent/autodiff', '@descent/nn', '@descent/optim', '@descent/data'],
};
const TOOLING = new Set(['@descent/bench', '@descent/testing']);

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

const root = join(import.meta.dirname, '..');

function workspace(folder: string): { dir: string; manifest: Manifest }[] {
  const base = join(root, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }));
}

const packages = workspace('packages');
const apps = workspace('apps');

function descentDependencies(manifest: Manifest, includeDev: boolean): string[] {
  const groups = [manifest.dependencies, manifest.peerDependencies, includeDev ? manifest.devDependencies : undefined];
  return groups.flatMap((group) => Object.keys(group ?? {})).filter((name) => name.startsWith('@descent/'));
}

/** Every .ts/.tsx file under `dir`, skipping build output and dependencies. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('package layering (DESIGN.md)', () => {
  it('finds the workspace packages', () => {
    expect(packages.map(({ manifest }) => manifest.name)).toContain('@descent/tensor');
  });

  it.each(packages.map(({ manifest }) => [manifest.name, manifest] as const))(
    '%s depends only on what DESIGN.md allows',
    (name, manifest) => {
      if (TOOLING.has(name)) {
        expect(manifest.private).toBe(true);
        return;
      }
      const allowed = ALLOWED[name];
      expect(allowed, `${name} is not in DESIGN.md's table: add it there and to ALLOWED`).toBeDefined();
      const forbidden = descentDependencies(manifest, false).filter((dependency) => !allowed.includes(dependency));
      expect(forbidden, `${name} may not depend on ${forbidden.join(', ')}`).toEqual([]);
    },
  );

  it('has no dependency on private tooling packages', () => {
    for (const { manifest } of [...packages, ...apps]) {
      const onTooling = descentDependencies(manifest, false).filter((dependency) => TOOLING.has(dependency));
      expect(onTooling, `${manifest.name} depends on tooling`).toEqual([]);
    }
  });

  it('has no cycles among workspace packages', () => {
    const graph = new Map(
      [...packages, ...apps].map(({ manifest }) => [manifest.name, descentDependencies(manifest, true)] as const),
    );
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
      state.set(name, 'visiting');
      for (const next of graph.get(name) ?? []) visit(next, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of graph.keys()) expect(() => visit(name, [])).not.toThrow();
  });

  it('imports workspace packages only through their public entry points', () => {
    const deepImport = /from\s+['"](@descent\/[^'"/]+)\/(?!package\.json)[^'"]+['"]/g;
    const offenders: string[] = [];
    for (const { dir } of [...packages, ...apps]) {
      for (const file of sourceFiles(dir)) {
        for (const match of readFileSync(file, 'utf8').matchAll(deepImport)) {
          offenders.push(`${relative(root, file)}: ${match[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('declares every @descent import as a dependency of the importing package', () => {
    const undeclared: string[] = [];
    for (const { dir, manifest } of [...packages, ...apps]) {
      const declared = new Set([manifest.name, ...descentDependencies(manifest, true)]);
      for (const file of sourceFiles(dir)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/from\s+['"](@descent\/[^'"/]+)/g)) {
          if (!declared.has(match[1])) undeclared.push(`${relative(root, file)} imports ${match[1]}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
