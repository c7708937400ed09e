/**
 * The dossier parts of a report over a day range — THE computation (decision 038): the SQL sums per
 * (centre, procedure version, channel) (repo.groupSums), the single-supplement dossiers judged with
 * the desk's clock (clock.ts, through judgeSingles), and the payments. Roll-ups of closed months
 * (rollups.ts) store exactly what this returns for the month; open periods call it directly.
 */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import type { WorkCalendar } from '../../core/calendar/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import { clockAt, clockEventsByDossier } from '../dossiers/index.ts';
import * as repo from './repo.ts';

/** Buckets a single-supplement dossier can fall in after judge(). */
export type SingleBucket =
  'rEarly' | 'rOnTime' | 'rLate' | 'sOnTime' | 'sLate' | 'wOnTime' | 'wLate' | 'oWithin' | 'oOverdue';

export interface JudgedSingle {
  id: number;
  centerId: number;
  bucket: SingleBucket;
}

/** What a report reads of the dossiers (the rest — returns, supplement requests, apologies, care figures — are bounded counts read live). */
export interface ReportParts {
  groups: repo.GroupRow[];
  singles: JudgedSingle[];
  pays: repo.PaymentRow[];
}

export function boundsOf(range: DayRange, now: Date): repo.Bounds {
  const { fromIso, toIso } = instantBounds(range);
  const nowIso = now.toISOString();
  return { fromDay: range.from, toDay: range.to, fromIso, toIso, asOfIso: nowIso < toIso ? nowIso : toIso };
}

/** Judges the single-supplement dossiers with the desk's clock (clock.ts) at `asOf`, from their events. */
export async function judgeSingles(
  deps: Deps,
  rows: repo.SingleSupplementRow[],
  asOfIso: string,
): Promise<JudgedSingle[]> {
  const cals = new Map<number, WorkCalendar>();
  const out: JudgedSingle[] = [];
  const asOf = new Date(asOfIso);
  const events = await clockEventsByDossier(
    deps,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    let cal = cals.get(r.centerId);
    if (!cal) cals.set(r.centerId, (cal = await calendarOf(deps, await getCenterById(deps, r.centerId))));
    const c = clockAt(cal, { receivedAt: r.receivedAt, dueAt: r.dueAt, events: events.get(r.id) ?? [] }, asOf);
    if (!c.counted) continue;
    const late = !c.good;
    let bucket: SingleBucket;
    if (r.open) bucket = late ? 'oOverdue' : 'oWithin';
    else if (r.status === 8) bucket = late ? 'sLate' : 'sOnTime';
    else if (r.status === 7) bucket = late ? 'wLate' : 'wOnTime';
    else bucket = late ? 'rLate' : c.verdict === 'early' ? 'rEarly' : 'rOnTime';
    out.push({ id: r.id, centerId: r.centerId, bucket });
  }
  return out;
}

/** The full computation of the dossier parts of `centerIds` over `range`, judged at min(end of range, now). */
export async function computeParts(deps: Deps, centerIds: readonly number[], range: DayRange): Promise<ReportParts> {
  const b = boundsOf(range, deps.now());
  const [groups, singleRows, pays] = await Promise.all([
    repo.groupSums(deps.db, deps.dialect, centerIds, b),
    repo.singleSupplementRows(deps.db, deps.dialect, centerIds, b),
    repo.payments(deps.db, centerIds, b, deps.dialect),
  ]);
  return { groups, singles: await judgeSingles(deps, singleRows, b.asOfIso), pays };
}
