/**
 * Citizens first (issue 12) through the real app on SQLite and PostgreSQL: Vietnamese whatever
 * Accept-Language says (English only by choice, remembered), the console in the user's own
 * language, a lookup that forgives how the code is typed and lists the papers asked for, the
 * kiosk that follows the centre's hours and its posted priority groups, the public-form limit
 * that counts accepted submissions only, and the icons.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { cookiesOf, form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import * as queue from '../../src/features/queue/service.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const EN = { 'accept-language': 'en-US,en;q=0.9' };
const htmlLang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
function must<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) assert.fail(what);
  return v;
}

for (const { name, fresh } of DATABASES) {
  describe(`citizens first (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const START = new Date('2026-12-08T02:00:00Z'); // Tuesday 08/12/2026 09:00 in Vietnam
    let clock = START;
    let slug: string;
    let users: { a: string; b: string };
    let manager: string;

    before(async () => {
      t = await fresh(() => clock);
      // A real agency code (DVCQG codes are upper case): the lookup upper-cases what people type.
      ({ slug } = await makeCenter(t.deps, { agencyCode: 'H26.99.07' }));
      const id = (await getCenter(t.deps, slug)).id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const a = await makeUser(t.deps, id, ['receiver']);
      const b = await makeUser(t.deps, id, ['receiver']);
      const m = await makeUser(t.deps, id, ['tthc_controller']);
      users = { a: a.username, b: b.username };
      manager = m.username;
      await queue.saveGroup(t.deps, SYSTEM_ACTOR, slug, null, { letter: 'A', name: 'Hộ tịch', nameEn: 'Civil status' });
      app = await testApp(t);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('an English browser gets Vietnamese everywhere public; English only by choice, remembered in a cookie', async () => {
      const proc = must(CATALOG[0], 'a procedure');
      for (const url of [
        `/${slug}`,
        `/${slug}/thu-tuc/${proc.code}`,
        `/${slug}/lay-so`,
        `/${slug}/man-hinh-xep-hang`,
        `/${slug}/tra-cuu`,
      ]) {
        const res = await app.inject({ method: 'GET', url, headers: EN });
        assert.equal(res.statusCode, 200, url);
        assert.equal(htmlLang(res.body), 'vi', `${url} is Vietnamese for an en-US browser`);
      }
      const kiosk = await app.inject({ method: 'GET', url: `/${slug}/lay-so`, headers: EN });
      assert.match(kiosk.body, /Lấy số thứ tự/);
      assert.doesNotMatch(kiosk.body, /Take a number/);
      const board = await app.inject({ method: 'GET', url: `/${slug}/man-hinh-xep-hang`, headers: EN });
      assert.match(board.body, /Đang chờ/);

      // The visible switch is a plain link: it sets the cookie, and the cookie keeps English.
      const home = await app.inject({ method: 'GET', url: `/${slug}` });
      assert.match(home.body, /data-testid="lang-switch"[^>]*>English</);
      const chosen = await app.inject({ method: 'GET', url: `/${slug}?lang=en` });
      assert.equal(htmlLang(chosen.body), 'en', 'chosen with the switch');
      assert.equal(cookiesOf(chosen).lang, 'en');
      const next = await app.inject({
        method: 'GET',
        url: `/${slug}/thu-tuc/${proc.code}`,
        headers: { cookie: 'lang=en' },
      });
      assert.equal(htmlLang(next.body), 'en', 'the cookie keeps the choice');
      assert.match(
        next.body,
        new RegExp(`<h1 lang="vi">${proc.name.slice(0, 20)}`),
        'catalogue text is marked Vietnamese',
      );
    });

    test('the console speaks the user’s own setting (default Vietnamese), not the browser or the public cookie', async () => {
      const a = await signIn(app, users.a, TEST_PASSWORD);
      const b = await signIn(app, users.b, TEST_PASSWORD);
      const page = (s: { cookie: string }, extra = '') =>
        app.inject({ method: 'GET', url: '/console', headers: { ...EN, cookie: `${s.cookie}${extra}` } });
      assert.equal(htmlLang((await page(a, '; lang=en')).body), 'vi', 'default vi whatever the browser and cookie say');
      const sw = await app.inject({
        method: 'POST',
        url: '/console/language',
        ...form(a, { lang: 'en', next: '/console' }),
      });
      assert.equal(sw.statusCode, 303);
      assert.equal(sw.headers.location, '/console');
      assert.equal(htmlLang((await page(a, '; lang=vi')).body), 'en', 'stored for the user');
      assert.equal(htmlLang((await page(b)).body), 'vi', 'another user keeps hers');
      const bad = await app.inject({ method: 'POST', url: '/console/language', ...form(a, { lang: 'fr' }) });
      assert.equal(bad.statusCode, 400);
      await app.inject({ method: 'POST', url: '/console/language', ...form(a, { lang: 'vi' }) });
      assert.equal(htmlLang((await page(a)).body), 'vi');
    });

    test('lookup: a code typed in lower case with spaces finds the dossier; status 5 lists the papers and says the date is set again', async () => {
      const p = must(
        CATALOG.find((c) => c.field === 'Hộ tịch' && c.timeLimit.unit !== 'same_day'),
        'a civil-status procedure',
      );
      const d = await intake(t.deps, SYSTEM_ACTOR, slug, {
        procedureCode: p.code,
        applicant: { fullName: 'Nguyễn Văn An', idNumber: '031086001234', phone: '0912345678' },
      });
      await act(t.deps, SYSTEM_ACTOR, d.code, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
      await act(t.deps, SYSTEM_ACTOR, d.code, 'handoff', { to: 'Công chức Tư pháp – Hộ tịch' });
      clock = new Date(START.getTime() + 3_600_000);
      await act(t.deps, SYSTEM_ACTOR, d.code, 'request_supplement', {
        reason: 'Thiếu giấy tờ chứng minh nơi cư trú',
        components: ['Bản sao giấy xác nhận thông tin về cư trú', 'Giấy chứng sinh (bản chính)'],
      });
      const typed = d.code.toLowerCase().replace(/-/g, ' ');
      const secret = ` ${d.lookupSecret.toLowerCase().slice(0, 3)} ${d.lookupSecret.toLowerCase().slice(3)} `;
      const page = await app.inject({
        method: 'GET',
        url: `/${slug}/tra-cuu?ma=${encodeURIComponent(typed)}&bi-mat=${encodeURIComponent(secret)}`,
        headers: EN,
      });
      assert.equal(page.statusCode, 200, page.body.slice(0, 500));
      assert.match(page.body, new RegExp(`Hồ sơ ${d.code.replace(/\./g, '\\.')}`));
      assert.match(page.body, /data-testid="lookup-supplement"/);
      assert.match(page.body, /Bản sao giấy xác nhận thông tin về cư trú/);
      assert.match(page.body, /Giấy chứng sinh \(bản chính\)/);
      assert.match(page.body, /Ngày 08\/12\/2026, Bộ phận Một cửa đề nghị Ông\/Bà bổ sung/);
      assert.match(page.body, /Sẽ hẹn lại khi Ông\/Bà nộp đủ giấy tờ bổ sung/);
      assert.match(page.body, /hẹn lại ngày trả kết quả/);
      assert.match(page.body, /Giấy tiếp nhận hồ sơ và hẹn trả kết quả/, 'what to bring');
      const steps = [...page.body.matchAll(/data-step="(\w+)"/g)].map((m) => m[1]);
      assert.deepEqual(steps, ['received', 'processing', 'supplement_requested'], 'each step once, in order');
      assert.doesNotMatch(page.body, /031086001234|0912345678|Nguyễn Văn An/);

      const json = await app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/${encodeURIComponent(typed)}?secret=${encodeURIComponent(secret.trim())}`,
      });
      assert.equal(json.statusCode, 200, json.body);
      assert.deepEqual(json.json().supplement.papers, [
        'Bản sao giấy xác nhận thông tin về cư trú',
        'Giấy chứng sinh (bản chính)',
      ]);
      const wrong = await app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/${encodeURIComponent(typed)}?secret=ZZZZZZ`,
      });
      assert.equal(wrong.statusCode, 404, 'normalising never makes a wrong secret right');

      // Papers handed in, then a re-appointment: the new date is shown as the appointment.
      clock = new Date(START.getTime() + 2 * 3_600_000);
      await act(t.deps, SYSTEM_ACTOR, d.code, 'complete_supplement', {});
      const newDue = new Date(new Date(d.dueAt).getTime() + 3 * 86_400_000);
      await act(t.deps, SYSTEM_ACTOR, d.code, 'extend', {
        reason: 'Cần xác minh thêm',
        newDueAt: newDue.toISOString(),
      });
      const again = await app.inject({
        method: 'GET',
        url: `/${slug}/tra-cuu?ma=${encodeURIComponent(d.code)}&bi-mat=${d.lookupSecret}`,
      });
      assert.match(again.body, /Ngày hẹn mới \(đã hẹn lại\)/);
      assert.match(again.body, /data-step="reappointed"/);
      assert.doesNotMatch(again.body, /data-testid="lookup-supplement"/);
      clock = START;
    });

    test('the kiosk follows the clock: at 05:50 it says when the centre opens and issues nothing, unless the centre allows tickets for the opening', async () => {
      clock = new Date('2026-12-08T22:50:00Z'); // Wednesday 09/12/2026 05:50 in Vietnam
      const page = await app.inject({ method: 'GET', url: `/${slug}/lay-so` });
      assert.match(page.body, /data-testid="kiosk-closed"/);
      assert.match(page.body, /Trung tâm mở cửa lúc 07:30 Thứ Tư, 09\/12\/2026/);
      assert.doesNotMatch(page.body, /name="groupId"/, 'no button to take a number');
      const groupId = must((await queue.kioskGroups(t.deps, slug)).groups[0], 'a group').id;
      const post = (fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: `/${slug}/lay-so`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
        });
      const refused = await post({ groupId: String(groupId) });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Ngoài giờ làm việc/);

      const s = await signIn(app, manager, TEST_PASSWORD);
      const saved = await app.inject({
        method: 'POST',
        url: '/console/queue/setup/floor',
        ...form(s, { priorityGroups: 'elderly', earlyTickets: 'on' }),
      });
      assert.ok([200, 303].includes(saved.statusCode), saved.body.slice(0, 300));
      const early = await app.inject({ method: 'GET', url: `/${slug}/lay-so` });
      assert.match(early.body, /Ông\/Bà có thể lấy số trước; việc gọi số bắt đầu lúc 07:30/);
      assert.doesNotMatch(early.body, /priority-meritorious/, 'only the groups the centre chose');
      assert.equal((await post({ groupId: String(groupId), priority: 'meritorious' })).statusCode, 400);
      const issued = await post({ groupId: String(groupId) });
      assert.equal(issued.statusCode, 303, issued.body.slice(0, 300));
      const ticket = await app.inject({
        method: 'GET',
        url: must(issued.headers.location, 'a redirect').replace(/\?.*$/, ''),
      });
      assert.match(ticket.body, /Việc gọi số bắt đầu lúc 07:30/);

      // Back to the posted rules: every group incl. người có công.
      await queue.saveFloor(t.deps, SYSTEM_ACTOR, slug, {
        priorityGroups: ['elderly', 'disabled', 'pregnant', 'meritorious', 'child'],
        earlyTickets: false,
      });
      clock = START;
      const open = await app.inject({ method: 'GET', url: `/${slug}/lay-so` });
      assert.match(open.body, /Người có công với cách mạng/);
      assert.match(open.body, /name="groupId"/);
      assert.doesNotMatch(open.body, /data-testid="kiosk-closed"/);
    });

    test('public forms: mistakes never lock a person out; the sixth ACCEPTED request in ten minutes is refused', async () => {
      clock = START;
      const page = await app.inject({ method: 'GET', url: `/${slug}/ho-tro-tai-nha`, remoteAddress: '192.0.2.50' });
      const ts = must(/name="_ts" value="([^"]+)"/.exec(page.body)?.[1], 'the form token');
      clock = new Date(START.getTime() + 30_000);
      const good = {
        _ts: ts,
        website: '',
        personName: 'Nguyễn Thị Lựu',
        relationship: 'child',
        requesterName: 'Trần Văn Hậu',
        phone: '0912 400 321',
        address: 'Số 12 thôn Phú Lộc',
        needs: 'return_result',
        preferredSlot: 'morning',
        consent: 'yes',
      };
      const post = (fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: `/${slug}/ho-tro-tai-nha`,
          remoteAddress: '192.0.2.50',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
        });
      for (let i = 0; i < 10; i++) assert.equal((await post({ ...good, phone: '', consent: '' })).statusCode, 400);
      for (let i = 0; i < 5; i++) assert.equal((await post(good)).statusCode, 303, `accepted ${i + 1}`);
      const sixth = await post(good);
      assert.equal(sixth.statusCode, 429);
      assert.match(sixth.body, /Quá nhiều yêu cầu/);
      clock = START;
    });

    test('favicon and app icons are served', async () => {
      const ico = await app.inject({ method: 'GET', url: '/favicon.ico' });
      assert.equal(ico.statusCode, 200);
      assert.equal(ico.headers['content-type'], 'image/x-icon');
      assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
      for (const f of [
        'icon.svg',
        'icon-32.png',
        'icon-180.png',
        'icon-192.png',
        'icon-512.png',
        'manifest.webmanifest',
      ])
        assert.equal((await app.inject({ method: 'GET', url: `/assets/icons/${f}` })).statusCode, 200, f);
      const home = await app.inject({ method: 'GET', url: `/${slug}` });
      assert.match(home.body, /rel="icon" href="\/assets\/icons\/icon\.svg"/);
    });
  });
}
