/**
 * On the demo (issue 11, "done when"): for every month of the demo year, the monthly report and
 * its drill-down, the tracking book, the DVCQG export and the deadline monitor give the same
 * late / on-time sets, and each is the set the one clock (clock.ts) gives dossier by dossier.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATABASES, type TestDb } from '../support/db.ts';
import { makeToken, makeUser } from '../support/factories.ts';
import { must, verdictFromHoSo } from '../support/clock.ts';
import { SYSTEM_ACTOR } from '../../src/core/auth/access.ts';
import { resolveApiToken } from '../../src/core/auth/service.ts';
import type { WorkCalendar } from '../../src/core/calendar/index.ts';
import { instantBounds } from '../../src/core/figures.ts';
import { getCenter } from '../../src/features/centers/service.ts';
import { calendarOf } from '../../src/features/calendar/service.ts';
import { loadDemo, DEMO_SLUG } from '../../src/features/demo/service.ts';
import { bookRows, deadlineMonitor } from '../../src/features/dossiers/service.ts';
import { clockAt, type Clock, type ClockEvent } from '../../src/features/dossiers/workflow/clock.ts';
import { exportHoSoPeriod } from '../../src/features/dossiers/dvcqg/dvcqg-service.ts';
import { figureDossiers } from '../../src/features/reports/service.ts';
import { computeMonthlyStatistics } from '../../src/features/reports/statistics.ts';
import { monthPeriod } from '../../src/features/reports/periods.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const sorted = (s: Iterable<string>) => [...s].sort();

for (const { name, fresh } of DATABASES) {
  describe(`the demo tells one truth (${name})`, () => {
    let t: TestDb;
    let cal: WorkCalendar;
    let centerId = 0;
    before(async () => {
      t = await fresh(() => NOW);
      await loadDemo(t.deps);
      const center = await getCenter(t.deps, DEMO_SLUG);
      centerId = center.id;
      cal = await calendarOf(t.deps, center);
    });
    after(async () => t.close());

    async function clocks(at: Date) {
      const rows = await t.deps.db.selectFrom('dossier').selectAll().where('center_id', '=', centerId).execute();
      const events = await t.deps.db
        .selectFrom('dossier_event')
        .select(['dossier_id', 'action', 'at', 'from_status', 'to_status', 'data'])
        .where('center_id', '=', centerId)
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

    test('every month: report = drill-down = clock; tracking book and DVCQG export judge each dossier alike', async () => {
      const director = await makeUser(t.deps, centerId, ['director']);
      const actor = must(await resolveApiToken(t.deps, await makeToken(t.deps, director.username)));
      const now = await clocks(NOW);
      const byCode = new Map(now.map((x) => [x.row.code, x.clock]));
      let late = 0;
      for (let m = 1; m <= 11; m++) {
        const period = monthPeriod(2026, m);
        const { fromIso, toIso } = instantBounds(period);
        const asOf = new Date(Math.min(NOW.getTime(), new Date(toIso).getTime()));
        const list = async (figure: string, part?: 'denominator') => {
          const r = await figureDossiers(t.deps, SYSTEM_ACTOR, DEMO_SLUG, figure, part, period, 1, 5000);
          return new Set(r.rows.map((x) => x.code));
        };
        const stats = await computeMonthlyStatistics(t.deps, [centerId], period);
        const fig = (k: string) => must(stats.figures.find((f) => f.key === k));
        const all = await clocks(asOf);
        const want = {
          late: new Set<string>(),
          good: new Set<string>(),
          within: new Set<string>(),
          past: new Set<string>(),
        };
        for (const { row, clock: c } of all) {
          if (!c.counted) continue;
          const endedIn = row.ended_at !== null && row.ended_at >= fromIso && row.ended_at < toIso;
          if (endedIn && [9, 10].includes(row.status)) (c.good ? want.good : want.late).add(row.code);
          else if (!endedIn && row.local_day <= period.to && (row.ended_at === null || row.ended_at >= toIso))
            (c.good ? want.within : want.past).add(row.code);
        }
        const resolvedLate = await list('resolvedLate');
        assert.equal(resolvedLate.size, fig('resolvedLate').value, `${m}: figure = drill-down`);
        assert.deepEqual(sorted(resolvedLate), sorted(want.late), `${m}: late = the clock`);
        const good = [...(await list('resolvedEarly')), ...(await list('resolvedOnTime'))];
        assert.equal(good.length, Number(fig('resolvedEarly').value) + Number(fig('resolvedOnTime').value));
        assert.deepEqual(sorted(good), sorted(want.good), `${m}: early/on time = the clock`);
        assert.deepEqual(sorted(await list('openWithin')), sorted(want.within), `${m}: within`);
        assert.deepEqual(sorted(await list('openOverdue')), sorted(want.past), `${m}: past the limit`);
        assert.equal((await list('returned')).size, fig('returned').value, `${m}: returned = its list`);
        late += want.late.size;
        // An ended dossier's verdict never changes: the book (judged now) says what the report said.
        const book = await bookRows(t.deps, actor, period.from, period.to);
        for (const { view } of book.rows) {
          if (want.late.has(view.code)) assert.equal(view.verdict, 'late', `${view.code}: book = report`);
          if (want.good.has(view.code)) assert.ok(['early', 'on_time'].includes(String(view.verdict)), view.code);
          assert.equal(view.verdict, must(byCode.get(view.code)).verdict, `${view.code}: book = clock`);
        }
        const hoso = await exportHoSoPeriod(t.deps, SYSTEM_ACTOR, DEMO_SLUG, period.from, period.to);
        for (const h of hoso) {
          const mine: Clock = must(byCode.get(h.MaHoSo));
          if (!mine.counted) continue;
          const theirs = verdictFromHoSo(cal, h, NOW);
          assert.equal(theirs.good, mine.good, `${h.MaHoSo}: DVCQG judges as the desk`);
        }
      }
      assert.ok(late > 20, `the demo year has late dossiers (${late})`);
      // The monitor today = the clock today = this month's "past the limit".
      const mon = await deadlineMonitor(t.deps, SYSTEM_ACTOR, DEMO_SLUG);
      const overdueNow = now.filter((x) => x.clock.state === 'running' && !x.clock.good).map((x) => x.row.code);
      assert.deepEqual(sorted(mon.overdue.map((x) => x.code)), sorted(overdueNow));
      const pausedLate = mon.paused.filter((x) => x.verdict === 'late' || x.verdict === 'overdue').map((x) => x.code);
      const nov = await figureDossiers(
        t.deps,
        SYSTEM_ACTOR,
        DEMO_SLUG,
        'openOverdue',
        undefined,
        monthPeriod(2026, 11),
        1,
        5000,
      );
      assert.deepEqual(sorted(nov.rows.map((x) => x.code)), sorted([...overdueNow, ...pausedLate]));
      assert.ok(
        mon.awaitingAcceptance.length > 0 && !mon.overdue.some((x) => x.status === 1 || x.status === 5),
        'status 1 awaits acceptance, status 5 is paused: neither is "overdue"',
      );
    });
  });
}
