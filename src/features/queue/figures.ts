/** Month figures of the queue for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import { getCenterById } from '../centers/index.ts';
import { settingsOf } from '../centers/index.ts';
import * as repo from './repo.ts';
import { DEFAULT_TARGET_WAIT_MINUTES, breakdown, type Metrics } from './model.ts';

/** Waits in minutes; rates in 0..1, null when nothing to divide. */
export interface QueueFigures {
  tickets: number;
  served: number;
  avgWaitMinutes: number | null;
  withinTargetRate: number | null;
  /** Added: tickets called at least once (the base of the wait figures), no-shows, priority tickets. */
  called: number;
  skipped: number;
  priority: number;
  avgServiceMinutes: number | null;
  /** Added: the centre's same-day weekdays (“thứ 6 không chờ”) apart from the other days. */
  sameDayDays: { tickets: number; avgWaitMinutes: number | null; withinTargetRate: number | null };
  otherDays: { tickets: number; avgWaitMinutes: number | null; withinTargetRate: number | null };
}

interface Sum {
  tickets: number;
  served: number;
  skipped: number;
  priority: number;
  called: number;
  wait: number;
  within: number;
  service: number;
  serviceN: number;
}
const empty = (): Sum => ({
  tickets: 0,
  served: 0,
  skipped: 0,
  priority: 0,
  called: 0,
  wait: 0,
  within: 0,
  service: 0,
  serviceN: 0,
});
function addM(s: Sum, m: Metrics): void {
  s.tickets += m.tickets;
  s.served += m.served;
  s.skipped += m.skipped;
  s.priority += m.priority;
  s.called += m.called;
  s.wait += (m.avgWaitMinutes ?? 0) * m.called;
  s.within += m.withinTarget;
  // avgServiceMinutes is over served tickets with both instants: weight by served.
  if (m.avgServiceMinutes !== null) {
    s.service += m.avgServiceMinutes * m.served;
    s.serviceN += m.served;
  }
}
const r1 = (x: number) => Math.round(x * 10) / 10;
const part = (s: Sum) => ({
  tickets: s.tickets,
  avgWaitMinutes: s.called ? r1(s.wait / s.called) : null,
  withinTargetRate: s.called ? s.within / s.called : null,
});

/** Tickets of the centres issued in the range (Vietnam days), each centre judged against its own target wait. */
export async function queueFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<QueueFigures> {
  const [rows, settings] = await Promise.all([
    repo.figureRows(deps.db, centerIds, range.from, range.to),
    repo.settingsFor(deps.db, centerIds),
  ]);
  const target = new Map(settings.map((s) => [s.center_id, s.target_wait_minutes]));
  const total = empty();
  const same = empty();
  const other = empty();
  for (const id of centerIds) {
    const mine = rows.filter((r) => r.center_id === id);
    if (!mine.length) continue;
    const center = await getCenterById(deps, id);
    const b = breakdown(mine, target.get(id) ?? DEFAULT_TARGET_WAIT_MINUTES, settingsOf(center).sameDayWeekdays);
    addM(total, b.total);
    addM(same, b.sameDayDays);
    addM(other, b.otherDays);
  }
  return {
    tickets: total.tickets,
    served: total.served,
    avgWaitMinutes: part(total).avgWaitMinutes,
    withinTargetRate: part(total).withinTargetRate,
    called: total.called,
    skipped: total.skipped,
    priority: total.priority,
    avgServiceMinutes: total.serviceN ? r1(total.service / total.serviceN) : null,
    sameDayDays: part(same),
    otherDays: part(other),
  };
}
