/** Month figures of courtesy letters for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import { figureCounts } from './repo.ts';

export interface LetterFigures {
  congratulation: number;
  condolence: number;
  handedOver: number;
  declined: number;
  followUpsDone: number;
  congratulationMarriage: number;
  congratulationBirth: number;
}

/**
 * In the day range (Vietnam days): letters prepared, by kind (congratulations = marriage + birth);
 * letters handed over and declined (by the day of the handover or decline); visits done (by the
 * day marked done). No access check: the caller (reports) has done it.
 */
export async function letterFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<LetterFigures> {
  const { fromIso, toIso } = instantBounds(range);
  const c = await figureCounts(deps.db, centerIds, fromIso, toIso);
  const marriage = c.prepared['congratulation-marriage'] ?? 0;
  const birth = c.prepared['congratulation-birth'] ?? 0;
  return {
    congratulation: marriage + birth,
    condolence: c.prepared.condolence ?? 0,
    handedOver: c.handedOver,
    declined: c.declined,
    followUpsDone: c.followUpsDone,
    congratulationMarriage: marriage,
    congratulationBirth: birth,
  };
}
