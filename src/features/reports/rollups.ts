/**
 * Roll-ups of closed months (issue 13 item 2, decision 038). A report over a day range reads:
 *
 *   head  — the days before the first whole closed month in the range (computed, parts.ts),
 *   the whole closed months of the range — one stored row per centre and month (report_rollup),
 *   tail  — the days after the last whole closed month (the open month: computed),
 *
 * and composes them: every count of things that happen on a day (received, ended, judged, paid…)
 * is the sum over the pieces; "carried over" is the first piece's, "open at the end" (within /
 * past the limit) the last piece's. A stored month is exactly what computeParts() returned for it
 * (the same SQL, the same clock); nothing here decides a verdict.
 *
 * A stored month is recomputed before it is read when it is missing, dirty (the triggers of
 * migration 026 mark every month from a dossier's month of receipt on whenever the dossier or one
 * of its events is written), computed by another version of the computation, or judged with a
 * working calendar that has changed since (holidays, sessions: a fingerprint of the calendar is
 * kept with the row). A range with no whole closed month is computed as before.
 */
import { createHash } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { CorruptRowError, schemaCodec } from '../../core/db/json.ts';
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import {
  addDays,
  daysInMonth,
  diffDays,
  localDateOf,
  makeLocalDate,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { calendarOf } from '../calendar/index.ts';
import { getCenterById } from '../centers/index.ts';
import {
  GROUP_FIELDS,
  SINGLE_BUCKETS,
  calendarsOf,
  computeParts,
  emptyCentrePart,
  type CentrePart,
  type GroupField,
  type ReceivedRow,
  type ReportParts,
  type SingleBucket,
} from './parts.ts';
import * as repo from './repo.ts';

/**
 * Version of what a roll-up stores; bump when the computation (parts.ts, repo.groupSums…) or the
 * stored format changes: rows of another version are stale and recomputed on their next read.
 * 1: group rows and judged ids (decision 038); 2: numbers only, with returns and supplement requests (decision 045).
 */
export const ROLLUP_FORMULA = 2;

/** Snapshot at the start of a range. */
const AT_START = new Set<GroupField>(['carried']);
/** Snapshot at the end of a range (judged at its end). */
const AT_END = new Set<GroupField>(['oWithin', 'oOverdue', 'open']);
const OPEN_BUCKETS = new Set<SingleBucket>(['oWithin', 'oOverdue']);
/** The fields a piece adds, by its place in the range. */
const NOT_AT_END: readonly GroupField[] = GROUP_FIELDS.filter((f) => !AT_END.has(f));
const NOT_AT_START: readonly GroupField[] = GROUP_FIELDS.filter((f) => !AT_START.has(f));
const SUMMED: readonly GroupField[] = GROUP_FIELDS.filter((f) => !AT_START.has(f) && !AT_END.has(f));
const NOT_OPEN: readonly SingleBucket[] = SINGLE_BUCKETS.filter((k) => !OPEN_BUCKETS.has(k));

const Int = Type.Integer({ minimum: 0 });
/** One centre's month as stored (JSON in report_rollup.data): numbers only. */
const StoredSchema = Type.Object({
  /** the group fields summed, in GROUP_FIELDS order */
  s: Type.Array(Int, { minItems: GROUP_FIELDS.length, maxItems: GROUP_FIELDS.length }),
  /** judged single-supplement dossiers per bucket, in SINGLE_BUCKETS order */
  j: Type.Array(Int, { minItems: SINGLE_BUCKETS.length, maxItems: SINGLE_BUCKETS.length }),
  /** results returned */
  r: Int,
  /** supplement requests */
  q: Int,
  /** received per [procedureVersionId, procedureId, channel, received] */
  g: Type.Array(Type.Tuple([Int, Int, Type.String(), Int])),
  /** [procedureId, paid, paidOnline] */
  p: Type.Array(Type.Tuple([Int, Int, Int])),
});
type Stored = Static<typeof StoredSchema>;
const STORED = schemaCodec('report_rollup.data', StoredSchema);

function encode(parts: ReportParts, centerId: number): string {
  const c = parts.centres.find((x) => x.centerId === centerId) ?? emptyCentrePart(centerId);
  return STORED.encode({
    s: GROUP_FIELDS.map((f) => c.sums[f]),
    j: SINGLE_BUCKETS.map((k) => c.judged[k]),
    r: c.returned,
    q: c.supplementRequests,
    g: parts.received
      .filter((x) => x.centerId === centerId)
      .map((x) => [x.procedureVersionId, x.procedureId, x.channel, x.received]),
    p: parts.pays.filter((x) => x.centerId === centerId).map((x) => [x.procedureId, x.paid, x.paidOnline]),
  });
}

function decode(centerId: number, data: string): ReportParts {
  const d: Stored = STORED.decode(data);
  const c = emptyCentrePart(centerId);
  GROUP_FIELDS.forEach((f, i) => (c.sums[f] = d.s[i] ?? 0));
  SINGLE_BUCKETS.forEach((k, i) => (c.judged[k] = d.j[i] ?? 0));
  c.returned = d.r;
  c.supplementRequests = d.q;
  return {
    centres: [c],
    received: d.g.map(([procedureVersionId, procedureId, channel, received]) => ({
      centerId,
      procedureVersionId,
      procedureId,
      channel,
      received,
    })),
    pays: d.p.map(([procedureId, paid, paidOnline]) => ({ centerId, procedureId, paid, paidOnline })),
  };
}

const merge = (list: ReportParts[]): ReportParts => ({
  centres: list.flatMap((p) => p.centres),
  received: list.flatMap((p) => p.received),
  pays: list.flatMap((p) => p.pays),
});

/** Adds one piece's centre to the composed one: sums, with "carried over" from the first piece and the open-at-the-end figures from the last. */
function addCentre(into: CentrePart, c: CentrePart, first: boolean, last: boolean): void {
  const fields = first ? (last ? GROUP_FIELDS : NOT_AT_END) : last ? NOT_AT_START : SUMMED;
  for (const f of fields) into.sums[f] += c.sums[f];
  for (const k of last ? SINGLE_BUCKETS : NOT_OPEN) into.judged[k] += c.judged[k];
  into.returned += c.returned;
  into.supplementRequests += c.supplementRequests;
}

/**
 * The parts of consecutive pieces of a range as the parts of the whole range: sums, with
 * "carried over" from the first piece and the open-at-the-end figures from the last.
 */
export function compose(pieces: readonly ReportParts[]): ReportParts {
  const [one] = pieces;
  if (one && pieces.length === 1) return one;
  const centres = new Map<number, CentrePart>();
  // By procedure version (a number: cheaper than a composite text key over ~10^5 rows), then the few channels.
  const received = new Map<number, ReceivedRow[]>();
  const pays = new Map<string, repo.PaymentRow>();
  pieces.forEach((piece, i) => {
    for (const c of piece.centres) {
      let into = centres.get(c.centerId);
      if (!into) centres.set(c.centerId, (into = emptyCentrePart(c.centerId)));
      addCentre(into, c, i === 0, i === pieces.length - 1);
    }
    for (const g of piece.received) {
      let rows = received.get(g.procedureVersionId);
      if (!rows) received.set(g.procedureVersionId, (rows = []));
      const row = rows.find(
        (r) => r.channel === g.channel && r.centerId === g.centerId && r.procedureId === g.procedureId,
      );
      if (row) row.received += g.received;
      else rows.push({ ...g });
    }
    for (const p of piece.pays) {
      const key = `${p.centerId}|${p.procedureId}`;
      const row = pays.get(key);
      if (row) {
        row.paid += p.paid;
        row.paidOnline += p.paidOnline;
      } else pays.set(key, { ...p });
    }
  });
  return { centres: [...centres.values()], received: [...received.values()].flat(), pays: [...pays.values()] };
}

const monthKey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const monthRange = (key: string): DayRange => {
  const y = Number(key.slice(0, 4));
  const m = Number(key.slice(5, 7));
  return { from: makeLocalDate(y, m, 1), to: makeLocalDate(y, m, daysInMonth(y, m)) };
};

/** How a range splits into a computed head, whole closed months (roll-ups) and a computed tail. */
export function planRange(range: DayRange, now: Date): { head?: DayRange; months: string[]; tail?: DayRange } {
  const nowIso = now.toISOString();
  const months: string[] = [];
  let y = Number(range.from.slice(0, 4));
  let m = Number(range.from.slice(5, 7));
  for (;;) {
    const r = monthRange(monthKey(y, m));
    if (r.from > range.to) break;
    if (r.from >= range.from && r.to <= range.to && instantBounds(r).toIso <= nowIso) months.push(monthKey(y, m));
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  const [firstMonth] = months;
  const lastMonth = months.at(-1);
  if (!firstMonth || !lastMonth) return { months };
  const first = monthRange(firstMonth).from;
  const last = monthRange(lastMonth).to;
  return {
    ...(first > range.from ? { head: { from: range.from, to: addDays(first, -1) } } : {}),
    months,
    ...(last < range.to ? { tail: { from: addDays(last, 1), to: range.to } } : {}),
  };
}

/** How far around a month the working calendar can move a verdict judged in it (supplement waits, the moved appointment). */
const CALENDAR_REACH_DAYS = 400;
const prints = new WeakMap<WorkCalendar, Map<string, string>>();
const yearFlags = new WeakMap<WorkCalendar, Map<number, string>>();

/** '1'/'0' per day of a year: working day or not (computed once per calendar object and year). */
function flagsOfYear(cal: WorkCalendar, year: number): string {
  let cache = yearFlags.get(cal);
  if (!cache) yearFlags.set(cal, (cache = new Map<number, string>()));
  let flags = cache.get(year);
  if (flags === undefined) {
    flags = cal
      .days(makeLocalDate(year, 1, 1), makeLocalDate(year, 12, 31))
      .map((d) => (d.working ? '1' : '0'))
      .join('');
    cache.set(year, flags);
  }
  return flags;
}

/**
 * A fingerprint of the working calendar as the verdicts of a month can see it: the sessions, the
 * cut-off, the weekly rest days and which days are working days from 400 days before the month
 * to 400 days after it. A holiday recorded, moved or removed there changes it.
 */
export function calendarPrint(cal: WorkCalendar, month: string): string {
  let cache = prints.get(cal);
  if (!cache) prints.set(cal, (cache = new Map<string, string>()));
  const hit = cache.get(month);
  if (hit) return hit;
  const r = monthRange(month);
  const from = addDays(r.from, -CALENDAR_REACH_DAYS);
  const to = addDays(r.to, CALENDAR_REACH_DAYS);
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  let flags = '';
  for (let y = y0; y <= y1; y++) flags += flagsOfYear(cal, y);
  const start = diffDays(makeLocalDate(y0, 1, 1), from);
  flags = flags.slice(start, start + diffDays(from, to) + 1);
  const print = createHash('sha1')
    .update(JSON.stringify([cal.sessionMinutes, cal.cutoffMinute, cal.weekendDays]))
    .update(flags)
    .digest('base64url')
    .slice(0, 20);
  cache.set(month, print);
  return print;
}

/** A stored month's parts if the row is current (clean, this formula, this calendar), else null: it must be recomputed. */
function current(
  deps: Deps,
  centerId: number,
  month: string,
  r: repo.RollupRow | undefined,
  cal: WorkCalendar | undefined,
): ReportParts | null {
  if (!cal || r?.data == null || r.dirty !== 0 || r.formula !== ROLLUP_FORMULA) return null;
  if (r.calendar !== calendarPrint(cal, month)) return null;
  try {
    return decode(centerId, r.data);
  } catch (e) {
    if (!(e instanceof CorruptRowError)) throw e;
    deps.log.warn({ err: e.message, centerId, month }, 'reports: corrupt roll-up recomputed');
    return null;
  }
}

/**
 * The parts of whole closed months for these centres, from report_rollup, recomputing (and
 * storing) the missing or stale ones first — all stale centres of a month in one computation.
 */
export async function monthParts(
  deps: Deps,
  centerIds: readonly number[],
  months: readonly string[],
): Promise<ReportParts[]> {
  if (!centerIds.length) return months.map(() => ({ centres: [], received: [], pays: [] }));
  const cals = await calendarsOf(deps, centerIds);
  const stored = new Map<string, repo.RollupRow>();
  for (const r of await repo.rollupRows(deps.db, centerIds, months)) stored.set(`${r.centerId}|${r.month}`, r);
  const out: ReportParts[] = [];
  for (const month of months) {
    const pieces: ReportParts[] = [];
    const stale: number[] = [];
    for (const id of centerIds) {
      const piece = current(deps, id, month, stored.get(`${id}|${month}`), cals.get(id));
      if (piece) pieces.push(piece);
      else stale.push(id);
    }
    if (stale.length) pieces.push(await rebuildMonth(deps, stale, month, cals));
    out.push(merge(pieces));
  }
  return out;
}

/** Computes one closed month for these centres and stores it (a failed write only costs the next read a recompute). */
async function rebuildMonth(
  deps: Deps,
  centerIds: readonly number[],
  month: string,
  cals: Map<number, WorkCalendar>,
): Promise<ReportParts> {
  // Inside a caller's transaction nothing is stored: the claim's lock would last as long as that
  // transaction (and a rollback would take the row with it); the next report outside one stores it.
  let claimed = !deps.db.isTransaction;
  if (claimed)
    try {
      await repo.claimRollups(deps.db, deps.dialect, centerIds, month);
    } catch (e) {
      claimed = false;
      deps.log.warn({ err: String(e), month }, 'reports: roll-up not claimed; computed without storing');
    }
  const parts = await computeParts(deps, centerIds, monthRange(month));
  if (claimed) {
    const computedAt = deps.now().toISOString();
    try {
      for (const id of centerIds) {
        let cal = cals.get(id);
        if (!cal) cals.set(id, (cal = await calendarOf(deps, await getCenterById(deps, id))));
        await repo.saveRollup(deps.db, {
          centerId: id,
          month,
          data: encode(parts, id),
          calendar: calendarPrint(cal, month),
          formula: ROLLUP_FORMULA,
          computedAt,
        });
      }
    } catch (e) {
      deps.log.warn({ err: String(e), month }, 'reports: roll-up not stored');
    }
  }
  return parts;
}

let enabled = true;
/** For measurements only (scripts/measure-report-rollups.ts): false makes every report compute its whole range. */
export function useRollups(on: boolean): void {
  enabled = on;
}

/**
 * The dossier parts of a range: roll-ups for its whole closed months, computed head and tail.
 * Equal to computeParts(deps, centerIds, range) (test/integration/report-rollups.test.ts).
 */
export async function reportParts(deps: Deps, centerIds: readonly number[], range: DayRange): Promise<ReportParts> {
  const plan = planRange(range, deps.now());
  if (!enabled || !plan.months.length) return computeParts(deps, centerIds, range);
  const [head, months, tail] = await Promise.all([
    plan.head ? computeParts(deps, centerIds, plan.head) : null,
    monthParts(deps, centerIds, plan.months),
    plan.tail ? computeParts(deps, centerIds, plan.tail) : null,
  ]);
  return compose([...(head ? [head] : []), ...months, ...(tail ? [tail] : [])]);
}

/**
 * Builds (or, with `rebuild`, recomputes) the roll-ups of every closed month of these centres
 * (every centre when omitted) since their first dossier. For `motcua reports rollup` and start-up
 * scripts; reports also build what they need on first read.
 */
export async function buildRollups(
  deps: Deps,
  opts: { centerIds?: readonly number[]; rebuild?: boolean; progress?: (s: string) => void } = {},
): Promise<{ centres: number; months: number }> {
  const ids = opts.centerIds ?? (await repo.allCenterIds(deps.db));
  if (opts.rebuild) await repo.markRollupsDirty(deps.db, ids);
  const first = await repo.firstMonth(deps.db, ids);
  if (!first) return { centres: ids.length, months: 0 };
  const today = localDateOf(deps.now());
  const plan = planRange({ from: `${first}-01`, to: today }, deps.now());
  for (const month of plan.months) {
    await monthParts(deps, ids, [month]);
    opts.progress?.(month);
  }
  return { centres: ids.length, months: plan.months.length };
}
