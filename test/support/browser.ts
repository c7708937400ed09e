/**
 * Debian's Chromium for browser tests: where it is, whether the suite may skip without it
 * (locally yes; with REQUIRE_BROWSER=1, as in CI, its absence fails), and how to launch it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.REQUIRE_BROWSER === '1') throw new Error(`Chromium not found at ${CHROMIUM} but REQUIRE_BROWSER=1`);

/** The `skip` option of a browser `describe`. */
export const skipWithoutBrowser: string | false = browserAvailable ? false : `Chromium not found at ${CHROMIUM}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
