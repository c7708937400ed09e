/** Queue groups, counters, tickets (issue 6, owner: queue). */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema
      .createTable('queue_setting')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('target_wait_minutes', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('queue_group'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('letter', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('queue_group_letter_uq', ['center_id', 'letter'])
      .execute();

    await withId(db.schema.createTable('queue_counter'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('group_ids', 'text', (c) => c.notNull())
      .addColumn('staff_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('queue_counter_number_uq', ['center_id', 'number'])
      .execute();

    await db.schema
      .createTable('queue_day_seq')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('queue_group.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('queue_day_seq_pk', ['center_id', 'group_id', 'day'])
      .execute();

    await withId(db.schema.createTable('queue_ticket'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('queue_group.id').onDelete('restrict'))
      .addColumn('issued_group_id', 'integer', (c) => c.notNull().references('queue_group.id').onDelete('restrict'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('public_code', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('priority_reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .addColumn('target_counter_id', 'integer', (c) => c.references('queue_counter.id').onDelete('set null'))
      .addColumn('counter_id', 'integer', (c) => c.references('queue_counter.id').onDelete('set null'))
      .addColumn('called_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('first_called_at', 'text')
      .addColumn('called_at', 'text')
      .addColumn('call_count', 'integer', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').onDelete('set null'))
      .addColumn('dossier_code', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addUniqueConstraint('queue_ticket_seq_uq', ['center_id', 'issued_group_id', 'day', 'seq'])
      .addUniqueConstraint('queue_ticket_public_uq', ['public_code'])
      .execute();
    await db.schema
      .createIndex('queue_ticket_center_status_ix')
      .on('queue_ticket')
      .columns(['center_id', 'status', 'day'])
      .execute();
    await db.schema
      .createIndex('queue_ticket_center_day_ix')
      .on('queue_ticket')
      .columns(['center_id', 'day'])
      .execute();

    // Every change of the queue, in order: the board's change feed (SSE polls max(id) per centre).
    await withId(db.schema.createTable('queue_event'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('ticket_id', 'integer', (c) => c.references('queue_ticket.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'integer', (c) => c.references('queue_counter.id').onDelete('set null'))
      .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('queue_event_center_ix').on('queue_event').columns(['center_id', 'id']).execute();
  },
};
