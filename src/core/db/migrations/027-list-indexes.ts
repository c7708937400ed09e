/**
 * Indexes for keyset paging of long lists (issue 13; decision 039). Each list reads newest first
 * by (instant, id) from the centre's rows; with these indexes a page, and a bounded window of the
 * newest rows, is an index seek of `limit` entries, not a sort of the centre's whole history.
 *
 * - dossier (center_id, received_at DESC, id DESC): the console dossier list and its JSON API,
 *   by cursor. It replaces dossier_center_received_ix (center_id, received_at) of 018, whose
 *   every use (received-between ranges of reports and the book) it serves as well.
 * - dossier (center_id, assigned_user_id, received_at DESC, id DESC): the "Của tôi" inbox (the
 *   list filtered to the dossiers an officer holds), which otherwise walks the centre's whole
 *   history to find the few an officer holds.
 * - courtesy_letter (center_id, prepared_at DESC, id DESC): the letters' print queue without a
 *   status filter (018's index leads with status).
 * - home_request (center_id, created_at DESC, id DESC): the home-service request list.
 * - feedback (center_id, received_at DESC, id DESC): the feedback list.
 * - notification and sync_message (center_id, status, created_at DESC, id DESC): the "failed"
 *   windows of the outboxes, which otherwise walk every message of the centre to find a few.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

const INDEXES: [name: string, table: string, columns: string][] = [
  ['dossier_center_received_id_ix', 'dossier', 'center_id, received_at DESC, id DESC'],
  ['dossier_center_holder_received_ix', 'dossier', 'center_id, assigned_user_id, received_at DESC, id DESC'],
  ['courtesy_letter_center_prepared_ix', 'courtesy_letter', 'center_id, prepared_at DESC, id DESC'],
  ['home_request_center_created_ix', 'home_request', 'center_id, created_at DESC, id DESC'],
  ['feedback_center_received_ix', 'feedback', 'center_id, received_at DESC, id DESC'],
  ['notification_center_status_created_ix', 'notification', 'center_id, status, created_at DESC, id DESC'],
  ['sync_message_center_status_created_ix', 'sync_message', 'center_id, status, created_at DESC, id DESC'],
];

// Migrations are written against an untyped database.
export const migration: Migration = {
  async up(raw) {
    const db = raw as Kysely<any>;
    for (const [name, table, columns] of INDEXES)
      await sql`CREATE INDEX ${sql.raw(name)} ON ${sql.raw(table)} (${sql.raw(columns)})`.execute(db);
    await db.schema.dropIndex('dossier_center_received_ix').ifExists().execute();
  },
};
