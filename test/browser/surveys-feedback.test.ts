/**
 * Satisfaction surveys and citizen feedback in Debian's Chromium, on the demo centre (cam-giang):
 * a receiving officer takes a dossier; its receipt (form 01) is rendered to PNG and the survey QR
 * code on it is decoded; the citizen opens that address on a 360 px phone with JavaScript off and
 * rates; the rating appears in the month's results for that officer; a second rating for the same
 * dossier and stage is refused politely. A citizen files feedback from the public form; the
 * director sees its 15-working-day limit (checked against the calendar API) and answers it with
 * publication; the answer appears on the public page with the personal data masked.
 * Screenshots: test-output/screenshots/surveys-*.png, feedback-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser, signInDemo } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';
import { qrsOfPdf } from '../support/qr.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';

const SLUG = 'cam-giang';
const PHONE = { width: 360, height: 740 };
const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG.find(
  (x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 2 && !x.sameDayEligible,
)!;

const noSideScroll = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0;
const month = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

describe('surveys and feedback in a browser', { skip: skipWithoutBrowser }, () => {
  let demo: DemoInBrowser;
  let browser: Browser;
  let base: string;
  let surveyAddress = '';

  before(async () => {
    demo = await demoInBrowser('surveys');
    browser = demo.browser;
    base = demo.app.url;
  });
  after(async () => demo?.close());

  test('a dossier taken at the desk is rated from its receipt’s QR code; the rating counts for the officer; a second one is refused politely', async () => {
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const desk = await signInDemo(staff, base, 'tiepnhan');
    const csrf = await desk.locator('input[name=_csrf]').first().getAttribute('value');
    const made = await desk.request.post(`${base}/api/v1/centers/${SLUG}/dossiers`, {
      headers: { 'x-csrf-token': csrf ?? '' },
      data: {
        procedureCode: PROC.code,
        applicant: { fullName: 'Đặng Thị Hồng', phone: '0912 000 111', address: 'Thôn Cẩm Khê' },
        channel: 'direct',
      },
    });
    assert.equal(made.status(), 201, await made.text());
    const d = (await made.json()) as { code: string; lookupSecret: string };

    // The receipt as printed: rendered to PNG, its survey QR code decoded.
    const pdf = await desk.request.get(`${base}/console/dossiers/${encodeURIComponent(d.code)}/forms/01.pdf`);
    assert.equal(pdf.status(), 200);
    const qrs = qrsOfPdf(await pdf.body(), join(SHOTS_DIR, 'surveys-receipt-form01'));
    const survey = qrs.find((x) => x.includes('/danh-gia?'));
    assert.ok(survey, `the survey QR code scans (found: ${qrs.join(' | ')})`);
    surveyAddress = survey;
    const u = new URL(surveyAddress);
    assert.equal(u.pathname, `/${SLUG}/danh-gia`);
    assert.equal(u.searchParams.get('ma'), d.code);
    assert.equal(u.searchParams.get('bi-mat'), d.lookupSecret);
    assert.equal(u.searchParams.get('kenh'), 'qr');

    // The director's month before the rating.
    const boss = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const console_ = await signInDemo(boss, base, 'giamdoc', '/console/surveys');
    const officerCell = () =>
      console_.locator('table[data-testid=survey-by-officer] tr[data-key="Lê Thị Thu Hương"] td').first();
    await console_.goto(`${base}/console/surveys?thang=${month()}`);
    const before = Number(await officerCell().textContent());

    // The citizen on a phone, JavaScript off.
    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'vi-VN',
      javaScriptEnabled: false,
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/124 Mobile Safari/537.36',
    });
    const p = await phone.newPage();
    await p.goto(surveyAddress);
    assert.equal(await p.getByTestId('survey-stage').textContent(), 'Tiếp nhận hồ sơ');
    assert.ok(await noSideScroll(p), 'no sideways scrolling at 360 px');
    await p.locator('fieldset.survey-overall input[value=very_satisfied]').check();
    await p.locator('fieldset[data-criterion=c7] input[value=very_satisfied]').check();
    await p.locator('fieldset[data-criterion=luon-lang-nghe] input[value=satisfied]').check();
    await p.screenshot({ path: join(SHOTS_DIR, 'surveys-phone-form.png'), fullPage: false });
    const axeSurvey = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', bypassCSP: true });
    const ap = await axeSurvey.newPage();
    await ap.goto(surveyAddress);
    assert.deepEqual(await axeProblems(ap, 'survey'), []);
    await axeSurvey.close();
    await p.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await p.getByTestId('survey-thanks').waitFor();
    assert.match((await p.getByTestId('survey-thanks').textContent()) ?? '', /Cảm ơn Ông\/Bà đã đánh giá/);
    await p.screenshot({ path: join(SHOTS_DIR, 'surveys-phone-thanks.png') });

    // Scanning the same code again: refused politely, nothing to send.
    await p.goto(surveyAddress);
    assert.match((await p.getByTestId('survey-already').textContent()) ?? '', /đã được đánh giá cho bước này rồi/);
    assert.equal(await p.getByTestId('survey-form').count(), 0);
    await p.screenshot({ path: join(SHOTS_DIR, 'surveys-phone-already.png') });
    const dup = await p.request.post(`${base}/api/v1/centers/${SLUG}/surveys/responses?lang=en`, {
      data: { code: d.code, secret: d.lookupSecret, overall: 'dissatisfied' },
    });
    assert.equal(dup.status(), 409);
    assert.match(JSON.stringify(await dup.json()), /already been rated/);

    // The month's results count it for the officer who received the dossier.
    await console_.goto(`${base}/console/surveys?thang=${month()}`);
    assert.equal(Number(await officerCell().textContent()), before + 1);
    await console_.screenshot({ path: join(SHOTS_DIR, 'surveys-console.png'), fullPage: true });
    await phone.close();
    await staff.close();
    await boss.close();
  });

  test('feedback filed publicly is answered within its working-day limit and published masked', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', javaScriptEnabled: false });
    const p = await phone.newPage();
    await p.goto(`${base}/${SLUG}/phan-anh`);
    assert.ok(await noSideScroll(p));
    await p.locator('input[name=ve-viec][value=procedure]').check();
    await p.locator('#thu-tuc').selectOption(PROC.code);
    await p
      .locator('#noi-dung')
      .fill(
        'Tôi là Vũ Minh Tuấn ở thôn Đông Giao, số điện thoại 0983 111 222. Hồ sơ của tôi bị hẹn lại mà không ai gọi báo trước.',
      );
    await p.locator('#ho-ten').fill('Vũ Minh Tuấn');
    await p.locator('#dien-thoai').fill('0983 111 222');
    await p.screenshot({ path: join(SHOTS_DIR, 'feedback-phone-form.png'), fullPage: true });
    await p.waitForTimeout(3_100); // a person takes longer than the 3-second floor of the signed stamp
    await p.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const code = ((await p.getByTestId('feedback-code').textContent()) ?? '').trim();
    assert.match(code, /^PA-\d{6}-[A-Z0-9]{6}$/);
    await p.screenshot({ path: join(SHOTS_DIR, 'feedback-phone-sent.png') });

    const boss = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const c = await signInDemo(boss, base, 'giamdoc', '/console/feedback');
    await c.getByRole('link', { name: code }).click();
    const items = (await (await c.request.get(`${base}/api/v1/centers/${SLUG}/feedback/items`)).json()) as {
      items: { code: string; receivedAt: string }[];
    };
    const item = items.items.find((i) => i.code === code)!;
    const cal = await c.request.get(
      `${base}/api/v1/calendar/deadline?center=${SLUG}&receivedAt=${encodeURIComponent(item.receivedAt)}&amount=15&unit=working_days`,
    );
    const expected = ((await cal.json()) as { dueText: string }).dueText;
    assert.equal(
      (await c.getByTestId('handle-due').textContent())?.trim(),
      expected,
      '15 working days on the centre’s calendar',
    );
    await c
      .locator('#answer-text')
      .fill('Trung tâm xin lỗi ông Vũ Minh Tuấn. Từ nay công chức gọi điện (0983 111 222) báo trước khi hẹn lại.');
    await c.getByLabel('Công khai câu trả lời (đã che thông tin cá nhân)').check();
    await c.screenshot({ path: join(SHOTS_DIR, 'feedback-console-item.png'), fullPage: true });
    await c.locator('details.action[open] form:has(#answer-text) button[type=submit]').click();
    await c.getByTestId('flash').waitFor();
    assert.equal((await c.getByTestId('feedback-status').textContent())?.trim(), 'Đã trả lời');

    await p.goto(`${base}/${SLUG}/phan-anh/da-tra-loi`);
    const entry = p.locator(`li[data-code="${code}"]`);
    const text = (await entry.textContent()) ?? '';
    assert.match(text, /Từ nay công chức gọi điện/);
    assert.match(text, /\[họ tên đã ẩn\]/);
    assert.match(text, /\[số điện thoại đã ẩn\]/);
    assert.doesNotMatch(text, /Tuấn|0983|111 222|Đông Giao/);
    assert.ok(await noSideScroll(p));
    await p.screenshot({ path: join(SHOTS_DIR, 'feedback-phone-published.png'), fullPage: true });
    const axeCtx = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', bypassCSP: true });
    const ap = await axeCtx.newPage();
    const problems: string[] = [];
    for (const path of [`/${SLUG}/phan-anh`, `/${SLUG}/phan-anh/da-tra-loi`, `/${SLUG}/phan-anh/${code}`]) {
      await ap.goto(`${base}${path}`);
      problems.push(...(await axeProblems(ap, path)));
    }
    assert.deepEqual(problems, []);
    await axeCtx.close();
    await phone.close();
    await boss.close();
  });
});
