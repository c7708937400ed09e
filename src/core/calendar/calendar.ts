/**
 * The working calendar of a centre: which days are working days (weekly rest days, statutory
 * holidays, compensation days, official notices, make-up Saturdays) and the office sessions of a
 * working day. Pure: built from a config, no I/O, no host time zone. Results are memoised per
 * Gregorian year.
 */
import {
  MINUTE_MS,
  WEEKDAY_NAMES_EN,
  WEEKDAY_NAMES_VI,
  epochDayOfMs,
  fromEpochDay,
  isLocalDate,
  msOfLocal,
  parseHm,
  partsFromEpochDay,
  toEpochDay,
  weekdayOfEpochDay,
  type LocalDate,
} from './local-date.ts';
import { solarToLunar, type LunarDate } from './lunar.ts';
import {
  DEFAULT_WEEKEND_DAYS,
  NoticeDataError,
  applyNotices,
  computedHolidays,
  parseOfficialNotices,
  type CultureDayRule,
  type DayEntry,
  type OfficialNotice,
} from './holidays.ts';

export interface SessionConfig {
  start: string;
  end: string;
}

export interface CalendarConfig {
  /** Office sessions of a working day, e.g. 07:30–11:30 and 13:30–17:00. */
  sessions: readonly SessionConfig[];
  /** Same-day cut-off, e.g. '15:00'. */
  cutoff: string;
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. Default [0, 6]. */
  weekendDays?: readonly number[];
  notices: readonly OfficialNotice[];
  cultureDay: CultureDayRule;
  /** Years whose computed schedule a legal officer has confirmed (no notice needed). */
  confirmedYears?: readonly number[];
}

export const DEFAULT_SESSIONS: readonly SessionConfig[] = Object.freeze([
  Object.freeze({ start: '07:30', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:00' }),
]);

export const DEFAULT_CUTOFF = '15:00';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'compensation' | 'notice_off' | 'make_up';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  kind: DayKind;
  /** Vietnamese label: 'Ngày làm việc', 'Thứ Bảy', 'Chủ nhật', 'Tết Nguyên đán', 'Nghỉ bù', 'Làm bù'… */
  reason: string;
  reasonEn: string;
  /** 'weekly' for plain working days and weekly rest days (the weekly schedule). */
  source: 'computed' | 'notice' | 'weekly';
  pending?: boolean;
  legalBasis?: string;
  lunar: LunarDate;
}

export type YearStatus = 'official' | 'confirmed' | 'computed';

/** A session as minutes since local midnight, [start, end). */
export interface SessionMinutes {
  readonly start: number;
  readonly end: number;
}

export interface WorkCalendar {
  /** Sessions of a working day in minutes since midnight, sorted. */
  readonly sessionMinutes: readonly SessionMinutes[];
  /** Same-day cut-off in minutes since midnight. */
  readonly cutoffMinute: number;
  /** End of the last session, in minutes since midnight. */
  readonly closingMinute: number;
  readonly weekendDays: readonly number[];
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /**
   * The n-th working day after `date` (n > 0), or before it (n < 0); `date` itself is never
   * counted. n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Every day from `from` to `to` inclusive (at most MAX_DAYS_RANGE days). */
  days(from: LocalDate, to: LocalDate): DayInfo[];
  /** The final holiday entries (computed merged with notices) dated in `year`. */
  entries(year: number): readonly DayEntry[];
  yearStatus(year: number): YearStatus;
  /** True when the instant lies inside a session [start, end) of a working day. */
  isWithinSession(instant: Date): boolean;
  /** The instant itself when inside a session, else the start of the next session. */
  nextSessionStart(instant: Date): Date;
  /** Sessions of `date` as instants; empty on a non-working day. */
  sessionsOf(date: LocalDate): { start: Date; end: Date }[];
}

/** Largest number of days `days()` returns in one call (three years). */
export const MAX_DAYS_RANGE = 1098;

/** How far the calendar searches for a working day before giving up. */
const MAX_SCAN_DAYS = 3700;

/** Thrown by createWorkCalendar for an invalid configuration. */
export class CalendarConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`Invalid calendar configuration: ${field} ${message}`);
    this.name = 'CalendarConfigError';
    this.field = field;
  }
}

