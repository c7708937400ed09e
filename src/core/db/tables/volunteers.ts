/** Table types: volunteers, roster shifts, check-ins, assistance log (issue 5, owner: volunteers). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

type Bool = 0 | 1;

export interface VolunteerTable {
  id: Generated<number>;
  center_id: number;
  full_name: string;
  /** 'youth_union' | 'women_union' | 'other' */
  organisation: string;
  /** The organisation's own name (required for 'other', optional detail otherwise, e.g. "Chi đoàn thôn Phú Lộc"). */
  organisation_name: string | null;
  phone: string | null;
  /** Staff account (role 'volunteer') that signs in for this volunteer. */
  user_id: number | null;
  active: Bool;
  created_at: string;
  updated_at: string;
}

export interface VolunteerShiftTable {
  id: Generated<number>;
  center_id: number;
  volunteer_id: number;
  /** 'YYYY-MM-DD' in Vietnam. */
  date: string;
  /** 'morning' | 'afternoon' | 'custom' */
  session: string;
  /** 'HH:mm' Vietnam wall clock. */
  start_time: string;
  end_time: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface VolunteerCheckinTable {
  id: Generated<number>;
  center_id: number;
  volunteer_id: number;
  shift_id: number | null;
  checked_in_at: string;
  checked_out_at: string | null;
  checked_in_by: number | null;
  checked_out_by: number | null;
}

export interface VolunteerAssistTable {
  id: Generated<number>;
  center_id: number;
  volunteer_id: number;
  checkin_id: number | null;
  /** 'guide' | 'online_submission' | 'vneid' | 'form_filling' | 'other' */
  kind: string;
  /** How many people were helped (1–100). */
  people: number;
  dossier_id: number | null;
  dossier_code: string | null;
  note: string | null;
  at: string;
  created_by: number | null;
}

export interface VolunteersTables {
  volunteer: VolunteerTable;
  volunteer_shift: VolunteerShiftTable;
  volunteer_checkin: VolunteerCheckinTable;
  volunteer_assist: VolunteerAssistTable;
}
