/**
 * Calendar dates and wall-clock times in Vietnam (UTC+07:00, no daylight saving time).
 *
 * Nothing here reads the host time zone: a `LocalDate` is a plain 'YYYY-MM-DD' string, day
 * arithmetic uses an integer day count (days since 1970-01-01, proleptic Gregorian), and
 * instants are converted by adding the fixed +07:00 offset to the UTC epoch milliseconds.
 * `Date` objects are only used as instants (`getTime()` / `new Date(ms)`), never through their
 * local-time getters.
 */

/** A calendar date in Vietnam, formatted 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

/** Offset of Vietnam time from UTC, in minutes (Asia/Ho_Chi_Minh has had no DST since 1975). */
export const VN_OFFSET_MINUTES = 420;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const OFFSET_MS = VN_OFFSET_MINUTES * MINUTE_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in month `m` (1..12) of Gregorian year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function matchDate(s: unknown): DateParts | null {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

/** True when `s` is a 'YYYY-MM-DD' string naming a real Gregorian date (year 0001..9999). */
export function isLocalDate(s: unknown): s is LocalDate {
  return matchDate(s) !== null;
}

/** Splits a LocalDate into numbers; throws RangeError for a malformed or impossible date. */
export function parseLocalDate(s: LocalDate): DateParts {
  const p = matchDate(s);
  if (!p) throw new RangeError(`Invalid date ${JSON.stringify(s)}: expected a real date 'YYYY-MM-DD'`);
  return p;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** Builds a LocalDate from numbers; throws RangeError for an impossible date. */
export function makeLocalDate(y: number, m: number, d: number): LocalDate {
  const s = `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || !isLocalDate(s)) {
    throw new RangeError(`Invalid date ${y}-${m}-${d}`);
  }
  return s;
}

// Days from civil / civil from days (H. Hinnant's algorithms), proleptic Gregorian, pure integers.

/** Days since 1970-01-01 for a Gregorian date given as numbers (not validated). */
export function epochDayFromParts(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Gregorian date parts for a day count since 1970-01-01. */
export function partsFromEpochDay(n: number): DateParts {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Days since 1970-01-01 of a LocalDate. */
export function toEpochDay(date: LocalDate): number {
  const { y, m, d } = parseLocalDate(date);
  return epochDayFromParts(y, m, d);
}

/** LocalDate of a day count since 1970-01-01. */
export function fromEpochDay(n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Day number must be an integer (got ${n})`);
  const { y, m, d } = partsFromEpochDay(n);
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range (year ${y})`);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** The date `n` days after `date` (`n` may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer (got ${n})`);
  return fromEpochDay(toEpochDay(date) + n);
}

/**
 * Number of days from `a` to `b` (positive when `b` is later), so that
 * `addDays(a, diffDays(a, b)) === b`.
 */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return weekdayOfEpochDay(toEpochDay(date));
}

/** Day of the week of a day count since 1970-01-01 (a Thursday), 0 = Sunday. */
export function weekdayOfEpochDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES_VI: readonly string[] = Object.freeze([
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
]);

export const WEEKDAY_NAMES_EN: readonly string[] = Object.freeze([
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
]);

/** Vietnamese weekday name, e.g. 'Thứ Ba', 'Chủ nhật'. */
export function weekdayNameVi(date: LocalDate): string {
  return WEEKDAY_NAMES_VI[weekday(date)] ?? '';
}

/** 'dd/MM/yyyy', the format printed on Vietnamese forms. */
export function formatVi(date: LocalDate): string {
  const { y, m, d } = parseLocalDate(date);
  return `${pad2(d)}/${pad2(m)}/${pad4(y)}`;
}

/** The first and last day of a Gregorian year. */
export function yearBounds(year: number): { first: LocalDate; last: LocalDate } {
  return { first: makeLocalDate(year, 1, 1), last: makeLocalDate(year, 12, 31) };
}

// ---------------------------------------------------------------------------------------------
// Instants <-> Vietnam wall clock

export interface LocalTime {
  /** Calendar date in Vietnam. */
  date: LocalDate;
  /** Whole minutes since local midnight, 0..1439 (seconds and milliseconds truncated). */
  minute: number;
  /** Milliseconds since local midnight, 0..86_399_999 (exact). */
  ms: number;
}

function instantMs(instant: Date, what = 'instant'): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`Invalid ${what}: not a valid Date`);
  return t;
}

/** Day count since 1970-01-01 (Vietnam calendar) of an epoch-millisecond instant. */
export function epochDayOfMs(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS);
}

/** Epoch milliseconds of a Vietnam wall-clock time given as day count and minute of day. */
export function msOfLocal(epochDay: number, minuteOfDay: number): number {
  return epochDay * DAY_MS + Math.round(minuteOfDay * MINUTE_MS) - OFFSET_MS;
}

/** The Vietnam calendar date and time of day of an instant. */
export function toLocal(instant: Date): LocalTime {
  const t = instantMs(instant);
  const day = epochDayOfMs(t);
  const ms = t + OFFSET_MS - day * DAY_MS;
  return { date: fromEpochDay(day), minute: Math.floor(ms / MINUTE_MS), ms };
}

/** The Vietnam calendar date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return fromEpochDay(epochDayOfMs(instantMs(instant)));
}

/**
 * The instant at `minuteOfDay` minutes after midnight of `date` in Vietnam.
 * `minuteOfDay` may be fractional and may be 1440 (midnight at the end of the day).
 */
export function fromLocal(date: LocalDate, minuteOfDay: number): Date {
  if (!Number.isFinite(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1440) {
    throw new RangeError(`minuteOfDay must be between 0 and 1440 (got ${minuteOfDay})`);
  }
  return new Date(msOfLocal(toEpochDay(date), minuteOfDay));
}

/** 'HH:mm' for a minute of the day (fractions truncated). */
export function formatHm(minuteOfDay: number): string {
  const m = Math.floor(minuteOfDay);
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** 'HH:mm dd/MM/yyyy' in Vietnam time, as printed on receipts and appointment slips. */
export function formatInstantVi(instant: Date): string {
  const { date, minute } = toLocal(instant);
  return `${formatHm(minute)} ${formatVi(date)}`;
}

/**
 * ISO-8601 with the +07:00 offset, e.g. '2026-11-25T17:00:00+07:00'. Seconds are always
 * written; milliseconds only when they are not zero ('…T17:00:00.250+07:00').
 */
export function toIsoVn(instant: Date): string {
  const { date, ms } = toLocal(instant);
  const h = Math.floor(ms / HOUR_MS);
  const mi = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((ms % MINUTE_MS) / 1000);
  const milli = ms % 1000;
  const frac = milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`;
  return `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}+07:00`;
}

const HM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes since midnight of an 'HH:mm' time ('07:30' -> 450). '24:00' (end of day) -> 1440.
 * Throws RangeError for anything else.
 */
export function parseHm(hm: string): number {
  if (hm === '24:00') return 1440;
  const m = typeof hm === 'string' ? HM_RE.exec(hm) : null;
  if (!m) throw new RangeError(`Invalid time ${JSON.stringify(hm)}: expected 'HH:mm' (00:00–24:00)`);
  return Number(m[1]) * 60 + Number(m[2]);
}
