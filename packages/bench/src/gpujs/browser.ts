/**
 * Builds the bench page (src/gpujs/browser-entry.ts) with Vite, serves it on 127.0.0.1 and runs it in headless
 * Chromium (the system's, through the Playwright library; Playwright never downloads a browser).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { build } from 'vite';
import type { PageReport } from './browser-entry.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>gpu.js bench</title><link rel="icon" href="data:,"><script type="module" src="/bench.js"></script>';

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: import.meta.dirname,
    resolve: { conditions: ['@descent/source', 'module', 'browser', 'development|production'] },
    build: {
      outDir,
      emptyOutDir: true,
      // gpu.js transpiles kernel functions from their source text: keep it unminified.
      minify: false,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry: join(import.meta.dirname, 'browser-entry.ts'), formats: ['es'], fileName: () => 'bench.js' },
    },
  });
}

/** Runs the page; returns its report, or a reason it could not run. */
export async function runInChromium(onProgress: (line: string) => void): Promise<PageReport | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install -y chromium): Chromium section skipped`;
  const outDir = mkdtempSync(join(tmpdir(), 'descent-gpujs-bench-'));
  const started = performance.now();
  await buildPage(outDir);
  onProgress(`  page built in ${((performance.now() - started) / 1e3).toFixed(1)} s`);
  const server = createServer((request, response) => {
    const path = request.url === '/' || request.url === undefined ? '/index.html' : request.url.split('?')[0];
    if (path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = join(outDir, path.replace(/^\/+/, ''));
    if (!file.startsWith(outDir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // window.gc, so each timed run starts with no garbage from the previous one (as in Node).
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') onProgress(`  [page] ${message.text()}`);
    });
    page.on('pageerror', (error) => onProgress(`  [page error] ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'runGpujsBench' in globalThis, undefined, { timeout: 30_000 });
    return await page.evaluate(
      () => (globalThis as unknown as { runGpujsBench: () => Promise<PageReport> }).runGpujsBench(),
      undefined,
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
