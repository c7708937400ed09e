/**
 * Statutory public holidays (nghỉ lễ, tết) derived year by year from rules with effective dates,
 * and the yearly official notices that override them.
 *
 * Sources (see BRIEF §9):
 * - Bộ luật Lao động 2019 (Labour Code, in force 01/01/2021), Điều 112 khoản 1: 01/01; Tết Âm lịch
 *   5 days; 30/4; 01/5; Quốc khánh 02/9 + one adjacent day; Giỗ Tổ Hùng Vương 10/3 ÂL. Điều 112
 *   khoản 3: the Prime Minister sets the exact Tết and National Day days each year. Điều 111
 *   khoản 3: a holiday falling on a weekly rest day is compensated on the next working day.
 * - Bộ luật Lao động 2012 (in force 01/05/2013 – 31/12/2020), Điều 115: the same list with a
 *   single National Day (02/9); Điều 115 khoản 3: compensation on the next day.
 * - Ngày Văn hóa Việt Nam 24/11: reported (Nghị quyết 28/2026/QH16, [secondary, weak]) as a paid
 *   holiday from 01/07/2026. Its status is a setting (`CultureDayRule`), not a constant.
 *
 * Dates before 01/05/2013 have no statutory rule here (only weekly rest days apply); load a notice
 * if a centre ever needs them.
 *
 * Official notices (công văn / thông báo of the Government Office or the Ministry of Home Affairs)
 * win over computed values: each notice entry replaces the computed value for its date, and a
 * notice may declare the occasions it `covers`, which removes every computed entry of those
 * occasions in its year (the notice is then the complete arrangement for them).
 */
import {
  addDays,
  fromEpochDay,
  isLocalDate,
  makeLocalDate,
  toEpochDay,
  weekday,
  weekdayOfEpochDay,
  type LocalDate,
} from './local-date.ts';
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar } from './lunar.ts';

export type DayEntryKind = 'holiday' | 'compensation' | 'notice_off' | 'make_up';

/** Holiday occasions, used to link compensation days and notices to the holiday they concern. */
export type HolidayOccasion =
  'new_year' | 'tet' | 'hung_kings' | 'victory_day' | 'labour_day' | 'national_day' | 'culture_day';

export const HOLIDAY_OCCASIONS: readonly HolidayOccasion[] = Object.freeze([
  'new_year',
  'tet',
  'hung_kings',
  'victory_day',
  'labour_day',
  'national_day',
  'culture_day',
]);

export interface DayEntry {
  date: LocalDate;
  working: boolean;
  kind: DayEntryKind;
  /** Vietnamese label, e.g. 'Tết Nguyên đán', 'Nghỉ bù', 'Làm bù'. */
  reason: string;
  reasonEn: string;
  source: 'computed' | 'notice';
  legalBasis?: string;
  /** True while the rule behind the entry awaits confirmation (Culture Day). */
  pending?: boolean;
  /** Holiday occasion the entry belongs to (for compensation days: the compensated holiday). */
  occasion?: HolidayOccasion;
  /** Id of the official notice the entry comes from (source 'notice'). */
  noticeId?: string;
}

export interface CultureDayRule {
  /** Whether 24/11 is treated as a public holiday at all. */
  enabled: boolean;
  /** First date on which the holiday applies (reported: 2026-07-01). */
  from: LocalDate;
  /** False while the legal basis is unconfirmed: entries carry `pending: true`. */
  confirmed: boolean;
}

/**
 * Default Culture Day setting: enabled from 01/07/2026 but pending confirmation (BRIEF §9.2 —
 * reported by secondary sources, primary text not confirmed). Centres change it in settings.
 */
export const DEFAULT_CULTURE_DAY: Readonly<CultureDayRule> = Object.freeze({
  enabled: true,
  from: '2026-07-01',
  confirmed: false,
});

