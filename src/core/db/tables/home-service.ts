/** Table types: vulnerable-people register, home-service requests and visits (issue 5, owner: home-service). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

export interface CarePersonTable {
  id: Generated<number>;
  center_id: number;
  full_name: string;
  name_folded: string;
  birth_year: number | null;
  address: string;
  phone: string;
  categories: string; // JSON CareCategory[]
  carer_name: string;
  carer_relation: string;
  carer_phone: string;
  notes: string;
  consent_date: string; // YYYY-MM-DD
  consent_method: string; // written | verbal | relative | phone
  consent_given_by: string;
  consent_recorded_by: number | null;
  withdrawn_at: string | null;
  withdrawn_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface HomeRequestTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  source: string; // public | phone | dossier
  status: string; // new | scheduled | done | cancelled
  person_name: string;
  relationship: string;
  requester_name: string;
  phone: string;
  address: string;
  needs: string; // JSON Need[]
  needs_other: string;
  preferred_date: string | null;
  preferred_slot: string; // any | morning | afternoon
  dossier_code: string | null;
  care_person_id: number | null;
  notes: string;
  consent_at: string | null;
  local_day: string;
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
  close_note: string | null;
  updated_at: string;
}

export interface HomeVisitTable {
  id: Generated<number>;
  center_id: number;
  request_id: number;
  officer_user_id: number;
  visit_date: string;
  visit_time: string;
  address: string;
  tasks: string; // JSON Task[]
  dossier_code: string | null;
  notes: string;
  status: string; // scheduled | done | not_home | postponed | cancelled
  visited_at: string | null;
  visited_day: string | null;
  outcome_note: string | null;
  photo_sha256: string | null;
  photo_key: string | null;
  photo_type: string | null;
  confirm_kind: string | null; // typed | paper | none
  confirm_name: string | null;
  taken_codes: string; // JSON string[]
  result_returned: number; // 0/1
  card_delivered: number; // 0/1
  recorded_by: number | null;
  recorded_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface HomeFormSecretTable {
  id: number;
  secret: string;
  created_at: string;
}

export interface HomeServiceTables {
  home_form_secret: HomeFormSecretTable;
  care_person: CarePersonTable;
  home_request: HomeRequestTable;
  home_visit: HomeVisitTable;
}
