/**
 * Reports in Debian's Chromium on the demo centre: the director opens this month's report, every
 * figure shows its formula, clicks through to the late dossiers (and one dossier), downloads the
 * XLSX (opened with exceljs) and the PDF; the 766 scorecard page. Screenshots:
 * test-output/screenshots/reports-*.png; the downloads are kept in test-output/reports/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/service.ts';

const OUT = join(process.cwd(), 'test-output', 'reports');

describe('reports in a browser', { skip: skipWithoutBrowser }, () => {
  let demo: DemoInBrowser;
  let browser: Browser;
  let base = '';
  let page: Page;

  before(async () => {
    demo = await demoInBrowser('reports');
    browser = demo.browser;
    base = demo.app.url;
    mkdirSync(OUT, { recursive: true });
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: 'vi-VN',
      bypassCSP: true,
    });
    page = await ctx.newPage();
    await page.goto(`${base}/console/reports`);
    await page.getByLabel('Tên đăng nhập').fill('giamdoc');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === '/console/reports');
  });
  after(async () => {
    await demo?.close();
  });

  test('this month: every figure with its formula and target; charts; no serious accessibility problem', async () => {
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Báo cáo số liệu' }).waitFor();
    const rows = page.locator('table[data-testid=figures] tr[data-figure]');
    assert.ok((await rows.count()) >= 30);
    for (const row of await rows.all()) {
      const formula = (await row.locator('td.formula').textContent())?.trim() ?? '';
      assert.ok(formula.length > 10, `formula of ${await row.getAttribute('data-figure')}`);
    }
    assert.match((await page.locator('[data-figure=fullOnlineRate]').textContent()) ?? '', /90%/, 'the plan’s target');
    assert.equal(await page.locator('[data-testid=charts] svg').count(), 2);
    await page.screenshot({ path: join(SHOTS_DIR, 'reports-month.png'), fullPage: true });
    await page.locator('tbody[data-group=rates]').screenshot({ path: join(SHOTS_DIR, 'reports-month-rates.png') });
    await page.locator('[data-testid=charts]').screenshot({ path: join(SHOTS_DIR, 'reports-month-charts.png') });
    assert.deepEqual(await axeProblems(page, 'reports'), []);
  });

  test('clicks through to the late dossiers and opens one', async () => {
    const late = page.locator('[data-figure=resolvedLate] a[data-drill=resolved_late]');
    const overdue = page.locator('[data-figure=openOverdue] a[data-drill=open_overdue]');
    const lateCount = Number(
      (await page.locator('[data-figure=resolvedLate] td[data-value]').textContent())?.replace(/\D/g, '') || '0',
    );
    await (lateCount > 0 ? late : overdue).click();
    await page.waitForURL(/\/console\/reports\/drill\?key=/);
    await page.screenshot({ path: join(SHOTS_DIR, 'reports-drill.png'), fullPage: true });
    const links = page.locator('table[data-testid=drill] a');
    const n = await links.count();
    const figure = Number(
      (/(\d+) hồ sơ/.exec((await page.locator('main p.muted').first().textContent()) ?? '') ?? [])[1] ?? '-1',
    );
    assert.ok(figure >= n, 'the list says how many dossiers there are');
    if (n > 0) {
      const code = (await links.first().textContent())!.trim();
      await links.first().click();
      await page.waitForURL(new RegExp(`/console/dossiers/${code}`));
      assert.match(await page.content(), new RegExp(code));
      await page.goBack();
    }
    await page.goto(`${base}/console/reports`);
  });

  test('downloads XLSX and PDF that open', async () => {
    const [x] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Bảng tính Excel (XLSX)' }).click(),
    ]);
    const xPath = join(OUT, 'browser-report.xlsx');
    await x.saveAs(xPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xPath);
    const ws = wb.getWorksheet('Số liệu')!;
    assert.ok(ws.rowCount > 30);
    assert.match(String(ws.getCell('A2').value), /BÁO CÁO SỐ LIỆU GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
    const [p] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Báo cáo in (PDF)' }).click(),
    ]);
    const pPath = join(OUT, 'browser-report.pdf');
    await p.saveAs(pPath);
    assert.equal(readFileSync(pPath).subarray(0, 5).toString(), '%PDF-');
    copyFileSync(pPath, join(OUT, 'browser-report-copy.pdf'));
  });

  test('targets: a wrong value is refused, a good one saved; the public figures page is opt-in', async () => {
    await page.goto(`${base}/console/reports`);
    assert.equal((await page.request.get(`${base}/cam-giang/so-lieu`)).status(), 404);
    // The field's own min/max stop this in the browser; the server checks too.
    await page.locator('[data-testid=targets-form]').evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await page.locator('#target-digitisedRate').fill('150');
    await page.locator('[data-testid=targets-form] button[type=submit]').click();
    await page.locator('.error-summary').waitFor();
    assert.match((await page.locator('.error-summary').textContent()) ?? '', /từ 0 đến 1/);
    await page.locator('#target-digitisedRate').fill('85');
    await page.locator('[data-testid=targets-form] input[name=publicHeadline]').check();
    await page.locator('[data-testid=targets-form] button[type=submit]').click();
    await page.locator('[data-testid=flash]').waitFor();
    assert.match((await page.locator('[data-figure=digitisedRate]').textContent()) ?? '', /85%/);
    const pub = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const res = await pub.goto(`${base}/cam-giang/so-lieu`);
    assert.equal(res?.status(), 200);
    assert.ok(
      Number(await pub.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0,
      'no sideways scroll at 360 px',
    );
    await pub.screenshot({ path: join(SHOTS_DIR, 'reports-public-phone.png'), fullPage: true });
    await pub.close();
  });

  test('the Decision 766 scorecard month by month', async () => {
    await page.getByRole('link', { name: 'Xem bảng điểm 766 theo tháng' }).click();
    await page.waitForURL(/\/console\/reports\/766/);
    assert.ok((await page.locator('table[data-testid=score-months] tbody tr').count()) >= 8);
    assert.match((await page.locator('[data-indicator="1.1"]').textContent()) ?? '', /không tính được tại đây/);
    await page.screenshot({ path: join(SHOTS_DIR, 'reports-766.png'), fullPage: true });
  });
});
