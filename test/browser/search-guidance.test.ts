/**
 * Issue 12 in Debian's Chromium on the demo centre: a citizen on a 360 px phone with JavaScript off
 * searches "sổ hộ khẩu" and "làm căn cước" and sees where to go above the results; a confirmed
 * procedure says "Đã đối chiếu ngày …" instead of the amber notice; axe finds no serious or critical
 * problem on these pages; no sideways scroll. Screenshots under test-output/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';
import type { Running } from '../../src/main.ts';

const SLUG = 'cam-giang';
const PHONE = { width: 360, height: 740 };

describe('search guidance and confirmed data in a browser', { skip: skipWithoutBrowser }, () => {
  let env: DemoInBrowser | undefined;
  let app: Running;
  let browser: Browser;

  before(async () => {
    env = await demoInBrowser('search-guidance');
    app = env.app;
    browser = env.browser;
  });
  after(async () => {
    await env?.close();
  });

  test('phone, JavaScript off: the box says where to go, above the results', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}`);
    await page.fill('input[name="q"]', 'sổ hộ khẩu');
    await page.press('input[name="q"]', 'Enter');
    await page.waitForURL(/thu-tuc\?/);
    const box = page.locator('[data-testid="guidance"]');
    assert.equal(await box.count(), 1);
    assert.match(await box.innerText(), /01\/01\/2023/);
    const boxTop = (await box.boundingBox())?.y ?? Infinity;
    const resultsTop = (await page.locator('[data-testid="result-summary"]').boundingBox())?.y ?? -1;
    assert.ok(boxTop < resultsTop, 'the box is above the results');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'), 0);
    await page.screenshot({ path: join(SHOTS_DIR, 'search-guidance-so-ho-khau-360.png'), fullPage: true });

    await page.goto(`${app.url}/${SLUG}/thu-tuc?q=${encodeURIComponent('làm căn cước công dân')}`);
    assert.match(await page.locator('[data-testid="guidance"]').innerText(), /Công an/);
    await page.screenshot({ path: join(SHOTS_DIR, 'search-guidance-can-cuoc-360.png'), fullPage: true });
    await ctx.close();
  });

  test('a confirmed procedure says when it was checked; an unchecked one keeps the notice', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/thu-tuc/1.000656`);
    assert.match(await page.locator('[data-testid="confirmed"]').innerText(), /Đã đối chiếu ngày \d{2}\/\d{2}\/\d{4}/);
    assert.equal(await page.locator('[data-testid="unverified"]').count(), 0);
    await page.screenshot({ path: join(SHOTS_DIR, 'procedure-confirmed-360.png'), fullPage: false });
    await page.goto(`${app.url}/${SLUG}/thu-tuc/1.013225`); // building permit: not confirmed in the demo
    assert.equal(await page.locator('[data-testid="confirmed"]').count(), 0);
    assert.equal(await page.locator('[data-testid="unverified"]').count(), 1);
    await ctx.close();
  });

  test('axe: no serious or critical problem on the new boxes', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'vi-VN' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    for (const path of [
      `/${SLUG}/thu-tuc?q=${encodeURIComponent('sổ hộ khẩu')}`,
      `/${SLUG}/thu-tuc?q=${encodeURIComponent('hộ chiếu')}`,
      `/${SLUG}/thu-tuc/1.000656`,
      `/${SLUG}/thu-tuc/1.001612`,
    ]) {
      await page.goto(`${app.url}${path}`);
      problems.push(...(await axeProblems(page, path)));
    }
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
