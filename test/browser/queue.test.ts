/**
 * The queue in Debian's Chromium.
 * 1. On the demo centre: a citizen takes a priority number at the kiosk (touch screen, JS not
 *    needed), the receipt prints at 80 mm; the officer at counter 1 calls it; the TV board shows it
 *    live (no reload) with the counter; the phone page says where to go; the officer takes a
 *    dossier for the number at the desk (linked on intake) and finishes; the citizen rates the
 *    service from the QR code on the dossier's receipt and the rating counts for that officer.
 * 2. The board keeps working across a server restart: a REAL server process (bin/motcua.mjs serve,
 *    temporary DATA_DIR) is stopped and started again on the same port while the board stays open;
 *    a ticket called after the restart appears on the board without reloading the page.
 * Screenshots: test-output/screenshots/queue-*.png (and queue-ticket.pdf, 80 mm wide).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  demoInBrowser,
  workingHoursOffset,
  launchBrowser,
  SHOTS_DIR,
  skipWithoutBrowser,
  type DemoInBrowser,
  signInDemo,
} from '../support/browser.ts';
import { qrsOfPdf } from '../support/qr.ts';
import { testConfig } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { migrateToLatest, openDatabase } from '../../src/core/db/connect.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import type { Deps } from '../../src/core/deps.ts';
import { saveCounter, saveGroup, takeCounter } from '../../src/features/queue/service.ts';

const SLUG = 'cam-giang';
const TV = { width: 1920, height: 1080 };

describe('queue in a browser: kiosk → counter → board → phone → dossier → rating', { skip: skipWithoutBrowser }, () => {
  let env: DemoInBrowser | undefined;
  before(async () => {
    env = await demoInBrowser('queue', { workingHours: true });
  });
  after(async () => {
    await env?.close();
  });

  test('a priority ticket is taken, printed, called, shown on the board, served, linked to a dossier, and the service rated from the receipt', async () => {
    const { app, browser } = env!;
    // The TV board is open before anything happens.
    const tvCtx = await browser.newContext({ viewport: TV, locale: 'vi-VN' });
    const board = await tvCtx.newPage();
    await board.goto(`${app.url}/${SLUG}/man-hinh-xep-hang`);
    await board.waitForFunction(() => document.body.getAttribute('data-connected') === '1');
    await board.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    // Kiosk: touch screen, works without JavaScript.
    const kioskCtx = await browser.newContext({
      viewport: TV,
      locale: 'vi-VN',
      javaScriptEnabled: false,
      hasTouch: true,
    });
    const kiosk = await kioskCtx.newPage();
    await kiosk.goto(`${app.url}/${SLUG}/lay-so`);
    assert.equal(await kiosk.getByTestId('group-A').locator('.gname').textContent(), 'Hộ tịch');
    await kiosk.screenshot({ path: join(SHOTS_DIR, 'queue-kiosk.png') });
    await kiosk.getByTestId('priority-elderly').click();
    assert.match((await kiosk.getByTestId('priority-on').textContent()) ?? '', /Người cao tuổi/);
    await kiosk.getByTestId('group-A').click();
    await kiosk.waitForURL(/\/cam-giang\/lay-so\/ve\/A\d{3}-\d{6}-[A-Z0-9]{4}\?in=1$/);
    const code = ((await kiosk.getByTestId('ticket-code').textContent()) ?? '').trim();
    assert.equal(code, 'A001', 'the first number of the day');
    assert.match((await kiosk.getByTestId('ticket').textContent()) ?? '', /Ưu tiên: Người cao tuổi/);
    const publicCode = decodeURIComponent(new URL(kiosk.url()).pathname.split('/').pop()!);
    await kiosk.screenshot({ path: join(SHOTS_DIR, 'queue-ticket.png') });

    // The receipt printer's view: print CSS at 80 mm, as a PDF and a picture.
    const printer = await browser.newContext({ viewport: { width: 302, height: 700 }, locale: 'vi-VN' });
    const p = await printer.newPage();
    await p.goto(`${app.url}/${SLUG}/lay-so/ve/${publicCode}`);
    await p.emulateMedia({ media: 'print' });
    await p.screenshot({ path: join(SHOTS_DIR, 'queue-ticket-print.png'), fullPage: true });
    const pdf = await p.pdf({ width: '80mm', height: '150mm', printBackground: true });
    writeFileSync(join(SHOTS_DIR, 'queue-ticket.pdf'), pdf);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await printer.close();
    // The server's own 80 mm PDF of the ticket.
    const href = await kiosk.getByTestId('ticket-pdf').getAttribute('href');
    const own = await kiosk.request.get(`${app.url}${href}`);
    assert.equal(own.status(), 200);
    assert.match(own.headers()['content-type'] ?? '', /^application\/pdf/);
    writeFileSync(join(SHOTS_DIR, 'queue-ticket-server.pdf'), await own.body());

    // The officer at counter 1 (seated there by the demo) calls the next number: the priority one.
    const staffCtx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      javaScriptEnabled: false,
    });
    const counter = await signInDemo(staffCtx, app.url, 'tiepnhan', '/console/queue');
    assert.match((await counter.getByTestId('my-counter').textContent()) ?? '', /Quầy 1/);
    await counter.getByTestId('call-next').click();
    await counter.waitForURL(/ok=called/);
    assert.match((await counter.getByTestId('current-code').textContent()) ?? '', new RegExp(code));

    // The board shows it live, without reloading.
    await board.waitForFunction((c) => document.querySelector('[data-testid="latest-code"]')?.textContent === c, code);
    assert.equal(await board.getByTestId('latest-counter').textContent(), 'Quầy 1');
    assert.equal(
      await board.evaluate(() => (window as unknown as { marker?: number }).marker),
      42,
      'the page was not reloaded',
    );
    // More people take numbers: the waiting counts follow live.
    const cfg = (await (await fetch(`${app.url}/${SLUG}/lay-so`)).text())
      .match(/name="groupId" value="(\d+)"/g)!
      .map((m) => Number(/(\d+)/.exec(m)![1]));
    for (const g of [cfg[1]!, cfg[1]!, cfg[2]!]) {
      const r = await fetch(`${app.url}/api/v1/centers/${SLUG}/queue/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ groupId: g }),
      });
      assert.equal(r.status, 201);
    }
    await board.waitForFunction(() => document.querySelector('[data-letter="B"] .qb-n')?.textContent === '2');
    await board.waitForTimeout(600); // let the highlight settle for the picture
    await board.screenshot({ path: join(SHOTS_DIR, 'queue-board.png') });

    // The citizen's phone.
    const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const phone = await phoneCtx.newPage();
    await phone.goto(`${app.url}/${SLUG}/xep-hang/${publicCode}`);
    assert.match((await phone.getByTestId('phone-status').textContent()) ?? '', /Mời Ông\/Bà đến Quầy 1/);
    assert.ok(
      Number(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth')) <= 0,
      'no sideways scrolling at 360 px',
    );
    await phone.screenshot({ path: join(SHOTS_DIR, 'queue-phone.png'), fullPage: true });
    await counter.screenshot({ path: join(SHOTS_DIR, 'queue-counter.png'), fullPage: true });

    // Take a dossier for this number at the desk (linked on intake), come back, finish.
    await counter.getByTestId('intake-for-ticket').click();
    await counter.waitForURL(/\/console\/dossiers\/new\?ve=\d+/);
    await counter.locator('#q').fill('khai tu');
    await Promise.all([counter.waitForURL(/q=khai\+tu/), counter.keyboard.press('Enter')]);
    await Promise.all([
      counter.waitForURL(/procedure=1\.000656/),
      counter.getByRole('link', { name: 'Đăng ký khai tử' }).first().click(),
    ]);
    await counter.locator('#fullName').fill('Trần Thị Bình');
    await counter.locator('#idNumber').fill('031190004567');
    await Promise.all([
      counter.waitForURL(/\/console\/dossiers\/[^/?]+\?received=1$/),
      counter.locator('#fullName').press('Enter'),
    ]);
    const dossierCode = decodeURIComponent(new URL(counter.url()).pathname.split('/').pop()!);
    // The desk carried the ticket through the intake (?ve=…) and linked it when the dossier was taken.
    await counter.goto(`${app.url}/console/queue`);
    assert.match(
      (await counter.getByTestId('linked').textContent()) ?? '',
      new RegExp(dossierCode.replace(/\./g, '\\.')),
    );
    await counter.getByTestId('finish').click();
    await counter.waitForURL(/ok=served/);
    const served = counter.getByTestId('served-list').locator(`tr[data-code="${code}"]`);
    assert.match((await served.textContent()) ?? '', new RegExp(dossierCode.replace(/\./g, '\\.')));
    await phone.reload();
    assert.match((await phone.getByTestId('phone-status').textContent()) ?? '', /đã được phục vụ/);

    // The citizen rates the service from the QR code on the receipt of that dossier; the rating
    // counts in the month's results for the officer who took it (tiepnhan: Lê Thị Thu Hương).
    const receipt = await counter.request.get(
      `${app.url}/console/dossiers/${encodeURIComponent(dossierCode)}/forms/01.pdf`,
    );
    assert.equal(receipt.status(), 200);
    const survey = qrsOfPdf(await receipt.body()).find((x) => x.includes('/danh-gia?'));
    assert.ok(survey, 'the receipt carries a survey QR code');
    const month = new Date(Date.now() + workingHoursOffset() + 7 * 3_600_000).toISOString().slice(0, 7);
    const surveysCtx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      javaScriptEnabled: false,
    });
    const results = await signInDemo(surveysCtx, app.url, 'giamdoc', `/console/surveys?thang=${month}`);
    const officerCount = async () =>
      Number(
        await results
          .locator('table[data-testid=survey-by-officer] tr[data-key="Lê Thị Thu Hương"] td')
          .first()
          .textContent(),
      );
    const before = await officerCount();
    const citizen = await phoneCtx.newPage();
    await citizen.goto(survey.replace(/^https?:\/\/[^/]+/, app.url));
    await citizen.locator('fieldset.survey-overall input[value=satisfied]').check();
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.getByTestId('survey-thanks').waitFor();
    await results.reload();
    assert.equal(await officerCount(), before + 1, 'the rating counts for the officer who took the dossier');
    await surveysCtx.close();

    // The figures page shows the demo's weeks, same-day days apart.
    const dirCtx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      javaScriptEnabled: false,
    });
    const director = await signInDemo(dirCtx, app.url, 'giamdoc', '/console/queue/figures');
    assert.match((await director.getByTestId('same-day-row').textContent()) ?? '', /Thứ Ba, Thứ Sáu/);
    assert.ok(
      Number(await director.getByTestId('total-row').locator('td').first().textContent()) > 100,
      'weeks of demo tickets',
    );
    await director.screenshot({ path: join(SHOTS_DIR, 'queue-figures.png'), fullPage: true });
    await Promise.all([tvCtx.close(), kioskCtx.close(), staffCtx.close(), phoneCtx.close(), dirCtx.close()]);
  });
});

// ---- A real server process, stopped and started again under an open board ----

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the display board survives a server restart', { skip: skipWithoutBrowser }, () => {
  let dir: string;
  let port: number;
  let child: ChildProcess | null = null;
  let browser: Browser | undefined;
  let slug: string;
  let token: string;
  let groupId: number;
  let counterId: number;

  const clockOffset = workingHoursOffset();
  const serve = async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATA_DIR: dir,
      DEMO: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // Tickets are issued in the centre's working hours: run the server's clock inside them.
      TEST_CLOCK_OFFSET_MS: String(clockOffset),
    };
    delete env.DATABASE_URL;
    const c = spawn(process.execPath, ['bin/motcua.mjs', 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitHealthy(`http://127.0.0.1:${port}`, c);
    return c;
  };
  const stop = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null) {
        resolve();
        return;
      }
      c.once('exit', () => {
        resolve();
      });
      c.kill('SIGTERM');
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-queue-restart-'));
    port = await freePort();
    // The database the server will use: one centre, one group, one counter, one officer with a token.
    const config = testConfig({ DATA_DIR: dir });
    const database = openDatabase(config.databaseUrl);
    await migrateToLatest(database);
    const deps: Deps = {
      db: database.db,
      dialect: database.dialect,
      config,
      now: () => new Date(Date.now() + clockOffset),
      log: { info() {}, warn() {}, error() {} },
    };
    const center = await makeCenter(deps);
    slug = center.slug;
    groupId = (
      await saveGroup(deps, SYSTEM_ACTOR, slug, null, { letter: 'A', name: 'Hộ tịch', nameEn: 'Civil status' })
    ).id;
    counterId = (await saveCounter(deps, SYSTEM_ACTOR, slug, null, { number: 1, name: 'Quầy 1', groupIds: [groupId] }))
      .id;
    const officer = await makeUser(deps, center.id, ['receiver']);
    token = await makeToken(deps, officer.username);
    await takeCounter(deps, SYSTEM_ACTOR, slug, counterId);
    await database.close();
    child = await serve();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (child) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a ticket called after the restart appears on the open board without reloading', async () => {
    const base = `http://127.0.0.1:${port}`;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${base}/api/v1/centers/${slug}/queue${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
      });
    const issueAndCall = async () => {
      const issued = await fetch(`${base}/api/v1/centers/${slug}/queue/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ groupId }),
      });
      assert.equal(issued.status, 201);
      const r = await api(`/counters/${counterId}/call-next`, { method: 'POST', body: '{}' });
      assert.equal(r.status, 200);
      return ((await r.json()) as { ticket: { id: number; code: string } }).ticket;
    };
    const ctx = await browser!.newContext({ viewport: TV, locale: 'vi-VN' });
    const board = await ctx.newPage();
    await board.goto(`${base}/${slug}/man-hinh-xep-hang`);
    await board.waitForFunction(() => document.body.getAttribute('data-connected') === '1');
    await board.evaluate(() => {
      (window as unknown as { marker: number }).marker = 7;
    });
    const first = await issueAndCall();
    await board.waitForFunction(
      (c) => document.querySelector('[data-testid="latest-code"]')?.textContent === c,
      first.code,
    );
    assert.equal((await api(`/tickets/${first.id}/serve`, { method: 'POST', body: '{}' })).status, 200);

    // Stop the server: the board says it is reconnecting.
    await stop(child!);
    child = null;
    await board.getByTestId('reconnecting').waitFor({ state: 'visible' });
    assert.equal((await board.getByTestId('reconnecting').textContent())?.trim(), 'Đang kết nối lại…');
    await board.screenshot({ path: join(SHOTS_DIR, 'queue-board-reconnecting.png') });

    // Start it again on the same port; call the next ticket; the board shows it by itself.
    child = await serve();
    const second = await issueAndCall();
    assert.equal(second.code, 'A002');
    await board.waitForFunction(
      (c) => document.querySelector('[data-testid="latest-code"]')?.textContent === c,
      second.code,
      { timeout: 60_000 },
    );
    await board.getByTestId('reconnecting').waitFor({ state: 'hidden' });
    assert.equal(
      await board.evaluate(() => (window as unknown as { marker?: number }).marker),
      7,
      'the page was not reloaded',
    );
    assert.match((await board.getByTestId('recent').textContent()) ?? '', /A001/);
    await ctx.close();
  });
});