export interface OfficialNoticeEntry {
  date: LocalDate;
  /** false = day off (holiday re-stated, swapped day); true = working day (make-up Saturday). */
  working: boolean;
  reason: string;
  reasonEn: string;
  /** Optional explicit kind; derived when absent (see `applyNotices`). */
  kind?: DayEntryKind;
}

export interface OfficialNotice {
  id: string;
  year: number;
  title: string;
  legalBasis: string;
  issuedOn?: LocalDate;
  entries: OfficialNoticeEntry[];
  /**
   * Occasions this notice settles completely for its `year`: computed entries of these occasions
   * (holidays and their compensation days) are dropped, only the notice entries remain.
   */
  covers?: HolidayOccasion[];
  /** Where the text (or a faithful report of it) can be read. */
  sources?: string[];
}

// ---------------------------------------------------------------------------------------------
// Rules as data

/** How a holiday's dates are found in a given Gregorian year. */
export type HolidayDateRule =
  /** A fixed Gregorian date. */
  | { type: 'solar'; month: number; day: number }
  /** A fixed lunar date (regular, non-leap month) of the lunar year starting in that year. */
  | { type: 'lunar'; month: number; day: number }
  /**
   * Tết: `daysBefore` days ending on the last day of the previous lunar year, then `daysFrom`
   * days starting on mùng 1.
   */
  | { type: 'lunar_new_year'; daysBefore: number; daysFrom: number }
  /**
   * A fixed Gregorian date plus one adjacent day chosen so the holiday joins a weekend: the day
   * after when the date is a Monday or Thursday, otherwise the day before.
   */
  | { type: 'solar_with_adjacent'; month: number; day: number };

export interface StatutoryHolidayRule {
  occasion: HolidayOccasion;
  reason: string;
  reasonEn: string;
  legalBasis: string;
  date: HolidayDateRule;
  /** First date (inclusive) on which the rule applies. */
  validFrom?: LocalDate;
  /** Last date (inclusive) on which the rule applies. */
  validTo?: LocalDate;
  pending?: boolean;
}

export interface CompensationRule {
  legalBasis: string;
  validFrom?: LocalDate;
  validTo?: LocalDate;
}

const LC2012 = 'Bộ luật Lao động 2012, Điều 115 khoản 1';
const LC2012_FROM = '2013-05-01';
const LC2012_TO = '2020-12-31';
const LC2019 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';
const LC2019_FROM = '2021-01-01';
const PM_DECIDES = 'ngày nghỉ cụ thể do Thủ tướng Chính phủ quyết định hằng năm';

const NAMES: Record<HolidayOccasion, { reason: string; reasonEn: string }> = {
  new_year: { reason: 'Tết Dương lịch', reasonEn: "New Year's Day" },
  tet: { reason: 'Tết Nguyên đán', reasonEn: 'Lunar New Year (Tết)' },
  hung_kings: { reason: 'Giỗ Tổ Hùng Vương', reasonEn: "Hung Kings' Commemoration Day" },
  victory_day: { reason: 'Ngày Chiến thắng', reasonEn: 'Reunification Day (30 April)' },
  labour_day: { reason: 'Ngày Quốc tế Lao động', reasonEn: "International Workers' Day" },
  national_day: { reason: 'Quốc khánh', reasonEn: 'National Day' },
  culture_day: { reason: 'Ngày Văn hóa Việt Nam', reasonEn: 'Vietnamese Culture Day' },
};

function rule(
  occasion: HolidayOccasion,
  date: HolidayDateRule,
  legalBasis: string,
  validFrom: LocalDate,
  validTo?: LocalDate,
): StatutoryHolidayRule {
  const r: StatutoryHolidayRule = { occasion, ...NAMES[occasion], legalBasis, date, validFrom };
  if (validTo !== undefined) r.validTo = validTo;
  return r;
}

