/**
 * Table types for Kysely. Portable representation shared by SQLite and PostgreSQL
 * (see docs/decisions/003-portable-storage.md): instants are ISO-8601 UTC text,
 * calendar dates 'YYYY-MM-DD' text, booleans integer 0/1, structured settings JSON text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { LettersTables } from './tables/letters.ts';
import type { HomeServiceTables } from './tables/home-service.ts';
import type { VolunteersTables } from './tables/volunteers.ts';
import type { QueueTables } from './tables/queue.ts';
import type { SurveysFeedbackTables } from './tables/surveys-feedback.ts';
import type { ReportsTables } from './tables/reports.ts';
import type { PlanTables } from './tables/plan.ts';
import type { SyncTables } from './tables/sync.ts';
import type { CatalogReviewTables } from './tables/catalog-review.ts';
import type { SigningTables } from './tables/signing.ts';

export type Bool = 0 | 1;

export interface CenterTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  parent_body: string;
  province: string;
  agency_code: string;
  address: string;
  phones: string; // JSON: [{label, number}]
  email: string | null;
  website: string | null;
  working_sessions: string; // JSON: [{start:'07:30', end:'11:30'}, …]
  same_day_cutoff: string; // 'HH:mm'
  same_day_weekdays: string; // JSON: [2, 5] (0 = Sunday)
  culture_day_enabled: Bool;
  culture_day_confirmed: Bool;
  leader_name: string | null;
  leader_title: string | null;
  /** Re-appointments (apology letters) allowed per dossier; 1 by default (BRIEF §5). */
  max_reappointments: Generated<number>;
  /** 1: counter guidance (form 02) takes a dossier code (migration 017). */
  guidance_takes_code: Generated<number>;
  /** The at-risk watch's window, in working hours before the appointment (migration 016). */
  apology_warning_hours: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AppUserTable {
  id: Generated<number>;
  center_id: number;
  username: string;
  full_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  active: Bool;
  created_at: string;
  last_login_at: string | null;
  /** The province administrator: creates centres, assigns province officers (migration 023). */
  province_admin: Generated<Bool>;
  /** Console language, the user's own setting (migration 019). */
  lang: Generated<string>;
}

export interface UserRoleTable {
  user_id: number;
  center_id: number;
  role: string;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface CalendarNoticeTable {
  id: Generated<number>;
  center_id: number;
  year: number;
  date: string;
  working: Bool;
  reason: string;
  reason_en: string;
  legal_basis: string;
  created_by: number | null;
  created_at: string;
}

export interface CalendarYearTable {
  center_id: number;
  year: number;
  confirmed_by: number | null;
  confirmed_at: string;
  note: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  center_id: number | null;
  actor_user_id: number | null;
  action: string;
  subject: string | null;
  detail: string | null; // JSON
  at: string;
}

export interface ProcedureTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  name: string;
  field: string;
  status: string;
  same_day: Bool;
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ProcedureVersionTable {
  id: Generated<number>;
  center_id: number;
  procedure_id: number;
  version: number;
  data: string; // canonical JSON of ProcedureData
  change_kind: string; // initial | new | changed | abolished | restored
  changed_fields: string; // JSON array
  effective_from: string | null;
  import_id: number | null;
  published_by: number | null;
  published_at: string;
}

export interface CatalogImportTable {
  id: Generated<number>;
  center_id: number;
  source_name: string;
  format: string; // json | csv | console
  full_catalog: Bool;
  status: string; // draft | published | discarded
  summary: string; // JSON counts
  created_by: number | null;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
}

export interface CatalogImportItemTable {
  id: Generated<number>;
  import_id: number;
  center_id: number;
  code: string;
  kind: string; // new | changed | abolished | unchanged
  data: string | null;
  changed_fields: string;
  previous_version_id: number | null;
}

export interface StaffContactTable {
  id: Generated<number>;
  center_id: number;
  name: string;
  title: string;
  counter: string;
  fields: string; // JSON array
  phone: string;
  email: string;
  is_public: Bool;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface CenterTextTable {
  center_id: number;
  texts: string; // JSON CenterTexts
  updated_by: number | null;
  updated_at: string;
}

export interface DossierCounterTable {
  center_id: number;
  day: string; // yyMMdd in Vietnam
  last_seq: number;
}

export interface DossierTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  procedure_id: number;
  procedure_version_id: number;
  procedure_code: string;
  procedure_name: string;
  field: string;
  status: number;
  channel: string;
  applicant: string; // JSON Applicant
  owner: string | null; // JSON Applicant
  subject: string;
  sets: number;
  components: string; // JSON ReceivedComponent[]
  received_at: string;
  local_day: string; // YYYY-MM-DD of receipt in Vietnam
  due_at: string; // the original appointment, never changed
  extended_due_at: string | null;
  same_day: Bool;
  lookup_secret: string;
  supplement_count: number;
  /** Display text of who holds the dossier (a user's name or a unit); kept as written, for history. */
  holder: string | null;
  /** The user holding the dossier ("Của tôi"); null at the desk or with a unit. */
  assigned_user_id: number | null;
  /** Folded names, ID numbers, phone and code for the console search (kept at write time, migration 018). */
  search_text: Generated<string>;
  ended_at: string | null;
  processed_at: string | null;
  returned_at: string | null;
  return_method: string | null;
  result_note: string | null;
  digitised: Bool;
  reused: Bool;
  electronic_result: Bool;
  vneid_verified: Bool;
  /** DuocLayTuKhoDMQG: a component taken from the citizen's data store on DVCQG (4.5a, 4.4). */
  citizen_store: Generated<Bool>;
  /** The national population database consulted (MaCSDL in DSKetNoiCSDL; 4.5a). */
  population_db: Generated<Bool>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The national portal's MaHoSo of a dossier submitted there (unique per centre); null for desk intakes. */
  portal_code: string | null;
  /** Fee recorded at intake (migration 017): VND; null when none was recorded. */
  fee_amount: number | null;
  /** 'paid' | 'exempt' | 'unpaid' */
  fee_status: string | null;
  /** 'cash' | 'transfer' | 'online' */
  fee_method: string | null;
  fee_receipt: string | null;
  fee_lines: string | null; // JSON FeeLine[]
}

/** Guidance given at the counter with form 02 (not a dossier; migration 017). */
export interface CounterGuidanceTable {
  id: Generated<number>;
  center_id: number;
  /** A dossier-series code only when the centre logs guidance with a code. */
  code: string | null;
  procedure_code: string;
  procedure_name: string;
  field: string;
  channel: string;
  applicant: string; // JSON Applicant
  subject: string;
  components: string; // JSON ReceivedComponent[] (what the citizen brought)
  missing: string; // JSON string[]
  reason: string;
  actor_user_id: number | null;
  actor_name: string;
  at: string;
  local_day: string;
}

export interface DossierEventTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number;
  seq: number;
  action: string;
  from_status: number | null;
  to_status: number | null;
  actor_user_id: number | null;
  actor_name: string;
  at: string;
  data: string; // JSON
}