interface NormalizedConfig {
  sessions: SessionMinutes[];
  cutoffMinute: number;
  weekendDays: number[];
  notices: OfficialNotice[];
  cultureDay: CultureDayRule;
  confirmedYears: Set<number>;
}

function hm(value: unknown, field: string): number {
  if (typeof value !== 'string')
    throw new CalendarConfigError(field, `must be a time 'HH:mm' (got ${JSON.stringify(value)})`);
  try {
    return parseHm(value);
  } catch {
    throw new CalendarConfigError(
      field,
      `must be a time 'HH:mm' between 00:00 and 24:00 (got ${JSON.stringify(value)})`,
    );
  }
}

function normalize(config: CalendarConfig): NormalizedConfig {
  if (typeof config !== 'object' || config === null) throw new CalendarConfigError('config', 'must be an object');

  if (!Array.isArray(config.sessions) || config.sessions.length === 0) {
    throw new CalendarConfigError('sessions', 'must be a non-empty array of { start, end }');
  }
  const sessions: SessionMinutes[] = config.sessions.map((s: SessionConfig, i: number) => {
    if (typeof s !== 'object' || s === null) throw new CalendarConfigError(`sessions[${i}]`, 'must be { start, end }');
    const start = hm(s.start, `sessions[${i}].start`);
    const end = hm(s.end, `sessions[${i}].end`);
    if (start >= 1440) throw new CalendarConfigError(`sessions[${i}].start`, 'must be before 24:00');
    if (end <= start) {
      throw new CalendarConfigError(`sessions[${i}]`, `must end after it starts (${s.start}–${s.end})`);
    }
    return Object.freeze({ start, end });
  });
  for (let i = 1; i < sessions.length; i++) {
    const prev = sessions[i - 1];
    const cur = sessions[i];
    if (prev && cur && cur.start < prev.end) {
      throw new CalendarConfigError(
        `sessions[${i}]`,
        'must start at or after the end of the previous session (sessions sorted, not overlapping)',
      );
    }
  }

  const cutoffMinute = hm(config.cutoff, 'cutoff');

  const weekendDays = [...(config.weekendDays ?? DEFAULT_WEEKEND_DAYS)];
  if (!weekendDays.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) {
    throw new CalendarConfigError('weekendDays', 'must contain integers 0 (Sunday) … 6 (Saturday)');
  }
  if (new Set(weekendDays).size !== weekendDays.length)
    throw new CalendarConfigError('weekendDays', 'must not repeat a day');
  if (weekendDays.length >= 7) throw new CalendarConfigError('weekendDays', 'must leave at least one working weekday');

  let notices: OfficialNotice[];
  try {
    notices = parseOfficialNotices(config.notices, 'notices');
  } catch (err) {
    if (err instanceof NoticeDataError) throw new CalendarConfigError(err.path, err.detail);
    throw err;
  }

  const cd = config.cultureDay;
  if (typeof cd !== 'object' || cd === null)
    throw new CalendarConfigError('cultureDay', 'must be { enabled, from, confirmed }');
  if (typeof cd.enabled !== 'boolean') throw new CalendarConfigError('cultureDay.enabled', 'must be true or false');
  if (typeof cd.confirmed !== 'boolean') throw new CalendarConfigError('cultureDay.confirmed', 'must be true or false');
  if (!isLocalDate(cd.from))
    throw new CalendarConfigError('cultureDay.from', `must be a date 'YYYY-MM-DD' (got ${JSON.stringify(cd.from)})`);

  const confirmedYears = config.confirmedYears ?? [];
  if (!Array.isArray(confirmedYears) || !confirmedYears.every((y) => Number.isInteger(y))) {
    throw new CalendarConfigError('confirmedYears', 'must be an array of integer years');
  }

  return {
    sessions,
    cutoffMinute,
    weekendDays,
    notices,
    cultureDay: { enabled: cd.enabled, from: cd.from, confirmed: cd.confirmed },
    confirmedYears: new Set(confirmedYears),
  };
}

