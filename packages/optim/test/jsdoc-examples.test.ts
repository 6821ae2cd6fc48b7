import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as autodiff from '@descent/autodiff';
import * as tensor from '@descent/tensor';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as optim from '../src/index.js';

// Every @example in the sources runs: imports are bound to the packages, TypeScript is stripped, and the code is
// executed. An example without imports sees every export of optim and tensor.

const MODULES: Record<string, Record<string, unknown>> = {
  '@descent/optim': optim,
  '@descent/tensor': tensor,
  '@descent/autodiff': autodiff,
};
const SOURCE = join(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function examples(file: string): string[] {
  const found: string[] = [];
  for (const [comment] of readFileSync(file, 'utf8').matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment.split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('@example')) continue;
      const body = [lines[i].slice('@example'.length).trim()];
      for (i++; i < lines.length && !lines[i].startsWith('@'); i++) body.push(lines[i]);
      i--;
      found.push(body.join('\n').trim());
    }
  }
  return found;
}

/** `import { a, type B, c as d } from 'm';` → `const { a, c: d } = modules['m'];` */
function bindImports(code: string): string {
  return code.replace(/import\s*\{([^}]*)\}\s*from\s*'([^']+)';?/g, (_, names: string, from: string) => {
    if (!(from in MODULES)) throw new Error(`example imports ${from}`);
    const bound = names
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '' && !name.startsWith('type '))
      .map((name) => name.replace(/\s+as\s+/, ': '));
    return `const { ${bound.join(', ')} } = modules[${JSON.stringify(from)}];`;
  });
}

const cases = sourceFiles(SOURCE).flatMap((file) =>
  examples(file).map((code, index) => ({ name: `${relative(SOURCE, file)} #${index + 1}`, code })),
);

describe('JSDoc examples', () => {
  it('finds an example for every export', () => {
    expect(cases.length).toBeGreaterThanOrEqual(Object.keys(optim).length);
  });

  it.each(cases)('$name runs', ({ code }) => {
    const hasImports = /^import /m.test(code);
    const prelude = hasImports
      ? ''
      : `const { ${Object.keys({ ...tensor, ...optim }).join(', ')} } = { ...modules['@descent/tensor'], ...modules['@descent/optim'] };\n`;
    const javascript = ts.transpileModule(prelude + bindImports(code), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    expect(() => new Function('modules', javascript)(MODULES)).not.toThrow();
  });
});
