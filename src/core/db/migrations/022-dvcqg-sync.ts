/**
 * DVCQG sync (issue 14, owner: sync): the portal's own dossier code on dossiers that came from the
 * portal (unique per centre, so a pulled or pushed submission is taken once), and the sync outbox —
 * one message per dossier event, numbered per dossier, written in the event's transaction.
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema.alterTable('dossier').addColumn('portal_code', 'text').execute();
    // NULLs are distinct on both engines: desk dossiers (no portal code) never collide.
    await db.schema
      .createIndex('dossier_portal_code_uq')
      .on('dossier')
      .columns(['center_id', 'portal_code'])
      .unique()
      .execute();

    await withId(db.schema.createTable('sync_message'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('dossier_code', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('dossier_status', 'integer', (c) => c.notNull())
      .addColumn('received_day', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('acked_at', 'text')
      .addColumn('portal_ref', 'text')
      .addUniqueConstraint('sync_message_dossier_seq_uq', ['dossier_id', 'seq'])
      .addCheckConstraint('sync_message_kind_ck', sql`kind IN ('create', 'update')`)
      .addCheckConstraint('sync_message_status_ck', sql`status IN ('queued', 'sending', 'acked', 'failed')`)
      .execute();
    await db.schema
      .createIndex('sync_message_due_ix')
      .on('sync_message')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('sync_message_center_created_ix')
      .on('sync_message')
      .columns(['center_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sync_message_center_day_ix')
      .on('sync_message')
      .columns(['center_id', 'received_day'])
      .execute();
  },
};
