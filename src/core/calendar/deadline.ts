/**
 * Appointment dates (ngày hẹn trả kết quả) in Vietnamese working time.
 *
 * Conventions (Civil Code 2015 arts. 144–148 on counting periods, Labour Code holidays, and
 * production practice of provincial one-stop systems; see BRIEF §4):
 *
 * 1. Instants are absolute (UTC); every calendar notion — date, time of day, weekday — is read in
 *    Vietnam time (UTC+07:00, no DST). The host time zone is never used.
 * 2. Sessions are half-open [start, end): 11:30 belongs to the lunch break, 17:00 to the evening.
 * 3. Effective start: the receipt instant when it lies inside a session of a working day,
 *    otherwise the start of the next session (a dossier received during the lunch break counts
 *    from 13:30; one received after closing, at night, on a weekend or a holiday counts from the
 *    first session of the next working day).
 * 4. working_days N (integer ≥ 0): the day of the effective start is not counted (Civil Code
 *    art. 147(1)); the due instant is the end of the last session of the N-th working day after
 *    it. N = 0 means the end of the effective day itself.
 * 5. working_hours N (may be fractional, e.g. 0.5): N hours are counted only inside sessions,
 *    from the effective start. A count that ends exactly at the end of a session is due at that
 *    session end (not at the start of the next one). N = 0 is due at the effective start.
 * 6. calendar_days N (integer ≥ 0): the due day is the local date of receipt plus N days (the
 *    day of receipt is not counted; it is the receipt date itself, not the effective start,
 *    even for a receipt outside office hours); the due instant is the end of the last session
 *    of that day. When that day is not a working day, the period ends at the end of the last
 *    session of the next working day (Civil Code art. 148(2)).
 * 7. same_day (amount must be 1 or omitted): received on a working day strictly before the
 *    cut-off (default 15:00) and before the end of the last session, it is due at the end of the
 *    last session that day; otherwise (at or after the cut-off, after closing, or on a
 *    non-working day) at the end of the last session of the next working day.
 * 8. Pauses (supplement requests stop the clock): pauses are clipped to [effective start, ∞) and
 *    merged when they overlap or touch. For working_days, working_hours and same_day the due
 *    instant is extended by the working time inside the pauses that start before the current
 *    due instant, counting each such pause in full, and this is repeated until the due instant
 *    is stable (a pause starting at or after the due instant does not count). Extension adds
 *    working time after the base due instant with rule 5. For calendar_days the extension is
 *    the wall-clock length of those pauses, after which rule 6's move to the end of a working
 *    day is applied again (the due instant is the first end-of-day of a working day at or after
 *    the nominal end of day plus the paused time).
 * 9. Inputs are validated: amount finite, ≥ 0, integer for day units, ≤ 3650 days or 10,000
 *    hours; a pause ending before it starts is rejected. Errors are `DeadlineInputError`
 *    (a RangeError with the offending `field`), mapped to HTTP 400.
 */
import {
  HOUR_MS,
  MINUTE_MS,
  epochDayOfMs,
  formatHm,
  formatInstantVi,
  formatVi,
  fromEpochDay,
  msOfLocal,
  toEpochDay,
  type LocalDate,
} from './local-date.ts';
import type { WorkCalendar } from './calendar.ts';

export type DeadlineUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';

export const DEADLINE_UNITS: readonly DeadlineUnit[] = Object.freeze([
  'working_days',
  'working_hours',
  'calendar_days',
  'same_day',
]);

export interface Pause {
  from: Date;
  to: Date;
}

export interface DeadlineInput {
  receivedAt: Date;
  /** Number of units; for same_day it must be 1 or omitted. */
  amount?: number;
  unit: DeadlineUnit;
  /** Periods when the clock is stopped (waiting for the citizen's supplement). */
  pauses?: readonly Pause[];
}

export interface Deadline {
  dueAt: Date;
  effectiveStart: Date;
  /** Paused time that moved the due instant: working ms (calendar ms for calendar_days). */
  pausedMs: number;
  /** Short English explanation of how `dueAt` was found. */
  rule: string;
}

export const MAX_DAYS_AMOUNT = 3650;
export const MAX_HOURS_AMOUNT = 10_000;

/** Invalid deadline input; `field` names the offending input ('amount', 'pauses[0]'…). */
export class DeadlineInputError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'DeadlineInputError';
    this.field = field;
  }
}

function ms(d: unknown, field: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new DeadlineInputError(field, 'must be a valid date-time');
  return t;
}

function dayOf(t: number): LocalDate {
  return fromEpochDay(epochDayOfMs(t));
}

/** End of the last session of a working day, in epoch ms. */
function closeOf(cal: WorkCalendar, date: LocalDate): number {
  return msOfLocal(toEpochDay(date), cal.closingMinute);
}

/** The first end of business of a working day at or after instant `t`. */
function firstCloseAtOrAfter(cal: WorkCalendar, t: number): number {
  const date = dayOf(t);
  if (cal.isWorkingDay(date)) {
    const close = closeOf(cal, date);
    if (close >= t) return close;
  }
  return closeOf(cal, cal.nextWorkingDay(date));
}

