/** Month figures of satisfaction surveys for the reports (contract: src/core/figures.ts). */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import { responsesBetween } from './repo.ts';

/**
 * Overall ratings of responses submitted in the range. satisfiedRate = (very satisfied + satisfied) ÷ responses, null without responses.
 * dissatisfiedDossierIds: dossiers with a "not satisfied" overall rating (Decision 766 satisfaction indicator).
 * Added: byStage (receipt / result response counts) and averagePct (mean criterion score 0–100, null without scored answers).
 */
export interface SurveyFigures {
  responses: number;
  verySatisfied: number;
  satisfied: number;
  dissatisfied: number;
  satisfiedRate: number | null;
  dissatisfiedDossierIds: number[];
  byStage: { receipt: number; result: number };
  averagePct: number | null;
}

export async function surveyFigures(deps: Deps, centerIds: number[], range: DayRange): Promise<SurveyFigures> {
  const rows = await responsesBetween(deps.db, centerIds, range.from, range.to);
  const f: SurveyFigures = {
    responses: rows.length,
    verySatisfied: 0,
    satisfied: 0,
    dissatisfied: 0,
    satisfiedRate: null,
    dissatisfiedDossierIds: [],
    byStage: { receipt: 0, result: 0 },
    averagePct: null,
  };
  const dissatisfied = new Set<number>();
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (r.overall === 'very_satisfied') f.verySatisfied++;
    else if (r.overall === 'satisfied') f.satisfied++;
    else {
      f.dissatisfied++;
      if (r.dossier_id !== null) dissatisfied.add(r.dossier_id);
    }
    if (r.stage === 'result') f.byStage.result++;
    else f.byStage.receipt++;
    if (r.average_pct !== null) {
      sum += r.average_pct;
      n++;
    }
  }
  f.satisfiedRate = rows.length ? (f.verySatisfied + f.satisfied) / rows.length : null;
  f.dissatisfiedDossierIds = [...dissatisfied].sort((a, b) => a - b);
  f.averagePct = n ? Math.round(sum / n) : null;
  return f;
}
