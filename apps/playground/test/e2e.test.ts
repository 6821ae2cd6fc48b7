import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// End-to-end tests of the built playground in Debian's Chromium (headless; the Playwright library never downloads a
// browser). Without Chromium the suite is skipped on a developer machine and fails in CI.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `playground e2e: ${CHROMIUM} not found (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; the end-to-end tests are skipped`);
}

const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url));

interface Session {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Messages of any alert/confirm/prompt the page opened. */
  readonly dialogs: string[];
}

/** Luminance variance and distinct colours of a PNG, decoded by the browser. */
async function imageStatistics(page: Page, png: Buffer): Promise<{ variance: number; colors: number }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2d context');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let squares = 0;
    const colors = new Set<number>();
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      sum += y;
      squares += y * y;
      if (i % 64 === 0) colors.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    const mean = sum / n;
    return { variance: squares / n - mean * mean, colors: colors.size };
  }, png.toString('base64'));
}

describe.skipIf(!available)('the playground in Chromium', () => {
  let browser: Browser;
  const base = inject('playgroundUrl');

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(query: string): Promise<Session> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}${query}`);
    return { page, errors, dialogs };
  }

  /** Saves a full-page screenshot as a test artifact and checks that it shows something. */
  async function screenshot(page: Page, name: string): Promise<void> {
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(`${OUTPUT}${name}.png`, png);
    const { variance, colors } = await imageStatistics(page, png);
    expect(variance, `${name}.png looks blank`).toBeGreaterThan(200);
    expect(colors, `${name}.png has too few colours`).toBeGreaterThan(40);
  }

  async function stepCount(page: Page): Promise<number> {
    const text = (await page.getByTestId('step-count').textContent()) ?? '';
    return Number(/step (\d+)/.exec(text)?.[1] ?? Number.NaN);
  }

  it('loads every view without console errors and names the backend', async () => {
    const { page, errors } = await open('');
    await expect.poll(() => page.getByTestId('backend').textContent()).toMatch(/Backend: (auto|CPU)/);
    await page.getByTestId('race-view').waitFor();
    await page.getByTestId('tab-lab').click();
    await page.getByTestId('lab-view').waitFor();
    await page.getByTestId('tab-strategies').click();
    await page.getByTestId('strategies-view').waitFor();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('races Adam and L-BFGS on Rosenbrock: play, pause, step, and both losses fall', async () => {
    const { page, errors } = await open('?view=race&p=rosenbrock&r=adam;lbfgs&steps=150&speed=1');
    await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('play').click(); // pause
    await expect.poll(() => page.getByTestId('play').textContent()).toBe('Play');
    const paused = await stepCount(page);
    await page.getByTestId('step').click();
    await expect.poll(() => stepCount(page)).toBe(paused + 1);
    await page.locator('#speed').fill('50');
    await page.getByTestId('play').click();
    await expect.poll(() => page.getByTestId('step-count').textContent(), { timeout: 30_000 }).toContain('finished');
    for (const racer of [0, 1]) {
      const cell = page.getByTestId(`racer-f-${racer}`);
      const first = Number(await cell.getAttribute('data-first'));
      const last = Number(await cell.getAttribute('data-last'));
      expect(last, `racer ${racer}`).toBeLessThan(first);
    }
    const lbfgs = Number(await page.getByTestId('racer-f-1').getAttribute('data-last'));
    expect(lbfgs).toBeLessThan(1e-6);
    await expect.poll(() => page.getByTestId('eigenvalues').textContent()).toContain('λ₁');
    await screenshot(page, 'race');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains the network lab on the spiral set and accuracy rises', async () => {
    const { page, errors } = await open('?view=lab&ds=spiral&ep=12');
    const train = page.getByTestId('train');
    await expect.poll(() => train.isEnabled(), { timeout: 20_000 }).toBe(true);
    await train.click();
    const status = page.getByTestId('lab-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 40_000 }).toBe('finished');
    expect(await status.getAttribute('data-epoch')).toBe('12');
    const first = Number(await status.getAttribute('data-first-accuracy'));
    const last = Number(await status.getAttribute('data-accuracy'));
    expect(last).toBeGreaterThan(first);
    expect(last).toBeGreaterThan(0.75);
    await expect.poll(() => page.getByTestId('histograms').locator('.layer').count()).toBe(2);
    await screenshot(page, 'lab');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('rejects malicious formulas and runs nothing', async () => {
    const { page, errors, dialogs } = await open('?view=race');
    await page.getByTestId('race-view').waitFor();
    const formula = page.getByTestId('formula');
    for (const [input, expected] of [
      ["constructor.constructor('alert(1)')()", /Rejected: unexpected character/],
      ['alert(1)', /Rejected: unknown function 'alert'/],
      ['x + __proto__', /Rejected: unknown name '__proto__'/],
    ] as const) {
      await formula.fill(input);
      await page.getByTestId('formula-apply').click();
      await expect.poll(() => page.getByTestId('formula-error').textContent()).toMatch(expected);
      expect(page.url()).not.toContain('alert');
      expect(page.url()).not.toContain('f=');
    }
    // The same input arriving through a shared link: the parser rejects it before anything runs.
    const shared = await open(`?view=race&p=formula&f=${encodeURIComponent("constructor.constructor('alert(1)')()")}`);
    await expect.poll(() => shared.page.getByTestId('formula-error').textContent()).toMatch(/Rejected/);
    await shared.page.waitForTimeout(500);
    expect(await shared.page.getByTestId('racer-f-0').textContent()).toBe('–');
    expect(await shared.page.getByTestId('step-count').textContent()).toContain('step 0');
    expect(dialogs).toEqual([]);
    expect(shared.dialogs).toEqual([]);
    // A well-formed formula is accepted and raced.
    await formula.fill('(x - 1)^2 + 4*(y + 0.5)^2');
    await page.getByTestId('formula-apply').click();
    await expect.poll(() => page.url()).toContain('p=formula');
    await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(5);
    expect([...errors, ...shared.errors]).toEqual([]);
    await shared.page.close();
    await page.close();
  });

  it('keeps the whole state in the URL and restores it on reload', async () => {
    const query =
      'view=lab&seed=7&ds=moons&h=8,8,8&act=tanh&init=heNormal&bn=1&opt=momentum:lr=0.05,mu=0.8&sched=cosine&bs=64&ep=12&es=3&avg=ema&emad=0.95&cur=4';
    const { page, errors } = await open(`?${query}`);
    await page.getByTestId('lab-view').waitFor();
    expect(new URL(page.url()).search).toBe(`?${query}`);
    expect(await page.getByTestId('seed').inputValue()).toBe('7');
    expect(await page.getByTestId('dataset').inputValue()).toBe('moons');
    expect(await page.getByTestId('hidden').inputValue()).toBe('8, 8, 8');
    expect(await page.getByTestId('initializer').inputValue()).toBe('heNormal');
    expect(await page.getByTestId('batch-norm').isChecked()).toBe(true);
    expect(await page.getByTestId('epochs').inputValue()).toBe('12');
    await page.getByTestId('seed').fill('8');
    await page.getByTestId('seed').press('Enter');
    await expect.poll(() => page.url()).toContain('seed=8');
    await page.getByTestId('tab-race').click();
    await expect.poll(() => page.url()).toContain('view=race');
    await page.reload();
    await page.getByTestId('race-view').waitFor();
    expect(await page.getByTestId('seed').inputValue()).toBe('8');
    await page.getByTestId('tab-lab').click();
    expect(await page.getByTestId('dataset').inputValue()).toBe('moons');
    expect(await page.getByTestId('hidden').inputValue()).toBe('8, 8, 8');
    // The exported run config carries the same settings, in the CLI's keys.
    await page.getByTestId('export-toggle').click();
    const config = JSON.parse(await page.getByTestId('export-json').inputValue()) as Record<string, unknown>;
    expect(config).toMatchObject({ dataset: 'moons', model: 'mlp:8,8,8', optimizer: 'momentum', seed: 8, epochs: 12 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the four strategy demos', async () => {
    const { page, errors } = await open('?view=strategies');
    for (const demo of ['continuation', 'coordinate', 'pretraining', 'curriculum']) {
      await expect
        .poll(() => page.getByTestId(`demo-${demo}`).getAttribute('aria-busy'), { timeout: 40_000 })
        .toBe('false');
    }
    const text = (await page.getByTestId('demo-continuation').textContent()) ?? '';
    const [, continued, plain] =
      /continuation ends at x = (-?[\d.e-]+), plain descent at x = (-?[\d.e-]+)/.exec(text) ?? [];
    expect(Math.abs(Number(continued))).toBeLessThan(0.5);
    expect(Math.abs(Number(plain))).toBeGreaterThan(1);
    await page.waitForTimeout(4_000); // let the animations reach their last frame
    await screenshot(page, 'strategies');
    expect(errors).toEqual([]);
    await page.close();
  });
});