/** The statutory holiday rules shipped with the engine, oldest first. */
export const STATUTORY_HOLIDAY_RULES: readonly StatutoryHolidayRule[] = Object.freeze([
  // Labour Code 2012 (Bộ luật Lao động số 10/2012/QH13), 01/05/2013 – 31/12/2020.
  rule('new_year', { type: 'solar', month: 1, day: 1 }, LC2012, LC2012_FROM, LC2012_TO),
  rule(
    'tet',
    { type: 'lunar_new_year', daysBefore: 1, daysFrom: 4 },
    `${LC2012} (${PM_DECIDES})`,
    LC2012_FROM,
    LC2012_TO,
  ),
  rule('hung_kings', { type: 'lunar', month: 3, day: 10 }, LC2012, LC2012_FROM, LC2012_TO),
  rule('victory_day', { type: 'solar', month: 4, day: 30 }, LC2012, LC2012_FROM, LC2012_TO),
  rule('labour_day', { type: 'solar', month: 5, day: 1 }, LC2012, LC2012_FROM, LC2012_TO),
  rule('national_day', { type: 'solar', month: 9, day: 2 }, LC2012, LC2012_FROM, LC2012_TO),
  // Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14), from 01/01/2021.
  rule('new_year', { type: 'solar', month: 1, day: 1 }, LC2019, LC2019_FROM),
  rule('tet', { type: 'lunar_new_year', daysBefore: 1, daysFrom: 4 }, `${LC2019} (${PM_DECIDES})`, LC2019_FROM),
  rule('hung_kings', { type: 'lunar', month: 3, day: 10 }, LC2019, LC2019_FROM),
  rule('victory_day', { type: 'solar', month: 4, day: 30 }, LC2019, LC2019_FROM),
  rule('labour_day', { type: 'solar', month: 5, day: 1 }, LC2019, LC2019_FROM),
  rule('national_day', { type: 'solar_with_adjacent', month: 9, day: 2 }, `${LC2019} (${PM_DECIDES})`, LC2019_FROM),
]);

/** Compensation (nghỉ bù) for a holiday falling on a weekly rest day, by the holiday's date. */
export const COMPENSATION_RULES: readonly CompensationRule[] = Object.freeze([
  { legalBasis: 'Bộ luật Lao động 2012, Điều 115 khoản 3', validFrom: LC2012_FROM, validTo: LC2012_TO },
  { legalBasis: 'Bộ luật Lao động 2019, Điều 111 khoản 3', validFrom: LC2019_FROM },
]);

export const CULTURE_DAY_LEGAL_BASIS = 'Nghị quyết số 28/2026/QH16';

/** The rule for Culture Day as configured (24/11 from `cultureDay.from`), or null if disabled. */
export function cultureDayRule(cultureDay: CultureDayRule): StatutoryHolidayRule | null {
  if (!cultureDay.enabled) return null;
  const r = rule('culture_day', { type: 'solar', month: 11, day: 24 }, CULTURE_DAY_LEGAL_BASIS, cultureDay.from);
  if (!cultureDay.confirmed) r.pending = true;
  return r;
}

export const DEFAULT_WEEKEND_DAYS: readonly number[] = Object.freeze([0, 6]);

export interface ComputedHolidayOptions {
  cultureDay: CultureDayRule;
  /** Weekly rest days, 0 = Sunday … 6 = Saturday (default Saturday and Sunday). */
  weekendDays?: readonly number[];
  /** Override the shipped statutory rules (tests, or a future amendment loaded as data). */
  rules?: readonly StatutoryHolidayRule[];
  compensationRules?: readonly CompensationRule[];
}

function inEffect(date: LocalDate, r: { validFrom?: LocalDate; validTo?: LocalDate }): boolean {
  return (r.validFrom === undefined || date >= r.validFrom) && (r.validTo === undefined || date <= r.validTo);
}

