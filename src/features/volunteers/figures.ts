/** Month figures of volunteers at the desk for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import * as repo from './repo.ts';

export interface VolunteerFigures {
  /** Volunteers who served in the range (checked in or logged help). */
  volunteers: number;
  /** Roster shifts planned in the range. */
  shifts: number;
  /** People helped, all kinds (sum of the log entries' counts). */
  peopleHelped: number;
  onlineSubmissionsHelped: number;
  vneidHelped: number;
}

/** The contract's figures and more detail (the reports may read these fields too). */
export type VolunteerFiguresDetail = VolunteerFigures & {
  /** Added: people guided / welcomed. */
  guided: number;
  /** Added: people helped to fill in forms. */
  formsFilled: number;
  /** Added: other help. */
  otherHelped: number;
  /** Added: check-ins at the desk that started in the range. */
  checkIns: number;
  /** Added: hours on duty (closed check-ins), one decimal. */
  hoursOnDuty: number;
  /** Added: volunteer records active today (not range-bound). */
  registered: number;
};

/** The figures for some centres (or one volunteer of one centre) in a range of Vietnam days. */
export async function computeVolunteerFigures(
  deps: Deps,
  centerIds: number[],
  range: DayRange,
  volunteerId?: number,
): Promise<VolunteerFiguresDetail> {
  const { fromIso, toIso } = instantBounds(range);
  const f: repo.FigureFilter = { centerIds, fromIso, toIso, fromDate: range.from, toDate: range.to, volunteerId };
  const [totals, shifts, spans, active, registered] = await Promise.all([
    repo.assistTotals(deps.db, f),
    repo.shiftCount(deps.db, f),
    repo.checkinSpans(deps.db, f),
    repo.activeVolunteerIds(deps.db, f),
    volunteerId === undefined ? repo.registeredCount(deps.db, centerIds) : Promise.resolve(1),
  ]);
  const of = (k: string) => totals.find((t) => t.kind === k)?.people ?? 0;
  const ms = spans.reduce(
    (s, c) => (c.checked_out_at ? s + Math.max(0, Date.parse(c.checked_out_at) - Date.parse(c.checked_in_at)) : s),
    0,
  );
  return {
    volunteers: active.length,
    shifts,
    peopleHelped: totals.reduce((s, t) => s + t.people, 0),
    onlineSubmissionsHelped: of('online_submission'),
    vneidHelped: of('vneid'),
    guided: of('guide'),
    formsFilled: of('form_filling'),
    otherHelped: of('other'),
    checkIns: spans.length,
    hoursOnDuty: Math.round(ms / 360_000) / 10,
    registered,
  };
}

export async function volunteerFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<VolunteerFigures> {
  return computeVolunteerFigures(deps, centerIds, range);
}