/**
 * Working milliseconds (time inside sessions of working days) between two instants. Signed:
 * negative when `to` is before `from`.
 */
export function workingMsBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const a = ms(from, 'from');
  const b = ms(to, 'to');
  if (b < a) return -workingMsBetween(cal, to, from);
  let total = 0;
  const last = epochDayOfMs(b);
  for (let n = epochDayOfMs(a); n <= last; n++) {
    if (!cal.isWorkingDay(fromEpochDay(n))) continue;
    for (const s of cal.sessionMinutes) {
      const start = Math.max(a, msOfLocal(n, s.start));
      const end = Math.min(b, msOfLocal(n, s.end));
      if (end > start) total += end - start;
    }
  }
  return total;
}

function addWorkingMsRaw(cal: WorkCalendar, from: number, amount: number): number {
  if (amount === 0) return from;
  let t = from;
  let remaining = amount;
  for (;;) {
    t = cal.nextSessionStart(new Date(t)).getTime();
    const day = epochDayOfMs(t);
    const minute = (t - msOfLocal(day, 0)) / MINUTE_MS;
    const session = cal.sessionMinutes.find((s) => minute >= s.start && minute < s.end);
    if (!session) throw new Error('internal: nextSessionStart returned an instant outside every session');
    const end = msOfLocal(day, session.end);
    if (remaining <= end - t) return t + remaining;
    remaining -= end - t;
    t = end;
  }
}

/**
 * The instant reached after `amount` working milliseconds counted inside sessions from `from`
 * (from the next session start when `from` is outside sessions). A count ending exactly at a
 * session end returns that session end. `amount` = 0 returns `from` unchanged.
 */
export function addWorkingMs(cal: WorkCalendar, from: Date, amount: number): Date {
  const t = ms(from, 'from');
  if (!Number.isFinite(amount) || amount < 0) {
    throw new DeadlineInputError('ms', `must be a finite number ≥ 0 (got ${amount})`);
  }
  return new Date(addWorkingMsRaw(cal, t, Math.round(amount)));
}

interface Span {
  from: number;
  to: number;
}