/** The dates a rule produces in Gregorian year `year` (before the effective-date filter). */
export function ruleDates(date: HolidayDateRule, year: number): LocalDate[] {
  switch (date.type) {
    case 'solar':
      return [makeLocalDate(year, date.month, date.day)];
    case 'lunar': {
      const d = lunarToSolar(date.day, date.month, year, false);
      return d === null ? [] : [d];
    }
    case 'lunar_new_year': {
      const tet = lunarNewYear(year);
      const eve = lastDayOfLunarYear(year - 1);
      const out: LocalDate[] = [];
      for (let i = date.daysBefore - 1; i >= 0; i--) out.push(addDays(eve, -i));
      for (let i = 0; i < date.daysFrom; i++) out.push(addDays(tet, i));
      return out;
    }
    case 'solar_with_adjacent': {
      const d = makeLocalDate(year, date.month, date.day);
      const wd = weekday(d);
      const adjacent = wd === 1 || wd === 4 ? addDays(d, 1) : addDays(d, -1);
      return adjacent < d ? [adjacent, d] : [d, adjacent];
    }
  }
}

/**
 * Statutory holidays of a Gregorian year and their compensation days, sorted by date.
 *
 * - Each rule in effect on a date gives a 'holiday' entry; two occasions on the same date merge
 *   into one entry (reasons joined with '; ') and give no extra day.
 * - Compensation (Labour Code 2019 art. 111(3)): each holiday on a weekly rest day gives one
 *   'compensation' day, the next day after it that is neither a rest day, nor a holiday, nor an
 *   earlier compensation day — so a Tết block with a weekend inside is compensated after the block.
 */
