/**
 * Roll-ups of closed months (issue 13 item 2, decision 038): for every month of the demo year and
 * of a generated 3-year centre, what a report reads (stored months + computed head/tail) equals
 * the full computation — also for quarters, state months, years; after late events touch closed
 * months (a refusal, a supplement request, a withdrawal, a return, a digitisation upload); after
 * a rebuild; after a holiday is recorded. Each report figure equals the length of its drill-down.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { DATABASES, type TestDb } from '../support/db.ts';
import { must } from '../support/clock.ts';
import { makeCenter } from '../support/factories.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf, recordNotice } from '../../src/features/calendar/service.ts';
import { loadDemo, DEMO_SLUG } from '../../src/features/demo/service.ts';
import { loadDossierHistory } from '../../src/features/demo/dossiers.ts';
import { act, intake } from '../../src/features/dossiers/service.ts';
import { computeParts, type ReportParts } from '../../src/features/reports/parts.ts';
import { buildRollups, calendarPrint, reportParts } from '../../src/features/reports/rollups.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { figureDossiers } from '../../src/features/reports/service.ts';
import {
  monthPeriod,
  quarterPeriod,
  stateMonthPeriod,
  stateYearPeriod,
  yearPeriod,
} from '../../src/features/reports/periods.ts';
import type { DayRange } from '../../src/core/figures.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;

/** Parts in a canonical order, without zero rows (both paths may or may not list a dossier-less row). */
function canon(p: ReportParts) {
  return {
    centres: p.centres
      .filter(
        (c) => c.returned || c.supplementRequests || Object.values({ ...c.sums, ...c.judged }).some((v) => v !== 0),
      )
      .map((c) => JSON.stringify([c.centerId, c.sums, c.judged, c.returned, c.supplementRequests]))
      .sort(),
    received: p.received
      .filter((x) => x.received)
      .map((x) => `${x.centerId}|${x.procedureVersionId}|${x.procedureId}|${x.channel}|${x.received}`)
      .sort(),
    pays: p.pays
      .filter((x) => x.paid || x.paidOnline)
      .map((x) => `${x.centerId}|${x.procedureId}|${x.paid}|${x.paidOnline}`)
      .sort(),
  };
}

function monthsBetween(fromY: number, fromM: number, toY: number, toM: number) {
  const out: DayRange[] = [];
  for (let y = fromY, m = fromM; y < toY || (y === toY && m <= toM); m === 12 ? ((m = 1), y++) : m++)
    out.push(monthPeriod(y, m));
  return out;
}

