/**
 * Hostile input found by the second security review, through the real app on SQLite and PostgreSQL:
 * impossible or absurd dates answer 400 in Vietnamese and English (home-service day list and its
 * PDF, survey results), public forms submitted by someone signed in to the console in the same
 * browser (the page carries the session's CSRF token), and the cap on open board streams per
 * client address (503 with Retry-After; a slot frees when a board leaves).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { cookiesOf, form, hiddenCsrf, signIn, testApp, type Session } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { createDefaultGroups } from '../../src/features/queue/service.ts';
import { MAX_STREAMS_PER_IP } from '../../src/features/queue/live.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG.find(
  (x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 2 && !x.sameDayEligible,
)!;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
};
// 10:00 in Vietnam on a Wednesday.
const START = new Date('2026-11-25T03:00:00.000Z');

for (const { name, fresh } of DATABASES) {
  describe(`bad dates, CSRF for signed-in citizens, stream caps (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = START;
    let slug = '';
    let receiver: Session;
    let receiverToken = '';
    let directorToken = '';
    let directorSession: Session;

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      await createDefaultGroups(t.deps, SYSTEM_ACTOR, slug);
      const r = await makeUser(t.deps, c.id, ['receiver']);
      receiverToken = await makeToken(t.deps, r.username);
      receiver = await signIn(app, r.username, TEST_PASSWORD);
      const d = await makeUser(t.deps, c.id, ['director']);
      directorToken = await makeToken(t.deps, d.username);
      directorSession = await signIn(app, d.username, TEST_PASSWORD);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('home-service day list: an impossible or absurd date is a 400 vi/en on the page, the PDF and the API, never a 500', async () => {
      for (const date of ['2026-02-30', '0000-01-01', '1999-12-31', '2101-01-01', '2026-13-01']) {
        const page = await app.inject({
          method: 'GET',
          url: `/console/home-service/day?date=${date}`,
          headers: { cookie: receiver.cookie },
        });
        assert.equal(page.statusCode, 400, `${date}: ${page.body.slice(0, 200)}`);
        assert.match(page.body, /Ngày phải là một ngày có thật dạng YYYY-MM-DD, trong khoảng năm 2000–2100/);
        const pdf = await app.inject({
          method: 'GET',
          url: `/console/home-service/day.pdf?date=${date}`,
          headers: { cookie: receiver.cookie },
        });
        assert.equal(pdf.statusCode, 400, `${date} (PDF)`);
        const api = await app.inject({
          method: 'GET',
          url: `/api/v1/centers/${slug}/home-service/day?date=${date}&lang=en`,
          headers: { authorization: `Bearer ${receiverToken}` },
        });
        assert.equal(api.statusCode, 400, `${date} (API): ${api.body}`);
        const err = api.json().error;
        assert.equal(err.code, 'VALIDATION_FAILED');
        assert.equal(err.details[0].field, 'date');
        assert.match(err.details[0].messageVi, /ngày có thật/);
        assert.match(err.details[0].messageEn, /real date YYYY-MM-DD between the years 2000 and 2100/);
      }
      const ok = await app.inject({
        method: 'GET',
        url: `/api/v1/centers/${slug}/home-service/day?date=2028-02-29`,
        headers: { authorization: `Bearer ${receiverToken}` },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().date, '2028-02-29');
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: '/console/home-service/day.pdf?date=2026-11-25',
            headers: { cookie: receiver.cookie },
          })
        ).statusCode,
        200,
      );
    });

    test('survey results: dates outside 2000–2100, impossible dates, from after to and more than 400 days are 400 vi/en', async () => {
      const get = (qs: string) =>
        app.inject({
          method: 'GET',
          url: `/api/v1/centers/${slug}/surveys/results?${qs}`,
          headers: { authorization: `Bearer ${directorToken}` },
        });
      const bad = await get('from=0000-01-01&to=9999-12-31');
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        bad.json().error.details.map((d: { field: string }) => d.field),
        ['from', 'to'],
      );
      assert.match(bad.json().error.details[0].messageVi, /trong khoảng năm 2000–2100/);
      assert.match(bad.json().error.details[0].messageEn, /between the years 2000 and 2100/);
      assert.equal((await get('from=1999-12-31&to=2000-01-31')).statusCode, 400);
      assert.equal((await get('from=2026-02-30&to=2026-03-01')).statusCode, 400);
      const reversed = await get('from=2026-05-01&to=2026-04-01');
      assert.equal(reversed.statusCode, 400);
      assert.equal(reversed.json().error.details[0].field, 'to');
      const long = await get('from=2025-01-01&to=2026-03-01');
      assert.equal(long.statusCode, 400);
      assert.equal(long.json().error.code, 'RANGE_TOO_LARGE');
      assert.equal((await get('from=2026-01-01&to=2026-12-31')).statusCode, 200);
      assert.equal((await get('from=2100-01-01&to=2100-12-31')).statusCode, 200);
      // The console page falls back to the current month for a month it cannot show.
      for (const m of ['0000-01', '9999-12', '2026-13']) {
        const page = await app.inject({
          method: 'GET',
          url: `/console/surveys?thang=${m}`,
          headers: { cookie: directorSession.cookie },
        });
        assert.equal(page.statusCode, 200, `${m}: ${page.body.slice(0, 200)}`);
        assert.match(page.body, /name="thang" value="2026-11"/);
      }
    });

    test('public forms work for someone signed in to the console in the same browser (the page carries the CSRF token)', async () => {
      const post = (url: string, cookie: string, fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(fields).toString(),
        });
      const csrfOf = (html: string) => hiddenCsrf(html);

      // Home service request form.
      clock = START;
      const home = await app.inject({
        method: 'GET',
        url: `/${slug}/ho-tro-tai-nha`,
        headers: { cookie: receiver.cookie },
      });
      assert.equal(home.statusCode, 200);
      const ts = /name="_ts" value="([^"]+)"/.exec(home.body)![1]!;
      clock = new Date(START.getTime() + 30_000);
      const homeFields = {
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
      const refused = await post(`/${slug}/ho-tro-tai-nha`, receiver.cookie, homeFields);
      assert.equal(
        refused.statusCode,
        403,
        'without the token the session cookie is refused (the check this page must satisfy)',
      );
      const sent = await post(`/${slug}/ho-tro-tai-nha`, receiver.cookie, { ...homeFields, _csrf: csrfOf(home.body) });
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
      assert.match(sent.headers.location!, /\/ho-tro-tai-nha\/da-gui\?ma=HT-/);
      clock = START;

      // Queue kiosk.
      const kiosk = await app.inject({ method: 'GET', url: `/${slug}/lay-so`, headers: { cookie: receiver.cookie } });
      assert.equal(kiosk.statusCode, 200);
      const groupId = /name="groupId" value="(\d+)"/.exec(kiosk.body)![1]!;
      const ticket = await post(`/${slug}/lay-so`, receiver.cookie, { _csrf: csrfOf(kiosk.body), groupId });
      assert.equal(ticket.statusCode, 303, ticket.body.slice(0, 300));
      assert.match(ticket.headers.location!, /\/lay-so\/ve\//);

      // Survey from the receipt (with a dossier).
      const d = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/dossiers`,
        headers: { authorization: `Bearer ${receiverToken}` },
        payload: { procedureCode: PROC.code, applicant: citizen, channel: 'direct' },
      });
      assert.equal(d.statusCode, 201, d.body);
      const { code, lookupSecret } = d.json() as { code: string; lookupSecret: string };
      const survey = await app.inject({
        method: 'GET',
        url: `/${slug}/danh-gia?ma=${encodeURIComponent(code)}&bi-mat=${lookupSecret}&kenh=web`,
        headers: { cookie: receiver.cookie },
      });
      assert.equal(survey.statusCode, 200);
      const rated = await post(`/${slug}/danh-gia`, receiver.cookie, {
        _csrf: csrfOf(survey.body),
        ma: code,
        'bi-mat': lookupSecret,
        buoc: 'tiep-nhan',
        kenh: 'web',
        'muc-do': 'satisfied',
      });
      assert.equal(rated.statusCode, 200, rated.body.slice(0, 300));
      assert.match(rated.body, /Cảm ơn Ông\/Bà đã đánh giá/);

      // The counter tablet (no dossier: a ticket), unlocked from the console in this browser.
      const unlock = await app.inject({
        method: 'POST',
        url: '/console/surveys/kiosk',
        ...form(receiver, { quay: 'Quầy 1' }),
      });
      assert.equal(unlock.statusCode, 303, unlock.body);
      const both = `${receiver.cookie}; mc_survey_kiosk=${cookiesOf(unlock).mc_survey_kiosk}`;
      const tabletUrl = `/${slug}/danh-gia/quay/${encodeURIComponent('Quầy 1')}`;
      const tablet = await app.inject({ method: 'GET', url: tabletUrl, headers: { cookie: both } });
      assert.equal(tablet.statusCode, 200);
      const tabletSent = await post(tabletUrl, both, {
        _csrf: csrfOf(tablet.body),
        ve: 'A001',
        'muc-do': 'very_satisfied',
      });
      assert.equal(tabletSent.statusCode, 200, tabletSent.body.slice(0, 300));
      assert.equal(
        Number(
          (
            await t.deps.db
              .selectFrom('survey_response')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('ticket_code', '=', 'A001')
              .executeTakeFirstOrThrow()
          ).n,
        ),
        1,
      );
    });

    test(`board streams: at most ${MAX_STREAMS_PER_IP} per client address, then 503 with Retry-After (vi/en); a slot frees when a board leaves`, async () => {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `${base}/api/v1/centers/${slug}/queue/board/events`;
      const open: AbortController[] = [];
      try {
        for (let i = 0; i < MAX_STREAMS_PER_IP; i++) {
          const a = new AbortController();
          const res = await fetch(url, { signal: a.signal });
          assert.equal(res.status, 200, `stream ${i + 1}`);
          open.push(a);
        }
        const over = await fetch(url, { headers: { accept: 'application/json' } });
        assert.equal(over.status, 503);
        assert.equal(over.headers.get('retry-after'), '30');
        const body = (await over.json()) as {
          error: { code: string; details: { messageVi: string; messageEn: string }[] };
        };
        assert.equal(body.error.code, 'UNAVAILABLE');
        assert.match(body.error.details[0]!.messageVi, /Quá nhiều màn hình/);
        assert.match(body.error.details[0]!.messageEn, /Too many boards/);
        // The JSON state the board polls instead still answers.
        assert.equal((await fetch(`${base}/api/v1/centers/${slug}/queue/board`)).status, 200);
        // One board leaves: its slot frees once the server sees the connection close.
        open.shift()!.abort();
        let again = 0;
        for (let i = 0; i < 100 && again !== 200; i++) {
          await new Promise((r) => setTimeout(r, 20));
          const a = new AbortController();
          const res = await fetch(url, { signal: a.signal });
          again = res.status;
          if (res.status === 200) open.push(a);
          else await res.body?.cancel();
        }
        assert.equal(again, 200, 'a slot freed');
      } finally {
        for (const a of open) a.abort();
      }
    });
  });
}
