/** Dossiers at the one-stop desk, their append-only events, and the per-centre daily code counter. */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema
      .createTable('dossier_counter')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('dossier_counter_pk', ['center_id', 'day'])
      .execute();

    await withId(db.schema.createTable('dossier'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedure.id').onDelete('restrict'))
      .addColumn('procedure_version_id', 'integer', (c) =>
        c.notNull().references('procedure_version.id').onDelete('restrict'),
      )
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('procedure_name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('applicant', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('sets', 'integer', (c) => c.notNull())
      .addColumn('components', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('extended_due_at', 'text')
      .addColumn('same_day', 'integer', (c) => c.notNull())
      .addColumn('lookup_secret', 'text', (c) => c.notNull())
      .addColumn('supplement_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('holder', 'text')
      .addColumn('assigned_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('ended_at', 'text')
      .addColumn('processed_at', 'text')
      .addColumn('returned_at', 'text')
      .addColumn('return_method', 'text')
      .addColumn('result_note', 'text')
      .addColumn('digitised', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reused', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('electronic_result', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('vneid_verified', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('dossier_code_uq', ['code'])
      .execute();
    await db.schema.createIndex('dossier_center_status_ix').on('dossier').columns(['center_id', 'status']).execute();
    await db.schema.createIndex('dossier_center_due_ix').on('dossier').columns(['center_id', 'due_at']).execute();
    await db.schema.createIndex('dossier_center_day_ix').on('dossier').columns(['center_id', 'local_day']).execute();

    await withId(db.schema.createTable('dossier_event'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'integer')
      .addColumn('to_status', 'integer')
      .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addUniqueConstraint('dossier_event_seq_uq', ['dossier_id', 'seq'])
      .execute();
  },
};
