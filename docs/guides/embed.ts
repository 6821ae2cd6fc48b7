/**
 * Keeps the guides' code identical to the tested example modules: each `<!-- embed: examples/<name>.ts -->` marker in
 * docs/guides/*.md is followed by a ```ts block holding that file. `tsx docs/guides/embed.ts` rewrites the blocks;
 * `--check` (run by test/extensions/guides.test.ts) lists the stale ones and exits 1.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const guides = import.meta.dirname;
const EMBED = /(<!-- embed: (\S+) -->\n```ts\n)([\s\S]*?)(```)/g;

/** The embedded files of every guide, and whether each block matches its file. */
export function embeds(): { guide: string; file: string; current: boolean }[] {
  return readdirSync(guides)
    .filter((name) => name.endsWith('.md'))
    .flatMap((guide) =>
      [...readFileSync(join(guides, guide), 'utf8').matchAll(EMBED)].map(([, , file, code]) => ({
        guide,
        file,
        current: code === readFileSync(join(guides, file), 'utf8'),
      })),
    );
}

/** Rewrites every embedded block from its file. */
export function refresh(): void {
  for (const guide of readdirSync(guides).filter((name) => name.endsWith('.md'))) {
    const path = join(guides, guide);
    const text = readFileSync(path, 'utf8');
    const next = text.replace(
      EMBED,
      (_, open, file, _code, close) => open + readFileSync(join(guides, file), 'utf8') + close,
    );
    if (next !== text) writeFileSync(path, next);
  }
}

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes('--check')) {
    const stale = embeds().filter(({ current }) => !current);
    for (const { guide, file } of stale) console.error(`docs/guides/${guide}: the block of ${file} is stale`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else refresh();
}
