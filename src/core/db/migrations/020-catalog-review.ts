/**
 * Catalogue review and search guidance (issue 12, docs/decisions/027-search-guidance-and-confirmed-data.md):
 * - procedure_confirmation: who confirmed a procedure's fees and time limits against the official
 *   record, when, for which published version and values (append-only: every confirmation is kept);
 * - search_guidance: a centre's own table of matters handled elsewhere or abolished, shown above the
 *   search results (no row: the seeded defaults of data/catalog/not-here.json).
 */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('procedure_confirmation'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('procedure_version.id').onDelete('cascade'))
      .addColumn('values_hash', 'text', (c) => c.notNull())
      .addColumn('confirmed_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('confirmed_by_name', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('procedure_confirmation_center_code_ix')
      .on('procedure_confirmation')
      .columns(['center_id', 'code', 'confirmed_at'])
      .execute();
    await db.schema
      .createTable('search_guidance')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
