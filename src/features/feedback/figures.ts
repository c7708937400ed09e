/** Month figures of citizen feedback (PAKN) for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

/**
 * received: feedback received in the range; answered / answeredOnTime: of those, answered (on time = within the legal limit);
 * overdue: open past the limit at the end of the range; dossierIds: dossiers named by feedback received in the range.
 */
export type FeedbackFigures = { received: number; answered: number; answeredOnTime: number; overdue: number; dossierIds: number[] };

// PENDING(owner: feedback helper): replace with the real count.
export async function feedbackFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<FeedbackFigures> {
  return { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, dossierIds: [] };
}
