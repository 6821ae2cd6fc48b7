import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeds } from '../../docs/guides/embed.js';

const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'docs', 'guides', 'examples');

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

describe('extension guides', () => {
  it('embed every example module, each exactly as tested (run `tsx docs/guides/embed.ts` after an edit)', () => {
    const found = embeds();
    expect(found.filter(({ current }) => !current).map(({ guide, file }) => `${guide}: ${file}`)).toEqual([]);
    const embedded = new Set(found.map(({ file }) => file));
    const modules = readdirSync(examples).map((name) => `examples/${name}`);
    expect(modules.filter((file) => !embedded.has(file))).toEqual([]);
  });

  it('have a test per example module', () => {
    const tests = readdirSync(import.meta.dirname);
    for (const name of readdirSync(examples)) expect(tests).toContain(name.replace(/\.ts$/, '.test.ts'));
  });

  it('use the libraries only through their public entry points, as an outside package would', () => {
    const files = [...sources(examples), ...sources(import.meta.dirname), ...sources(join(root, 'examples'))];
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
        .map(([, specifier]) => specifier)
        .filter((specifier) => /^@descent\/[^/]+\/|packages\/|\/src\//.test(specifier))
        .map((specifier) => `${relative(root, file)}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
