/** Table types: queue groups, counters, tickets (issue 6, owner: queue). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';
import type { Bool } from '../schema.ts';

export interface QueueSettingTable {
  center_id: number;
  target_wait_minutes: number;
  /** JSON list of priority group keys offered at the kiosk; null = the posted rules' default (migration 019). */
  priority_groups: string | null;
  /** 1 = outside hours the kiosk issues tickets for the next opening (migration 019). */
  early_tickets: Generated<Bool>;
  updated_by: number | null;
  updated_at: string;
}

export interface QueueGroupTable {
  id: Generated<number>;
  center_id: number;
  /** Ticket prefix: one capital letter, A–Z. */
  letter: string;
  name: string;
  name_en: string;
  fields: string; // JSON: catalogue fields (lĩnh vực) served by the group
  sort_order: number;
  active: Bool;
  created_at: string;
  updated_at: string;
}

export interface QueueCounterTable {
  id: Generated<number>;
  center_id: number;
  number: number;
  name: string;
  group_ids: string; // JSON: queue_group ids served at the counter
  staff_user_id: number | null; // who sits at the counter now
  active: Bool;
  created_at: string;
  updated_at: string;
}

export interface QueueDaySeqTable {
  center_id: number;
  group_id: number;
  day: string; // YYYY-MM-DD in Vietnam
  last_seq: number;
}

export interface QueueTicketTable {
  id: Generated<number>;
  center_id: number;
  group_id: number; // current group (a transfer may change it)
  issued_group_id: number; // group whose sequence numbered the ticket
  day: string; // YYYY-MM-DD in Vietnam
  seq: number;
  code: string; // 'A001'
  public_code: string; // 'A001-261125-K7MQ': the phone page address
  priority: Bool;
  priority_reason: string | null; // elderly | disabled | pregnant | child
  status: string; // waiting | called | served | skipped
  issued_at: string;
  queued_at: string; // order inside the queue (a transfer keeps the original place)
  target_counter_id: number | null; // transferred to one counter
  counter_id: number | null; // the counter that called it
  called_by: number | null;
  first_called_at: string | null;
  called_at: string | null;
  call_count: number;
  finished_at: string | null;
  dossier_id: number | null;
  dossier_code: string | null;
  version: number;
}

export interface QueueEventTable {
  id: Generated<number>;
  center_id: number;
  ticket_id: number | null;
  kind: string; // issued | called | recalled | skipped | transferred | served | linked | config
  counter_id: number | null;
  actor_user_id: number | null;
  at: string;
  data: string; // JSON
}

export interface QueueTables {
  queue_setting: QueueSettingTable;
  queue_group: QueueGroupTable;
  queue_counter: QueueCounterTable;
  queue_day_seq: QueueDaySeqTable;
  queue_ticket: QueueTicketTable;
  queue_event: QueueEventTable;
}
