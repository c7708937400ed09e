/**
 * Citizens first (issue 12) in Debian's Chromium on the demo, as a new user would try it:
 * - a browser set to English (locale en-US) gets the home, a procedure page, the kiosk and the
 *   queue TV board in Vietnamese; the visible switch gives English with JavaScript off;
 * - a code typed in lower case with spaces finds the dossier; a status-5 dossier's lookup lists the
 *   papers asked for (360 px, JavaScript off, screenshot kept in test-output/screenshots/);
 * - the phone header leaves the first screen to the page; a pasted link does not widen a page;
 * - a portrait kiosk (1080×1920) is filled by its buttons;
 * - axe: no serious or critical problem on every public page, results board, kiosk and TV board.
 * The product's clock runs inside the demo centre's working hours (TEST_CLOCK_OFFSET_MS).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';

const SLUG = 'cam-giang';
const PHONE = { width: 360, height: 740 };

describe('citizens first in a browser', { skip: skipWithoutBrowser }, () => {
  let env: DemoInBrowser | undefined;
  const demo = (): DemoInBrowser => {
    if (!env) assert.fail('the demo did not start');
    return env;
  };
  before(async () => {
    env = await demoInBrowser('citizens', { workingHours: true });
  });
  after(async () => {
    await env?.close();
  });

  /** A dossier waiting for papers (status 5), preferring one whose request lists them. */
  async function supplementDossier(): Promise<{ code: string; secret: string; papers: string[] }> {
    const db = demo().app.database.db;
    const rows = await db
      .selectFrom('dossier')
      .select(['id', 'code', 'lookup_secret'])
      .where('status', '=', 5)
      .orderBy('id')
      .limit(200)
      .execute();
    assert.ok(rows.length, 'the demo has dossiers waiting for papers');
    for (const r of rows) {
      const ev = await db
        .selectFrom('dossier_event')
        .select(['data'])
        .where('dossier_id', '=', r.id)
        .where('action', '=', 'request_supplement')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      const data = JSON.parse(ev?.data ?? '{}') as { components?: string[] };
      if (data.components?.length) return { code: r.code, secret: r.lookup_secret, papers: data.components };
    }
    assert.fail('no status-5 dossier with the papers listed');
  }

  test('an English browser gets Vietnamese; the switch gives English without JavaScript', async () => {
    const { app, browser } = demo();
    const ctx = await browser.newContext({
      locale: 'en-US',
      javaScriptEnabled: false,
      viewport: { width: 1366, height: 900 },
    });
    const page = await ctx.newPage();
    const proc = await app.database.db.selectFrom('procedure').select(['code']).limit(1).executeTakeFirst();
    const checks: [string, RegExp][] = [
      [`/${SLUG}`, /Thủ tục hành chính|Tra cứu/],
      [`/${SLUG}/thu-tuc/${proc?.code ?? ''}`, /Thời hạn giải quyết|Thành phần hồ sơ/],
      [`/${SLUG}/lay-so`, /Lấy số thứ tự/],
      [`/${SLUG}/man-hinh-xep-hang`, /Đang chờ/],
    ];
    for (const [url, vi] of checks) {
      await page.goto(`${app.url}${url}`);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi', url);
      assert.match(await page.locator('body').innerText(), vi, url);
    }
    assert.doesNotMatch(await page.locator('body').innerText(), /Just called|Waiting\b/);
    await page.goto(`${app.url}/${SLUG}`);
    await page.getByTestId('lang-switch').click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(`${app.url}/${SLUG}/thu-tuc/${proc?.code ?? ''}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is remembered (cookie)');
    assert.equal(await page.getAttribute('h1', 'lang'), 'vi', 'Vietnamese procedure text is marked so');
    await page.goto(`${app.url}/${SLUG}/lay-so`);
    assert.match(await page.locator('h1').innerText(), /Take a number/);
    await ctx.close();
  });

  test('lookup at 360 px with JavaScript off: a lower-case code with spaces; the papers asked for', async () => {
    const { app, browser } = demo();
    const d = await supplementDossier();
    const ctx = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false, viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ').fill(` ${d.code.toLowerCase().replace(/-/g, ' ')} `);
    await page.getByLabel('Mã tra cứu').fill(d.secret.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForSelector('[data-testid="lookup-supplement"]');
    const box = page.getByTestId('lookup-supplement');
    for (const paper of d.papers) assert.match(await box.innerText(), new RegExp(paper.replace(/[()]/g, '.')));
    assert.match(await box.innerText(), /hẹn lại ngày trả kết quả/);
    assert.match(await page.getByTestId('lookup-due').innerText(), /Sẽ hẹn lại khi Ông\/Bà nộp đủ giấy tờ bổ sung/);
    const steps = await page
      .locator('[data-testid="lookup-steps"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    for (let i = 1; i < steps.length; i++) assert.notEqual(steps[i], steps[i - 1], 'no step twice in a row');
    assert.ok(
      (await page.evaluate<number>('document.documentElement.scrollWidth')) <= PHONE.width,
      'no sideways scroll',
    );
    await page.screenshot({ path: join(SHOTS_DIR, 'citizens-lookup-supplement-360.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS_DIR, 'citizens-lookup-first-screen-360.png') });
    assert.equal(await page.inputValue('#ma'), d.code, 'the form shows the code as printed');
    // The first screen shows the page's own content: the header and its bar take little of it.
    const headerBottom = await page.evaluate<number>(
      'document.querySelector("header.site-header").getBoundingClientRect().bottom',
    );
    assert.ok(headerBottom < PHONE.height * 0.2, `header ends at ${headerBottom} px`);
    assert.ok(await page.locator('h1').isVisible());
    await ctx.close();
  });

  test('a pasted link in a feedback does not widen its tracking page', async () => {
    const { app, browser } = demo();
    const ctx = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false, viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/phan-anh`);
    await page.locator('input[name="ve-viec"]').last().check(); // “Nội dung khác”: no procedure to choose
    await page.locator('textarea[name="noi-dung"]').fill(`Đường dẫn: https://example.vn/${'a'.repeat(3000)}`);
    await page.locator('input[name="an-danh"]').check();
    await page.waitForTimeout(3200); // the form refuses what is sent within 3 s (a robot)
    await page.locator('form[data-testid="feedback-form"] button[type="submit"]').click();
    assert.ok(
      await page.getByTestId('feedback-status-link').count(),
      (await page.locator('main').innerText()).slice(0, 1200),
    );
    await page.getByTestId('feedback-status-link').click();
    await page.waitForSelector('[data-testid="feedback-status"]');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= PHONE.width, `page width ${width} px`);
    await ctx.close();
  });

  test('a portrait kiosk (1080×1920) is filled by its buttons', async () => {
    const { app, browser } = demo();
    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1080, height: 1920 } });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/${SLUG}/lay-so`);
    assert.equal(await page.locator('[data-testid="kiosk-closed"]').count(), 0, 'inside working hours');
    assert.ok(await page.locator('text=Người có công với cách mạng').isVisible(), 'the posted priority groups');
    const bottom = await page.evaluate<number>(
      'Math.max(...[...document.querySelectorAll(".kiosk-btn")].map((b) => b.getBoundingClientRect().bottom))',
    );
    assert.ok(bottom > 1920 * 0.6, `the buttons reach ${bottom} px of 1920`);
    await page.screenshot({ path: join(SHOTS_DIR, 'citizens-kiosk-portrait.png') });
    await ctx.close();
  });

  test('axe: no serious or critical problem on the public pages, results board, kiosk and TV board', async () => {
    const { app, browser } = demo();
    const d = await supplementDossier();
    const proc = await app.database.db.selectFrom('procedure').select(['code']).limit(1).executeTakeFirst();
    const pages = [
      `/${SLUG}`,
      `/${SLUG}/thu-tuc`,
      `/${SLUG}/thu-tuc?q=khai+sinh`,
      `/${SLUG}/thu-tuc/${proc?.code ?? ''}`,
      `/${SLUG}/le-phi`,
      `/${SLUG}/danh-ba`,
      `/${SLUG}/cam-ket`,
      `/${SLUG}/thay-doi`,
      `/${SLUG}/ket-qua`,
      `/${SLUG}/tra-cuu`,
      `/${SLUG}/tra-cuu?ma=${encodeURIComponent(d.code)}&bi-mat=${d.secret}`,
      `/${SLUG}/phan-anh`,
      `/${SLUG}/phan-anh/da-tra-loi`,
      `/${SLUG}/ho-tro-tai-nha`,
      `/${SLUG}/lay-so`,
      `/${SLUG}/man-hinh-xep-hang`,
      `/${SLUG}/man-hinh`,
    ];
    const problems: string[] = [];
    for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
      const ctx = await browser.newContext({ locale: 'en-US', viewport, bypassCSP: true });
      const page = await ctx.newPage();
      for (const url of pages) {
        const res = await page.goto(`${app.url}${url}`);
        assert.equal(res?.status(), 200, url);
        // The TV slideshow's meta refresh is the one exemption, listed in test/support/axe.ts.
        problems.push(...(await axeProblems(page, `${url} @${viewport.width}`)));
      }
      await ctx.close();
    }
    assert.deepEqual(problems, []);
  });
});
