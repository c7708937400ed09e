/** Month figures of the DVCQG sync for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import { acknowledgedDossiers } from './repo.ts';

export interface SyncFigures {
  /**
   * Decision 766 indicator 1.4's numerator: dossiers received in the range (Vietnam days; refused
   * ones left out, as in the report's "received") that the portal acknowledged at least once.
   */
  acknowledged: number;
}

/** No access check: the caller (reports) has done it. */
export async function syncFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<SyncFigures> {
  const m = await acknowledgedDossiers(deps.db, centerIds, range.from, range.to);
  let acknowledged = 0;
  for (const n of m.values()) acknowledged += n;
  return { acknowledged };
}
