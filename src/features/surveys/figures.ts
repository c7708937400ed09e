/** Month figures of satisfaction surveys for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';

/**
 * Overall ratings of responses submitted in the range. satisfiedRate = (very satisfied + satisfied) ÷ responses, null without responses.
 * dissatisfiedDossierIds: dossiers with a "not satisfied" overall rating (Decision 766 satisfaction indicator).
 */
export type SurveyFigures = { responses: number; verySatisfied: number; satisfied: number; dissatisfied: number; satisfiedRate: number | null; dissatisfiedDossierIds: number[] };

// PENDING(owner: surveys helper): replace with the real count.
export async function surveyFigures(_deps: Deps, _centerIds: number[], _range: DayRange): Promise<SurveyFigures> {
  return { responses: 0, verySatisfied: 0, satisfied: 0, dissatisfied: 0, satisfiedRate: null, dissatisfiedDossierIds: [] };
}
