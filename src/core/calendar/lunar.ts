/**
 * The Vietnamese lunisolar calendar (âm lịch), ported from Hồ Ngọc Đức's published algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/), computed for the 105°E meridian
 * (UTC+7) as Vietnam has done since 1968. It is NOT the Chinese calendar (120°E, UTC+8): a new
 * moon close to midnight can fall on different dates in the two countries, which moves whole
 * months (Tết 1985: 21/01 in Vietnam, 20/02 in China).
 *
 * Rules: a month starts on the day containing the new moon; month 11 contains the winter
 * solstice; a year with 13 months between two month-11s has a leap month, the first month after
 * month 11 that contains no principal solar term (trung khí).
 *
 * Astronomical accuracy is that of the original algorithm (about a minute for the new moons of
 * 1900–2100). The supported range is 1800–2199; outside it the functions throw RangeError.
 *
 * Everything is integer day numbers (Julian Day Numbers) — no host time zone involved. The time
 * zone is a parameter of the internal `…At` functions so that tests can show the UTC+8 (Chinese)
 * result differs; the public functions always use 7.
 */
import { epochDayFromParts, fromEpochDay, parseLocalDate, toEpochDay, type LocalDate } from './local-date.ts';

export interface LunarDate {
  /** Day of the lunar month, 1..30. */
  day: number;
  /** Lunar month 1..12 (a leap month repeats the number of the month before it). */
  month: number;
  /** Lunar year (the Gregorian year in which its month 1 begins). */
  year: number;
  /** True for the leap (nhuận) month. */
  leap: boolean;
}

/** Vietnam: UTC+7 (105°E). */
export const VN_LUNAR_TIME_ZONE = 7;

export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

/** Julian Day Number of 1970-01-01. */
const JD_EPOCH = 2440588;

const PI = Math.PI;
const INT = Math.floor;

function jdOf(date: LocalDate): number {
  return toEpochDay(date) + JD_EPOCH;
}

function dateOfJd(jd: number): LocalDate {
  return fromEpochDay(jd - JD_EPOCH);
}

/** Julian day (fractional, UT) of the k-th new moon after the one of 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let Jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  Jd1 = Jd1 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // Sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // Moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // Moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  let deltat: number;
  if (T < -11) {
    deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3;
  } else {
    deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
  }
  return Jd1 + C1 - deltat;
}

/** Sun's apparent longitude in radians (0..2π) at Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 UT
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Sector 0..11 (30° each) of the Sun's longitude at local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number, tz: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

/** Julian Day Number of the local day containing the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

/**
 * Index k of the new moon that starts the lunar month containing day `jd`, i.e. the largest k
 * with newMoonDay(k) <= jd. The original algorithm estimates k from the mean lunation only and
 * can be one month off (day 0 on 13/04/1877, 16/03/1885, 07/05/2054, 09/04/2062); this corrects it.
 */
function monthIndexOfDay(jd: number, tz: number): number {
  let k = INT((jd - 2415021.076998695) / 29.530588853 + 0.5);
  while (newMoonDay(k, tz) > jd) k--;
  while (newMoonDay(k + 1, tz) <= jd) k++;
  return k;
}

const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

