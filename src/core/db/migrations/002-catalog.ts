/** Procedure catalogue with published versions, catalogue imports (review drafts), staff directory, centre texts. */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('procedure'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('same_day', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('current_version_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('procedure_center_code_uq', ['center_id', 'code'])
      .execute();

    await withId(db.schema.createTable('catalog_import'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('source_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('full_catalog', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema
      .createIndex('catalog_import_center_ix')
      .on('catalog_import')
      .columns(['center_id', 'created_at'])
      .execute();

    await withId(db.schema.createTable('catalog_import_item'), ctx)
      .addColumn('import_id', 'integer', (c) => c.notNull().references('catalog_import.id').onDelete('cascade'))
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('changed_fields', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('previous_version_id', 'integer')
      .execute();
    await db.schema
      .createIndex('catalog_import_item_import_ix')
      .on('catalog_import_item')
      .column('import_id')
      .execute();

    await withId(db.schema.createTable('procedure_version'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedure.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('change_kind', 'text', (c) => c.notNull())
      .addColumn('changed_fields', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('effective_from', 'text')
      .addColumn('import_id', 'integer', (c) => c.references('catalog_import.id').onDelete('set null'))
      .addColumn('published_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('procedure_version_uq', ['procedure_id', 'version'])
      .execute();
    await db.schema
      .createIndex('procedure_version_center_ix')
      .on('procedure_version')
      .columns(['center_id', 'published_at'])
      .execute();

    await withId(db.schema.createTable('staff_contact'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('counter', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_contact_center_ix').on('staff_contact').column('center_id').execute();

    await db.schema
      .createTable('center_text')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
