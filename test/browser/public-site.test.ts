/**
 * The public transparency site in Debian's Chromium, on the demo centre (cam-giang):
 * a citizen on a 360 px phone with JavaScript off searches "khai tu" from the home page and
 * opens Đăng ký khai tử; no page scrolls sideways; axe finds no serious or critical problem;
 * the TV slides fit 1080p; the QR code on the page decodes back to the page's own address.
 * Screenshots are kept under test-output/screenshots/. Skips when Chromium is absent, unless
 * REQUIRE_BROWSER=1 (CI), where absence fails.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import type { Running } from '../../src/main.ts';

const SHOTS = SHOTS_DIR;

// jsqr ships CommonJS whose module.exports is the function itself; its typings describe an ES default.
const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;

const SLUG = 'cam-giang';
const PHONE = { width: 360, height: 740 };
const PAGES = [
  `/${SLUG}`,
  `/${SLUG}/thu-tuc`,
  `/${SLUG}/thu-tuc?q=khai+tu`,
  `/${SLUG}/thu-tuc?q=zzqxw`,
  `/${SLUG}/thu-tuc/1.000656`,
  `/${SLUG}/thu-tuc/2.000815`,
  `/${SLUG}/thu-tuc/9.999999`,
  `/${SLUG}/le-phi`,
  `/${SLUG}/danh-ba`,
  `/${SLUG}/cam-ket`,
  `/${SLUG}/thay-doi`,
  `/${SLUG}/nhung/thu-tuc?q=khai+tu`,
  `/${SLUG}/thu-tuc/1.000656?lang=en`,
];

describe('public transparency site in a browser', { skip: skipWithoutBrowser }, () => {
  let app: Running;
  let browser: Browser;

  let env: DemoInBrowser | undefined;

  before(async () => {
    env = await demoInBrowser('public');
    ({ app, browser } = env);
  });
  after(async () => {
    await env?.close();
  });

  test('on a phone with JavaScript off, a citizen finds “Đăng ký khai tử” from the home page search box', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}`);
    await page.screenshot({ path: join(SHOTS, 'public-home-phone.png'), fullPage: true });
    await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('khai tu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/\/cam-giang\/thu-tuc\?q=khai\+tu/);
    await page.getByRole('heading', { level: 2, name: /Kết quả cho “khai tu”/ }).waitFor();
    const first = page.getByTestId('results').getByRole('listitem').first();
    assert.equal(await first.getByRole('link').textContent(), 'Đăng ký khai tử', 'the first result');
    await page.screenshot({ path: join(SHOTS, 'public-list-phone.png'), fullPage: true });
    await first.getByRole('link', { name: 'Đăng ký khai tử', exact: true }).click();
    await page.waitForURL(/\/cam-giang\/thu-tuc\/1\.000656$/);
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai tử' }).waitFor();
    const docs = (await page.getByTestId('components').textContent()) ?? '';
    assert.match(docs, /Tờ khai đăng ký khai tử/);
    assert.match(docs, /Giấy báo tử/);
    assert.match((await page.getByTestId('time-limit').textContent()) ?? '', /Trong ngày/);
    assert.match((await page.locator('main').textContent()) ?? '', /Không thu|Miễn/);
    assert.ok(await page.getByTestId('same-day').isVisible(), 'same-day badge');
    const qr = page.getByTestId('qr').locator('svg');
    assert.ok(await qr.isVisible(), 'the QR code is visible');
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 150, `the QR code is large enough to scan (${box?.width}px)`);
    await page.screenshot({ path: join(SHOTS, 'public-procedure-phone.png'), fullPage: true });
    await ctx.close();
  });

  test('no public page scrolls sideways on a 360 px phone (JavaScript off) or on a desktop', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const ctx = await browser.newContext({ viewport, javaScriptEnabled: false, locale: 'vi-VN' });
      const page = await ctx.newPage();
      for (const path of [...PAGES, `/${SLUG}/man-hinh`]) {
        const res = await page.goto(`${app.url}${path}`);
        assert.ok(res && res.status() < 500, path);
        // With JavaScript off, evaluate() still runs in Playwright's isolated world.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        assert.ok(Number(overflow) <= 0, `${path} at ${viewport.width}px overflows by ${overflow}px`);
      }
      await ctx.close();
    }
  });

  test('axe finds no serious or critical accessibility problem on any public page', async () => {
    // axe is injected as an inline script: the test bypasses the site's strict CSP to do so.
    const ctx = await browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: true,
      bypassCSP: true,
      locale: 'vi-VN',
    });
    const page = await ctx.newPage();
    const problems: string[] = [];
    for (const path of PAGES) {
      await page.goto(`${app.url}${path}`);
      problems.push(...(await axeProblems(page, path)));
    }
    // The TV display refreshes itself by design (a kiosk nobody operates): axe's meta-refresh rule is off
    // there only — the one exemption, listed in test/support/axe.ts.
    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, bypassCSP: true, locale: 'vi-VN' });
    const tvPage = await tv.newPage();
    for (let i = 1; i <= 4; i++) {
      await tvPage.goto(`${app.url}/${SLUG}/man-hinh?trang=${i}`);
      problems.push(...(await axeProblems(tvPage, `TV ${i}`)));
    }
    await tv.close();
    await ctx.close();
    assert.deepEqual(problems, []);
  });

  test('the TV display: every slide fits 1920×1080 without scrolling, with very large type', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/man-hinh`);
    const total = Number(((await page.locator('.tv-counter').textContent()) ?? '').split('/')[1]);
    assert.ok(total >= 4);
    const kinds = new Set<string>();
    for (let i = 1; i <= total; i++) {
      await page.goto(`${app.url}/${SLUG}/man-hinh?trang=${i}`);
      const kind = (await page.locator('main').getAttribute('data-slide')) ?? '';
      const fit = (await page.evaluate(
        `(() => { const m = document.querySelector('main'); const last = m.lastElementChild; return { overflow: m.scrollHeight - m.clientHeight, bottom: last ? last.getBoundingClientRect().bottom : 0, mainBottom: m.getBoundingClientRect().bottom, font: parseFloat(getComputedStyle(document.body).fontSize) }; })()`,
      )) as { overflow: number; bottom: number; mainBottom: number; font: number };
      assert.ok(
        fit.overflow <= 1 && fit.bottom <= fit.mainBottom + 1,
        `slide ${i} (${kind}) does not fit: ${JSON.stringify(fit)}`,
      );
      assert.ok(fit.font >= 40, `slide ${i}: body type ${fit.font}px`);
      if (!kinds.has(kind)) {
        kinds.add(kind);
        await page.screenshot({ path: join(SHOTS, `public-tv-${kind}.png`) });
      }
    }
    await page.goto(`${app.url}/${SLUG}/man-hinh`);
    await page.screenshot({ path: join(SHOTS, 'public-tv.png') });
    await ctx.close();
  });

  test('desktop screenshots of the list, a procedure, fees, directory, commitments and changes', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    const page = await ctx.newPage();
    for (const [name, path] of [
      ['home', ''],
      ['list', '/thu-tuc?q=chung+thuc'],
      ['procedure', '/thu-tuc/2.000815'],
      ['fees', '/le-phi'],
      ['directory', '/danh-ba'],
      ['commitments', '/cam-ket'],
      ['changes', '/thay-doi'],
      ['embed', '/nhung/thu-tuc?q=khai+tu'],
    ] as const) {
      await page.goto(`${app.url}/${SLUG}${path}`);
      await page.screenshot({ path: join(SHOTS, `public-${name}-desktop.png`), fullPage: true });
    }
    await ctx.close();
  });

  test('the QR code on the procedure page decodes to the page’s own address', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    for (const code of ['1.000656', '2.000815']) {
      await page.goto(`${app.url}/${SLUG}/thu-tuc/${code}`);
      const png = PNG.sync.read(await page.getByTestId('qr').locator('svg').screenshot());
      const decoded = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
        png.width,
        png.height,
      );
      assert.ok(decoded, `${code}: the QR code decodes`);
      assert.equal(decoded.data, page.url());
      assert.equal(decoded.data, `${app.url}/${SLUG}/thu-tuc/${code}`);
    }
    await ctx.close();
  });
});
