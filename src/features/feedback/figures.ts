/** Month figures of citizen feedback (PAKN) for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import { forFigures } from './repo.ts';

/**
 * received: feedback received in the range; answered / answeredOnTime: of those, answered (on time = within the legal limit);
 * overdue: open past the limit at the end of the range; dossierIds: dossiers named by feedback received in the range.
 * Answered, refused and open count the feedback received in the range as it stands now (an answer given after the
 * range still counts, on time or not). Added: refused (of those received), open (of those received, not yet answered or refused).
 */
export interface FeedbackFigures {
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  dossierIds: number[];
  refused: number;
  open: number;
}

export async function feedbackFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<FeedbackFigures> {
  const { fromIso, toIso } = instantBounds(range);
  const rows = await forFigures(deps.db, centerIds, range.from, range.to, fromIso);
  const f: FeedbackFigures = {
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    overdue: 0,
    dossierIds: [],
    refused: 0,
    open: 0,
  };
  const dossiers = new Set<number>();
  const end = Math.min(Date.parse(toIso), deps.now().getTime());
  for (const r of rows) {
    if (r.local_day >= range.from) {
      f.received++;
      if (r.answered_at !== null) {
        f.answered++;
        if (r.answered_at <= r.handle_due_at) f.answeredOnTime++;
      } else if (r.refused_at !== null) f.refused++;
      else f.open++;
      if (r.dossier_id !== null) dossiers.add(r.dossier_id);
    }
    // Still open at the end of the range (answered or refused only later, or not at all) and past the limit then.
    const closedBy = (x: string | null) => x !== null && x < toIso;
    if (!closedBy(r.answered_at) && !closedBy(r.refused_at) && Date.parse(r.handle_due_at) < end) f.overdue++;
  }
  f.dossierIds = [...dossiers].sort((a, b) => a - b);
  return f;
}
