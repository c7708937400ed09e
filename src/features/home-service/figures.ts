/** Month figures of home service for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

export type HomeServiceFigures = { requests: number; visits: number; dossiersTaken: number; resultsReturned: number; cardsDelivered: number };

// PENDING(owner: home-service helper): replace with the real count.
export async function homeServiceFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<HomeServiceFigures> {
  return { requests: 0, visits: 0, dossiersTaken: 0, resultsReturned: 0, cardsDelivered: 0 };
}
