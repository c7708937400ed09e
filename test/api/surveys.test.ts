/**
 * Satisfaction surveys through HTTP on SQLite and PostgreSQL: the citizen's page and API reached
 * with the receipt's code + secret, once per dossier and stage (a second rating refused politely,
 * nothing changes), another centre's dossier answering 404, the officer from the dossier's events,
 * results per officer/counter/field/month, low scores opening follow-up tasks hidden from the
 * rated officer, editable criteria, the counter tablet unlocked with a signed cookie, the figures.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { cookiesOf, form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { saveContact } from '../../src/features/directory/service.ts';
import { surveyFigures } from '../../src/features/surveys/figures.ts';
import { surveyUrl } from '../../src/features/surveys/model.ts';

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

for (const { name, fresh } of DATABASES) {
  describe(`surveys (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let otherSlug: string;
    let centerId: number;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    const users: Record<string, { id: number; username: string }> = {};
    const post = (url: string, who: string | null, payload: object) =>
      app.inject({ method: 'POST', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, payload });
    const get = (url: string, who?: string) =>
      app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    const take = async (who = 'receiver', centre = slug) => {
      const r = await post(`/api/v1/centers/${centre}/dossiers`, who, {
        procedureCode: PROC.code,
        applicant: citizen,
        channel: 'direct',
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { code: string; lookupSecret: string };
    };
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('survey_response')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      centerId = c.id;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const names: Record<string, string> = {
        receiver: 'Lê Thị Thu Hương',
        director: 'Nguyễn Thị Hà',
        tthc_controller: 'Trần Văn Bình',
      };
      for (const role of ['receiver', 'director', 'tthc_controller'] as const) {
        users[role] = await makeUser(t.deps, c.id, [role], { fullName: names[role] });
        tokens[role] = await makeToken(t.deps, users[role].username);
      }
      await saveContact(t.deps, SYSTEM_ACTOR, slug, null, {
        name: 'Lê Thị Thu Hương',
        title: 'Công chức',
        counter: 'Quầy 1',
        fields: [],
        phone: '',
        email: '',
        isPublic: true,
        sortOrder: 1,
      });
      const other = await makeCenter(t.deps);
      otherSlug = other.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, otherSlug, 'test', CATALOG);
      tokens.otherReceiver = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);
      tokens.otherDirector = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['director'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('the receipt’s survey page: rated once per dossier and stage, a second rating refused politely and nothing changes', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const d = await take();
      const url = new URL(surveyUrl('http://x', slug, d.code, d.lookupSecret, { channel: 'qr' }));
      const page = await get(`${url.pathname}${url.search}`);
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /Tiếp nhận hồ sơ/);
      assert.match(page.body, /Thái độ của công chức khi hướng dẫn, tiếp nhận, giải quyết/);
      assert.match(page.body, /Luôn mỉm cười/);
      assert.doesNotMatch(page.body, /Nguyễn Văn An|0912/, 'no personal data on the survey page');
      clock = new Date('2026-11-25T02:10:00Z');
      const body = new URLSearchParams({
        ma: d.code,
        'bi-mat': d.lookupSecret,
        buoc: 'tiep-nhan',
        kenh: 'qr',
        'muc-do': 'very_satisfied',
        'tc-c7': 'very_satisfied',
        'tc-luon-mim-cuoi': 'satisfied',
        ve: 'A012',
      }).toString();
      const sent = await app.inject({
        method: 'POST',
        url: `/${slug}/danh-gia`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile Safari',
        },
        payload: body,
      });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.match(sent.body, /Cảm ơn Ông\/Bà đã đánh giá/);
      const row = await t.deps.db
        .selectFrom('survey_response')
        .selectAll()
        .where('dossier_code', '=', d.code)
        .executeTakeFirstOrThrow();
      assert.equal(row.stage, 'receipt');
      assert.equal(row.channel, 'qr');
      assert.equal(row.device, 'phone');
      assert.equal(row.ticket_code, 'A012');
      assert.equal(row.officer_name, 'Lê Thị Thu Hương');
      assert.equal(row.officer_user_id, users.receiver!.id);
      assert.equal(row.counter, 'Quầy 1');
      assert.equal(row.field, PROC.field);
      assert.equal(row.average_pct, 75); // (2 + 1) ÷ (2 × 2)
      const n = await count();
      const again = await app.inject({
        method: 'POST',
        url: `/${slug}/danh-gia`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.replace('very_satisfied', 'dissatisfied'),
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /đã được đánh giá cho bước này rồi/);
      assert.equal(await count(), n, 'nothing written');
      const reopened = await get(`${url.pathname}${url.search}`);
      assert.equal(reopened.statusCode, 409);
      assert.doesNotMatch(reopened.body, /data-testid="survey-form"/);
      const api = await post(`/api/v1/centers/${slug}/surveys/responses?lang=en`, null, {
        code: d.code,
        secret: d.lookupSecret,
        overall: 'dissatisfied',
      });
      assert.equal(api.statusCode, 409);
      assert.match(api.json().error.details[0].message, /already been rated/);
      assert.equal(
        (
          await t.deps.db
            .selectFrom('survey_response')
            .select('overall')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).overall,
        'very_satisfied',
      );
    });

    test('the lookup result page offers the survey', async () => {
      const d = await take();
      const page = await get(`/${slug}/tra-cuu?ma=${encodeURIComponent(d.code)}&bi-mat=${d.lookupSecret}`);
      assert.equal(page.statusCode, 200);
      const href = /data-testid="lookup-survey" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
      assert.equal(href, `/${slug}/danh-gia?ma=${encodeURIComponent(d.code)}&bi-mat=${d.lookupSecret}&kenh=web`);
      assert.equal((await get(href)).statusCode, 200);
    });

    test('proof of a real dossier: wrong secret, unknown code and another centre’s dossier all answer 404; bad input 400', async () => {
      const d = await take();
      const foreign = await take('otherReceiver', otherSlug);
      for (const body of [
        { code: d.code, secret: 'ZZZZZZ' },
        { code: 'H26.00.00-261125-9999', secret: d.lookupSecret },
        { code: foreign.code, secret: foreign.lookupSecret },
      ]) {
        const r = await post(`/api/v1/centers/${slug}/surveys/responses`, null, { ...body, overall: 'satisfied' });
        assert.equal(r.statusCode, 404, JSON.stringify(body));
      }
      assert.equal(
        (await get(`/${slug}/danh-gia?ma=${encodeURIComponent(foreign.code)}&bi-mat=${foreign.lookupSecret}`))
          .statusCode,
        404,
      );
      assert.equal(
        (
          await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
            code: d.code,
            secret: d.lookupSecret,
            overall: 'great',
          })
        ).statusCode,
        400,
      );
      const badScore = await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
        code: d.code,
        secret: d.lookupSecret,
        overall: 'satisfied',
        scores: { c1: 'maybe' },
      });
      assert.equal(badScore.statusCode, 400);
      assert.equal(
        (
          await post(`/api/v1/centers/nope-nope/surveys/responses`, null, {
            code: d.code,
            secret: d.lookupSecret,
            overall: 'satisfied',
          })
        ).statusCode,
        404,
      );
    });

    test('the result stage: refused before the result is ready, then rated for the officer who returned it', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const d = await take();
      const early = await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
        code: d.code,
        secret: d.lookupSecret,
        stage: 'result',
        overall: 'satisfied',
      });
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.details[0].messageVi, /chưa có kết quả/);
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/actions`, 'director', { action: 'mark_processed', result: 'Đã ký' }))
          .statusCode,
        200,
      );
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/actions`, 'director', { action: 'return_result', method: 'desk' }))
          .statusCode,
        200,
      );
      // Without a stage, a returned dossier rates the result.
      const r = await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
        code: d.code,
        secret: d.lookupSecret,
        channel: 'link',
        overall: 'satisfied',
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().stage, 'result');
      const row = await t.deps.db
        .selectFrom('survey_response')
        .selectAll()
        .where('id', '=', r.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(row.officer_name, 'Nguyễn Thị Hà');
      assert.equal(row.channel, 'link');
      // The receipt stage of the same dossier is still open.
      assert.equal(
        (
          await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
            code: d.code,
            secret: d.lookupSecret,
            stage: 'receipt',
            overall: 'satisfied',
          })
        ).statusCode,
        201,
      );
    });

    test('results per officer, counter, field and month; access 401 → 403 → 200; another centre’s director 404', async () => {
      const q = `/api/v1/centers/${slug}/surveys/results?from=2026-11-01&to=2026-11-30`;
      assert.equal((await get(q)).statusCode, 401);
      assert.equal((await get(q, 'receiver')).statusCode, 403);
      assert.equal((await get(q, 'otherDirector')).statusCode, 404, 'another centre answers like a missing one');
      const r = await get(q, 'director');
      assert.equal(r.statusCode, 200, r.body);
      const b = r.json();
      const rows = await t.deps.db
        .selectFrom('survey_response')
        .selectAll()
        .where('center_id', '=', centerId)
        .execute();
      assert.equal(b.total.responses, rows.length);
      const huong = b.byOfficer.find((x: { key: string }) => x.key === 'Lê Thị Thu Hương');
      assert.equal(huong.responses, rows.filter((x) => x.officer_name === 'Lê Thị Thu Hương').length);
      assert.ok(huong.responses >= 2);
      assert.ok(b.byCounter.some((x: { key: string }) => x.key === 'Quầy 1'));
      assert.ok(b.byField.some((x: { key: string }) => x.key === PROC.field));
      assert.deepEqual(
        b.byMonth.map((x: { key: string }) => x.key),
        ['2026-11'],
      );
      assert.equal(
        (await get(`/api/v1/centers/${slug}/surveys/results?from=2026-01-01&to=2027-12-31`, 'director')).statusCode,
        400,
      );
    });

    test('a low score opens a follow-up task for the director, never shown to the rated officer; assign and resolve', async () => {
      clock = new Date('2026-11-27T02:00:00Z');
      const d = await take('tthc_controller');
      const r = await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
        code: d.code,
        secret: d.lookupSecret,
        overall: 'satisfied',
        scores: { c7: 'dissatisfied', 'xin-chao': 'dissatisfied', c1: 'satisfied' },
        comment: 'Không chào hỏi',
      });
      assert.equal(r.statusCode, 201);
      assert.equal(r.json().followup, true, 'average 17 % is under the 50 % threshold');
      const dir = (await get(`/api/v1/centers/${slug}/surveys/followups`, 'director')).json().items;
      const task = dir.find((x: { dossierCode: string }) => x.dossierCode === d.code);
      assert.equal(task.reason, 'low_average');
      assert.equal(task.comment, 'Không chào hỏi');
      const own = (await get(`/api/v1/centers/${slug}/surveys/followups`, 'tthc_controller')).json().items;
      assert.equal(
        own.find((x: { dossierCode: string }) => x.dossierCode === d.code),
        undefined,
        'the rated officer does not see it',
      );
      assert.equal((await get(`/api/v1/centers/${slug}/surveys/followups`, 'receiver')).statusCode, 403);
      const url = `/api/v1/centers/${slug}/surveys/followups/${task.id}`;
      assert.equal((await post(url, 'receiver', { action: 'resolve', note: 'x' })).statusCode, 403);
      assert.equal(
        (
          await post(`/api/v1/centers/${otherSlug}/surveys/followups/${task.id}`, 'otherDirector', {
            action: 'resolve',
            note: 'x',
          })
        ).statusCode,
        404,
      );
      assert.equal((await post(url, 'director', { action: 'assign', assignee: users.receiver!.id })).statusCode, 200);
      assert.equal((await post(url, 'director', { action: 'resolve' })).statusCode, 400);
      assert.equal(
        (await post(url, 'director', { action: 'resolve', note: 'Đã nhắc nhở, góp ý trong cuộc họp giao ban.' }))
          .statusCode,
        200,
      );
      assert.equal((await post(url, 'director', { action: 'resolve', note: 'again' })).statusCode, 409);
      const after = (await get(`/api/v1/centers/${slug}/surveys/followups`, 'director'))
        .json()
        .items.find((x: { id: number }) => x.id === task.id);
      assert.equal(after.status, 'resolved');
      // A "not satisfied" overall rating opens one too.
      const d2 = await take();
      assert.equal(
        (
          await post(`/api/v1/centers/${slug}/surveys/responses`, null, {
            code: d2.code,
            secret: d2.lookupSecret,
            overall: 'dissatisfied',
          })
        ).json().followup,
        true,
      );
    });

    test('criteria are editable per centre (surveys.manage) and the survey asks them', async () => {
      const url = `/api/v1/centers/${slug}/surveys/criteria`;
      const defaults = (await get(url)).json().items;
      assert.equal(defaults.length, 17);
      assert.equal(defaults.filter((c: { kind: string }) => c.kind === 'conduct').length, 8);
      const put = (who: string, payload: object) =>
        app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload });
      assert.equal((await put('receiver', { criteria: [{ vi: 'x' }] })).statusCode, 403);
      assert.equal(
        (
          await put('director', {
            criteria: [
              { code: 'a', vi: 'A' },
              { code: 'a', vi: 'B' },
            ],
          })
        ).statusCode,
        400,
      );
      const saved = await put('director', {
        criteria: [
          ...defaults.slice(0, 2),
          { code: 'wifi', kind: 'indicator', vi: 'Wifi miễn phí, nước uống tại khu chờ', en: 'Free wifi and water' },
        ],
        lowThresholdPct: 40,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().lowThresholdPct, 40);
      const d = await take();
      const page = await get(`/${slug}/danh-gia?ma=${encodeURIComponent(d.code)}&bi-mat=${d.lookupSecret}`);
      assert.match(page.body, /Wifi miễn phí, nước uống tại khu chờ/);
      assert.doesNotMatch(page.body, /Luôn mỉm cười/);
      await put('director', { criteria: defaults, lowThresholdPct: 50 });
    });

    test('the counter tablet: locked without the staff’s cookie; rates a ticket or a dossier without the secret; resets; once per ticket', async () => {
      const kiosk = `/${slug}/danh-gia/quay/${encodeURIComponent('Quầy 1')}`;
      const locked = await get(kiosk);
      assert.equal(locked.statusCode, 403);
      assert.match(locked.body, /chưa được mở khóa/);
      const s = await signIn(app, users.receiver!.username, TEST_PASSWORD);
      const unlock = await app.inject({
        method: 'POST',
        url: '/console/surveys/kiosk',
        ...form(s, { quay: 'Quầy 1' }),
      });
      assert.equal(unlock.statusCode, 303, unlock.body);
      const cookie = `mc_survey_kiosk=${cookiesOf(unlock).mc_survey_kiosk}`;
      assert.equal((await app.inject({ method: 'GET', url: kiosk, headers: { cookie } })).statusCode, 200);
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/${slug}/danh-gia/quay/${encodeURIComponent('Quầy 2')}`,
            headers: { cookie },
          })
        ).statusCode,
        403,
        'one counter per cookie',
      );
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/${otherSlug}/danh-gia/quay/${encodeURIComponent('Quầy 1')}`,
            headers: { cookie },
          })
        ).statusCode,
        403,
        'not another centre',
      );
      const tamper = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal((await app.inject({ method: 'GET', url: kiosk, headers: { cookie: tamper } })).statusCode, 403);
      const send = (fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: kiosk,
          headers: {
            cookie,
            'content-type': 'application/x-www-form-urlencoded',
            'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-T220) Safari',
          },
          payload: new URLSearchParams(fields).toString(),
        });
      const thanks = await send({ ve: 'B007', 'muc-do': 'satisfied' });
      assert.equal(thanks.statusCode, 200, thanks.body);
      assert.match(thanks.body, /http-equiv="refresh"/);
      const row = await t.deps.db
        .selectFrom('survey_response')
        .selectAll()
        .where('ticket_code', '=', 'B007')
        .executeTakeFirstOrThrow();
      assert.equal(row.channel, 'tablet');
      assert.equal(row.device, 'tablet');
      assert.equal(row.counter, 'Quầy 1');
      assert.equal(row.dossier_id, null);
      assert.equal((await send({ ve: 'B007', 'muc-do': 'satisfied' })).statusCode, 409);
      const d = await take();
      assert.equal((await send({ ma: d.code, 'muc-do': 'very_satisfied' })).statusCode, 200);
      assert.equal((await send({ 'muc-do': 'very_satisfied' })).statusCode, 400);
    });

    test('figures: a hand count of the month', async () => {
      const rows = await t.deps.db
        .selectFrom('survey_response')
        .selectAll()
        .where('center_id', '=', centerId)
        .execute();
      const f = await surveyFigures(t.deps, [centerId], { from: '2026-11-01', to: '2026-11-30' });
      const very = rows.filter((r) => r.overall === 'very_satisfied').length;
      const sat = rows.filter((r) => r.overall === 'satisfied').length;
      const dis = rows.filter((r) => r.overall === 'dissatisfied');
      assert.equal(f.responses, rows.length);
      assert.deepEqual([f.verySatisfied, f.satisfied, f.dissatisfied], [very, sat, dis.length]);
      assert.equal(f.satisfiedRate, (very + sat) / rows.length);
      assert.deepEqual(
        f.dissatisfiedDossierIds,
        [...new Set(dis.map((r) => r.dossier_id!))].sort((a, b) => a - b),
      );
      assert.ok(f.dissatisfied >= 1);
      const empty = await surveyFigures(t.deps, [centerId], { from: '2026-10-01', to: '2026-10-31' });
      assert.equal(empty.responses, 0);
      assert.equal(empty.satisfiedRate, null);
    });
  });
}