interface YearData {
  /** Epoch day of 1 January. */
  start: number;
  /** 1 = working, 0 = not, by day of year. */
  working: Uint8Array;
  entries: readonly DayEntry[];
  byDate: Map<LocalDate, DayEntry>;
}

/** The state a calendar's functions share: the checked config and the per-year memo. */
interface CalendarState {
  readonly cfg: NormalizedConfig;
  readonly weekend: ReadonlySet<number>;
  readonly years: Map<number, YearData>;
}

/** Computes one Gregorian year: weekly schedule overlaid with the holiday entries. */
function buildYearData(state: CalendarState, year: number): YearData {
  const { cfg, weekend } = state;
  const computed = computedHolidays(year, { cultureDay: cfg.cultureDay, weekendDays: cfg.weekendDays });
  const entries = Object.freeze(applyNotices(year, computed, cfg.notices).map((e) => Object.freeze(e)));
  const start = toEpochDay(`${String(year).padStart(4, '0')}-01-01`);
  const end = toEpochDay(`${String(year).padStart(4, '0')}-12-31`);
  const working = new Uint8Array(end - start + 1);
  for (let i = 0; i < working.length; i++) working[i] = weekend.has(weekdayOfEpochDay(start + i)) ? 0 : 1;
  const byDate = new Map<LocalDate, DayEntry>();
  for (const e of entries) {
    byDate.set(e.date, e);
    working[toEpochDay(e.date) - start] = e.working ? 1 : 0;
  }
  return { start, working, entries, byDate };
}

/** The memoised data of `year`. */
function yearData(state: CalendarState, year: number): YearData {
  let data = state.years.get(year);
  if (data) return data;
  data = buildYearData(state, year);
  state.years.set(year, data);
  return data;
}

function isWorkingNum(state: CalendarState, n: number): boolean {
  const { y } = partsFromEpochDay(n);
  const data = yearData(state, y);
  return data.working[n - data.start] === 1;
}

function dayNum(date: LocalDate, what = 'date'): number {
  if (!isLocalDate(date))
    throw new RangeError(`Invalid ${what} ${JSON.stringify(date)}: expected a real date 'YYYY-MM-DD'`);
  return toEpochDay(date);
}

/** The first working day strictly after (dir 1) or before (dir -1) epoch day `n`. */
function stepWorking(state: CalendarState, n: number, dir: 1 | -1): number {
  for (let i = 1; i <= MAX_SCAN_DAYS; i++) {
    const m = n + dir * i;
    if (isWorkingNum(state, m)) return m;
  }
  throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${fromEpochDay(n)}`);
}

function instantMs(instant: Date): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError('Invalid instant: not a valid Date');
  return t;
}

/** `t` itself when inside a session of a working day, else the start of the next session (epoch ms). */
function nextSessionStartMs(state: CalendarState, t: number): number {
  const { sessions } = state.cfg;
  const day = epochDayOfMs(t);
  if (isWorkingNum(state, day)) {
    const minute = (t - msOfLocal(day, 0)) / MINUTE_MS;
    for (const s of sessions) {
      if (minute < s.end) return minute >= s.start ? t : msOfLocal(day, s.start);
    }
  }
  return msOfLocal(stepWorking(state, day, 1), sessions[0]!.start);
}

function dayInfoFromEntry(date: LocalDate, wd: number, entry: DayEntry, lunar: LunarDate): DayInfo {
  const info: DayInfo = {
    date,
    working: entry.working,
    weekday: wd,
    kind: entry.kind,
    reason: entry.reason,
    reasonEn: entry.reasonEn,
    source: entry.source,
    lunar,
  };
  if (entry.pending) info.pending = true;
  if (entry.legalBasis !== undefined) info.legalBasis = entry.legalBasis;
  return info;
}

/** A day of the weekly schedule only (no holiday entry): weekly rest day or plain working day. */
function weeklyDayInfo(date: LocalDate, wd: number, restDay: boolean, lunar: LunarDate): DayInfo {
  if (restDay) {
    return {
      date,
      working: false,
      weekday: wd,
      kind: 'weekend',
      reason: WEEKDAY_NAMES_VI[wd] ?? '',
      reasonEn: WEEKDAY_NAMES_EN[wd] ?? '',
      source: 'weekly',
      lunar,
    };
  }
  return {
    date,
    working: true,
    weekday: wd,
    kind: 'workday',
    reason: 'Ngày làm việc',
    reasonEn: 'Working day',
    source: 'weekly',
    lunar,
  };
}

function dayInfoNum(state: CalendarState, n: number): DayInfo {
  const date = fromEpochDay(n);
  const wd = weekdayOfEpochDay(n);
  const entry = yearData(state, partsFromEpochDay(n).y).byDate.get(date);
  const lunar = solarToLunar(date);
  if (entry) return dayInfoFromEntry(date, wd, entry, lunar);
  return weeklyDayInfo(date, wd, state.weekend.has(wd), lunar);
}

function addWorkingDaysTo(state: CalendarState, date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer (got ${n})`);
  let d = dayNum(date);
  const dir = n < 0 ? -1 : 1;
  for (let i = 0; i < Math.abs(n); i++) d = stepWorking(state, d, dir);
  return fromEpochDay(d);
}

