/**
 * Volunteers at the desk in Debian's Chromium on the demo centre, at phone size (360 px), with
 * JavaScript off: the demo volunteer `tinhnguyen` signs in, checks in with one tap, logs three
 * kinds of help (guide, online submission, VNeID) with one tap each, checks out; their month
 * figures and the centre's (seen by the director) show the three. Screenshots:
 * test-output/screenshots/volunteers-*.png. Skips without Chromium unless REQUIRE_BROWSER=1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoInBrowser, SHOTS_DIR, skipWithoutBrowser, type DemoInBrowser, signInDemo } from '../support/browser.ts';
import { axeProblems } from '../support/axe.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const shot = (name: string) => join(SHOTS_DIR, `volunteers-${name}.png`);

const noSideScroll = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0;

async function figuresOn(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const li of await page.locator('[data-testid=figures] li').all()) {
    const key = (await li.getAttribute('data-fig'))!;
    out[key] = Number(((await li.locator('strong').textContent()) ?? '').replace(/\./g, '').replace(',', '.'));
  }
  return out;
}

describe('volunteers at the desk in a browser', { skip: skipWithoutBrowser }, () => {
  let env: DemoInBrowser | undefined;
  before(async () => {
    env = await demoInBrowser('volunteers');
  });
  after(async () => {
    await env?.close();
  });

  test('a volunteer checks in, logs three kinds of help and checks out on a phone; the month figures show them', async () => {
    const { app, browser } = env!;
    const director = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'vi-VN' });
    const dpage = await signInDemo(director, app.url, 'giamdoc', '/console/volunteers/figures');
    const centreBefore = await figuresOn(dpage);

    const ctx = await browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
      locale: 'vi-VN',
      isMobile: true,
      hasTouch: true,
    });
    const page = await signInDemo(ctx, app.url, 'tinhnguyen', '/console/volunteers/figures');
    const mineBefore = await figuresOn(page);
    assert.match((await page.locator('h1').textContent()) ?? '', /^Số liệu của bạn tháng \d\d\/\d{4}$/);

    await page.goto(`${app.url}/console/volunteers`);
    assert.match((await page.getByTestId('state').textContent()) ?? '', /Chưa vào ca/);
    assert.ok(await noSideScroll(page), 'no sideways scrolling at 360 px');
    await page.screenshot({ path: shot('phone-start'), fullPage: true });

    await Promise.all([page.waitForURL(/done=in/), page.getByRole('button', { name: 'Vào ca' }).click()]);
    assert.match((await page.getByTestId('state').textContent()) ?? '', /Đang trong ca từ \d\d:\d\d/);
    assert.match((await page.getByTestId('done').textContent()) ?? '', /Đã vào ca lúc \d\d:\d\d/);

    const taps: [string, RegExp][] = [
      ['guide', /Hướng dẫn, tiếp đón — 1 người/],
      ['online_submission', /Nộp hồ sơ trực tuyến — 1 người/],
      ['vneid', /Cài đặt, kích hoạt VNeID — 1 người/],
    ];
    for (const [kind, done] of taps) {
      const button = page.locator(`button[data-kind=${kind}]`);
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 44 && box.width >= 300, `a big button for ${kind}: ${JSON.stringify(box)}`);
      const before = Number(await button.locator('.vt-n').textContent());
      await Promise.all([page.waitForURL(new RegExp(`done=log&kind=${kind}`)), button.tap()]);
      assert.match((await page.getByTestId('done').textContent()) ?? '', done);
      assert.equal(
        Number(await page.locator(`button[data-kind=${kind}] .vt-n`).textContent()),
        before + 1,
        `${kind} counted once`,
      );
    }
    assert.ok(await noSideScroll(page));
    await page.screenshot({ path: shot('phone-logged'), fullPage: true });

    await Promise.all([page.waitForURL(/done=out/), page.getByRole('button', { name: 'Kết thúc ca' }).click()]);
    assert.match((await page.getByTestId('state').textContent()) ?? '', /Chưa vào ca/);
    assert.match((await page.getByTestId('done').textContent()) ?? '', /Đã kết thúc ca lúc/);
    await page.screenshot({ path: shot('phone-checked-out'), fullPage: true });

    await page.getByRole('link', { name: 'Số liệu tháng' }).click();
    await page.waitForURL(/\/console\/volunteers\/figures/);
    const mineAfter = await figuresOn(page);
    assert.equal(mineAfter.peopleHelped, mineBefore.peopleHelped! + 3);
    assert.equal(mineAfter.guided, mineBefore.guided! + 1);
    assert.equal(mineAfter.onlineSubmissionsHelped, mineBefore.onlineSubmissionsHelped! + 1);
    assert.equal(mineAfter.vneidHelped, mineBefore.vneidHelped! + 1);
    assert.equal(mineAfter.checkIns, mineBefore.checkIns! + 1);
    assert.ok(await noSideScroll(page));
    await page.screenshot({ path: shot('phone-figures'), fullPage: true });

    // The volunteer's menu offers nothing of the managers'.
    assert.equal(await page.getByRole('link', { name: 'Danh sách tình nguyện viên' }).count(), 0);
    const people = await page.goto(`${app.url}/console/volunteers/people`);
    assert.equal(people?.status(), 403);

    await dpage.reload();
    const centreAfter = await figuresOn(dpage);
    assert.equal(centreAfter.peopleHelped, centreBefore.peopleHelped! + 3);
    assert.equal(centreAfter.onlineSubmissionsHelped, centreBefore.onlineSubmissionsHelped! + 1);
    assert.equal(centreAfter.vneidHelped, centreBefore.vneidHelped! + 1);
    assert.match((await dpage.getByTestId('by-volunteer').textContent()) ?? '', /Đỗ Quang Huy/);
    await dpage.screenshot({ path: shot('director-figures'), fullPage: true });

    await dpage.goto(`${app.url}/console/volunteers/roster`);
    assert.ok(
      (await dpage.locator('[data-testid=roster] .vt-shift').count()) > 0,
      'the demo roster has this week’s shifts',
    );
    await dpage.screenshot({ path: shot('roster'), fullPage: true });

    await dpage.emulateMedia({ media: 'print' });
    await dpage.screenshot({ path: shot('roster-print'), fullPage: true });
    await dpage.emulateMedia({ media: 'screen' });
    await dpage.goto(`${app.url}/console/volunteers`);
    assert.match((await dpage.getByTestId('board').textContent()) ?? '', /Phạm Thị Hồng/);
    await dpage.screenshot({ path: shot('director-today'), fullPage: true });
    await ctx.close();
    await director.close();
  });

  test('axe finds no serious or critical problem on the phone page, the roster and the figures', async () => {
    const { app, browser } = env!;
    // axe is injected as an inline script: the test bypasses the site's strict CSP to do so.
    const problems: string[] = [];
    const phone = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'vi-VN' });
    const page = await signInDemo(phone, app.url, 'tinhnguyen', '/console/volunteers');
    problems.push(...(await axeProblems(page, 'phone page')));
    const desk = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: 'vi-VN' });
    const dpage = await signInDemo(desk, app.url, 'giamdoc', '/console/volunteers');
    problems.push(...(await axeProblems(dpage, 'staff page')));
    for (const path of ['/console/volunteers/roster', '/console/volunteers/figures', '/console/volunteers/people']) {
      await dpage.goto(`${app.url}${path}`);
      problems.push(...(await axeProblems(dpage, path)));
    }
    assert.deepEqual(problems, []);
    await phone.close();
    await desk.close();
  });
});
