/**
 * Home service in Debian's Chromium on the demo centre (cam-giang), JavaScript off: a relative
 * files a request on a 360 px phone and gets a tracking code (the page never echoes the address);
 * the receiving officer schedules the visit for herself; her day list shows it (screen and print
 * media) and its PDF downloads; she records the visit (done, confirmed by the citizen's typed
 * name, a photo) and the request is closed. A volunteer cannot open the register.
 * Screenshots: test-output/screenshots/home-service-*.png; the day list PDF beside them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser, signInDemo } from '../support/browser.ts';
import { smallPng } from '../support/files.ts';
import type { Running } from '../../src/main.ts';
import { formatHm, formatVi, localDateOf, toLocal } from '../../src/core/calendar/index.ts';

const SLUG = 'cam-giang';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const shot = (name: string) => join(SHOTS_DIR, `home-service-${name}.png`);
const noSideScroll = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0;

describe('home service in a browser', { skip: skipWithoutBrowser }, () => {
  let env: DemoInBrowser | undefined;
  let app: Running;
  let browser: Browser;
  let code = '';

  before(async () => {
    env = await demoInBrowser('home-service');
    ({ app, browser } = env);
  });
  after(async () => {
    await env?.close();
  });

  test('a relative files a request on a phone and gets a tracking code', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/ho-tro-tai-nha`);
    assert.ok(await noSideScroll(page), 'no sideways scrolling at 360 px');
    await page.getByLabel('Họ tên người cần hỗ trợ').fill('Vũ Thị Nết');
    await page.getByLabel('Ông/Bà là gì của người cần hỗ trợ?').selectOption('child');
    await page.getByLabel('Họ tên người gửi yêu cầu').fill('Vũ Văn Sáng');
    await page.getByLabel('Số điện thoại để cán bộ gọi lại').fill('0966 123 789');
    await page.getByLabel('Địa chỉ nơi cán bộ đến (thôn, xóm, số nhà)').fill('Số 7, thôn Cẩm Khê');
    await page.getByLabel('Trả kết quả tại nhà').check();
    await page.getByLabel('Trao thẻ bảo hiểm y tế').check();
    await page.getByLabel('Buổi').selectOption('morning');
    await page.getByLabel(/Tôi đồng ý để Trung tâm dùng các thông tin/).check();
    await page.screenshot({ path: shot('public-form'), fullPage: true });
    // A person takes more than the form's minimum fill time (3 s); so does this test.
    await new Promise((r) => setTimeout(r, 3_500));
    await Promise.all([
      page.waitForURL(/\/ho-tro-tai-nha\/da-gui\?ma=HT-/),
      page.getByRole('button', { name: 'Gửi yêu cầu' }).click(),
    ]);
    code = ((await page.getByTestId('tracking-code').textContent()) ?? '').trim();
    assert.match(code, /^HT-[A-Z2-9]{6}$/);
    const body = (await page.textContent('main')) ?? '';
    assert.match(body, /đuôi 789/);
    assert.doesNotMatch(body, /Cẩm Khê|Nết|Sáng/, 'no address or names on the confirmation');
    assert.ok(await noSideScroll(page));
    await page.screenshot({ path: shot('public-done'), fullPage: true });
    await ctx.close();
  });

  test('staff schedule it, the officer records the visit from her day list, the request is closed', async () => {
    assert.ok(code, 'needs the request of the previous test');
    const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await signInDemo(ctx, app.url, 'tiepnhan', '/console/home-service');
    const row = page.locator(`tr[data-code="${code}"]`);
    assert.equal(await row.getAttribute('data-status'), 'new');
    await page.screenshot({ path: shot('console'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/console\/home-service\/requests\/\d+/),
      row.getByRole('link', { name: code }).click(),
    ]);
    const requestUrl = page.url().split('?')[0]!;

    const today = localDateOf(new Date());
    await page.getByLabel('Cán bộ đi').selectOption({ label: 'Lê Thị Thu Hương' });
    await page.getByLabel('Ngày', { exact: true }).fill(today);
    await page.getByLabel('Giờ (giờ Việt Nam)').fill('07:30');
    // "Return a result" needs a dossier code; this request only delivers a card.
    await page.getByLabel('Trả kết quả tại nhà').uncheck();
    await page.getByLabel('Trao thẻ bảo hiểm y tế').check();
    await Promise.all([page.waitForURL(/\?ok=scheduled/), page.getByRole('button', { name: 'Xếp lịch' }).click()]);
    assert.equal(await page.getByTestId('request-status').textContent(), 'Đã xếp lịch');
    await page.screenshot({ path: shot('request-scheduled'), fullPage: true });

    await page.goto(`${app.url}/console/home-service`);
    await Promise.all([
      page.waitForURL(/\/console\/home-service\/day/),
      page.getByRole('link', { name: 'Lịch đi trong ngày' }).click(),
    ]);
    const dayList = page.getByTestId('day-list');
    assert.match((await dayList.textContent()) ?? '', /Vũ Thị Nết/);
    assert.match((await page.locator('h1').textContent()) ?? '', new RegExp(formatVi(today).replace(/\//g, '\\/')));
    await page.screenshot({ path: shot('day'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: shot('day-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const pdfHref = await page.getByTestId('day-pdf').getAttribute('href');
    const pdf = await page.request.get(`${app.url}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    const bytes = await pdf.body();
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(join(SHOTS_DIR, 'home-service-day.pdf'), bytes);

    const visitRow = dayList.locator('tr', { hasText: 'Vũ Thị Nết' });
    await Promise.all([
      page.waitForURL(/\/console\/home-service\/visits\/\d+$/),
      visitRow.getByRole('link', { name: 'Ghi kết quả' }).click(),
    ]);
    await page.getByLabel('Đã làm xong').check();
    await page.getByLabel('Giờ (giờ Việt Nam)').fill(formatHm(toLocal(new Date()).minute));
    await page.getByLabel('Đã trao thẻ bảo hiểm y tế').check();
    await page.getByLabel('Họ tên người xác nhận').fill('Vũ Thị Nết');
    await page.getByLabel('Tôi xác nhận cán bộ đã đến và làm xong các việc trên.').check();
    await page
      .getByLabel('Ảnh chụp (không bắt buộc, JPEG hoặc PNG)')
      .setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: smallPng(120, 8) });
    await page.screenshot({ path: shot('visit-form'), fullPage: true });
    await Promise.all([page.waitForURL(/\?ok=recorded/), page.getByRole('button', { name: 'Ghi kết quả' }).click()]);
    assert.equal(await page.getByTestId('visit-status').textContent(), 'Đã làm xong');
    assert.match((await page.getByTestId('confirmation').textContent()) ?? '', /Vũ Thị Nết/);
    const photo = await page.request.get(`${page.url().split('?')[0]}/photo`);
    assert.equal(photo.status(), 200);
    assert.equal(photo.headers()['content-type'], 'image/png');
    await page.screenshot({ path: shot('visit-done'), fullPage: true });

    await page.goto(requestUrl);
    assert.equal(await page.getByTestId('request-status').textContent(), 'Đã hoàn thành');
    await page.screenshot({ path: shot('request-done'), fullPage: true });
    await page.goto(`${app.url}/console/home-service`);
    assert.ok(Number(await page.locator('[data-figure="visits"] strong').textContent()) >= 1);

    // The register: search without diacritics.
    await page.goto(`${app.url}/console/home-service/register?q=nguyen+thi+luu`);
    assert.match((await page.getByTestId('register').textContent()) ?? '', /Nguyễn Thị Lựu/);
    await page.screenshot({ path: shot('register'), fullPage: true });
    await ctx.close();
  });

  test('a volunteer cannot open the register', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await signInDemo(ctx, app.url, 'tinhnguyen', '/console');
    const res = await page.goto(`${app.url}/console/home-service/register`);
    assert.equal(res?.status(), 403);
    await ctx.close();
  });
});
