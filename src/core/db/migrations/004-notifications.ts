/** Notification outbox (one row per message and channel, with its delivery status) and citizens' opt-outs. */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('notification'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('provider_id', 'text')
      .addCheckConstraint('notification_kind_ck', sql`kind IN ('receipt', 'supplement', 'result_ready', 'apology')`)
      .addCheckConstraint('notification_channel_ck', sql`channel IN ('email', 'sms', 'zalo', 'file')`)
      .addCheckConstraint('notification_status_ck', sql`status IN ('queued', 'sending', 'sent', 'delivered', 'failed')`)
      .execute();
    // The worker's claim: due messages by status and time.
    await db.schema
      .createIndex('notification_due_ix')
      .on('notification')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notification_center_created_ix')
      .on('notification')
      .columns(['center_id', 'created_at'])
      .execute();
    await db.schema.createIndex('notification_dossier_ix').on('notification').column('dossier_id').execute();
    // Delivery receipts from a webhook provider find the message by the provider's id.
    await db.schema
      .createIndex('notification_provider_ix')
      .on('notification')
      .columns(['channel', 'provider_id'])
      .execute();

    await withId(db.schema.createTable('notification_opt_out'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('notification_opt_out_uq', ['center_id', 'recipient', 'channel'])
      .addCheckConstraint('notification_opt_out_channel_ck', sql`channel IN ('*', 'email', 'sms', 'zalo', 'file')`)
      .execute();
  },
};
