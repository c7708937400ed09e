/** Rules of the calendar's console page, as named predicates (pure; unit tested). */
import type { DayInfo } from '../../core/calendar/index.ts';

/** A day listed under "days off and make-up days": a non-working day other than a weekend, or a make-up day. */
export const isSpecialDay = (d: Pick<DayInfo, 'working' | 'kind'>): boolean =>
  (!d.working && d.kind !== 'weekend') || d.kind === 'make_up';

/** The classes of a day's cell in a month grid (how it is coloured). */
export function dayCellClass(d: Pick<DayInfo, 'working' | 'kind' | 'pending'>): string {
  return [
    d.working ? (d.kind === 'make_up' ? 'make_up' : '') : d.kind === 'weekend' ? 'off' : d.kind,
    d.pending ? 'pending' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A year's computed holidays can be confirmed by someone allowed to, while still only computed. */
export const canConfirmYear = (status: string, mayConfirm: boolean): boolean => status === 'computed' && mayConfirm;

/** The year a console form names (a date's year, else the given year), if within 1901–2099. */
export function formYear(date: unknown): number | null {
  if (typeof date !== 'string' || !/^\d{4}/.test(date)) return null;
  const y = Number(date.slice(0, 4));
  return y >= 1901 && y <= 2099 ? y : null;
}
