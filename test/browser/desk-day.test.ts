/**
 * The officer's day in Debian's Chromium, on the demo centre (issue 11, parts 5, 7, 8): the
 * receiving officer's home lists the online dossiers waiting for acceptance; a citizen who lost
 * the receipt is found by typing "nguyen thi y" or the ID number; a CCCD QR string typed by a
 * scanner (as a keyboard, then Enter) into any intake field fills the applicant — or the owner —
 * without sending the form, and a mangled one fills nothing; the specialist's home lists the
 * dossiers they hold. Screenshots: test-output/screenshots/desk-day-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoInBrowser, SHOTS_DIR, signInDemo, skipWithoutBrowser, type DemoInBrowser } from '../support/browser.ts';
import { testConfig } from '../support/db.ts';
import { makeDeps } from '../../src/main.ts';
import { draftForAtRisk } from '../../src/features/dossiers/apologies/apologies.ts';

const CARD = '034190001234|123456789|Nguyễn Văn An|01011990|Nam|Thôn Bình Long, Cẩm Giàng, Hải Dương|15032021';
const DECEASED = '031148004321||Trần Văn Bảy|12031948|Nam|Thôn Đông Giao, Cẩm Giàng, Hải Phòng|20052021';
const shot = (name: string) => join(SHOTS_DIR, `desk-day-${name}.png`);

describe('the officer’s day at the desk (Chromium)', { skip: skipWithoutBrowser }, () => {
  let demo: DemoInBrowser;
  let base: string;
  before(async () => {
    demo = await demoInBrowser('desk-day');
    base = demo.app.url;
  });
  after(async () => {
    await demo.close();
  });

  test('the receiver sees online dossiers to accept and finds yesterday’s citizen by name or ID number', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signInDemo(ctx, base, 'tiepnhan');
    const awaiting = page.getByTestId('home-awaiting');
    await awaiting.waitFor();
    assert.ok((await awaiting.locator('li[data-code]').count()) >= 1, 'online dossiers waiting on the home page');
    assert.match((await awaiting.textContent()) ?? '', /đã chờ \d+ (phút|giờ|ngày)/);
    await page.screenshot({ path: shot('receiver-home'), fullPage: true });

    await page.goto(`${base}/console/dossiers`);
    await page.getByLabel('Tìm hồ sơ').fill('nguyen thi y');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/q=nguyen\+thi\+y/);
    const row = page.locator('table[data-testid="dossiers"] tr', { hasText: 'Nguyễn Thị Ý' });
    assert.equal(await row.count(), 1, 'found by the name typed without diacritics');
    const code = await row.getAttribute('data-code');
    await page.screenshot({ path: shot('search-name'), fullPage: true });

    await page.getByLabel('Tìm hồ sơ').fill('031305012345');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/q=031305012345/);
    const rows = page.locator('table[data-testid="dossiers"] tbody tr');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute('data-code'), code, 'the same dossier by the ID number');
    await page.screenshot({ path: shot('search-id'), fullPage: true });
    await ctx.close();
  });

  test('a CCCD string typed into the intake form fills the applicant or the owner; a mangled one fills nothing', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    const page = await signInDemo(ctx, base, 'tiepnhan', '/console/dossiers/new?procedure=1.001193');
    const url = page.url();
    // The scanner types into the focused field (the applicant's name) and ends with Enter.
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'fullName');
    await page.keyboard.type(CARD);
    await page.keyboard.press('Enter');
    const status = page.getByTestId('cccd-status');
    await status.waitFor({ state: 'visible' });
    assert.match((await status.textContent()) ?? '', /Đã đọc thẻ căn cước: Nguyễn Văn An, số 034190001234/);
    assert.equal(page.url(), url, 'the form was not sent');
    assert.equal(await page.inputValue('#fullName'), 'Nguyễn Văn An');
    assert.equal(await page.inputValue('#idNumber'), '034190001234');
    assert.equal(await page.inputValue('#address'), 'Thôn Bình Long, Cẩm Giàng, Hải Dương');
    await page.screenshot({ path: shot('scan-applicant'), fullPage: true });

    // Into another field, for the owner this time (e.g. the deceased of a death registration).
    await page.getByLabel(/Người được cấp giấy/).check();
    await page.locator('#phone').fill('0912');
    await page.locator('#phone').focus();
    await page.keyboard.type(DECEASED);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('ownerName') as HTMLInputElement).value !== '');
    assert.equal(await page.inputValue('#ownerName'), 'Trần Văn Bảy');
    assert.equal(await page.inputValue('#ownerId'), '031148004321');
    assert.equal(await page.inputValue('#phone'), '0912', 'the phone typed before the scan is kept');
    assert.equal(await page.inputValue('#fullName'), 'Nguyễn Văn An', 'the applicant is unchanged');

    // A scanner typing through a Vietnamese input method: told why, nothing filled.
    await page.getByLabel('Người nộp hồ sơ', { exact: true }).check();
    await page.locator('#email').focus();
    await page.keyboard.type('034190001234|123456789|Nguyeenx Vawn Binhf|01011990|Nam|Thon Binhf Long|15032021');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('cccd-status')?.textContent ?? '').includes('sai dấu'));
    assert.equal(await page.inputValue('#fullName'), 'Nguyễn Văn An');
    assert.equal(await page.inputValue('#email'), '');
    assert.equal(page.url(), url);
    await page.screenshot({ path: shot('scan-mangled'), fullPage: true });

    // The officer takes the dossier with what the card filled.
    await page.locator('#phone').fill('0912345679');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.waitForURL(/received=1/);
    assert.match((await page.locator('main').textContent()) ?? '', /Nguyễn Văn An/);
    await ctx.close();
  });

  test('the director cannot approve the watch’s draft until the specialist writes the reason; the console says why', async () => {
    await draftForAtRisk(makeDeps(testConfig(), demo.app.database));
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    const director = await signInDemo(ctx, base, 'giamdoc');
    const waiting = director.locator('[data-testid="home-drafts"] li[data-ready="0"]');
    assert.ok((await waiting.count()) >= 1, 'drafts without a reason on the director’s home page');
    await director.screenshot({ path: shot('director-home'), fullPage: true });
    const code = await waiting.first().getAttribute('data-code');
    assert.ok(code);
    await waiting.first().getByRole('link').click();
    await director.waitForURL(new RegExp(encodeURIComponent(code).replace(/\./g, '\\.')));
    assert.match((await director.getByTestId('apology-not-ready').textContent()) ?? '', /Chưa thể duyệt/);
    await director.getByRole('button', { name: 'Duyệt và hẹn lại' }).click();
    await director.getByTestId('errors').waitFor();
    assert.match((await director.getByTestId('errors').textContent()) ?? '', /chưa có lý do/);
    await director.screenshot({ path: shot('approve-refused'), fullPage: true });

    const ctx2 = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
    const specialist = await signInDemo(ctx2, base, 'tuphap', `/console/dossiers/${encodeURIComponent(code)}`);
    await specialist
      .getByLabel('Lý do chậm trả kết quả')
      .fill('Chờ Công an xã xác minh thông tin cư trú của người yêu cầu');
    await specialist.getByRole('button', { name: 'Lưu lý do, trình Giám đốc duyệt' }).click();
    await specialist.waitForLoadState();
    assert.match((await specialist.getByTestId('apology-reason').first().textContent()) ?? '', /Chờ Công an xã/);
    await specialist.screenshot({ path: shot('reason-written'), fullPage: true });

    await director.goto(`${base}/console/dossiers/${encodeURIComponent(code)}`);
    await director.getByRole('button', { name: 'Duyệt và hẹn lại' }).click();
    await director.waitForLoadState();
    assert.match((await director.getByTestId('apologies').textContent()) ?? '', /Đã duyệt, số \d+\/PXL/);
    await ctx.close();
    await ctx2.close();
  });

  test('the specialist’s home lists the dossiers they hold with their deadlines', async () => {
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signInDemo(ctx, base, 'tuphap');
    const mine = page.getByTestId('home-mine');
    await mine.waitFor();
    assert.ok((await mine.locator('li[data-code]').count()) >= 1);
    assert.match((await mine.textContent()) ?? '', /hạn \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    await page.screenshot({ path: shot('specialist-home'), fullPage: true });
    await page.getByRole('link', { name: /Xem tất cả hồ sơ của tôi/ }).click();
    await page.waitForURL(/mine=1/);
    assert.ok((await page.locator('table[data-testid="dossiers"] tbody tr').count()) >= 1);
    assert.ok((await page.locator('table[data-testid="dossiers"]').textContent())?.includes('Nguyễn Thị Ý'));
    await page.screenshot({ path: shot('mine'), fullPage: true });
    await ctx.close();
  });
});
