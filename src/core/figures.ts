/**
 * The contract between the features that keep records (letters, home service, volunteers, queue,
 * surveys, feedback) and the reports that count them. Each such feature exports one
 * `…Figures(deps, centerIds, range)` function from its `figures.ts`; reports never read another
 * feature's tables directly. No access check inside: the caller (reports) has done it.
 */
import { addDays, type LocalDate } from './calendar/local-date.ts';

/** Inclusive range of calendar days in Vietnam ('YYYY-MM-DD'). */
export interface DayRange {
  from: LocalDate;
  to: LocalDate;
}

/** The UTC instants that bound a day range in Vietnam (UTC+7): from inclusive, to exclusive, as ISO text (comparable with stored instants). */
export function instantBounds(range: DayRange): { fromIso: string; toIso: string } {
  return {
    fromIso: new Date(`${range.from}T00:00:00+07:00`).toISOString(),
    toIso: new Date(`${addDays(range.to, 1)}T00:00:00+07:00`).toISOString(),
  };
}
