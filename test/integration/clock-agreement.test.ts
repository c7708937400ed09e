/**
 * One clock, one verdict (issue 11): a property-based test. fast-check generates random event
 * histories — supplements, second supplements, payment pauses, hand-offs, withdrawals (before and
 * after acceptance), stops, refusals, re-appointments, online intake at status 1, procedures
 * without a fixed time limit (with and without an officer's appointment) — and writes them
 * through the real service into one database per engine (many histories per database, so it
 * stays fast). Then, for every month the histories touch:
 *  - every dossier figure of the monthly report equals the length of its own drill-down;
 *  - the report's verdict sets (SQL aggregates + drill-down SQL) equal the sets the clock module
 *    (clock.ts) gives dossier by dossier, judged at the report's instant;
 *  - the deadline monitor (now) agrees with the clock and with the current month's open figures;
 *  - the DVCQG export carries the facts DVCQG judges with: the verdict recomputed from the
 *    exported HoSo (NgayHenTra, NgayKetThucXuLy, supplements) equals the module's.
 * HISTORIES (default 2000) per database; CI runs SQLite and PostgreSQL (TEST_DATABASE_URL).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeCenter } from '../support/factories.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { toLocal, type WorkCalendar } from '../../src/core/calendar/index.ts';
import { readCatalogFile } from '../../src/features/catalog/import-file.ts';
import { loadInitialCatalog } from '../../src/features/catalog/service.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { act, deadlineMonitor, intake } from '../../src/features/dossiers/service.ts';
import { canTransition, isStatus, type DossierAction } from '../../src/features/dossiers/model.ts';
import { NO_APPOINTMENT, clockAt, type Clock, type ClockEvent } from '../../src/features/dossiers/workflow/clock.ts';
import { exportHoSoPeriod } from '../../src/features/dossiers/dvcqg/dvcqg-service.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { figureDossiers } from '../../src/features/reports/service.ts';
import { monthPeriod } from '../../src/features/reports/periods.ts';
import { instantBounds } from '../../src/core/figures.ts';
import { must, verdictFromHoSo } from '../support/clock.ts';

const HISTORIES = Number(process.env.CLOCK_HISTORIES ?? 2000);
const CATALOG = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const P3 = '1.004837'; // 3 working days
const SAME = '2.000815'; // same day (Tue/Fri same-day service), 15:00 cut-off
const NOFIX = '2.002913'; // no fixed amount: "theo thời hạn của cơ quan liên thông"
const START = new Date('2026-09-01T01:00:00Z'); // Tue 01/09/2026 08:00 in Vietnam
const NOW = new Date('2026-11-25T03:30:00Z'); // Wed 25/11/2026 10:30
const MONTHS = [9, 10, 11];
const MIN = 60_000;

const ACTION_POOL: DossierAction[] = [
  'handoff',
  'request_supplement',
  'complete_supplement',
  'request_supplement',
  'complete_supplement',
  'request_supplement',
  'mark_processed',
  'return_result',
  'accept',
  'request_payment',
  'confirm_payment',
  'extend',
  'mark_processed',
  'return_result',
  'withdraw',
  'stop',
  'refuse',
  'guide',
  'accept',
];

interface History {
  procedure: 'p3' | 'same' | 'nofix' | 'nofixGiven';
  online: boolean;
  startMinutes: number;
  steps: { action: DossierAction; gapMinutes: number; online: boolean; gateway: boolean }[];
}

const historyArb: fc.Arbitrary<History> = fc.record({
  procedure: fc.constantFrom('p3', 'p3', 'same', 'nofix', 'nofixGiven'),
  online: fc.boolean(),
  startMinutes: fc.integer({ min: 0, max: 85 * 24 * 60 }),
  steps: fc.array(
    fc.record({
      action: fc.constantFrom(...ACTION_POOL),
      gapMinutes: fc.oneof(
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 240, max: 4 * 24 * 60 }),
        fc.integer({ min: 4 * 24 * 60, max: 12 * 24 * 60 }),
      ),
      online: fc.boolean(),
      gateway: fc.boolean(),
    }),
    { minLength: 0, maxLength: 9 },
  ),
});

function payloadOf(
  action: DossierAction,
  s: History['steps'][number],
  now: Date,
  due: string,
): Record<string, unknown> {
  switch (action) {
    case 'handoff':
      return { to: 'Công chức Tư pháp – Hộ tịch' };
    case 'request_supplement':
      return { reason: 'Thiếu giấy tờ', components: ['Bản sao giấy tờ'] };
    case 'request_payment':
      return { amount: 2000 };
    case 'confirm_payment':
      return { method: s.online ? 'online' : 'cash', ...(s.gateway ? { gateway: 'dvcqg' } : {}) };
    case 'extend': {
      const base = Math.max(now.getTime(), new Date(due).getTime());
      return { reason: 'Cần xác minh', newDueAt: new Date(base + 3 * 24 * 60 * MIN).toISOString() };
    }
    case 'refuse':
    case 'guide':
    case 'stop':
      return { reason: 'Lý do thử nghiệm' };
    case 'withdraw':
      return { reason: 'Công dân rút' };
    case 'return_result':
      return { method: 'desk' };
    case 'mark_processed':
      return { result: 'Đã có kết quả' };
    default:
      return {};
  }
}

for (const { name, fresh } of DATABASES) {
  describe(`one clock: report, drill-down, monitor and DVCQG export agree on random histories (${name})`, () => {
    let t: TestDb;
    let clock = START;
    let slug = '';
    let cal: WorkCalendar;
    const written: string[] = [];

    before(async () => {
      t = await fresh(() => clock);
      const c = await makeCenter(t.deps);
      slug = c.slug;
      await loadInitialCatalog(t.deps, SYSTEM_ACTOR, slug, 'test', CATALOG);
      cal = await calendarOf(t.deps, await getCenter(t.deps, slug));
      const histories = fc.sample(historyArb, { numRuns: HISTORIES, seed: 20261207 });
      for (const h of histories) {
        clock = new Date(START.getTime() + h.startMinutes * MIN);
        if (clock >= NOW) continue;
        const code = h.procedure === 'p3' ? P3 : h.procedure === 'same' ? SAME : NOFIX;
        let d = await intake(t.deps, SYSTEM_ACTOR, slug, {
          procedureCode: code,
          applicant: { fullName: 'Nguyễn Thị Y', phone: '0912345678' },
          channel: h.online ? 'online' : 'direct',
          submittedOnline: h.online,
          vneidVerified: h.online && h.startMinutes % 3 === 0,
          fromCitizenStore: h.startMinutes % 5 === 0,
          populationData: h.startMinutes % 7 === 0,
          dueAt:
            h.procedure === 'nofixGiven' && !h.online
              ? new Date(clock.getTime() + 10 * 24 * 60 * MIN).toISOString()
              : undefined,
        });
        written.push(d.code);
        for (const s of h.steps) {
          const at = new Date(clock.getTime() + s.gapMinutes * MIN);
          if (at >= NOW) break;
          if (!isStatus(d.status) || !canTransition(s.action, d.status)) continue;
          // At most one re-appointment (centre setting); none without an appointment.
          if (s.action === 'extend' && (d.extendedDueAt || d.noAppointment)) continue;
          clock = at;
          d = await act(t.deps, SYSTEM_ACTOR, d.code, s.action, payloadOf(s.action, s, at, d.extendedDueAt ?? d.dueAt));
        }
      }
      clock = NOW;
    });
    after(async () => t.close());

    /** Every written dossier's clock at `at`, by code, with its row. */
    async function clocksAt(at: Date) {
      const rows = await t.deps.db.selectFrom('dossier').selectAll().where('code', 'in', written).execute();
      const events = await t.deps.db
        .selectFrom('dossier_event')
        .select(['dossier_id', 'action', 'at', 'from_status', 'to_status', 'data'])
        .where(
          'dossier_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('dossier_id')
        .orderBy('seq')
        .execute();
      const by = new Map<number, ClockEvent[]>();
      for (const e of events) {
        const l = by.get(e.dossier_id) ?? [];
        l.push({
          action: e.action,
          at: e.at,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          data: JSON.parse(e.data) as Record<string, unknown>,
        });
        by.set(e.dossier_id, l);
      }
      return rows.map((r) => ({
        row: r,
        clock: clockAt(cal, { receivedAt: r.received_at, dueAt: r.due_at, events: by.get(r.id) ?? [] }, at),
      }));
    }

    const list = async (figure: string, month: number, part?: 'denominator') => {
      const r = await figureDossiers(t.deps, SYSTEM_ACTOR, slug, figure, part, monthPeriod(2026, month), 1, 5000);
      assert.ok(r.total <= 5000, 'one page holds the month');
      assert.equal(r.rows.length, r.total, `${figure}: the page lists every dossier`);
      return new Set(r.rows.map((x) => x.code));
    };
    const sorted = (s: Iterable<string>) => [...s].sort();

    test(`${HISTORIES} histories written; the variety the property needs is there`, async () => {
      assert.ok(written.length > HISTORIES * 0.95, `${written.length} dossiers`);
      const all = await clocksAt(NOW);
      const seen = new Set(all.map((x) => x.clock.verdict));
      for (const v of ['awaiting', 'not_counted', 'early', 'on_time', 'late', 'in_time', 'overdue'])
        assert.ok(seen.has(v as Clock['verdict']), `some dossier is ${v}`);
      assert.ok(all.some((x) => x.clock.supplementCount > 1));
      assert.ok(all.some((x) => x.clock.state === 'paused'));
      assert.ok(all.some((x) => x.row.due_at === NO_APPOINTMENT));
      assert.ok(all.some((x) => x.row.status === 7 && x.clock.counted));
      assert.ok(all.some((x) => x.row.status === 7 && !x.clock.counted));
    });

    for (const m of MONTHS) {
      test(`month ${m}/2026: each figure equals its drill-down, and the verdict sets equal the clock's`, async () => {
        const period = monthPeriod(2026, m);
        const { fromIso, toIso } = instantBounds(period);
        const asOf = new Date(Math.min(NOW.getTime(), new Date(toIso).getTime()));
        const stats = await computeMonthlyStatistics(t.deps, [(await getCenter(t.deps, slug)).id], period);
        for (const f of stats.figures) {
          if (f.source || !f.drill) continue;
          if (f.drill.value) assert.equal((await list(f.key, m)).size, f.value, `${f.key} = its drill-down`);
          if (f.drill.numerator) assert.equal((await list(f.key, m)).size, f.numerator, `${f.key} numerator`);
          if (f.drill.denominator)
            assert.equal((await list(f.key, m, 'denominator')).size, f.denominator, `${f.key} denominator`);
        }
        const all = await clocksAt(asOf);
        const endedIn = (e: string | null) => e !== null && e >= fromIso && e < toIso;
        const want = {
          late: new Set<string>(),
          good: new Set<string>(),
          openWithin: new Set<string>(),
          openOverdue: new Set<string>(),
        };
        for (const { row, clock: c } of all) {
          if (!c.counted) continue;
          if (endedIn(row.ended_at) && [7, 8, 9, 10].includes(row.status)) {
            if ([9, 10].includes(row.status)) (c.good ? want.good : want.late).add(row.code);
          } else if (row.local_day <= period.to && (row.ended_at === null || row.ended_at >= toIso))
            (c.good ? want.openWithin : want.openOverdue).add(row.code);
        }
        assert.deepEqual(sorted(await list('resolvedLate', m)), sorted(want.late), 'resolved late = the clock');
        const early = await list('resolvedEarly', m);
        const onDay = await list('resolvedOnTime', m);
        assert.deepEqual(sorted([...early, ...onDay]), sorted(want.good), 'resolved early/on the day = the clock');
        assert.deepEqual(
          sorted(await list('openWithin', m)),
          sorted(want.openWithin),
          'in progress within = the clock',
        );
        assert.deepEqual(
          sorted(await list('openOverdue', m)),
          sorted(want.openOverdue),
          'in progress past = the clock',
        );
        const num = await list('onTimeRate', m);
        const den = await list('onTimeRate', m, 'denominator');
        const wantDen = all.filter(
          ({ row, clock: c }) =>
            c.counted &&
            ((endedIn(row.ended_at) && [7, 8, 9, 10].includes(row.status)) ||
              (row.local_day <= period.to && (row.ended_at === null || row.ended_at >= toIso))),
        );
        assert.deepEqual(sorted(den), sorted(wantDen.map((x) => x.row.code)), '766 denominator = the clock');
        assert.deepEqual(
          sorted(num),
          sorted(wantDen.filter((x) => x.clock.good).map((x) => x.row.code)),
          '766 numerator = the clock',
        );

        // The DVCQG export, dossier by dossier: DVCQG's own judgement from the payload is the module's.
        const hoso = await exportHoSoPeriod(t.deps, SYSTEM_ACTOR, slug, period.from, period.to);
        const byCode = new Map(all.map((x) => [x.row.code, x]));
        for (const h of hoso) {
          const mine = must(byCode.get(h.MaHoSo));
          if (!mine.clock.counted) continue;
          const theirs = verdictFromHoSo(cal, h, asOf);
          assert.equal(theirs.good, mine.clock.good, `${h.MaHoSo}: DVCQG would judge as the desk does`);
          assert.equal(theirs.finished, mine.clock.finished, `${h.MaHoSo}: ended or not`);
        }
      });
    }

    test('the deadline monitor (now) agrees with the clock and with the current month', async () => {
      const mon = await deadlineMonitor(t.deps, SYSTEM_ACTOR, slug);
      const all = await clocksAt(NOW);
      const codes = (l: { code: string }[]) => sorted(l.map((x) => x.code));
      assert.deepEqual(
        codes(mon.awaitingAcceptance),
        sorted(all.filter((x) => x.clock.state === 'awaiting_acceptance').map((x) => x.row.code)),
      );
      assert.deepEqual(codes(mon.paused), sorted(all.filter((x) => x.clock.state === 'paused').map((x) => x.row.code)));
      assert.deepEqual(
        codes(mon.overdue),
        sorted(all.filter((x) => x.clock.state === 'running' && !x.clock.good).map((x) => x.row.code)),
      );
      for (const d of mon.overdue) assert.ok(d.status !== 5 && d.status !== 1, 'never a paused or awaiting dossier');
      const today = toLocal(NOW).date;
      for (const d of mon.dueToday) assert.equal(toLocal(new Date(must(d.effectiveDueAt))).date <= today, true);
      // The current month's "in progress past the limit" = overdue on the monitor + paused ones already late.
      const pausedLate = mon.paused.filter((x) => x.verdict === 'late' || x.verdict === 'overdue');
      assert.deepEqual(sorted(await list('openOverdue', 11)), sorted([...codes(mon.overdue), ...codes(pausedLate)]));
      const within = await list('openWithin', 11);
      for (const d of [...mon.dueToday, ...mon.dueNextWorkingDay, ...mon.later]) assert.ok(within.has(d.code), d.code);
    });
  });
}
