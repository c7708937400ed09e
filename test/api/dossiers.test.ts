/** The one-stop desk through the API: intake, appointment, workflow, concurrency, access, lookup. */
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
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { computeDeadline } from '../../src/core/calendar/index.ts';
import { intake } from '../../src/features/dossiers/service.ts';

const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const citizen = {
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912 345 678',
  address: 'Thôn Đông, xã Cẩm Giàng',
};

for (const { name, fresh } of DATABASES) {
  describe(`dossiers (${name})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let slug: string;
    let agency: string;
    let clock = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
    const tokens: Record<string, string> = {};
    const post = (url: string, who: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload });
    const get = (url: string, who?: string) =>
      app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

    before(async () => {
      t = await fresh(() => clock);
      app = await testApp(t);
      const c = await makeCenter(t.deps, { sameDayWeekdays: [2, 5] });
      slug = c.slug;
      agency = (await getCenter(t.deps, slug)).agency_code;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      for (const role of ['receiver', 'specialist', 'director', 'volunteer'] as const)
        tokens[role] = await makeToken(t.deps, (await makeUser(t.deps, c.id, [role])).username);
      const other = await makeCenter(t.deps);
      tokens.otherReceiver = await makeToken(t.deps, (await makeUser(t.deps, other.id, ['receiver'])).username);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('intake returns the code, the status, the appointment from the calendar engine and the lookup secret', async () => {
      clock = new Date('2026-11-25T02:00:00Z');
      const p = CATALOG.find(
        (x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 2 && !x.sameDayEligible,
      )!;
      const res = await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
        procedureCode: p.code,
        applicant: citizen,
        channel: 'direct',
      });
      assert.equal(res.statusCode, 201, res.body);
      const d = res.json();
      assert.match(d.code, new RegExp(`^${agency.replace(/\./g, '\\.')}-261125-\\d{4}$`));
      assert.equal(d.status, 2);
      assert.equal(d.statusLabel, 'Được tiếp nhận');
      assert.match(d.lookupSecret, /^[A-Z2-9]{6}$/);
      const cal = await calendarOf(t.deps, await getCenter(t.deps, slug));
      const expected = computeDeadline(cal, {
        receivedAt: clock,
        amount: p.timeLimit.amount!,
        unit: 'working_days',
      }).dueAt;
      assert.equal(new Date(d.dueAt).getTime(), expected.getTime());
      assert.match(d.dueAt, /\+07:00$/);
      assert.equal(d.applicant.phone, '0912345678');
    });

    test('same-day service on the centre’s weekdays for eligible procedures, with the 15:00 cut-off', async () => {
      const p = CATALOG.find((x) => x.sameDayEligible && x.timeLimit.unit !== 'same_day')!;
      clock = new Date('2026-12-01T03:00:00Z'); // Tuesday 10:00
      const before = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      assert.equal(before.sameDay, true);
      assert.equal(before.dueAt, '2026-12-01T17:00:00+07:00');
      clock = new Date('2026-12-01T08:30:00Z'); // Tuesday 15:30
      const afterCut = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      assert.equal(afterCut.dueAt, '2026-12-02T17:00:00+07:00');
      clock = new Date('2026-12-02T03:00:00Z'); // Wednesday: the procedure's own limit applies
      const wed = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      assert.equal(wed.sameDay, false);
    });

    test('bad input is refused field by field, and nothing is written', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const res = await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
        procedureCode: '9.999999',
        applicant: { fullName: '', idNumber: '12345', phone: '12' },
      });
      assert.equal(res.statusCode, 400);
      const fields = res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort();
      assert.deepEqual(fields, ['applicant.fullName', 'applicant.idNumber', 'applicant.phone', 'procedureCode']);
      const list = await get(`/api/v1/centers/${slug}/dossiers`, 'receiver');
      assert.equal(
        list.json().items.filter((d: { receivedAt: string }) => d.receivedAt.startsWith('2026-11-26')).length,
        0,
      );
    });

    test('the workflow: hand-off, supplement, processed, returned — each an event; wrong order is 409', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const p = CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3)!;
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      const act = (who: string, body: object) => post(`/api/v1/dossiers/${d.code}/actions`, who, body);
      assert.equal((await act('receiver', { action: 'return_result' })).statusCode, 409);
      assert.equal((await act('receiver', { action: 'fly' })).statusCode, 400);
      assert.equal((await act('receiver', { action: 'handoff', to: 'Công chức Tư pháp – Hộ tịch' })).json().status, 4);
      clock = new Date('2026-11-26T04:00:00Z');
      assert.equal((await act('specialist', { action: 'request_supplement' })).statusCode, 400, 'a reason is required');
      assert.equal(
        (await act('specialist', { action: 'request_supplement', reason: 'Thiếu bản sao giấy tờ tùy thân' })).json()
          .status,
        5,
      );
      clock = new Date('2026-11-27T02:00:00Z');
      assert.equal((await act('receiver', { action: 'complete_supplement' })).json().status, 4);
      assert.equal((await act('specialist', { action: 'mark_processed', result: 'Đã ký kết quả' })).json().status, 9);
      assert.equal(
        (await act('specialist', { action: 'return_result' })).statusCode,
        403,
        'a specialist does not return results',
      );
      const returned = (await act('receiver', { action: 'return_result', method: 'desk' })).json();
      assert.equal(returned.status, 10);
      const full = (await get(`/api/v1/dossiers/${d.code}`, 'receiver')).json();
      assert.deepEqual(
        full.events.map((e: { action: string }) => e.action),
        ['received', 'handoff', 'request_supplement', 'complete_supplement', 'mark_processed', 'return_result'],
      );
      assert.equal(full.verdict, 'early');
      assert.ok(
        new Date(full.effectiveDueAt) > new Date(full.dueAt),
        'supplement time moves the effective appointment',
      );
    });

    test('a second supplement request is flagged and counts as late; an extension never changes the judgement', async () => {
      clock = new Date('2026-11-26T02:00:00Z');
      const p = CATALOG.find((x) => x.timeLimit.unit === 'working_days' && (x.timeLimit.amount ?? 0) >= 3)!;
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      const act = (who: string, body: object) => post(`/api/v1/dossiers/${d.code}/actions`, who, body);
      await act('specialist', { action: 'request_supplement', reason: 'Lần 1' });
      await act('receiver', { action: 'complete_supplement' });
      await act('specialist', { action: 'request_supplement', reason: 'Lần 2' });
      await act('receiver', { action: 'complete_supplement' });
      assert.equal(
        (await act('receiver', { action: 'extend', reason: 'x', newDueAt: '2026-12-30T10:00:00Z' })).statusCode,
        403,
        'only the director approves',
      );
      const ext = await act('director', { action: 'extend', reason: 'Cần xác minh', newDueAt: '2026-12-30T10:00:00Z' });
      assert.equal(ext.statusCode, 200);
      assert.equal(ext.json().extendedDueAt, '2026-12-30T17:00:00+07:00');
      assert.equal(
        (await act('director', { action: 'extend', reason: 'again', newDueAt: '2026-12-31T10:00:00Z' })).statusCode,
        409,
      );
      const full = (await get(`/api/v1/dossiers/${d.code}`, 'receiver')).json();
      assert.equal(full.supplementCount, 2);
      assert.equal(
        full.verdict,
        'overdue',
        'two supplement requests: past the limit while open, late once ended (clock.ts)',
      );
      assert.equal(full.dueAt, d.dueAt, 'the original appointment is kept for statistics');
    });

    test('at the counter: refused (form 03, a dossier) or incomplete with guidance (form 02, not a dossier), each recorded whole or not at all', async () => {
      clock = new Date('2026-11-26T03:00:00Z');
      const p = CATALOG[0]!;
      const guided = await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
        procedureCode: p.code,
        applicant: citizen,
        outcome: 'guide',
        reason: 'Thiếu giấy tờ',
        missing: ['Bản sao giấy khai sinh'],
      });
      // Guidance is not a dossier (issue 11): no status, no code, form 02 on its own record.
      assert.equal(guided.statusCode, 201, guided.body);
      const g = guided.json().guidance;
      assert.equal(g.code, null);
      assert.equal(guided.json().status, undefined);
      assert.deepEqual(g.missing, ['Bản sao giấy khai sinh']);
      const f02 = await app.inject({
        method: 'GET',
        url: `/console/guidance/${g.id}/02.pdf`,
        headers: { authorization: `Bearer ${tokens.receiver}` },
      });
      assert.equal(f02.statusCode, 200);
      const refused = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
          procedureCode: p.code,
          applicant: citizen,
          outcome: 'refuse',
          reason: 'Không thuộc thẩm quyền',
        })
      ).json();
      assert.equal(refused.status, 3);
      assert.equal(
        (
          await app.inject({
            method: 'GET',
            url: `/console/dossiers/${refused.code}/forms/03.pdf`,
            headers: { authorization: `Bearer ${tokens.receiver}` },
          })
        ).statusCode,
        200,
      );
      // Without a reason nothing is written, not even a code number.
      const before = (await get(`/api/v1/centers/${slug}/dossiers?limit=500`, 'receiver')).json().items.length;
      assert.equal(
        (
          await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', {
            procedureCode: p.code,
            applicant: citizen,
            outcome: 'refuse',
          })
        ).statusCode,
        400,
      );
      assert.equal((await get(`/api/v1/centers/${slug}/dossiers?limit=500`, 'receiver')).json().items.length, before);
      const next = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      assert.equal(Number(next.code.slice(-4)), Number(refused.code.slice(-4)) + 1, 'no gap in the codes');
    });

    test('two hundred concurrent intakes get two hundred distinct, gapless codes', async () => {
      clock = new Date('2026-11-30T02:00:00Z'); // a new day: the sequence starts at 1
      const p = CATALOG[0]!;
      const center = await getCenter(t.deps, slug);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          intake(t.deps, SYSTEM_ACTOR, center.slug, {
            procedureCode: p.code,
            applicant: { ...citizen, fullName: `Công dân ${i}` },
          }),
        ),
      );
      const seqs = results.map((r) => Number(r.code.slice(-4))).sort((a, b) => a - b);
      assert.equal(new Set(results.map((r) => r.code)).size, 200);
      assert.deepEqual(
        seqs,
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      const list = await get(`/api/v1/centers/${slug}/dossiers?limit=500`, 'receiver');
      assert.equal(list.json().items.filter((d: { code: string }) => d.code.includes('-261130-')).length, 200);
    });

    test('access: 401 without a token, 403 for a volunteer, another centre sees nothing', async () => {
      const p = CATALOG[0]!;
      clock = new Date('2026-11-26T02:00:00Z');
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/centers/${slug}/dossiers`,
            payload: { procedureCode: p.code, applicant: citizen },
          })
        ).statusCode,
        401,
      );
      assert.equal(
        (await post(`/api/v1/centers/${slug}/dossiers`, 'volunteer', { procedureCode: p.code, applicant: citizen }))
          .statusCode,
        403,
      );
      assert.equal(
        (await post(`/api/v1/centers/${slug}/dossiers`, 'otherReceiver', { procedureCode: p.code, applicant: citizen }))
          .statusCode,
        403,
      );
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      assert.equal((await get(`/api/v1/dossiers/${d.code}`, 'otherReceiver')).statusCode, 404);
      assert.equal(
        (await post(`/api/v1/dossiers/${d.code}/actions`, 'otherReceiver', { action: 'handoff', to: 'x' })).statusCode,
        404,
      );
      assert.equal((await get(`/api/v1/centers/${slug}/dossiers`, 'otherReceiver')).statusCode, 403);
    });

    test('every staff read of a dossier and every list is written to the audit log', async () => {
      const p = CATALOG[0]!;
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      await get(`/api/v1/dossiers/${d.code}`, 'specialist');
      await get(`/api/v1/centers/${slug}/dossiers?q=${encodeURIComponent(d.code)}`, 'specialist');
      const rows = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('action', 'in', ['dossier.read', 'dossier.list'])
        .execute();
      assert.ok(rows.some((r) => r.action === 'dossier.read' && r.subject === d.code));
      assert.ok(rows.some((r) => r.action === 'dossier.list'));
    });

    test('public lookup: code + secret gives a masked view; a wrong secret answers like an unknown code', async () => {
      const p = CATALOG[0]!;
      const d = (
        await post(`/api/v1/centers/${slug}/dossiers`, 'receiver', { procedureCode: p.code, applicant: citizen })
      ).json();
      const ok = await get(`/api/v1/public/dossiers/${d.code}?secret=${d.lookupSecret.toLowerCase()}`);
      assert.equal(ok.statusCode, 200);
      const v = ok.json();
      assert.equal(v.applicant, 'Nguyễn V. A.');
      assert.equal(v.statusLabel, 'Được tiếp nhận');
      for (const secret of ['031086001234', '0912345678', '345678', 'Thôn Đông', 'Nguyễn Văn An'])
        assert.ok(!ok.body.includes(secret), `leaks ${secret}`);
      const wrong = await get(`/api/v1/public/dossiers/${d.code}?secret=AAAAAA`);
      const unknown = await get(`/api/v1/public/dossiers/${agency}-000000-9999?secret=AAAAAA`);
      assert.equal(wrong.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      assert.equal(wrong.json().error.message, unknown.json().error.message);
    });
  });
}
