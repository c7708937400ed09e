/** Table types: report targets and settings, public headline opt-in (issue 7, owner: reports). Same portable conventions as ../schema.ts. */
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

export interface ReportsTables {
  report_target: ReportTargetTable;
  report_setting: ReportSettingTable;
}
