/** Table types: the DVCQG sync outbox (issue 14, owner: sync). Same portable conventions as ../schema.ts. */
import type { Generated } from 'kysely';

/** One message to the portal per dossier event, in order per dossier (`seq` 1, 2, …). */
export interface SyncMessageTable {
  id: Generated<number>;
  center_id: number;
  dossier_id: number;
  dossier_code: string;
  /** 1, 2, … per dossier: the order the portal must receive them in. */
  seq: number;
  /** 'create' (ThemMoi) for a dossier the portal does not know yet, else 'update' (CapNhat). */
  kind: string;
  /** The desk event that produced it ('received', 'accept', …). */
  action: string;
  /** TrangThaiHoSo after the event. */
  dossier_status: number;
  /** The dossier's receipt day in Vietnam ('YYYY-MM-DD'): indicator 1.4 counts by it. */
  received_day: string;
  /** The HoSo JSON sent (built in the event's transaction). */
  payload: string;
  /** 'queued' | 'sending' | 'acked' | 'failed' */
  status: string;
  attempts: Generated<number>;
  /** When it may be tried next (or the lease end while sending); null for a message that waits for a re-send. */
  next_attempt_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  created_at: string;
  acked_at: string | null;
  /** The portal's reference for the accepted message. */
  portal_ref: string | null;
}

export interface SyncTables {
  sync_message: SyncMessageTable;
}
