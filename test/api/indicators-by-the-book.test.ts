/**
 * Indicators by the book (issue 11, part 9) against a HAND COUNT, on SQLite and PostgreSQL:
 * withdrawals after acceptance end processing (BRIEF §3.3) and enter the on-time rate, before
 * acceptance they do not; status-1 online dossiers await acceptance (never overdue); a result
 * returned in November counts in November even when processing ended in October; 4.5a counts
 * VNeID, the citizen's data store and the population database; DuocThanhToanTrucTuyen comes from
 * the recorded payment; a procedure without a fixed time limit gets no same-day appointment
 * ("không xác định") or the officer's. The JSON monitor and figure drill-down, with access rules.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter, makeToken, makeUser } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import { NO_APPOINTMENT } from '../../src/features/dossiers/workflow/clock.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { monthPeriod } from '../../src/features/reports/periods.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const P3 = '1.004837'; // 3 working days, no fee
const SAME = '2.000815'; // same-day eligible, fee
const NOFIX = '2.002913'; // no fixed amount
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
function must<T>(x: T | undefined | null): T {
  assert.ok(x !== undefined && x !== null);
  return x;
}
const citizen = { fullName: 'Lê Văn Hùng', phone: '0912345678' };

for (const { name, fresh } of DATABASES) {
  describe(`indicators by the book (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug = '';
    let clock = at('2026-10-29 09:00');
    const codes: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const get = (url: string, who?: string) =>
      app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    async function receive(key: string, when: string, procedureCode: string, o: Record<string, unknown> = {}) {
      clock = at(when);
      const d = await intake(t.deps, SYSTEM_ACTOR, slug, { procedureCode, applicant: citizen, ...o });
      codes[key] = d.code;
      return d;
    }
    const step = async (key: string, when: string, action: string, payload: Record<string, unknown> = {}) => {
      clock = at(when);
      return act(t.deps, SYSTEM_ACTOR, must(codes[key]), action, payload);
    };

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, { sameDayWeekdays: [] });
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      const other = await makeCenter(t.deps);
      tokens.director = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['director'])).username);
      tokens.receiver = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['receiver'])).username);
      tokens.volunteer = await makeToken(t.deps, (await makeUser(t.deps, c.id, ['volunteer'])).username);
      tokens.other = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['director'])).username);

      await receive('R', '2026-10-29 09:00', P3); // processed in October, returned in November
      await step('R', '2026-10-30 09:00', 'mark_processed');
      await step('R', '2026-11-03 09:00', 'return_result', { method: 'desk' });
      await receive('W1', '2026-11-02 09:00', P3, { vneidVerified: true }); // due Thu 05/11 09:00
      await step('W1', '2026-11-03 09:00', 'withdraw', { reason: 'Rút' }); // after acceptance, in time
      await receive('W2', '2026-11-02 10:00', P3, { fromCitizenStore: true }); // due Thu 05/11 10:00
      await step('W2', '2026-11-10 09:00', 'withdraw', { reason: 'Rút' }); // after acceptance, late
      await receive('O1', '2026-11-04 09:00', P3, { channel: 'online', submittedOnline: true, populationData: true });
      await step('O1', '2026-11-05 09:00', 'withdraw', { reason: 'Rút' }); // before acceptance: not counted
      await receive('O2', '2026-11-20 09:00', P3, { channel: 'online', submittedOnline: true }); // awaits acceptance
      await receive('N1', '2026-11-09 09:00', NOFIX); // không xác định
      await step('N1', '2026-11-24 09:00', 'mark_processed'); // no appointment: on time
      await receive('N2', '2026-11-09 10:00', NOFIX, { dueAt: at('2026-11-16 17:00').toISOString() });
      await receive('L1', '2026-11-10 09:00', SAME);
      await step('L1', '2026-11-10 09:10', 'request_payment', { amount: 2000 });
      await step('L1', '2026-11-10 09:20', 'confirm_payment', { method: 'online' }); // local gateway → 2
      await receive('L2', '2026-11-10 10:00', SAME);
      await step('L2', '2026-11-10 10:10', 'request_payment', { amount: 2000 });
      await step('L2', '2026-11-10 10:20', 'confirm_payment', { method: 'online', gateway: 'dvcqg' }); // → 1
      await receive('L3', '2026-11-10 11:00', SAME);
      await step('L3', '2026-11-10 11:05', 'request_payment', { amount: 2000 });
      await step('L3', '2026-11-10 11:10', 'confirm_payment', { method: 'cash' }); // → 0
      await step('L3', '2026-11-10 14:00', 'mark_processed');
      clock = at('2026-11-25 10:00');
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('no fixed time limit: "không xác định" unless the officer gives the appointment — never same-day', async () => {
      const n1 = (await get(`/api/v1/dossiers/${codes.N1}`, 'receiver')).json();
      assert.equal(n1.noAppointment, true);
      assert.equal(n1.sameDay, false);
      const row = await t.deps.db
        .selectFrom('dossier')
        .select('due_at')
        .where('code', '=', must(codes.N1))
        .executeTakeFirstOrThrow();
      assert.equal(row.due_at, NO_APPOINTMENT);
      assert.equal(n1.verdict, 'on_time', 'processed two weeks later: no appointment to be late against');
      const n2 = (await get(`/api/v1/dossiers/${codes.N2}`, 'receiver')).json();
      assert.equal(n2.noAppointment, false);
      assert.equal(n2.dueAt, '2026-11-16T17:00:00+07:00');
      assert.equal(n2.verdict, 'overdue');
      const bad = await app.inject({
        method: 'POST',
        url: `/api/v1/centers/${slug}/dossiers`,
        headers: { authorization: `Bearer ${tokens.receiver}` },
        payload: { procedureCode: P3, applicant: citizen, dueAt: '2026-12-30T10:00:00Z' },
      });
      assert.equal(bad.statusCode, 400, 'a fixed time limit is computed, not typed');
      const dvc = (await get(`/api/v1/dossiers/${codes.N1}/dvcqg`, 'director')).json();
      assert.equal(dvc.NgayHenTra, '', 'no appointment: DVCQG compares with the statutory time (BRIEF §3.3)');
    });

    test('November 2026 by hand', async () => {
      const center = await t.deps.db
        .selectFrom('center')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const s = await computeMonthlyStatistics(t.deps, [center.id], monthPeriod(2026, 11));
      const c = s.counts;
      assert.equal(c.returned, 1, 'R: returned in November, processed in October');
      assert.equal(c.resolved, 2, 'N1 L3');
      assert.equal(c.withdrawn, 3, 'W1 W2 O1 (all withdrawals)');
      assert.equal(c.withdrawnOnTime, 1, 'W1');
      assert.equal(c.withdrawnLate, 1, 'W2 (O1 was never accepted)');
      assert.equal(c.openOverdue, 3, 'N2 L1 L2 (O2 awaits acceptance: never overdue)');
      assert.equal(c.openWithin, 0);
      const f = (k: string) => must(s.figures.find((x) => x.key === k));
      assert.equal(f('vneidRate').numerator, 3, 'W1 (VNeID), W2 (citizen store), O1 (population database)');
      assert.equal(f('onlinePaymentRate').numerator, 2, 'L1 L2 paid online');
    });

    test('DVCQG export: DuocThanhToanTrucTuyen from the payment, DuocLayTuKhoDMQG and MaCSDL from the flags', async () => {
      const hoso = async (k: string) => (await get(`/api/v1/dossiers/${codes[k]}/dvcqg`, 'director')).json();
      assert.equal((await hoso('L1')).DuocThanhToanTrucTuyen, '2');
      assert.equal((await hoso('L2')).DuocThanhToanTrucTuyen, '1');
      assert.equal((await hoso('L3')).DuocThanhToanTrucTuyen, '0');
      const w2 = await hoso('W2');
      assert.ok(w2.TaiLieuNop.every((x: { DuocLayTuKhoDMQG: string }) => x.DuocLayTuKhoDMQG === '1'));
      assert.deepEqual((await hoso('O1')).DSKetNoiCSDL, [{ MaCSDL: 'CSDLQGDC' }]);
      assert.deepEqual(w2.DSKetNoiCSDL, []);
    });

    test('GET /deadlines and /reports/monthly/dossiers: JSON, the same sets, access rules', async () => {
      const m = await get(`/api/v1/centers/${slug}/deadlines`, 'receiver');
      assert.equal(m.statusCode, 200, m.body);
      const j = m.json();
      for (const k of ['overdue', 'dueToday', 'dueNextWorkingDay', 'awaitingAcceptance', 'paused'])
        assert.ok(Array.isArray(j[k]), k);
      assert.deepEqual(
        j.awaitingAcceptance.map((x: { code: string }) => x.code),
        [codes.O2],
      );
      assert.ok(j.overdue.some((x: { code: string }) => x.code === codes.N2));
      assert.ok(!j.overdue.some((x: { code: string }) => x.code === codes.O2));
      assert.equal((await get(`/api/v1/centers/${slug}/deadlines`)).statusCode, 401);
      assert.equal((await get(`/api/v1/centers/${slug}/deadlines`, 'volunteer')).statusCode, 403);
      assert.equal((await get(`/api/v1/centers/${slug}/deadlines`, 'other')).statusCode, 404);

      const url = (figure: string, extra = '') =>
        `/api/v1/centers/${slug}/reports/monthly/dossiers?figure=${figure}&month=2026-11${extra}`;
      const r = await get(url('returned'), 'director');
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(
        r.json().items.map((x: { code: string }) => x.code),
        [codes.R],
      );
      assert.equal(r.json().total, 1);
      const den = (await get(url('onTimeRate', '&part=denominator'), 'director')).json();
      const month = (await get(`/api/v1/centers/${slug}/reports/monthly?year=2026&month=11`, 'director')).json();
      const rate = month.figures.find((x: { key: string }) => x.key === 'onTimeRate');
      assert.equal(den.total, rate.denominator);
      assert.ok(
        den.items.some((x: { code: string }) => x.code === codes.W2),
        'a late withdrawal is in the denominator',
      );
      assert.ok(!den.items.some((x: { code: string }) => x.code === codes.O1), 'a withdrawal before acceptance is not');
      assert.equal((await get(url('nope'), 'director')).statusCode, 400);
      assert.equal((await get(url('returned'))).statusCode, 401);
      assert.equal((await get(url('returned'), 'other')).statusCode, 404);
    });
  });
}