for (const { name, fresh } of DATABASES) {
  describe(`report roll-ups (${name})`, () => {
    let t: TestDb;
    let now = NOW;
    let demoId = 0;
    let genId = 0;
    before(async () => {
      t = await fresh(() => now);
      await loadDemo(t.deps);
      demoId = (await getCenter(t.deps, DEMO_SLUG)).id;
      const c = await makeCenter(t.deps);
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, c.slug, 'thử', CATALOG);
      await loadDossierHistory(t.deps, c.slug, { from: '2023-12-01', to: '2026-11-25', perDay: 3, seed: 38, now: NOW });
      genId = c.id;
    });
    after(async () => t.close());

    const same = async (ids: number[], range: DayRange, what: string) => {
      const full = canon(await computeParts(t.deps, ids, range));
      const read = canon(await reportParts(t.deps, ids, range));
      assert.deepEqual(read, full, `${what} ${range.from}…${range.to}`);
      return full;
    };
    const stored = async (centerId: number) =>
      (
        await t.deps.db
          .selectFrom('report_rollup')
          .select(['month', 'dirty', 'data'])
          .where('center_id', '=', centerId)
          .orderBy('month')
          .execute()
      ).filter((r) => r.data !== null);

    test('demo year: every month, quarter, state month and the year read from roll-ups equal the full computation', async () => {
      for (const p of monthsBetween(2025, 12, 2026, 11)) await same([demoId], p, 'month');
      for (let q = 1; q <= 4; q++) await same([demoId], quarterPeriod(2026, q), 'quarter');
      for (let m = 1; m <= 11; m++) await same([demoId], stateMonthPeriod(2026, m), 'state month');
      await same([demoId], yearPeriod(2026), 'year');
      await same([demoId], stateYearPeriod(2026), 'state year');
      const rows = await stored(demoId);
      assert.ok(rows.length >= 10, `closed months stored (${rows.length})`);
      assert.ok(
        rows.every((r) => r.dirty === 0),
        'stored months are clean',
      );
      assert.ok(!rows.some((r) => r.month === '2026-11'), 'the open month is never stored');
    });

    test('a stored month is what a report reads (not recomputed while clean)', async () => {
      const month = monthPeriod(2026, 6);
      const before = await computeMonthlyStatistics(t.deps, [demoId], month);
      const row = must((await stored(demoId)).find((r) => r.month === '2026-06'));
      const data = JSON.parse(must(row.data)) as { s: number[]; r: number };
      data.s[1] = must(data.s[1]) + 1000; // received (GROUP_FIELDS order)
      data.r += 7; // results returned
      await t.deps.db
        .updateTable('report_rollup')
        .set({ data: JSON.stringify(data) })
        .where('center_id', '=', demoId)
        .where('month', '=', '2026-06')
        .execute();
      const tampered = await computeMonthlyStatistics(t.deps, [demoId], month);
      assert.equal(tampered.counts.received, before.counts.received + 1000);
      assert.equal(tampered.counts.returned, before.counts.returned + 7);
      await t.deps.db
        .updateTable('report_rollup')
        .set({ data: row.data })
        .where('center_id', '=', demoId)
        .where('month', '=', '2026-06')
        .execute();
    });

    test('3-year generated centre: all 36 months, the years and a province of two read from roll-ups equal the full computation', async () => {
      for (const p of monthsBetween(2023, 12, 2026, 11)) await same([genId], p, 'month');
      for (const y of [2024, 2025, 2026]) await same([genId], yearPeriod(y), 'year');
      await same([demoId, genId], yearPeriod(2026), 'two centres, year');
      await same([demoId, genId], monthPeriod(2026, 3), 'two centres, month');
      assert.ok((await stored(genId)).length >= 35);
    });

    test('late events touching closed months: the touched months are recomputed and still equal the full computation', async () => {
      const before = await computeParts(t.deps, [demoId], monthPeriod(2026, 9));
      const done: string[] = [];
      const errors: string[] = [];
      const tryAct = async (code: string, action: string, payload: Record<string, unknown>) => {
        try {
          await act(t.deps, SYSTEM_ACTOR, code, action, payload);
          done.push(action);
          return true;
        } catch (e) {
          errors.push(`${action}: ${String(e)}`);
          return false;
        }
      };
      // Today: results returned now of dossiers processed in closed months (a late return).
      const processed = await t.deps.db
        .selectFrom('dossier')
        .select('code')
        .where('center_id', '=', demoId)
        .where('status', '=', 9)
        .where('local_day', '<=', '2026-10-31')
        .orderBy('id')
        .limit(3)
        .execute();
      for (const r of processed) await tryAct(r.code, 'return_result', { method: 'desk' });
      // Back-dated (a paper register typed in later): dossiers received in September and their later
      // steps, recorded with the clock of the day they happened; September and October are closed.
      const at = (iso: string) => (now = new Date(iso));
      const codes: string[] = [];
      for (let k = 0; k < 6; k++) {
        at(`2026-09-${String(8 + k).padStart(2, '0')}T02:00:00Z`);
        const d = await intake(t.deps, SYSTEM_ACTOR, DEMO_SLUG, {
          procedureCode: k % 2 ? '1.004837' : '1.000689',
          applicant: { fullName: 'Trần Thị Bình', phone: '0987654321' },
          channel: 'direct',
          components: [{ name: 'Tờ khai', originals: 1, copies: 0, digitised: false, reused: false }],
        });
        codes.push(d.code);
      }
      at('2026-09-15T03:00:00Z');
      await tryAct(must(codes[0]), 'request_supplement', { reason: 'Thiếu bản sao' });
      await tryAct(must(codes[1]), 'request_supplement', { reason: 'Thiếu bản sao' });
      at('2026-09-16T03:00:00Z');
      await tryAct(must(codes[2]), 'withdraw', { reason: 'Công dân xin rút' });
      await tryAct(must(codes[3]), 'mark_processed', {});
      at('2026-09-22T03:00:00Z');
      await tryAct(must(codes[1]), 'complete_supplement', {});
      at('2026-10-05T03:00:00Z');
      await tryAct(must(codes[1]), 'request_supplement', { reason: 'Thiếu lần hai' });
      await tryAct(must(codes[4]), 'stop', { reason: 'Dừng theo đề nghị' });
      at('2026-10-06T03:00:00Z');
      await tryAct(must(codes[3]), 'return_result', { method: 'desk' });
      now = NOW;
      assert.ok(done.length >= 6, `late events recorded (${done.join(', ')}) ${errors.slice(0, 3).join('; ')}`);
      const after = await computeParts(t.deps, [demoId], monthPeriod(2026, 9));
      assert.notDeepEqual(canon(after), canon(before), 'the events changed a closed month');
      const dirty = await t.deps.db
        .selectFrom('report_rollup')
        .select('month')
        .where('center_id', '=', demoId)
        .where('dirty', '=', 1)
        .execute();
      assert.ok(
        dirty.some((d) => d.month === '2026-09'),
        'the triggers marked September dirty',
      );
      for (const p of monthsBetween(2025, 12, 2026, 11)) await same([demoId], p, 'after late events, month');
      for (const p of monthsBetween(2023, 12, 2026, 11)) await same([genId], p, 'after late events, month');
      await same([demoId], yearPeriod(2026), 'after late events, year');
      await same([demoId, genId], yearPeriod(2026), 'after late events, two centres');
      assert.ok((await stored(demoId)).every((r) => r.dirty === 0));
    });

    test('a hand-written UPDATE of a dossier in a closed month also marks it (triggers, not only the desk)', async () => {
      const d = await t.deps.db
        .selectFrom('dossier')
        .select(['id'])
        .where('center_id', '=', demoId)
        .where('local_day', '>=', '2026-05-01')
        .where('local_day', '<=', '2026-05-31')
        .where('status', '<>', 3)
        .where('digitised', '=', 0)
        .executeTakeFirstOrThrow();
      await sql`UPDATE dossier SET digitised = 1 WHERE id = ${d.id}`.execute(t.deps.db);
      const may = await same([demoId], monthPeriod(2026, 5), 'after an upload-like change');
      assert.ok(may.centres.length > 0);
    });

    test('a hand-written move of a dossier to another month, and an event deleted or changed by hand, mark both months', async () => {
      for (const m of [3, 4, 6]) await same([demoId], monthPeriod(2026, m), 'before the hand edits');
      const moved = await t.deps.db
        .selectFrom('dossier')
        .select(['id'])
        .where('center_id', '=', demoId)
        .where('local_day', '>=', '2026-04-01')
        .where('local_day', '<=', '2026-04-30')
        .where('status', '=', 10)
        .executeTakeFirstOrThrow();
      await sql`UPDATE dossier SET local_day = '2026-06-15', received_at = '2026-06-15T02:00:00.000Z' WHERE id = ${moved.id}`.execute(
        t.deps.db,
      );
      const touched = await t.deps.db
        .selectFrom('dossier_event')
        .innerJoin('dossier', 'dossier.id', 'dossier_event.dossier_id')
        .select(['dossier_event.id as id', 'dossier.id as dossierId'])
        .where('dossier.center_id', '=', demoId)
        .where('dossier.local_day', '>=', '2026-03-01')
        .where('dossier.local_day', '<=', '2026-03-31')
        .where('dossier.status', '=', 10)
        .orderBy('dossier_event.id', 'desc')
        .executeTakeFirstOrThrow();
      await sql`DELETE FROM dossier_event WHERE id = ${touched.id}`.execute(t.deps.db);
      for (const m of [3, 4, 6]) await same([demoId], monthPeriod(2026, m), 'after the hand edits');
    });

    test('a rebuild recomputes every closed month; reports still equal the full computation', async () => {
      const r = await buildRollups(t.deps, { rebuild: true });
      assert.ok(r.months >= 35, `${r.months} months`);
      assert.ok((await stored(genId)).every((x) => x.dirty === 0));
      for (const p of monthsBetween(2025, 12, 2026, 11)) await same([demoId], p, 'after rebuild, month');
      await same([genId], yearPeriod(2025), 'after rebuild, year');
    });

    test('a day off recorded in a closed month: the calendar fingerprint changes, the month is recomputed and equals the full computation', async () => {
      const center = await getCenter(t.deps, DEMO_SLUG);
      const print = calendarPrint(await calendarOf(t.deps, center), '2026-06');
      await recordNotice(t.deps, SYSTEM_ACTOR, DEMO_SLUG, {
        date: '2026-06-10',
        working: false,
        reason: 'Nghỉ theo thông báo',
        legalBasis: 'Thông báo số 01/TB-UBND ngày 01/06/2026',
      });
      assert.notEqual(calendarPrint(await calendarOf(t.deps, center), '2026-06'), print);
      const before = await t.deps.db
        .selectFrom('report_rollup')
        .select('computed_at')
        .where('center_id', '=', demoId)
        .where('month', '=', '2026-06')
        .executeTakeFirstOrThrow();
      now = new Date(NOW.getTime() + 60_000);
      for (const m of [5, 6, 7]) await same([demoId], monthPeriod(2026, m), 'after a day off');
      const afterRow = await t.deps.db
        .selectFrom('report_rollup')
        .select('computed_at')
        .where('center_id', '=', demoId)
        .where('month', '=', '2026-06')
        .executeTakeFirstOrThrow();
      assert.notEqual(afterRow.computed_at, before.computed_at, 'June was recomputed');
      now = NOW;
    });

    test('figures read from roll-ups equal the length of their drill-down lists (demo, closed months)', async () => {
      for (const m of [3, 9]) {
        const period = monthPeriod(2026, m);
        const s = await computeMonthlyStatistics(t.deps, [demoId], period);
        for (const f of s.figures) {
          if (f.source || !f.drill) continue;
          const len = async (part?: 'denominator') =>
            (await figureDossiers(t.deps, SYSTEM_ACTOR, DEMO_SLUG, f.key, part, period, 1, 5000)).total;
          if (f.drill.value) assert.equal(await len(), f.value, `${m}: ${f.key}`);
          if (f.drill.numerator) assert.equal(await len(), f.numerator, `${m}: ${f.key} numerator`);
          if (f.drill.denominator) assert.equal(await len('denominator'), f.denominator, `${m}: ${f.key} denominator`);
        }
      }
    });
  });
}
