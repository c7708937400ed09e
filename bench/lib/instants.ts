/**
 * Receipt instants for the deadline benchmarks: a deterministic spread over 2026–2027 in
 * Vietnam time (office hours, lunch breaks, evenings, nights, weekends) plus hand-picked
 * instants around Tết and the days named by the official 2026 notices.
 */
import type { DeadlineUnit } from '../../src/core/calendar/index.ts';
import { seededRandom } from '../../src/core/random.ts';

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant of a Vietnam local date and time (UTC+07:00). */
export function vnInstant(y: number, m: number, d: number, hh: number, mm: number): Date {
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - VN_OFFSET_MS);
}

/** Days around Tết 2026/2027 and the 2026 notices (New Year swap, make-up Saturdays, 30/4–1/5, 2/9). */
export const NAMED_INSTANTS: readonly { label: string; at: Date }[] = Object.freeze([
  { label: 'New Year 2026 (holiday)', at: vnInstant(2026, 1, 1, 9, 0) },
  { label: 'swapped day off 02/01/2026', at: vnInstant(2026, 1, 2, 10, 15) },
  { label: 'Friday before make-up Saturday', at: vnInstant(2026, 1, 9, 16, 30) },
  { label: 'make-up Saturday 10/01/2026', at: vnInstant(2026, 1, 10, 8, 0) },
  { label: 'last working day before Tết 2026', at: vnInstant(2026, 2, 13, 10, 0) },
  { label: 'after cut-off before Tết 2026', at: vnInstant(2026, 2, 13, 15, 30) },
  { label: 'Tết 2026', at: vnInstant(2026, 2, 17, 9, 0) },
  { label: 'Tết 2026, lunch break', at: vnInstant(2026, 2, 20, 11, 45) },
  { label: 'first day after Tết 2026', at: vnInstant(2026, 2, 23, 7, 30) },
  { label: 'Hùng Kings day 2026', at: vnInstant(2026, 4, 26, 9, 0) },
  { label: 'just before 30/4 2026', at: vnInstant(2026, 4, 29, 16, 59) },
  { label: '30/4 2026', at: vnInstant(2026, 4, 30, 8, 0) },
  { label: '01/5 2026', at: vnInstant(2026, 5, 1, 12, 0) },
  { label: 'Friday before make-up Saturday 22/08', at: vnInstant(2026, 8, 21, 15, 0) },
  { label: 'make-up Saturday 22/08/2026', at: vnInstant(2026, 8, 22, 9, 0) },
  { label: 'before National Day 2026', at: vnInstant(2026, 8, 28, 14, 0) },
  { label: 'swapped day off 31/08/2026', at: vnInstant(2026, 8, 31, 8, 0) },
  { label: 'National Day 2026', at: vnInstant(2026, 9, 2, 10, 0) },
  { label: 'Culture Day 24/11/2026', at: vnInstant(2026, 11, 24, 9, 0) },
  { label: 'New Year’s Eve 2026, evening', at: vnInstant(2026, 12, 31, 20, 0) },
  { label: 'before Tết 2027', at: vnInstant(2027, 2, 4, 14, 0) },
  { label: 'Tết 2027', at: vnInstant(2027, 2, 8, 9, 0) },
  { label: 'after Tết 2027', at: vnInstant(2027, 2, 12, 16, 0) },
  { label: 'Hùng Kings day 2027', at: vnInstant(2027, 4, 16, 9, 0) },
  { label: 'National Day 2027', at: vnInstant(2027, 9, 2, 9, 0) },
  { label: 'end of 2027', at: vnInstant(2027, 12, 31, 16, 45) },
]);

const rng = seededRandom;

/**
 * `count` receipt instants: the named ones, then random ones over 2026-01-01 … 2027-12-31 where
 * about 70 % fall in 07:00–17:30 local time and the rest anywhere in the day, interleaved so a
 * prefix of the list is already spread.
 */
export function receiptInstants(count: number, seed = 20260101): Date[] {
  const next = rng(seed);
  const first = vnInstant(2026, 1, 1, 0, 0).getTime();
  const days = Math.round((vnInstant(2028, 1, 1, 0, 0).getTime() - first) / DAY_MS);
  const out: Date[] = [];
  let named = 0;
  while (out.length < count) {
    // Every 8th instant is a named one (cycled), the others random.
    const pick = NAMED_INSTANTS[named % NAMED_INSTANTS.length];
    if (out.length % 8 === 0 && pick) {
      out.push(pick.at);
      named++;
      continue;
    }
    const day = Math.floor(next() * days);
    const minute = next() < 0.7 ? 420 + Math.floor(next() * 630) : Math.floor(next() * 1440);
    out.push(new Date(first + day * DAY_MS + minute * 60_000));
  }
  return out;
}

/** The four units measured, with the amounts of the brief. */
export const UNIT_CASES: readonly { unit: DeadlineUnit; amount: number | undefined; label: string }[] = Object.freeze([
  { unit: 'working_days', amount: 5, label: 'working_days 5' },
  { unit: 'working_hours', amount: 16, label: 'working_hours 16' },
  { unit: 'calendar_days', amount: 15, label: 'calendar_days 15' },
  { unit: 'same_day', amount: undefined, label: 'same_day' },
]);