export function computedHolidays(year: number, opts: ComputedHolidayOptions): DayEntry[] {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer (got ${year})`);
  const weekend = new Set(opts.weekendDays ?? DEFAULT_WEEKEND_DAYS);
  const rules = [...(opts.rules ?? STATUTORY_HOLIDAY_RULES)];
  const culture = cultureDayRule(opts.cultureDay);
  if (culture) rules.push(culture);

  const first = makeLocalDate(year, 1, 1);
  const last = makeLocalDate(year, 12, 31);
  const byDate = new Map<LocalDate, DayEntry>();
  for (const r of rules) {
    // Skip rules not in force at any time of the year (and so never compute their lunar dates).
    if ((r.validFrom !== undefined && r.validFrom > last) || (r.validTo !== undefined && r.validTo < first)) continue;
    for (const date of ruleDates(r.date, year)) {
      if (!inEffect(date, r)) continue;
      const existing = byDate.get(date);
      if (existing) {
        existing.reason = `${existing.reason}; ${r.reason}`;
        existing.reasonEn = `${existing.reasonEn}; ${r.reasonEn}`;
        if (existing.legalBasis !== r.legalBasis) existing.legalBasis = `${existing.legalBasis}; ${r.legalBasis}`;
        if (r.pending) existing.pending = true;
        continue;
      }
      const e: DayEntry = {
        date,
        working: false,
        kind: 'holiday',
        reason: r.reason,
        reasonEn: r.reasonEn,
        source: 'computed',
        legalBasis: r.legalBasis,
        occasion: r.occasion,
      };
      if (r.pending) e.pending = true;
      byDate.set(date, e);
    }
  }

  const compRules = opts.compensationRules ?? COMPENSATION_RULES;
  const holidays = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const h of holidays) {
    const hd = toEpochDay(h.date);
    if (!weekend.has(weekdayOfEpochDay(hd))) continue;
    const cr = compRules.find((c) => inEffect(h.date, c));
    if (!cr) continue;
    let n = hd + 1;
    let guard = 0;
    for (;;) {
      const d = fromEpochDay(n);
      if (!weekend.has(weekdayOfEpochDay(n)) && !byDate.has(d)) break;
      n++;
      if (++guard > 366) throw new RangeError(`No day available to compensate ${h.date}`);
    }
    const date = fromEpochDay(n);
    const e: DayEntry = {
      date,
      working: false,
      kind: 'compensation',
      reason: 'Nghỉ bù',
      reasonEn: 'Compensatory day off',
      source: 'computed',
      legalBasis: cr.legalBasis,
    };
    if (h.occasion !== undefined) e.occasion = h.occasion;
    if (h.pending) e.pending = true;
    byDate.set(date, e);
  }

  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function compareNotices(a: OfficialNotice, b: OfficialNotice): number {
  const ai = a.issuedOn ?? '';
  const bi = b.issuedOn ?? '';
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

/**
 * Merges official notices into the computed entries of `year` and returns the final entries for
 * the dates of that year, sorted by date.
 *
 * 1. Computed entries of every occasion listed in `covers` by a notice of that `year` are dropped.
 * 2. Every notice entry dated in `year` (whatever the notice's own year) replaces the entry of its
 *    date. Notices apply in `issuedOn` order (undated first, then array order), so a later notice
 *    wins for the same date.
 * 3. A notice entry's kind is its explicit `kind`, else 'make_up' when working, else the kind of the
 *    computed entry of that date ('holiday' or 'compensation', the notice re-stating it), else
 *    'notice_off' (a swapped day off). Its legal basis is the notice's, preceded by the statute's
 *    when it re-states a computed entry.
 */
export function applyNotices(
  year: number,
  computed: readonly DayEntry[],
  notices: readonly OfficialNotice[],
): DayEntry[] {
  const covered = new Set<HolidayOccasion>();
  for (const n of notices) if (n.year === year) for (const o of n.covers ?? []) covered.add(o);

  const statutory = new Map<LocalDate, DayEntry>();
  const result = new Map<LocalDate, DayEntry>();
  for (const e of computed) {
    if (!e.date.startsWith(`${String(year).padStart(4, '0')}-`)) continue;
    statutory.set(e.date, e);
    if (e.occasion !== undefined && covered.has(e.occasion)) continue;
    result.set(e.date, { ...e });
  }

  const ordered = notices
    .map((n, i) => ({ n, i }))
    .sort((a, b) => compareNotices(a.n, b.n) || a.i - b.i)
    .map((x) => x.n);
  for (const n of ordered) {
    for (const ne of n.entries) {
      if (!ne.date.startsWith(`${String(year).padStart(4, '0')}-`)) continue;
      const stat = statutory.get(ne.date);
      const kind: DayEntryKind =
        ne.kind ??
        (ne.working
          ? 'make_up'
          : stat && !stat.working
            ? stat.kind === 'compensation'
              ? 'compensation'
              : 'holiday'
            : 'notice_off');
      const restates =
        !ne.working && stat !== undefined && !stat.working && (kind === 'holiday' || kind === 'compensation');
      const e: DayEntry = {
        date: ne.date,
        working: ne.working,
        kind,
        reason: ne.reason,
        reasonEn: ne.reasonEn,
        source: 'notice',
        legalBasis: restates && stat.legalBasis ? `${stat.legalBasis}; ${n.legalBasis}` : n.legalBasis,
        noticeId: n.id,
      };
      const occasion = stat?.occasion;
      if (occasion !== undefined) e.occasion = occasion;
      result.set(ne.date, e);
    }
  }
  return [...result.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Validation of notice data (JSON files, settings)

/** Thrown when notice data does not have the expected shape. */
export class NoticeDataError extends Error {
  /** Where the problem is, e.g. 'notices[0].entries[3].date'. */
  readonly path: string;
  /** What is wrong, without the path. */
  readonly detail: string;
  constructor(path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'NoticeDataError';
    this.path = path;
    this.detail = detail;
  }
}

const KINDS: readonly string[] = ['holiday', 'compensation', 'notice_off', 'make_up'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new NoticeDataError(path, 'must be a non-empty string');
  return v.normalize('NFC');
}

function localDate(v: unknown, path: string): LocalDate {
  if (!isLocalDate(v)) throw new NoticeDataError(path, `must be a real date 'YYYY-MM-DD' (got ${JSON.stringify(v)})`);
  return v;
}

/**
 * Checks one notice (e.g. parsed from JSON) and returns a clean copy (strings NFC-normalised).
 * Throws NoticeDataError naming the offending field.
 */
export function parseOfficialNotice(value: unknown, path = 'notice'): OfficialNotice {
  if (!isRecord(value)) throw new NoticeDataError(path, 'must be an object');
  const id = nonEmptyString(value.id, `${path}.id`);
  const year = value.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new NoticeDataError(`${path}.year`, `must be an integer year (got ${JSON.stringify(year)})`);
  }
  const notice: OfficialNotice = {
    id,
    year,
    title: nonEmptyString(value.title, `${path}.title`),
    legalBasis: nonEmptyString(value.legalBasis, `${path}.legalBasis`),
    entries: [],
  };
  if (value.issuedOn !== undefined) notice.issuedOn = localDate(value.issuedOn, `${path}.issuedOn`);
  if (!Array.isArray(value.entries)) throw new NoticeDataError(`${path}.entries`, 'must be an array');
  const seen = new Set<string>();
  value.entries.forEach((raw: unknown, i: number) => {
    const p = `${path}.entries[${i}]`;
    if (!isRecord(raw)) throw new NoticeDataError(p, 'must be an object');
    const date = localDate(raw.date, `${p}.date`);
    if (seen.has(date)) throw new NoticeDataError(`${p}.date`, `duplicate date ${date} in the same notice`);
    seen.add(date);
    if (typeof raw.working !== 'boolean') throw new NoticeDataError(`${p}.working`, 'must be true or false');
    const entry: OfficialNoticeEntry = {
      date,
      working: raw.working,
      reason: nonEmptyString(raw.reason, `${p}.reason`),
      reasonEn: nonEmptyString(raw.reasonEn, `${p}.reasonEn`),
    };
    if (raw.kind !== undefined) {
      if (typeof raw.kind !== 'string' || !KINDS.includes(raw.kind)) {
        throw new NoticeDataError(`${p}.kind`, `must be one of ${KINDS.join(', ')}`);
      }
      const kind = raw.kind as DayEntryKind;
      if ((kind === 'make_up') !== raw.working) {
        throw new NoticeDataError(`${p}.kind`, `kind '${kind}' contradicts working: ${String(raw.working)}`);
      }
      entry.kind = kind;
    }
    notice.entries.push(entry);
  });
  if (value.covers !== undefined) {
    if (!Array.isArray(value.covers)) throw new NoticeDataError(`${path}.covers`, 'must be an array');
    notice.covers = value.covers.map((o: unknown, i: number) => {
      if (typeof o !== 'string' || !(HOLIDAY_OCCASIONS as readonly string[]).includes(o)) {
        throw new NoticeDataError(`${path}.covers[${i}]`, `must be one of ${HOLIDAY_OCCASIONS.join(', ')}`);
      }
      return o as HolidayOccasion;
    });
  }
  if (value.sources !== undefined) {
    if (!Array.isArray(value.sources)) throw new NoticeDataError(`${path}.sources`, 'must be an array of strings');
    notice.sources = value.sources.map((s: unknown, i: number) => nonEmptyString(s, `${path}.sources[${i}]`));
  }
  return notice;
}

/** Checks an array of notices; ids must be unique. */
export function parseOfficialNotices(value: unknown, path = 'notices'): OfficialNotice[] {
  if (!Array.isArray(value)) throw new NoticeDataError(path, 'must be an array of notices');
  const out = value.map((v: unknown, i: number) => parseOfficialNotice(v, `${path}[${i}]`));
  const ids = new Set<string>();
  out.forEach((n, i) => {
    if (ids.has(n.id)) throw new NoticeDataError(`${path}[${i}].id`, `duplicate notice id ${JSON.stringify(n.id)}`);
    ids.add(n.id);
  });
  return out;
}