function normalizePauses(pauses: readonly Pause[] | undefined, effectiveStart: number): Span[] {
  if (pauses === undefined) return [];
  if (!Array.isArray(pauses)) throw new DeadlineInputError('pauses', 'must be an array of { from, to }');
  const spans: Span[] = [];
  pauses.forEach((p: Pause, i: number) => {
    if (typeof p !== 'object' || p === null) throw new DeadlineInputError(`pauses[${i}]`, 'must be { from, to }');
    const from = ms(p.from, `pauses[${i}].from`);
    const to = ms(p.to, `pauses[${i}].to`);
    if (to < from) throw new DeadlineInputError(`pauses[${i}]`, 'ends before it starts');
    const clipped = Math.max(from, effectiveStart);
    if (to > clipped) spans.push({ from: clipped, to });
  });
  spans.sort((x, y) => x.from - y.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

function validate(input: DeadlineInput): { receivedAt: number; amount: number; unit: DeadlineUnit } {
  if (typeof input !== 'object' || input === null) throw new DeadlineInputError('input', 'must be an object');
  const receivedAt = ms(input.receivedAt, 'receivedAt');
  const unit = input.unit;
  if (!DEADLINE_UNITS.includes(unit)) {
    throw new DeadlineInputError('unit', `must be one of ${DEADLINE_UNITS.join(', ')} (got ${JSON.stringify(unit)})`);
  }
  const amount = input.amount;
  if (unit === 'same_day') {
    if (amount !== undefined && amount !== 1)
      throw new DeadlineInputError('amount', 'must be 1 (or omitted) for same_day');
    return { receivedAt, amount: 1, unit };
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new DeadlineInputError('amount', `must be a finite number ≥ 0 (got ${JSON.stringify(amount)})`);
  }
  if (unit === 'working_hours') {
    if (amount > MAX_HOURS_AMOUNT) throw new DeadlineInputError('amount', `must be at most ${MAX_HOURS_AMOUNT} hours`);
  } else {
    if (!Number.isInteger(amount))
      throw new DeadlineInputError('amount', `must be a whole number of days (got ${amount})`);
    if (amount > MAX_DAYS_AMOUNT) throw new DeadlineInputError('amount', `must be at most ${MAX_DAYS_AMOUNT} days`);
  }
  return { receivedAt, amount, unit };
}

function at(t: number): string {
  return formatInstantVi(new Date(t));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function hours(msValue: number): string {
  const h = msValue / HOUR_MS;
  return `${Number.isInteger(h) ? h : Number(h.toFixed(2))} working hour${h === 1 ? '' : 's'}`;
}

/** Computes the appointment instant of a dossier. See the conventions at the top of this file. */
export function computeDeadline(cal: WorkCalendar, input: DeadlineInput): Deadline {
  const { receivedAt, amount, unit } = validate(input);
  const effectiveStart = cal.nextSessionStart(new Date(receivedAt)).getTime();
  const pauses = normalizePauses(input.pauses, effectiveStart);
  const receiptDay = dayOf(receivedAt);
  const parts: string[] = [];
  if (effectiveStart !== receivedAt && (unit === 'working_days' || unit === 'working_hours')) {
    parts.push(`Received ${at(receivedAt)} outside office hours; counted from ${at(effectiveStart)}.`);
  }

  let base: number;
  switch (unit) {
    case 'working_days': {
      const effDay = dayOf(effectiveStart);
      const target = cal.addWorkingDays(effDay, amount);
      base = closeOf(cal, target);
      parts.push(
        amount === 0
          ? `0 working days: due at close of business on the day counting starts, ${formatVi(target)}.`
          : `${plural(amount, 'working day')} after ${formatVi(effDay)} (that day not counted): due at close of business on ${formatVi(target)}.`,
      );
      break;
    }
    case 'working_hours': {
      base = addWorkingMsRaw(cal, effectiveStart, Math.round(amount * HOUR_MS));
      parts.push(`${hours(amount * HOUR_MS)} counted inside office sessions from ${at(effectiveStart)}.`);
      break;
    }
    case 'calendar_days': {
      const target = fromEpochDay(toEpochDay(receiptDay) + amount);
      base = firstCloseAtOrAfter(cal, nominalCalendarEnd(cal, receiptDay, amount));
      const moved = dayOf(base) !== target;
      parts.push(
        `${plural(amount, 'calendar day')} after the receipt date ${formatVi(receiptDay)} (not counted) = ${formatVi(target)}` +
          (moved ? `, not a working day, so moved to ${formatVi(dayOf(base))}` : '') +
          '; due at close of business.',
      );
      break;
    }
    case 'same_day': {
      base = sameDayDue(cal, receivedAt, receiptDay, parts);
      break;
    }
  }

  const { due, pausedMs } = withPauses(cal, { base, pauses, unit, receiptDay, amount }, parts);
  return { dueAt: new Date(due), effectiveStart: new Date(effectiveStart), pausedMs, rule: parts.join(' ') };
}

/** same_day: close of business on the receipt day when received on a working day before the cut-off, else the next working day's. */
function sameDayDue(cal: WorkCalendar, receivedAt: number, receiptDay: LocalDate, parts: string[]): number {
  const cutoff = msOfLocal(toEpochDay(receiptDay), cal.cutoffMinute);
  const working = cal.isWorkingDay(receiptDay);
  if (working && receivedAt < cutoff && receivedAt < closeOf(cal, receiptDay)) {
    parts.push(
      `Same day: received on a working day before the ${formatHm(cal.cutoffMinute)} cut-off; due at close of business.`,
    );
    return closeOf(cal, receiptDay);
  }
  const next = cal.nextWorkingDay(receiptDay);
  const why = !working
    ? 'received on a non-working day'
    : receivedAt >= cutoff
      ? `received at or after the ${formatHm(cal.cutoffMinute)} cut-off`
      : 'received after closing time';
  parts.push(`Same day: ${why}, so due at close of business on the next working day, ${formatVi(next)}.`);
  return closeOf(cal, next);
}

/**
 * The due instant moved by the pauses that start before it (the clock stopped), until it no
 * longer moves: working time for working units, elapsed time for calendar days.
 */
function withPauses(
  cal: WorkCalendar,
  o: { base: number; pauses: { from: number; to: number }[]; unit: string; receiptDay: LocalDate; amount: number },
  parts: string[],
): { due: number; pausedMs: number } {
  const { base, pauses, unit, receiptDay, amount } = o;
  let due = base;
  let pausedMs = 0;
  let counted = 0;
  if (pauses.length > 0) {
    for (;;) {
      const active = pauses.filter((p) => p.from < due);
      const p =
        unit === 'calendar_days'
          ? active.reduce((sum, s) => sum + (s.to - s.from), 0)
          : active.reduce((sum, s) => sum + workingMsBetween(cal, new Date(s.from), new Date(s.to)), 0);
      const next =
        unit === 'calendar_days'
          ? firstCloseAtOrAfter(cal, nominalCalendarEnd(cal, receiptDay, amount) + p)
          : addWorkingMsRaw(cal, base, p);
      if (next === due && p === pausedMs) break;
      due = next;
      pausedMs = p;
      counted = active.length;
    }
    if (pausedMs > 0) {
      const what = unit === 'calendar_days' ? `${Number((pausedMs / HOUR_MS).toFixed(2))} hours` : hours(pausedMs);
      parts.push(`Clock stopped for ${what} (${plural(counted, 'pause')}): due moved to ${at(due)}.`);
    }
  }
  return { due, pausedMs };
}

/** calendar_days: the nominal end of the period, end of business time on receipt date + N. */
function nominalCalendarEnd(cal: WorkCalendar, receiptDay: LocalDate, amount: number): number {
  return msOfLocal(toEpochDay(receiptDay) + amount, cal.closingMinute);
}
