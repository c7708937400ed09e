/**
 * Courtesy letters in Debian's Chromium on the demo centre: the receiving officer opens the print
 * queue, corrects a name, prints a marriage congratulation letter, records its handover with a
 * photo, plans the visit of a condolence letter; a volunteer is refused. Screenshots:
 * test-output/screenshots/letters-*.png. Skips without Chromium unless REQUIRE_BROWSER=1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser, signInDemo } from '../support/browser.ts';
import { smallPng } from '../support/files.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/service.ts';

describe('courtesy letters in a browser', { skip: skipWithoutBrowser }, () => {
  let demo: DemoInBrowser;
  let browser: Browser;
  let base = '';

  before(async () => {
    demo = await demoInBrowser('letters');
    browser = demo.browser;
    base = demo.app.url;
  });
  after(async () => {
    await demo?.close();
  });

  test('print a congratulation letter, record its handover with a photo, plan a visit', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await signInDemo(ctx, base, 'tiepnhan', '/console/letters');
    await page.screenshot({ path: join(SHOTS_DIR, 'letters-queue.png'), fullPage: true });
    const row = page.locator('tr', { hasText: 'chị Phạm Thị Mai Anh' });
    assert.ok(
      await row.textContent().then((t) => t?.includes('anh Đỗ Quang Minh – chị Phạm Thị Mai Anh')),
      'the groom first',
    );
    await row.getByRole('link').click();
    await page.waitForURL(/\/console\/letters\/\d+$/);
    const letterUrl = page.url();

    // Correct a name (with diacritics), then print: the letter gets its number.
    await page.getByLabel('Họ và tên').nth(1).fill('Phạm Thị Mai Anh');
    await page.getByRole('button', { name: 'Lưu' }).first().click();
    await page.waitForURL(/ok=saved/);
    await page.getByRole('button', { name: 'In thư (cấp số)' }).click();
    await page.waitForURL(/ok=printed/);
    const number = await page.getByTestId('number').textContent();
    assert.match(number ?? '', /^Số: \d{2}\/TTPVHCC$/);
    const pdf = await ctx.request.get(letterUrl + '/letter.pdf');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    // The handover with a photo.
    await page.getByLabel('Ghi chú').fill('Trao tại Bộ phận Một cửa');
    await page.setInputFiles('#file', { name: 'trao-thu.png', mimeType: 'image/png', buffer: smallPng(120, 8) });
    await page.getByRole('button', { name: 'Ghi nhận đã trao' }).click();
    await page.waitForURL(/ok=handed/);
    assert.match((await page.getByTestId('handed').textContent()) ?? '', /Lê Thị Thu Hương|Trao tại/);
    const evidence = await ctx.request.get(letterUrl + '/evidence');
    assert.equal(evidence.status(), 200);
    assert.equal(evidence.headers()['content-type'], 'image/png');
    await page.screenshot({ path: join(SHOTS_DIR, 'letters-handed-over.png'), fullPage: true });

    // The condolence letter of the demo: plan the visit.
    await page.goto(`${base}/console/letters?status=prepared`);
    await page.locator('tr', { hasText: 'ông Đặng Văn Dũng' }).getByRole('link').click();
    await page.waitForURL(/\/console\/letters\/\d+$/);
    await page.getByLabel('Ngày đi').fill('2026-12-01');
    await page.getByLabel('Người đi').fill('Nguyễn Thị Hà và Hội Phụ nữ xã');
    await page.getByTestId('followup-form').getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/ok=saved/);
    await page.goto(`${base}/console/letters/follow-ups`);
    const fu = page.locator('tr', { hasText: 'ông Đặng Văn Dũng' });
    assert.ok((await fu.textContent())?.includes('Nguyễn Thị Hà và Hội Phụ nữ xã'));
    assert.ok((await fu.textContent())?.includes('01/12/2026'));
    await page.screenshot({ path: join(SHOTS_DIR, 'letters-follow-ups.png'), fullPage: true });
    await ctx.close();
  });

  test('on a phone the queue fits; a volunteer cannot open letters', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await signInDemo(phone, base, 'vanthu', '/console/letters');
    assert.ok(
      Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0,
      'no sideways scroll',
    );
    await page.screenshot({ path: join(SHOTS_DIR, 'letters-phone.png'), fullPage: true });
    await phone.close();
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const v = await ctx.newPage();
    await v.goto(`${base}/console/login`);
    await v.getByLabel('Tên đăng nhập').fill('tinhnguyen');
    await v.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await v.getByRole('button', { name: 'Đăng nhập' }).click();
    await v.waitForURL((u) => u.pathname === '/console');
    const r = await v.goto(`${base}/console/letters`);
    assert.equal(r?.status(), 403);
    await ctx.close();
  });
});
