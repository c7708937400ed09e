/**
 * Browser smoke test in Debian's Chromium: the public home page, the login page, signing in
 * and the console calendar. Screenshots are kept under test-output/screenshots/.
 * Skips when Chromium is absent, unless REQUIRE_BROWSER=1 (CI), where absence fails.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import type { Running } from '../../src/main.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/service.ts';

const SHOTS = SHOTS_DIR;

describe('browser smoke', { skip: skipWithoutBrowser }, () => {
  let app: Running;
  let browser: Browser;

  let env: DemoInBrowser | undefined;

  before(async () => {
    env = await demoInBrowser('browser');
    ({ app, browser } = env);
  });
  after(async () => {
    await env?.close();
  });

  test('the centre home page reads well on a phone and on a desktop, without JavaScript', async () => {
    for (const [name, viewport] of [
      ['phone', { width: 360, height: 740 }],
      ['desktop', { width: 1280, height: 800 }],
    ] as const) {
      const ctx = await browser.newContext({ viewport, javaScriptEnabled: false, locale: 'vi-VN' });
      const page = await ctx.newPage();
      const res = await page.goto(`${app.url}/`);
      assert.equal(res?.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/cam-giang', 'a single centre: / goes to its home page');
      await assert.doesNotReject(
        page.getByRole('heading', { level: 1, name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng' }).waitFor(),
      );
      const today = await page.getByTestId('today').textContent();
      assert.match(today ?? '', /Hôm nay \(\d\d\/\d\d\/\d{4}\) Trung tâm (làm việc|nghỉ)/);
      await page.screenshot({ path: join(SHOTS, `home-${name}.png`), fullPage: true });
      const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
      assert.equal(overflow, false, `no horizontal scroll on ${name}`);
      await page.screenshot({ path: join(SHOTS, `home-${name}.png`), fullPage: true });
      await ctx.close();
    }
  });

  test('a staff member signs in and sees the year calendar with Tết and make-up days', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/console/calendar?year=2026`);
    assert.equal(new URL(page.url()).pathname, '/console/login');
    await page.screenshot({ path: join(SHOTS, 'login.png') });
    await page.getByLabel('Tên đăng nhập').fill('giamdoc');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /không đúng/);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/console\/calendar\?year=2026/);
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc năm 2026' }).waitFor();
    assert.equal(await page.getByTestId('year-status').textContent(), 'Theo thông báo chính thức');
    const special = (await page.getByTestId('special-days').textContent()) ?? '';
    assert.match(special, /17\/02\/2026/);
    assert.match(special, /Tết Nguyên đán/);
    assert.match(special, /Làm bù/);
    await page.screenshot({ path: join(SHOTS, 'console-calendar-2026.png'), fullPage: true });

    // Record a notice through the form: a make-up Saturday in 2027 (a computed year).
    await page.goto(`${app.url}/console/calendar?year=2027`);
    assert.equal(await page.getByTestId('year-status').textContent(), 'Tính toán tự động — chưa xác nhận');
    await page.getByLabel('Ngày', { exact: true }).fill('2027-01-09');
    await page.getByLabel('Loại').selectOption('1');
    await page.getByLabel('Lý do', { exact: true }).fill('Làm bù');
    await page.getByLabel('Căn cứ').fill('Thông báo thử nghiệm');
    await page.getByRole('button', { name: 'Lưu' }).first().click();
    await page.getByRole('status').waitFor();
    assert.match((await page.getByTestId('special-days').textContent()) ?? '', /09\/01\/2027/);
    await page.screenshot({ path: join(SHOTS, 'console-calendar-2027.png'), fullPage: true });
    await ctx.close();
  });
});
