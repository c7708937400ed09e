/** Report targets and settings, public headline opt-in (issue 7, owner: reports). */
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db) {
    await db.schema
      .createTable('report_target')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('indicator', 'text', (c) => c.notNull())
      .addColumn('target', 'double precision', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_target_pk', ['center_id', 'year', 'indicator'])
      .execute();
    await db.schema
      .createTable('report_setting')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('public_headline', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