/** JDN of the first day of lunar month 11 of Gregorian year `yy` (the month of the solstice). */
function lunarMonth11(yy: number, tz: number): number {
  const key = `${yy}|${tz}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  // The month containing 31 December starts between 2 and 31 December; if it starts after the
  // solstice (Sun's longitude ≥ 270° at its first local midnight) it is month 12, and month 11
  // is the one before. (Equivalent to the original mean-lunation estimate, without its risk of
  // being a month off.)
  const k = monthIndexOfDay(epochDayFromParts(yy, 12, 31) + JD_EPOCH, tz);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz);
  month11Cache.set(key, nm);
  return nm;
}

/** Offset (in months after month 11 starting at `a11`) of the leap month of that lunar year. */
function leapMonthOffset(a11: number, tz: number): number {
  const key = `${a11}|${tz}`;
  const cached = leapOffsetCache.get(key);
  if (cached !== undefined) return cached;
  const k = monthIndexOfDay(a11, tz);
  let last: number;
  let i = 1; // start with the month following month 11
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  leapOffsetCache.set(key, i - 1);
  return i - 1;
}

function checkYear(y: number, what: string): void {
  if (!Number.isInteger(y) || y < LUNAR_MIN_YEAR || y > LUNAR_MAX_YEAR) {
    throw new RangeError(`${what} ${y} is outside the supported range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`);
  }
}

/**
 * @internal Solar -> lunar at an arbitrary time zone (hours east of UTC). Use `solarToLunar`
 * (Vietnam, UTC+7) everywhere outside tests.
 */
export function solarToLunarAt(date: LocalDate, tz: number): LunarDate {
  const { y: yy } = parseLocalDate(date);
  checkYear(yy, 'Year');
  const dayNumber = jdOf(date);
  const monthStart = newMoonDay(monthIndexOfDay(dayNumber, tz), tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/**
 * Index k (for `newMoonDay(k, tz)`) of the new moon starting a lunar month at time zone `tz`, or
 * null when the month does not exist (a leap month in a year whose leap month is another one, or
 * any leap month in a 12-month year).
 */
function monthIndex(month: number, year: number, leap: boolean, tz: number): number | null {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = monthIndexOfDay(a11, tz);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return k + off;
}

function checkLunarArgs(day: number, month: number, year: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Lunar month must be an integer 1..12 (got ${month})`);
  }
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Lunar day must be an integer 1..30 (got ${day})`);
  }
  checkYear(year, 'Lunar year');
}

/** First day (JDN) and length in days of a lunar month, or null when it does not exist. */
function monthSpan(month: number, year: number, leap: boolean, tz: number): { start: number; length: number } | null {
  const k = monthIndex(month, year, leap, tz);
  if (k === null) return null;
  const start = newMoonDay(k, tz);
  return { start, length: newMoonDay(k + 1, tz) - start };
}

/**
 * @internal Lunar -> solar at an arbitrary time zone. Use `lunarToSolar` outside tests.
 */
export function lunarToSolarAt(day: number, month: number, year: number, leap: boolean, tz: number): LocalDate | null {
  checkLunarArgs(day, month, year);
  const span = monthSpan(month, year, leap, tz);
  if (span === null || day > span.length) return null;
  return dateOfJd(span.start + day - 1);
}

/** The Vietnamese lunar date of a calendar date. */
export function solarToLunar(date: LocalDate): LunarDate {
  return solarToLunarAt(date, VN_LUNAR_TIME_ZONE);
}

/**
 * The calendar date of a Vietnamese lunar date, or null when it does not exist (day 30 of a
 * 29-day month, or a leap month the year does not have). Throws RangeError for malformed input.
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): LocalDate | null {
  return lunarToSolarAt(day, month, year, leap, VN_LUNAR_TIME_ZONE);
}

/** Number of days (29 or 30) of a lunar month; RangeError if that (leap) month does not exist. */
export function lunarMonthLength(month: number, year: number, leap = false): number {
  checkLunarArgs(1, month, year);
  const span = monthSpan(month, year, leap, VN_LUNAR_TIME_ZONE);
  if (span === null) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  return span.length;
}

/** The leap month of a lunar year (1..12), or null when the year has 12 months. */
export function lunarLeapMonth(year: number): number | null {
  checkLunarArgs(1, 1, year);
  for (let m = 1; m <= 12; m++) {
    if (monthIndex(m, year, true, VN_LUNAR_TIME_ZONE) !== null) return m;
  }
  return null;
}

/** Mùng 1 Tết (lunar 1/1) of lunar year `year`, which falls in Gregorian year `year`. */
export function lunarNewYear(year: number): LocalDate {
  const d = lunarToSolar(1, 1, year, false);
  if (d === null) throw new RangeError(`No lunar new year for ${year}`);
  return d;
}

/** Last day of lunar year `year` (29 or 30 Chạp), the day before the next Tết. */
export function lastDayOfLunarYear(year: number): LocalDate {
  return fromEpochDay(toEpochDay(lunarNewYear(year + 1)) - 1);
}

// ---------------------------------------------------------------------------------------------
// Names (our own, NFC-normalised Vietnamese spelling)

export const CAN: readonly string[] = Object.freeze(
  ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'].map((s) => s.normalize('NFC')),
);
export const CHI: readonly string[] = Object.freeze(
  ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'].map((s) => s.normalize('NFC')),
);
const MONTH_NAMES: readonly string[] = Object.freeze(
  ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Một', 'Chạp'].map((s) =>
    s.normalize('NFC'),
  ),
);

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Can-Chi name of a lunar year, e.g. 2026 -> 'Bính Ngọ'. */
export function canChiYear(lunarYear: number): string {
  if (!Number.isInteger(lunarYear)) throw new RangeError(`Lunar year must be an integer (got ${lunarYear})`);
  return `${CAN[mod(lunarYear + 6, 10)]} ${CHI[mod(lunarYear + 8, 12)]}`;
}

/** Can-Chi name of a lunar month (a leap month shares the name of its regular month). */
export function canChiMonth(month: number, lunarYear: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid lunar month ${month}`);
  return `${CAN[mod(lunarYear * 12 + month + 3, 10)]} ${CHI[mod(month + 1, 12)]}`;
}

/** Can-Chi name of a day, e.g. 2000-01-01 -> 'Mậu Ngọ'. */
export function canChiDay(date: LocalDate): string {
  const jd = jdOf(date);
  return `${CAN[mod(jd + 9, 10)]} ${CHI[mod(jd + 1, 12)]}`;
}

/** Traditional name of a lunar month: 1 'Giêng', 2 'Hai', …, 10 'Mười', 11 'Một', 12 'Chạp'. */
export function lunarMonthName(month: number): string {
  const name = Number.isInteger(month) ? MONTH_NAMES[month - 1] : undefined;
  if (name === undefined) throw new RangeError(`Invalid lunar month ${month}`);
  return name;
}

/**
 * A lunar date in words, e.g. 'mùng 1 tháng Giêng năm Bính Ngọ', 'ngày 29 tháng Chạp năm Ất Tỵ',
 * 'ngày 15 tháng Sáu nhuận năm Ất Tỵ'.
 */
export function formatLunarVi(l: LunarDate): string {
  const day = l.day <= 10 ? `mùng ${l.day}` : `ngày ${l.day}`;
  return `${day} tháng ${lunarMonthName(l.month)}${l.leap ? ' nhuận' : ''} năm ${canChiYear(l.year)}`;
}

/** Short numeric form, e.g. '29/12 Ất Tỵ', '15/6 nhuận Ất Tỵ'. */
export function formatLunarShortVi(l: LunarDate): string {
  return `${l.day}/${l.month}${l.leap ? ' nhuận' : ''} ${canChiYear(l.year)}`;
}
