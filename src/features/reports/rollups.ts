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
import { computeParts, type JudgedSingle, type ReportParts, type SingleBucket } from './parts.ts';
import * as repo from './repo.ts';

/** Version of what a roll-up stores; bump when the computation (parts.ts, repo.groupSums…) changes. */
export const ROLLUP_FORMULA = 1;

/** Numeric fields of a group row, in stored order. */
const FIELDS = [
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
type Field = (typeof FIELDS)[number];
/** Snapshot at the start of a range. */
const AT_START = new Set<Field>(['carried']);
/** Snapshot at the end of a range (judged at its end). */
const AT_END = new Set<Field>(['oWithin', 'oOverdue', 'open']);
const OPEN_BUCKETS = new Set<SingleBucket>(['oWithin', 'oOverdue']);
/** The fields a piece adds, by its place in the range (precomputed: compose runs over every stored group). */
const NOT_AT_END: readonly Field[] = FIELDS.filter((f) => !AT_END.has(f));
const NOT_AT_START: readonly Field[] = FIELDS.filter((f) => !AT_START.has(f));
const SUMMED: readonly Field[] = FIELDS.filter((f) => !AT_START.has(f) && !AT_END.has(f));

interface Stored {
  /** [procedureVersionId, procedureId, channel, ...FIELDS] */
  g: (number | string)[][];
  /** single-supplement dossiers judged by the clock: bucket → ids */
  s: Partial<Record<SingleBucket, number[]>>;
  /** [procedureId, paid, paidOnline] */
  p: number[][];
}

function encode(parts: ReportParts): string {
  const s: Stored['s'] = {};
  for (const x of parts.singles) (s[x.bucket] ??= []).push(x.id);
  return JSON.stringify({
    g: parts.groups.map((g) => [g.procedureVersionId, g.procedureId, g.channel, ...FIELDS.map((f) => g[f])]),
    s,
    p: parts.pays.map((p) => [p.procedureId, p.paid, p.paidOnline]),
  } satisfies Stored);
}

function decode(centerId: number, data: string): ReportParts {
  const d = JSON.parse(data) as Stored;
  const groups = d.g.map((r) => {
    const g = {
      centerId,
      procedureVersionId: Number(r[0]),
      procedureId: Number(r[1]),
      channel: String(r[2]),
    } as repo.GroupRow;
    for (const [i, f] of FIELDS.entries()) g[f] = Number(r[i + 3]);
    return g;
  });
  const singles: JudgedSingle[] = [];
  for (const [bucket, ids] of Object.entries(d.s) as [SingleBucket, number[]][])
    for (const id of ids) singles.push({ id, centerId, bucket });
  return {
    groups,
    singles,
    pays: d.p.map(([procedureId = 0, paid = 0, paidOnline = 0]) => ({ centerId, procedureId, paid, paidOnline })),
  };
}

/** The parts of one centre out of parts computed for several. */
function only(parts: ReportParts, centerId: number): ReportParts {
  return {
    groups: parts.groups.filter((g) => g.centerId === centerId),
    singles: parts.singles.filter((s) => s.centerId === centerId),
    pays: parts.pays.filter((p) => p.centerId === centerId),
  };
}

const merge = (list: ReportParts[]): ReportParts => ({
  groups: list.flatMap((p) => p.groups),
  singles: list.flatMap((p) => p.singles),
  pays: list.flatMap((p) => p.pays),
});

/**
 * The parts of consecutive pieces of a range as the parts of the whole range: sums, with
 * "carried over" from the first piece and the open-at-the-end figures from the last.
 */
export function compose(pieces: readonly ReportParts[]): ReportParts {
  const [one] = pieces;
  if (one && pieces.length === 1) return one;
  const groups = new Map<string, repo.GroupRow>();
  const singles: JudgedSingle[] = [];
  const pays = new Map<string, repo.PaymentRow>();
  pieces.forEach((piece, i) => {
    const first = i === 0;
    const last = i === pieces.length - 1;
    for (const g of piece.groups) {
      const key = `${g.centerId}|${g.procedureVersionId}|${g.channel}|${g.procedureId}`;
      let row = groups.get(key);
      if (!row) {
        row = {
          centerId: g.centerId,
          procedureVersionId: g.procedureVersionId,
          procedureId: g.procedureId,
          channel: g.channel,
        } as repo.GroupRow;
        for (const f of FIELDS) row[f] = 0;
        groups.set(key, row);
      }
      const fields = first ? (last ? FIELDS : NOT_AT_END) : last ? NOT_AT_START : SUMMED;
      for (const f of fields) row[f] += g[f];
    }
    for (const s of piece.singles) if (last || !OPEN_BUCKETS.has(s.bucket)) singles.push(s);
    for (const p of piece.pays) {
      const key = `${p.centerId}|${p.procedureId}`;
      const row = pays.get(key);
      if (row) {
        row.paid += p.paid;
        row.paidOnline += p.paidOnline;
      } else pays.set(key, { ...p });
    }
  });
  return { groups: [...groups.values()], singles, pays: [...pays.values()] };
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

/**
 * The parts of whole closed months for these centres, from report_rollup, recomputing (and
 * storing) the missing or stale ones first — all stale centres of a month in one computation.
 */
export async function monthParts(
  deps: Deps,
  centerIds: readonly number[],
  months: readonly string[],
): Promise<ReportParts[]> {
  if (!centerIds.length) return months.map(() => ({ groups: [], singles: [], pays: [] }));
  const cals = new Map<number, WorkCalendar>();
  for (const id of centerIds) cals.set(id, await calendarOf(deps, await getCenterById(deps, id)));
  const stored = new Map<string, repo.RollupRow>();
  for (const r of await repo.rollupRows(deps.db, centerIds, months)) stored.set(`${r.centerId}|${r.month}`, r);
  const out: ReportParts[] = [];
  for (const month of months) {
    const pieces: ReportParts[] = [];
    const stale: number[] = [];
    for (const id of centerIds) {
      const r = stored.get(`${id}|${month}`);
      const cal = cals.get(id);
      if (
        cal &&
        r?.data != null &&
        r.dirty === 0 &&
        r.formula === ROLLUP_FORMULA &&
        r.calendar === calendarPrint(cal, month)
      )
        pieces.push(decode(id, r.data));
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
          data: encode(only(parts, id)),
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
