/**
 * Month figures of home service for the reports (contract: src/core/figures.ts). Counted by
 * Vietnam calendar day: requests by the day they arrived; visits by the day the officer went
 * (outcome "done" or "not at home" — a postponed or cancelled visit was not made); dossiers taken
 * at home (codes linked to completed visits), results returned at home, cards delivered.
 */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import * as repo from './repo.ts';
import { takenCodesJson } from './model.ts';

export interface HomeServiceFigures {
  requests: number;
  visits: number;
  dossiersTaken: number;
  resultsReturned: number;
  cardsDelivered: number;
}

export async function homeServiceFigures(
  deps: Deps,
  centerIds: number[],
  range: DayRange,
): Promise<HomeServiceFigures> {
  if (!centerIds.length) return { requests: 0, visits: 0, dossiersTaken: 0, resultsReturned: 0, cardsDelivered: 0 };
  const requests = await repo.requestsBetween(deps.db, centerIds, range.from, range.to);
  const visits = await repo.visitsBetween(deps.db, centerIds, range.from, range.to);
  const done = visits.filter((v) => v.status === 'done');
  return {
    requests: requests.length,
    visits: visits.length,
    dossiersTaken: done.reduce((n, v) => n + takenCodesJson.decode(v.taken_codes).length, 0),
    resultsReturned: done.filter((v) => v.result_returned === 1).length,
    cardsDelivered: done.filter((v) => v.card_delivered === 1).length,
  };
}