export interface ApologyTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number;
  round: number;
  status: string; // draft | approved | rejected
  reason: string;
  proposed_due_at: string;
  auto: Bool;
  number: number | null;
  number_year: number | null;
  drafted_by: number | null;
  drafted_at: string;
  decided_by: number | null;
  decided_at: string | null;
  delivered_at: string | null;
  delivery_channel: string | null;
  /** The body responsible for the delay and its signer, printed on form 04 (migration 025); null = the centre's. */
  responsible_unit: string | null;
  signer_title: string | null;
  signer_name: string | null;
}

/** Every table. Features added after the desk keep their table types in ./tables/ (one file per feature). */
export interface DB
  extends
    LettersTables,
    HomeServiceTables,
    VolunteersTables,
    QueueTables,
    SurveysFeedbackTables,
    ReportsTables,
    PlanTables,
    SyncTables,
    CatalogReviewTables,
    SigningTables {
  center: CenterTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  calendar_notice: CalendarNoticeTable;
  calendar_year: CalendarYearTable;
  audit_log: AuditLogTable;
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  catalog_import: CatalogImportTable;
  catalog_import_item: CatalogImportItemTable;
  staff_contact: StaffContactTable;
  center_text: CenterTextTable;
  dossier_counter: DossierCounterTable;
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  counter_guidance: CounterGuidanceTable;
  apology: ApologyTable;
  notification: NotificationTable;
  notification_opt_out: NotificationOptOutTable;
  dossier_attachment: DossierAttachmentTable;
}

export type Center = Selectable<CenterTable>;
export type NewCenter = Insertable<CenterTable>;
export type CenterUpdate = Updateable<CenterTable>;
export type AppUser = Selectable<AppUserTable>;

export interface NotificationTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number | null;
  kind: string; // receipt | supplement | result_ready | apology
  channel: string; // email | sms | zalo | file
  recipient: string; // normalised phone or e-mail
  subject: string;
  body: string;
  status: string; // queued | sending | sent | delivered | failed
  attempts: number;
  next_attempt_at: string | null; // null: no further automatic attempt
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  provider_id: string | null;
}

export interface NotificationOptOutTable {
  id: Generated<number>;
  center_id: number;
  recipient: string; // normalised phone or e-mail
  channel: string; // '*' | email | sms | zalo | file
  source: string; // desk | public
  created_at: string;
}

export interface DossierAttachmentTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number;
  kind: string; // component | result
  component_index: number | null; // index in the dossier's components JSON (kind = component)
  name: string;
  content_type: string; // application/pdf | image/jpeg | image/png (sniffed, never the client's claim)
  bytes: number;
  sha256: string; // hex
  storage_key: string; // '<sha256[0..2]>/<sha256>' under <DATA_DIR>/uploads
  reused_from_attachment_id: number | null;
  applicant_id_number: string | null; // the applicant's citizen ID when attached (finds the person's earlier documents)
  uploaded_by: number | null;
  uploaded_at: string;
}
