/**
 * Volunteers at the desk through the real app, on SQLite and PostgreSQL: records with linked
 * volunteer accounts, the roster flagging days off from the centre's calendar, check-in and
 * check-out, the assistance log with its validation (kind, count 1–100, dossier code of this
 * centre) in Vietnamese and English, the month figures against a hand count (and the reports'
 * `volunteerFigures` contract), who sees what (a volunteer only themselves; another centre's
 * staff 404), the console pages and the printables (roster, thank-you letter) as real PDFs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser, TEST_PASSWORD } from '../support/factories.ts';
import { form, signIn, testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { intake } from '../../src/features/dossiers/service.ts';
import { volunteerFigures } from '../../src/features/volunteers/figures.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const PROC = CATALOG[0]!;
const OUT = join(process.cwd(), 'test-output', 'volunteers');

for (const { name, fresh } of DATABASES) {
  describe(`volunteers at the desk (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    let tok: Record<string, string> = {};
    let users: Record<string, string> = {};
    let A = { id: 0, slug: '' };
    let B = { id: 0, slug: '' };
    let vol: Record<string, number> = {};
    let codeA = '';
    let codeB = '';

    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      who: string,
      payload?: unknown,
      lang?: 'en',
    ) =>
      app.inject({
        method,
        url: `${url}${lang ? (url.includes('?') ? '&' : '?') + 'lang=en' : ''}`,
        headers: { authorization: `Bearer ${tok[who]}` },
        ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      });
    const base = (slug = A.slug) => `/api/v1/centers/${slug}/volunteers`;

    /**
     * A fresh world for one test: two centres with their catalogue, users and a dossier each;
     * optionally the volunteer records, the roster and November's log. Every test builds its own,
     * so each passes alone (`--test-name-pattern`).
     */
    async function world(o: { volunteers?: boolean; shifts?: boolean; month?: boolean } = {}) {
      clock = new Date('2026-11-25T02:00:00Z');
      tok = {};
      users = {};
      vol = {};
      A = await makeCenter(t.deps, { leaderName: 'Nguyễn Thị Hà', leaderTitle: 'Giám đốc' });
      B = await makeCenter(t.deps);
      for (const c of [A, B]) await loadInitialCatalog(t.deps, SYSTEM_ACTOR, c.slug, 'test', CATALOG);
      const specs: [string, number, Parameters<typeof makeUser>[2]][] = [
        ['director', A.id, ['director']],
        ['receiver', A.id, ['receiver']],
        ['vol1', A.id, ['volunteer']],
        ['vol2', A.id, ['volunteer']],
        ['specialist', A.id, ['specialist']],
        ['otherAdmin', B.id, ['admin']],
        ['otherVol', B.id, ['volunteer']],
      ];
      for (const [k, c, roles] of specs) {
        const u = await makeUser(t.deps, c, roles, { fullName: k === 'vol1' ? 'Đỗ Quang Huy' : 'Nguyễn Văn Thử' });
        users[k] = u.username;
        tok[k] = await makeToken(t.deps, u.username);
      }
      codeA = (
        await intake(t.deps, SYSTEM_ACTOR, A.slug, {
          procedureCode: PROC.code,
          applicant: { fullName: 'Trần Văn An', phone: '0912 000 111' },
        })
      ).code;
      codeB = (
        await intake(t.deps, SYSTEM_ACTOR, B.slug, {
          procedureCode: PROC.code,
          applicant: { fullName: 'Lê Thị Bình', phone: '0912 000 222' },
        })
      ).code;
      if (o.volunteers || o.shifts || o.month) await addVolunteers();
      if (o.shifts || o.month) await addShifts();
      if (o.month) await logNovember();
    }

    /** Four records: v1 (vol1's account), v2 (vol2's), v3 (no account) in A; b1 (otherVol's) in B. */
    async function addVolunteers() {
      const add = async (slug: string, who: string, body: Record<string, unknown>) => {
        const r = await call('POST', base(slug), who, body);
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as number;
      };
      vol.v1 = await add(A.slug, 'director', {
        fullName: 'Đỗ Quang Huy',
        organisation: 'youth_union',
        organisationName: 'Chi đoàn thôn Phú Lộc',
        phone: '0912 345 601',
        username: users.vol1,
      });
      vol.v2 = await add(A.slug, 'director', {
        fullName: 'Phạm Thị Hồng',
        organisation: 'women_union',
        username: users.vol2,
      });
      vol.v3 = await add(A.slug, 'director', {
        fullName: 'Vũ Minh Anh',
        organisation: 'other',
        organisationName: 'Đoàn trường THPT Cẩm Giàng',
      });
      vol.b1 = await add(B.slug, 'otherAdmin', {
        fullName: 'Hoàng Văn Nam',
        organisation: 'youth_union',
        username: users.otherVol,
      });
    }

    /** v1 on Wednesday 25/11 morning and Tuesday 01/12 afternoon; v2 on Saturday 28/11 08:00–10:30. */
    async function addShifts() {
      for (const body of [
        { volunteerId: vol.v1, date: '2026-11-25', session: 'morning' },
        { volunteerId: vol.v2, date: '2026-11-28', session: 'custom', start: '08:00', end: '10:30' },
        { volunteerId: vol.v1, date: '2026-12-01', session: 'afternoon' },
      ]) {
        const r = await call('POST', `${base()}/shifts`, 'director', body);
        assert.equal(r.statusCode, 201, r.body);
      }
    }

    const log = async (who: string, body: Record<string, unknown>, status = 201) => {
      const r = await call('POST', `${base()}/assistance`, who, body);
      assert.equal(r.statusCode, status, r.body);
      return r.json();
    };

    /**
     * November's check-ins and log (with the refusals on the way): the hand count of the figures
     * test. Needs the records and the roster.
     */
    async function logNovember() {
      clock = new Date('2026-11-25T02:00:00Z');
      const inn = await call('POST', `${base()}/check-ins`, 'vol1', {});
      assert.equal(inn.statusCode, 201, inn.body);
      assert.equal(inn.json().checkedInAt, '2026-11-25T09:00:00+07:00');
      assert.ok(inn.json().shiftId, 'the check-in belongs to today’s shift');
      const again = await call('POST', `${base()}/check-ins`, 'vol1', {});
      assert.equal(again.statusCode, 409);
      assert.match(again.json().error.details[0].messageVi, /đã vào ca lúc 09:00/);

      clock = new Date('2026-11-25T02:10:00Z');
      const g = await log('vol1', { kind: 'guide' });
      assert.equal(g.count, 1, 'count defaults to 1');
      assert.ok(g.checkinId, 'the entry belongs to the open check-in');
      await log('vol1', { kind: 'online_submission', count: 2, dossierCode: codeA, note: 'Nộp qua Cổng DVC quốc gia' });
      await log('vol1', { kind: 'vneid' });

      const forOther = await call('POST', `${base()}/assistance`, 'vol1', { kind: 'guide', volunteerId: vol.v2 });
      assert.equal(forOther.statusCode, 403, 'a volunteer cannot log for another volunteer');
      assert.match(forOther.json().error.details[0].messageVi, /chính mình/);
      const checkInOther = await call('POST', `${base()}/check-ins`, 'vol1', { volunteerId: vol.v2 });
      assert.equal(checkInOther.statusCode, 403);

      clock = new Date('2026-11-25T04:30:00Z');
      const out = await call('POST', `${base()}/check-outs`, 'vol1', {});
      assert.equal(out.statusCode, 200, out.body);
      assert.equal(out.json().checkedOutAt, '2026-11-25T11:30:00+07:00');
      const outAgain = await call('POST', `${base()}/check-outs`, 'vol1', {});
      assert.equal(outAgain.statusCode, 409);

      // Another volunteer, and the receiving officer logging on behalf of an unlinked volunteer.
      clock = new Date('2026-11-26T06:40:00Z');
      assert.equal((await call('POST', `${base()}/check-ins`, 'vol2', {})).statusCode, 201);
      await log('vol2', { kind: 'vneid', count: 3 });
      await log('vol2', { kind: 'form_filling' });
      clock = new Date('2026-11-26T09:40:00Z');
      assert.equal((await call('POST', `${base()}/check-outs`, 'vol2', {})).statusCode, 200);
      assert.equal(
        (await call('POST', `${base()}/check-ins`, 'receiver', { volunteerId: vol.v3 })).statusCode,
        201,
        'staff check someone in',
      );
      await log('receiver', { kind: 'guide', count: 4, volunteerId: vol.v3 });
      const staffNoTarget = await call('POST', `${base()}/assistance`, 'receiver', { kind: 'guide' });
      assert.equal(staffNoTarget.statusCode, 400, 'staff name the volunteer');
      const specialist = await call('POST', `${base()}/assistance`, 'specialist', {
        kind: 'guide',
        volunteerId: vol.v3,
      });
      assert.equal(specialist.statusCode, 403, 'a specialist does not log volunteers’ work');

      // At the edges of the month (Vietnam time): the last minute of November counts, the first of December does not.
      clock = new Date('2026-11-30T16:59:00Z');
      await log('vol1', { kind: 'other', note: 'Hướng dẫn tra cứu kết quả' });
      clock = new Date('2026-11-30T17:00:00Z');
      await log('vol1', { kind: 'online_submission', count: 5 });
      clock = new Date('2026-10-31T16:59:00Z');
      await log('vol1', { kind: 'vneid', count: 7 });
      // The other centre has its own.
      clock = new Date('2026-11-27T02:00:00Z');
      assert.equal(
        (await call('POST', `${base(B.slug)}/assistance`, 'otherVol', { kind: 'vneid', count: 2 })).statusCode,
        201,
      );
    }

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('managers add volunteers of the Youth Union, the Women’s Union and other organisations, linking volunteer accounts', async () => {
      await world();
      const r1 = await call('POST', base(), 'director', {
        fullName: 'Đỗ Quang Huy',
        organisation: 'youth_union',
        organisationName: 'Chi đoàn thôn Phú Lộc',
        phone: '0912 345 601',
        username: users.vol1,
      });
      assert.equal(r1.statusCode, 201, r1.body);
      assert.equal(r1.json().username, users.vol1);
      vol.v1 = r1.json().id;
      const r2 = await call('POST', base(), 'director', {
        fullName: 'Phạm Thị Hồng',
        organisation: 'women_union',
        username: users.vol2,
      });
      assert.equal(r2.statusCode, 201, r2.body);
      vol.v2 = r2.json().id;
      const r3 = await call('POST', base(), 'director', {
        fullName: 'Vũ Minh Anh',
        organisation: 'other',
        organisationName: 'Đoàn trường THPT Cẩm Giàng',
      });
      assert.equal(r3.statusCode, 201, r3.body);
      vol.v3 = r3.json().id;
      const rb = await call('POST', base(B.slug), 'otherAdmin', {
        fullName: 'Hoàng Văn Nam',
        organisation: 'youth_union',
        username: users.otherVol,
      });
      assert.equal(rb.statusCode, 201, rb.body);
      vol.b1 = rb.json().id;

      const noName = await call('POST', base(), 'director', { fullName: 'Ai Đó', organisation: 'other' });
      assert.equal(noName.statusCode, 400);
      assert.equal(noName.json().error.details[0].field, 'organisationName');
      const staffAccount = await call('POST', base(), 'director', {
        fullName: 'Ai Đó',
        organisation: 'youth_union',
        username: users.receiver,
      });
      assert.equal(staffAccount.statusCode, 400, 'only accounts with the role volunteer can be linked');
      const foreignAccount = await call('POST', base(), 'director', {
        fullName: 'Ai Đó',
        organisation: 'youth_union',
        username: users.otherVol,
      });
      assert.equal(foreignAccount.statusCode, 400, 'an account of another centre cannot be linked');
      const twice = await call('POST', base(), 'director', {
        fullName: 'Ai Đó',
        organisation: 'youth_union',
        username: users.vol1,
      });
      assert.equal(twice.statusCode, 409);
      const byVolunteer = await call('POST', base(), 'vol1', { fullName: 'Ai Đó', organisation: 'youth_union' });
      assert.equal(byVolunteer.statusCode, 403, 'a volunteer does not manage records');
      const rename = await call('PATCH', `${base()}/${vol.v3}`, 'director', { phone: '0987 654 321' });
      assert.equal(rename.statusCode, 200, rename.body);
      assert.equal(rename.json().phone, '0987 654 321');
      assert.equal(rename.json().organisationName, 'Đoàn trường THPT Cẩm Giàng');
    });

    test('the roster takes morning and afternoon from the centre’s sessions and flags shifts on days off', async () => {
      await world({ volunteers: true });
      const wed = await call('POST', `${base()}/shifts`, 'director', {
        volunteerId: vol.v1,
        date: '2026-11-25',
        session: 'morning',
      });
      assert.equal(wed.statusCode, 201, wed.body);
      assert.deepEqual([wed.json().start, wed.json().end, wed.json().workingDay], ['07:30', '11:30', true]);
      const sat = await call('POST', `${base()}/shifts`, 'director', {
        volunteerId: vol.v2,
        date: '2026-11-28',
        session: 'custom',
        start: '08:00',
        end: '10:30',
      });
      assert.equal(sat.statusCode, 201, sat.body);
      assert.equal(sat.json().workingDay, false, 'Saturday is not a working day');
      assert.equal(sat.json().dayReason, 'Thứ Bảy');
      const dup = await call('POST', `${base()}/shifts`, 'director', {
        volunteerId: vol.v1,
        date: '2026-11-25',
        session: 'morning',
      });
      assert.equal(dup.statusCode, 409);
      const backwards = await call('POST', `${base()}/shifts`, 'director', {
        volunteerId: vol.v1,
        date: '2026-11-26',
        session: 'custom',
        start: '11:00',
        end: '09:00',
      });
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json().error.details[0].field, 'end');
      const badDate = await call('POST', `${base()}/shifts`, 'director', { volunteerId: vol.v1, date: '2026-02-30' });
      assert.equal(badDate.statusCode, 400);
      const foreign = await call('POST', `${base()}/shifts`, 'director', { volunteerId: vol.b1, date: '2026-11-26' });
      assert.equal(foreign.statusCode, 400, 'another centre’s volunteer is unknown here');
      const December = await call('POST', `${base()}/shifts`, 'director', {
        volunteerId: vol.v1,
        date: '2026-12-01',
        session: 'afternoon',
      });
      assert.equal(December.statusCode, 201);
      assert.deepEqual([December.json().start, December.json().end], ['13:30', '17:00']);

      const mine = await call('GET', `${base()}/shifts?from=2026-11-23&to=2026-12-06`, 'vol1');
      assert.deepEqual(
        mine.json().items.map((s: { volunteerId: number }) => s.volunteerId),
        [vol.v1, vol.v1],
        'a volunteer sees their own shifts',
      );
      const all = await call('GET', `${base()}/shifts?from=2026-11-23&to=2026-12-06`, 'receiver');
      assert.equal(all.json().items.length, 3);
    });

    test('a volunteer checks in, logs help for themselves only, and checks out', async () => {
      await world({ shifts: true });
      await logNovember();
    });

    test('bad input gets clear Vietnamese and English errors, never a record', async () => {
      await world({ volunteers: true });
      clock = new Date('2026-11-27T03:00:00Z');
      const before = (await call('GET', `${base()}/assistance?month=2026-11`, 'director')).json().items.length;
      const cases: [Record<string, unknown>, string, RegExp, RegExp][] = [
        [{ kind: 'dancing' }, 'kind', /Loại hỗ trợ/, /kind of help/],
        [{ kind: 'guide', count: 0 }, 'count', /từ 1 đến 100/, /between 1 and 100/],
        [{ kind: 'guide', count: 1000 }, 'count', /từ 1 đến 100/, /between 1 and 100/],
        [
          { kind: 'guide', dossierCode: codeB },
          'dossierCode',
          /Không có hồ sơ mã .* tại Trung tâm này/,
          /No dossier .* in this centre/,
        ],
        [{ kind: 'guide', dossierCode: 'H26.00.00-000000-9999' }, 'dossierCode', /Không có hồ sơ/, /No dossier/],
        [{ kind: 'guide', dossierCode: 'not a code!' }, 'dossierCode', /không đúng dạng/, /malformed/],
      ];
      for (const [body, field, vi, en] of cases) {
        const r = await call('POST', `${base()}/assistance`, 'vol1', body);
        assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
        const e = r.json().error;
        assert.equal(e.code, 'VALIDATION_FAILED');
        assert.equal(e.details[0].field, field);
        assert.match(e.details[0].messageVi, vi);
        assert.match(e.details[0].messageEn, en);
        assert.match(e.details[0].message, vi, 'Vietnamese by default');
        const r2 = await call('POST', `${base()}/assistance`, 'vol1', body, 'en');
        assert.match(r2.json().error.details[0].message, en, 'English with ?lang=en');
      }
      const noKind = await call('POST', `${base()}/assistance`, 'vol1', {});
      assert.equal(noKind.statusCode, 400);
      const badMonth = await call('GET', `${base()}/figures?month=2026-13`, 'director');
      assert.equal(badMonth.statusCode, 400);
      assert.equal(badMonth.json().error.details[0].field, 'month');
      const after = (await call('GET', `${base()}/assistance?month=2026-11`, 'director')).json().items.length;
      assert.equal(after, before, 'no entry was written');
    });

    test('the month figures match a hand count, for the centre, for one volunteer and through the reports contract', async () => {
      await world({ month: true });
      clock = new Date('2026-11-27T03:00:00Z');
      // Hand count for November in centre A:
      //   vol1: guide 1, online 2, vneid 1, other 1 (30/11 23:59)         → 5 people
      //   vol2: vneid 3, form filling 1                                     → 4
      //   v3 (logged by the receiver): guide 4                              → 4
      // excluded: online 5 on 01/12 00:00, vneid 7 on 31/10 23:59, centre B's vneid 2.
      const r = await call('GET', `${base()}/figures?month=2026-11`, 'director');
      assert.equal(r.statusCode, 200, r.body);
      const f = r.json();
      assert.equal(f.of, 'center');
      assert.equal(f.peopleHelped, 13);
      assert.equal(f.onlineSubmissionsHelped, 2);
      assert.equal(f.vneidHelped, 4);
      assert.equal(f.guided, 5);
      assert.equal(f.formsFilled, 1);
      assert.equal(f.otherHelped, 1);
      assert.equal(f.volunteers, 3, 'three volunteers served');
      assert.equal(f.shifts, 2, 'two November shifts (25/11 and 28/11); 01/12 is December');
      assert.equal(f.checkIns, 3);
      assert.equal(f.hoursOnDuty, 5.5, '2 h 30 + 3 h; the open check-in does not count');
      const v1 = f.byVolunteer.find((b: { volunteerId: number }) => b.volunteerId === vol.v1);
      assert.deepEqual(v1.byKind, { guide: 1, online_submission: 2, vneid: 1, form_filling: 0, other: 1 });

      const own = (await call('GET', `${base()}/figures?month=2026-11`, 'vol1')).json();
      assert.equal(own.of, 'self');
      assert.deepEqual(
        [own.peopleHelped, own.onlineSubmissionsHelped, own.vneidHelped, own.volunteers, own.shifts],
        [5, 2, 1, 1, 1],
      );
      assert.equal(own.byVolunteer.length, 1);

      const range = { from: '2026-11-01', to: '2026-11-30' };
      const contract = await volunteerFigures(t.deps, [A.id], range);
      assert.deepEqual(
        [
          contract.volunteers,
          contract.shifts,
          contract.peopleHelped,
          contract.onlineSubmissionsHelped,
          contract.vneidHelped,
        ],
        [3, 2, 13, 2, 4],
      );
      const both = await volunteerFigures(t.deps, [A.id, B.id], range);
      assert.deepEqual([both.volunteers, both.peopleHelped, both.vneidHelped], [4, 15, 6]);
      const none = await volunteerFigures(t.deps, [], range);
      assert.equal(none.peopleHelped, 0);
      const oct = await volunteerFigures(t.deps, [A.id], { from: '2026-10-01', to: '2026-10-31' });
      assert.deepEqual([oct.peopleHelped, oct.vneidHelped, oct.volunteers], [7, 7, 1]);
    });

    test('a volunteer sees only their own; another centre’s staff get 404 like a missing centre', async () => {
      await world({ month: true });
      const list = (await call('GET', base(), 'vol1')).json().items;
      assert.deepEqual(
        list.map((v: { id: number }) => v.id),
        [vol.v1],
      );
      const entries = (await call('GET', `${base()}/assistance?month=2026-11`, 'vol1')).json().items;
      assert.ok(entries.length >= 4 && entries.every((e: { volunteerId: number }) => e.volunteerId === vol.v1));
      assert.equal((await call('GET', `${base()}/${vol.v2}`, 'vol1')).statusCode, 404);
      const checks = (await call('GET', `${base()}/check-ins?month=2026-11`, 'vol1')).json().items;
      assert.ok(checks.every((c: { volunteerId: number }) => c.volunteerId === vol.v1));

      for (const [m, path, body] of [
        ['GET', '', undefined],
        ['GET', '/figures?month=2026-11', undefined],
        ['GET', '/assistance', undefined],
        ['GET', '/shifts', undefined],
        ['POST', '/assistance', { kind: 'guide', volunteerId: vol.v1 }],
        ['POST', '/check-ins', { volunteerId: vol.v1 }],
        ['PATCH', `/${vol.v1}`, { phone: '0900 000 000' }],
      ] as const) {
        const r = await call(m, `${base()}${path}`, 'otherAdmin', body);
        assert.equal(r.statusCode, 404, `${m} ${path}: ${r.body}`);
        assert.equal(r.json().error.code, 'CENTER_NOT_FOUND');
      }
      assert.equal((await call('GET', base(B.slug), 'vol1')).statusCode, 404, 'a volunteer cannot see other centres');
      assert.equal((await call('GET', `${base(B.slug)}/figures`, 'vol1')).statusCode, 404);
      assert.equal(
        (await call('PATCH', `${base()}/${vol.b1}`, 'director', { phone: '0900 000 000' })).statusCode,
        404,
        'another centre’s record answers like a missing one',
      );
      assert.equal((await call('GET', '/api/v1/centers/khong-co/volunteers', 'director')).statusCode, 404);
      const anon = await app.inject({ method: 'GET', url: base() });
      assert.equal(anon.statusCode, 401);
    });

    test('OpenAPI documents the volunteers routes under their tag', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      const paths = Object.keys(doc.paths).filter((p) => p.includes('/volunteers'));
      for (const p of [
        '/api/v1/centers/{slug}/volunteers',
        '/api/v1/centers/{slug}/volunteers/shifts',
        '/api/v1/centers/{slug}/volunteers/check-ins',
        '/api/v1/centers/{slug}/volunteers/check-outs',
        '/api/v1/centers/{slug}/volunteers/assistance',
        '/api/v1/centers/{slug}/volunteers/figures',
      ]) {
        assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
      }
      for (const p of paths)
        for (const op of Object.values(doc.paths[p]) as { tags: string[]; summary: string }[]) {
          assert.deepEqual(op.tags, ['volunteers']);
          assert.ok(op.summary.length > 10);
        }
    });

    test('console: the phone page logs with one tap; roster and thank-you letter are real PDFs', async () => {
      await world({ month: true });
      clock = new Date('2026-11-25T08:00:00Z'); // 15:00 Wednesday
      const s = await signIn(app, users.vol1!, TEST_PASSWORD);
      const page = await app.inject({ method: 'GET', url: '/console/volunteers', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Vào ca/);
      assert.match(page.body, /Cài đặt, kích hoạt VNeID/);
      const tap = await app.inject({
        method: 'POST',
        url: '/console/volunteers/log',
        ...form(s, { kind: 'vneid', count: '1' }),
      });
      assert.equal(tap.statusCode, 303);
      assert.equal(tap.headers.location, '/console/volunteers?done=log&kind=vneid&n=1');
      const bad = await app.inject({
        method: 'POST',
        url: '/console/volunteers/log',
        ...form(s, { kind: 'guide', count: '0' }),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Số người được hỗ trợ phải từ 1 đến 100/);
      const forged = await app.inject({
        method: 'POST',
        url: '/console/volunteers/log',
        ...form(s, { kind: 'guide', v: String(vol.v2) }),
      });
      assert.equal(forged.statusCode, 403, 'the phone page cannot log for someone else either');
      const people = await app.inject({
        method: 'GET',
        url: '/console/volunteers/people',
        headers: { cookie: s.cookie },
      });
      assert.equal(people.statusCode, 403);

      const d = await signIn(app, users.director!, TEST_PASSWORD);
      mkdirSync(OUT, { recursive: true });
      const roster = await app.inject({
        method: 'GET',
        url: '/console/volunteers/roster.pdf?week=2026-11-25',
        headers: { cookie: d.cookie },
      });
      assert.equal(roster.statusCode, 200);
      assert.equal(roster.headers['content-type'], 'application/pdf');
      assert.equal(roster.rawPayload.subarray(0, 5).toString(), '%PDF-');
      writeFileSync(join(OUT, `roster-${name}.pdf`), roster.rawPayload);
      const week = await app.inject({
        method: 'GET',
        url: '/console/volunteers/roster?week=2026-11-25',
        headers: { cookie: d.cookie },
      });
      assert.match(week.body, /Đỗ Quang Huy/);
      assert.match(week.body, /data-testid="off-warning"/, 'the Saturday shift is flagged');
      const letter = await app.inject({
        method: 'GET',
        url: `/console/volunteers/people/${vol.v1}/thank-you.pdf?month=2026-11`,
        headers: { cookie: d.cookie },
      });
      assert.equal(letter.statusCode, 200, letter.body);
      assert.equal(letter.rawPayload.subarray(0, 5).toString(), '%PDF-');
      writeFileSync(join(OUT, `thank-you-${name}.pdf`), letter.rawPayload);
      const orgLetter = await app.inject({
        method: 'GET',
        url: `/console/volunteers/people/${vol.v2}/thank-you.pdf?month=2026-11&to=organisation`,
        headers: { cookie: d.cookie },
      });
      assert.equal(orgLetter.statusCode, 200);
      writeFileSync(join(OUT, `thank-you-org-${name}.pdf`), orgLetter.rawPayload);
      // Desk staff see everyone on the phone page and check a volunteer out for them.
      const r = await signIn(app, users.receiver!, TEST_PASSWORD);
      const board = await app.inject({
        method: 'GET',
        url: '/console/volunteers?lang=en',
        headers: { cookie: r.cookie },
      });
      assert.match(board.body, /Volunteers today/);
      assert.match(board.body, /Vũ Minh Anh/);
      const outForV3 = await app.inject({
        method: 'POST',
        url: '/console/volunteers/check-out',
        ...form(r, { v: String(vol.v3) }),
      });
      assert.equal(outForV3.statusCode, 303);
      assert.equal(
        (
          await t.deps.db
            .selectFrom('volunteer_checkin')
            .select('id')
            .where('volunteer_id', '=', vol.v3!)
            .where('checked_out_at', 'is', null)
            .execute()
        ).length,
        0,
      );

      // Two phones tapping "check in" at once: one check-in, one clear refusal.
      const both = await Promise.all([
        call('POST', `${base()}/check-ins`, 'director', { volunteerId: vol.v2 }),
        call('POST', `${base()}/check-ins`, 'receiver', { volunteerId: vol.v2 }),
      ]);
      assert.deepEqual(both.map((x) => x.statusCode).sort(), [201, 409], both.map((x) => x.body).join(' | '));
      await assert.rejects(
        t.deps.db
          .insertInto('volunteer_checkin')
          .values({
            center_id: A.id,
            volunteer_id: vol.v2!,
            shift_id: null,
            checked_in_at: clock.toISOString(),
            checked_in_by: null,
          })
          .execute(),
        'the database itself keeps one open check-in per volunteer',
      );

      const foreignLetter = await app.inject({
        method: 'GET',
        url: `/console/volunteers/people/${vol.b1}/thank-you.pdf`,
        headers: { cookie: d.cookie },
      });
      assert.equal(foreignLetter.statusCode, 404);
    });
  });
}
