/** Table types: report targets and settings, public headline opt-in (issue 7, owner: reports). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';
import type { Bool } from '../schema.ts';

/** A centre's yearly target for one indicator (rate 0..1). Absent rows fall back to the defaults in src/features/reports/targets.ts. */
export interface ReportTargetTable {
  center_id: number;
  year: number;
  indicator: string;
  target: number;
  updated_by: number | null;
  updated_at: string;
}

/** Per-centre report settings: the public headline page (/<slug>/so-lieu) is off until a manager turns it on. */
export interface ReportSettingTable {
  center_id: number;
  public_headline: Bool;
  updated_by: number | null;
  updated_at: string;
}

/** The report of one centre for one closed calendar month, as computed (decision 038; src/features/reports/rollups.ts). */
export interface ReportRollupTable {
  center_id: number;
  /** 'YYYY-MM' */
  month: string;
  /** JSON of the month's parts; null until first computed. */
  data: string | null;
  /** 0 current, 1 changed since computed, -1 being recomputed (triggers of migration 026 set 1). */
  dirty: Generated<number>;
  /** Fingerprint of the working calendar the verdicts were judged with. */
  calendar: Generated<string>;
  /** Version of the computation that wrote `data`. */
  formula: Generated<number>;
  computed_at: string | null;
}

export interface ReportsTables {
  report_target: ReportTargetTable;
  report_setting: ReportSettingTable;
  report_rollup: ReportRollupTable;
}