function daysBetween(state: CalendarState, from: LocalDate, to: LocalDate): DayInfo[] {
  const a = dayNum(from, 'from');
  const b = dayNum(to, 'to');
  if (b < a) throw new RangeError(`days(): 'to' (${to}) is before 'from' (${from})`);
  if (b - a + 1 > MAX_DAYS_RANGE) {
    throw new RangeError(`days(): at most ${MAX_DAYS_RANGE} days per call (asked ${b - a + 1})`);
  }
  const out: DayInfo[] = [];
  for (let n = a; n <= b; n++) out.push(dayInfoNum(state, n));
  return out;
}

function yearStatusOf(cfg: NormalizedConfig, noticeYears: ReadonlySet<number>, year: number): YearStatus {
  if (noticeYears.has(year)) return 'official';
  if (cfg.confirmedYears.has(year)) return 'confirmed';
  return 'computed';
}

function sessionsOfDate(state: CalendarState, date: LocalDate): { start: Date; end: Date }[] {
  const n = dayNum(date);
  if (!isWorkingNum(state, n)) return [];
  return state.cfg.sessions.map((s) => ({
    start: new Date(msOfLocal(n, s.start)),
    end: new Date(msOfLocal(n, s.end)),
  }));
}

/** Builds a working calendar; throws CalendarConfigError for an invalid config. */
export function createWorkCalendar(config: CalendarConfig): WorkCalendar {
  const cfg = normalize(config);
  const state: CalendarState = { cfg, weekend: new Set(cfg.weekendDays), years: new Map() };
  const { sessions } = cfg;
  const noticeYears = new Set(cfg.notices.map((n) => n.year));

  const cal: WorkCalendar = {
    sessionMinutes: Object.freeze(sessions),
    cutoffMinute: cfg.cutoffMinute,
    closingMinute: sessions[sessions.length - 1]!.end,
    weekendDays: Object.freeze([...cfg.weekendDays].sort((a, b) => a - b)),
    dayInfo: (date) => dayInfoNum(state, dayNum(date)),
    isWorkingDay: (date) => isWorkingNum(state, dayNum(date)),
    nextWorkingDay: (date) => fromEpochDay(stepWorking(state, dayNum(date), 1)),
    previousWorkingDay: (date) => fromEpochDay(stepWorking(state, dayNum(date), -1)),
    addWorkingDays: (date, n) => addWorkingDaysTo(state, date, n),
    days: (from, to) => daysBetween(state, from, to),
    entries(year) {
      if (!Number.isInteger(year)) throw new RangeError(`year must be an integer (got ${year})`);
      return yearData(state, year).entries;
    },
    yearStatus: (year) => yearStatusOf(cfg, noticeYears, year),
    isWithinSession(instant) {
      const t = instantMs(instant);
      return nextSessionStartMs(state, t) === t;
    },
    nextSessionStart: (instant) => new Date(nextSessionStartMs(state, instantMs(instant))),
    sessionsOf: (date) => sessionsOfDate(state, date),
  };
  return Object.freeze(cal);
}
