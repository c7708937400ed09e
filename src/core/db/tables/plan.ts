/** Table types: plan tasks, evidence, document register, facility checklist and spending (issue 7, owner: plan). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

export interface PlanTaskTable {
  id: Generated<number>;
  center_id: number;
  year: number;
  seq: number;
  /** The item's number in the plan, e.g. 'III.1.1', 'III.3.4.b', 'V.2.5'. */
  number: string;
  /** The section it belongs to, e.g. 'III.1'. */
  section: string;
  section_title: string;
  title: string;
  content: string;
  /** Chủ trì. */
  lead: string;
  /** Phối hợp. */
  coordinators: string;
  /** Sản phẩm. */
  product: string;
  /** Thời gian thực hiện. */
  timeframe: string;
  status: string; // not_started | in_progress | done | regular
  progress: number;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface PlanNoteTable {
  id: Generated<number>;
  center_id: number;
  task_id: number;
  quarter: number;
  note: string;
  updated_at: string;
  updated_by: number | null;
}

export interface PlanEvidenceTable {
  id: Generated<number>;
  center_id: number;
  task_id: number;
  quarter: number;
  kind: string; // file | link
  title: string;
  link_kind: string | null; // letter | home_visit | report | public_page | dossier | register_document
  ref: string | null;
  url: string | null;
  name: string | null;
  content_type: string | null;
  bytes: number | null;
  sha256: string | null;
  storage_key: string | null;
  added_by: number | null;
  added_at: string;
}

export interface RegisterCounterTable {
  center_id: number;
  year: number;
  direction: string;
  last_number: number;
}

export interface RegisterDocTable {
  id: Generated<number>;
  center_id: number;
  year: number;
  direction: string; // in | out
  number: number;
  doc_date: string;
  /** The document's own number and symbol, e.g. '56/KH-UBND'. */
  symbol: string;
  /** Sender (incoming) or recipient (outgoing). */
  party: string;
  abstract: string;
  assignee: string;
  deadline: string | null;
  status: string; // new | processing | done
  file_name: string | null;
  file_type: string | null;
  file_bytes: number | null;
  file_sha256: string | null;
  file_key: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface FacilityItemTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  status: string; // available | partly | missing
  note: string;
  photo_name: string | null;
  photo_type: string | null;
  photo_bytes: number | null;
  photo_sha256: string | null;
  photo_key: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface FacilitySpendingTable {
  id: Generated<number>;
  center_id: number;
  spent_on: string;
  item: string;
  /** Whole đồng. */
  amount: number | string | bigint;
  source: string;
  note: string;
  created_by: number | null;
  created_at: string;
}

export interface PlanTables {
  plan_task: PlanTaskTable;
  plan_note: PlanNoteTable;
  plan_evidence: PlanEvidenceTable;
  register_counter: RegisterCounterTable;
  register_doc: RegisterDocTable;
  facility_item: FacilityItemTable;
  facility_spending: FacilitySpendingTable;
}
