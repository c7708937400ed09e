/**
 * Debian's Chromium for browser tests: where it is, whether the suite may skip without it
 * (locally yes; with REQUIRE_BROWSER=1, as in CI, its absence fails), and how to launch it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Running } from '../../src/main.ts';
import { testConfig } from './db.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/service.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.REQUIRE_BROWSER === '1')
  throw new Error(`Chromium not found at ${CHROMIUM} but REQUIRE_BROWSER=1`);

/** The `skip` option of a browser `describe`. */
export const skipWithoutBrowser: string | false = browserAvailable ? false : `Chromium not found at ${CHROMIUM}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Where browser tests keep their screenshots (CI artefacts, and for people to look at). */
export const SHOTS_DIR = join(process.cwd(), 'test-output', 'screenshots');

export interface DemoInBrowser {
  app: Running;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The clock offset (config TEST_CLOCK_OFFSET_MS) that makes the product's clock run from 09:00 (Vietnam) of the next Monday–Friday that is not in the first days
 * of the year or Tết season (a working day of the demo centre), so pages that follow the centre's
 * hours (the kiosk) behave the same whenever the suite runs.
 */
export function workingHoursOffset(from = new Date()): number {
  const day = new Date(from.getTime() + 7 * 3_600_000);
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const wd = day.getUTCDay();
    const m = day.getUTCMonth();
    const d = day.getUTCDate();
    const holidaySeason = m === 0 || m === 1 || (m === 3 && d >= 25) || (m === 4 && d <= 5) || (m === 8 && d <= 3);
    if (wd >= 1 && wd <= 5 && !holidaySeason) break;
  }
  const target = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 2, 0); // 09:00 +07:00
  return target - from.getTime();
}

/** The product started as `npm start` would on a new data folder (demo centre), and a Chromium. */
export async function demoInBrowser(name: string, opts: { workingHours?: boolean } = {}): Promise<DemoInBrowser> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `motcua-${name}-`));
  const clock: Record<string, string> = opts.workingHours ? { TEST_CLOCK_OFFSET_MS: String(workingHoursOffset()) } : {};
  const app = await start(testConfig({ DATA_DIR: dir, DEMO: 'auto', ...clock }), { quiet: true });
  const browser = await launchBrowser();
  return {
    app,
    browser,
    async close() {
      await browser.close();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens `next` in a new page of `ctx`, signs in there as a demo account (login form, Vietnamese labels), and waits to land on `next`. */
export async function signInDemo(
  ctx: BrowserContext,
  base: string,
  username: string,
  next = '/console',
): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${base}${next}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
  return page;
}
