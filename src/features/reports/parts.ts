/**
 * The dossier parts of a report over a day range — THE computation (decision 038): the SQL sums per
 * (centre, procedure version, channel) (repo.groupSums), the single-supplement dossiers judged with
 * the desk's clock (clock.ts, through judgeSingles), the payments, the results returned and the
 * supplement requests made in the range. Roll-ups of closed months (rollups.ts) store exactly what
 * this returns for the month; open periods call it directly. Numbers only (decision 045): the
 * dossiers behind a figure are the drill-down's, computed on demand (service.ts drill).
 */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import type { WorkCalendar } from '../../core/calendar/index.ts';
import { calendarOf } from '../calendar/index.ts';
import type { Center } from '../../core/db/schema.ts';
import { getCenterById, listCenters } from '../centers/index.ts';
import { clockAt, clockEventsByDossier } from '../dossiers/index.ts';
import * as repo from './repo.ts';

/** Buckets a single-supplement dossier can fall in after judge(). */
export type SingleBucket =
  'rEarly' | 'rOnTime' | 'rLate' | 'sOnTime' | 'sLate' | 'wOnTime' | 'wLate' | 'oWithin' | 'oOverdue';
export const SINGLE_BUCKETS: readonly SingleBucket[] = [
  'rEarly',
  'rOnTime',
  'rLate',
  'sOnTime',
  'sLate',
  'wOnTime',
  'wLate',
  'oWithin',
  'oOverdue',
];

export interface JudgedSingle {
  id: number;
  centerId: number;
  bucket: SingleBucket;
}

/** Numeric fields of a group row (repo.groupSums), in stored order. */
export const GROUP_FIELDS = [
  'carried',
  'received',
  'digitised',
  'reused',
  'vneid',
  'refused',
  'resolved',
  'resolvedEResult',
  'withdrawn',
  'stopped',
  'rEarly',
  'rOnTime',
  'rLate',
  'sOnTime',
  'sLate',
  'wOnTime',
  'wLate',
  'oWithin',
  'oOverdue',
  'open',
  'sameDay',
  'sameDayMet',
] as const satisfies readonly (keyof repo.GroupRow)[];
export type GroupField = (typeof GROUP_FIELDS)[number];

/** What a report reads of one centre's dossiers over a range: numbers only (the lists are the drill-down's). */
export interface CentrePart {
  centerId: number;
  /** The group rows' fields summed over procedure versions and channels. */
  sums: Record<GroupField, number>;
  /** Single-supplement dossiers judged by the clock, per bucket. */
  judged: Record<SingleBucket, number>;
  /** Results returned in the range (status 10). */
  returned: number;
  /** Supplement requests made in the range (events). */
  supplementRequests: number;
}

/** Dossiers received in the range per (centre, procedure version, channel): what the channel and eligibility figures split by. */
export interface ReceivedRow {
  centerId: number;
  procedureVersionId: number;
  procedureId: number;
  channel: string;
  received: number;
}

/**
 * What a report reads of the dossiers (apologies and the care figures are bounded counts read
 * live). Numbers only, so that a stored month is small (decision 045): the per-centre sums, the
 * received dossiers split by procedure version and channel, the payments per procedure.
 */
export interface ReportParts {
  centres: CentrePart[];
  received: ReceivedRow[];
  pays: repo.PaymentRow[];
}

export function emptyCentrePart(centerId: number): CentrePart {
  const sums = {} as Record<GroupField, number>;
  for (const f of GROUP_FIELDS) sums[f] = 0;
  const judged = {} as Record<SingleBucket, number>;
  for (const k of SINGLE_BUCKETS) judged[k] = 0;
  return { centerId, sums, judged, returned: 0, supplementRequests: 0 };
}

/** The parts of the computed pieces: group rows summed per centre, judged singles counted, the live counts attached. */
export function condense(
  centerIds: readonly number[],
  groups: readonly repo.GroupRow[],
  singles: readonly JudgedSingle[],
  counts: { returned: Map<number, number>; supplementRequests: Map<number, number> },
  pays: repo.PaymentRow[],
): ReportParts {
  const centres = new Map<number, CentrePart>(centerIds.map((id) => [id, emptyCentrePart(id)]));
  const at = (id: number): CentrePart => {
    let c = centres.get(id);
    if (!c) centres.set(id, (c = emptyCentrePart(id)));
    return c;
  };
  const received: ReceivedRow[] = [];
  for (const g of groups) {
    const { sums } = at(g.centerId);
    for (const f of GROUP_FIELDS) sums[f] += g[f];
    if (g.received > 0)
      received.push({
        centerId: g.centerId,
        procedureVersionId: g.procedureVersionId,
        procedureId: g.procedureId,
        channel: g.channel,
        received: g.received,
      });
  }
  for (const s of singles) at(s.centerId).judged[s.bucket] += 1;
  for (const [id, n] of counts.returned) at(id).returned += n;
  for (const [id, n] of counts.supplementRequests) at(id).supplementRequests += n;
  return { centres: [...centres.values()], received, pays };
}

/**
 * The centres of these ids: one read of the centre table for a province (instead of a query per
 * centre, each a round trip on the task child's two connections); a missing one is CENTER_NOT_FOUND.
 */
export async function centresOf(deps: Deps, ids: readonly number[]): Promise<Map<number, Center>> {
  const wanted = new Set(ids);
  const out = new Map<number, Center>();
  if (ids.length > 1) for (const c of await listCenters(deps)) if (wanted.has(c.id)) out.set(c.id, c);
  for (const id of ids) if (!out.has(id)) out.set(id, await getCenterById(deps, id));
  return out;
}

/** The working calendars of these centres. */
export async function calendarsOf(deps: Deps, ids: readonly number[]): Promise<Map<number, WorkCalendar>> {
  const centres = await centresOf(deps, ids);
  const cals = await Promise.all([...centres.values()].map(async (c) => [c.id, await calendarOf(deps, c)] as const));
  return new Map(cals);
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
  const cals = await calendarsOf(deps, [...new Set(rows.map((r) => r.centerId))]);
  const out: JudgedSingle[] = [];
  const asOf = new Date(asOfIso);
  const events = await clockEventsByDossier(
    deps,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    const cal = cals.get(r.centerId) ?? (await calendarOf(deps, await getCenterById(deps, r.centerId)));
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
  const [groups, singles, pays, returned, supplementRequests] = await Promise.all([
    repo.groupSums(deps.db, deps.dialect, centerIds, b),
    repo.singleSupplementRows(deps.db, deps.dialect, centerIds, b).then((rows) => judgeSingles(deps, rows, b.asOfIso)),
    repo.payments(deps.db, centerIds, b, deps.dialect),
    repo.returnedCounts(deps.db, centerIds, b, deps.dialect),
    repo.supplementRequests(deps.db, centerIds, b, deps.dialect),
  ]);
  return condense(centerIds, groups, singles, { returned, supplementRequests }, pays);
}
