/** Month figures of courtesy letters for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

export type LetterFigures = { congratulation: number; condolence: number; handedOver: number; declined: number; followUpsDone: number };

// PENDING(owner: letters helper): replace with the real count.
export async function letterFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<LetterFigures> {
  return { congratulation: 0, condolence: 0, handedOver: 0, declined: 0, followUpsDone: 0 };
}
