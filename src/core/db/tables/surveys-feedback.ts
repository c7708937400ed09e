/** Table types: survey criteria and responses, citizen feedback (PAKN), staff obstacles (issue 6, owner: surveys/feedback). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

type Bool = 0 | 1;

/** Per-centre settings of the satisfaction features: low-score threshold and the key that signs kiosk cookies and public form stamps. */
export interface SurveySettingTable {
  center_id: number;
  /** A response whose average criterion score (0–100 %) is under this opens a follow-up task. */
  low_threshold_pct: number;
  signing_key: string; // random hex, never shown
  updated_at: string;
}

/** A centre's edited criteria; a centre without rows uses the defaults (BRIEF §8 and §14). */
export interface SurveyCriterionTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  kind: string; // indicator | conduct
  label_vi: string;
  label_en: string;
  sort_order: number;
  active: Bool;
  updated_at: string;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number | null;
  dossier_code: string | null;
  ticket_code: string | null;
  stage: string; // receipt | result
  channel: string; // qr | link | tablet | web
  device: string; // phone | tablet | desktop | other
  overall: string; // very_satisfied | satisfied | dissatisfied
  scores: string; // JSON { criterionCode: 0 | 1 | 2 }
  average_pct: number | null; // mean of the scores as 0–100 (integer), null without scores
  comment: string | null;
  officer_user_id: number | null;
  officer_name: string | null;
  counter: string | null;
  field: string | null;
  local_day: string; // YYYY-MM-DD in Vietnam
  local_month: string; // YYYY-MM in Vietnam
  created_at: string;
}

export interface SurveyFollowupTable {
  id: Generated<number>;
  center_id: number;
  response_id: number;
  reason: string; // dissatisfied | low_average
  status: string; // open | assigned | resolved
  assigned_user_id: number | null;
  note: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  about: string; // procedure | conduct | other
  procedure_code: string | null;
  procedure_name: string | null;
  dossier_code: string | null;
  dossier_id: number | null;
  content: string;
  anonymous: Bool;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  classification: string | null; // tthc | behaviour
  topic: string | null;
  status: string; // received | info_requested | answered | refused
  assigned_user_id: number | null;
  received_at: string;
  local_day: string;
  handle_due_at: string;
  refuse_due_at: string;
  info_due_at: string;
  info_request: string | null;
  info_requested_at: string | null;
  info_reply: string | null;
  info_replied_at: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  refuse_reason: string | null;
  refused_at: string | null;
  publish_due_at: string | null;
  published: Bool;
  published_at: string | null;
  updated_at: string;
  version: number;
}

export interface ObstacleTable {
  id: Generated<number>;
  center_id: number;
  raised_by: number | null;
  raised_by_name: string;
  title: string;
  content: string;
  status: string; // open | answered
  answer: string | null;
  answered_by: number | null;
  answered_by_name: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface SurveysFeedbackTables {
  survey_setting: SurveySettingTable;
  survey_criterion: SurveyCriterionTable;
  survey_response: SurveyResponseTable;
  survey_followup: SurveyFollowupTable;
  feedback: FeedbackTable;
  obstacle: ObstacleTable;
}
