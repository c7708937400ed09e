/** Apology and re-appointment letters (form 04): drafts, approval with a yearly number, delivery. */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('apology'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // draft | approved | rejected
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('proposed_due_at', 'text', (c) => c.notNull())
      .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('number', 'integer')
      .addColumn('number_year', 'integer')
      .addColumn('drafted_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('drafted_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('delivery_channel', 'text')
      .addUniqueConstraint('apology_dossier_round_uq', ['dossier_id', 'round'])
      .addUniqueConstraint('apology_number_uq', ['center_id', 'number_year', 'number'])
      .execute();
    await db.schema.createIndex('apology_center_status_ix').on('apology').columns(['center_id', 'status']).execute();
  },
};
