/**
 * The plan, the register and the facility checklist in Debian's Chromium on the demo centre
 * (cam-giang), JavaScript off: the director sees the deadline banner and the seeded 2026 plan,
 * opens a task, uploads a photo as evidence and downloads the Q4 report (a real PDF); the clerk
 * enters a document in the register; the accountant adds a spending line. axe finds no serious
 * or critical problem. Screenshots: test-output/screenshots/plan-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser, signInDemo } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';
import { smallPng } from '../support/files.ts';
import type { Running } from '../../src/main.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

describe('plan, register and facilities in a browser', { skip: skipWithoutBrowser }, () => {
  let app: Running;
  let browser: Browser;
  let env: DemoInBrowser | undefined;

  before(async () => {
    env = await demoInBrowser('plan');
    ({ app, browser } = env);
  });
  after(async () => {
    await env?.close();
  });

  test('the director: deadline banner, the 2026 plan, a task with evidence, the Q4 report', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await signInDemo(ctx, app.url, 'giamdoc', '/console/plan');
    const banner = page.getByTestId('plan-reminder');
    assert.match((await banner.textContent()) ?? '', /ngày làm việc đến hạn báo cáo Quý/);
    assert.equal(await page.locator('tr[data-number]').count(), 20, 'the 20 items of the plan');
    await page.screenshot({ path: join(SHOTS_DIR, 'plan-list.png'), fullPage: true });

    await page.locator('tr[data-number="III.3.3"] a').click();
    await page.waitForURL(/\/console\/plan\/tasks\/\d+/);
    const before = await page.locator('[data-testid=evidence] tbody tr').count();
    const form = page.getByTestId('evidence-file-form');
    await form.getByLabel('Tên minh chứng').fill('Đoàn viên trực hỗ trợ tại Bộ phận Một cửa');
    await form
      .getByLabel('Hình ảnh hoặc tài liệu')
      .setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: smallPng(150, 16) });
    await form.getByRole('button', { name: 'Tải lên' }).click();
    await page.waitForURL(/ok=added/);
    assert.equal(await page.locator('[data-testid=evidence] tbody tr').count(), before + 1);
    await page.getByTestId('status-form').getByLabel('Tiến độ (%)').fill('65');
    await page.getByTestId('status-form').getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/ok=saved/);
    assert.equal(await page.getByTestId('status-form').getByLabel('Tiến độ (%)').inputValue(), '65');
    await page.screenshot({ path: join(SHOTS_DIR, 'plan-task.png'), fullPage: true });

    const res = await ctx.request.get(`${app.url}/api/v1/centers/cam-giang/plan/reports/2026/4.pdf`);
    assert.equal(res.status(), 200);
    assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    await ctx.close();
  });

  test('the clerk registers a document; the accountant adds a spending line (phone width)', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await signInDemo(ctx, app.url, 'vanthu', '/console/register');
    const rows = await page.locator('[data-testid=register-list] tbody tr[data-direction=out]').count();
    const add = page.getByTestId('register-add');
    await add.getByLabel('Chiều').selectOption('out');
    await add.getByLabel('Nơi gửi (văn bản đến) / nơi nhận (văn bản đi)').fill('UBND xã Cẩm Giàng');
    await add.getByLabel('Trích yếu nội dung').fill('Báo cáo kết quả thực hiện mô hình Quý IV năm 2026');
    await add.getByRole('button', { name: 'Vào sổ' }).click();
    await page.waitForURL(/ok=added/);
    assert.equal(await page.locator('[data-testid=register-list] tbody tr[data-direction=out]').count(), rows + 1);
    await page.screenshot({ path: join(SHOTS_DIR, 'plan-register.png'), fullPage: true });
    await ctx.close();

    const phone = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' });
    const p2 = await signInDemo(phone, app.url, 'ketoan', '/console/facilities');
    assert.equal(await p2.locator('[data-testid=facility-items] section[data-code]').count(), 12);
    const sp = p2.getByTestId('spending-add');
    await sp.getByLabel('Nội dung chi', { exact: true }).fill('Máy scan cho người dân');
    await sp.getByLabel('Số tiền (đồng, ví dụ 1.234.567)').fill('3.200.000');
    await sp.getByLabel('Nguồn kinh phí').fill('Ngân sách xã');
    await sp.getByRole('button', { name: 'Thêm' }).click();
    await p2.waitForURL(/ok=added/);
    assert.equal(await p2.getByTestId('spending-total').textContent(), '80.940.000 đ');
    const printers = p2.locator('section[data-code=citizen_printers]');
    await printers.locator('summary').click();
    await printers.getByLabel('Tình trạng').selectOption('partly');
    await printers.getByRole('button', { name: 'Lưu' }).click();
    await p2.waitForURL(/ok=saved/);
    assert.equal(await p2.locator('section[data-code=citizen_printers]').getAttribute('data-status'), 'partly');
    await p2.screenshot({ path: join(SHOTS_DIR, 'plan-facilities-phone.png'), fullPage: true });
    await phone.close();
  });

  test('axe finds no serious or critical problem on the plan, task, register and facilities pages', async () => {
    // axe is injected as an inline script: the test bypasses the site's strict CSP to do so.
    const ctx = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: 'vi-VN' });
    const page = await signInDemo(ctx, app.url, 'admin', '/console/plan');
    const problems: string[] = [];
    const task = await page.locator('tr[data-number="III.1.1"] a').getAttribute('href');
    for (const path of ['/console/plan', task!, '/console/register', '/console/facilities', '/console/plan?lang=en']) {
      await page.goto(`${app.url}${path}`);
      problems.push(...(await axeProblems(page, path)));
    }
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
