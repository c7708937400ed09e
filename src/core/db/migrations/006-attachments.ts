/**
 * Scanned dossier components and results (Decision 766 indicators 4.1–4.3): one row per file
 * attached to a dossier. The bytes live outside the database and the web root, content-addressed
 * under <DATA_DIR>/uploads/<sha256[0..2]>/<sha256> (one stored file per distinct content);
 * `storage_key` is that relative path. A reused component points at the earlier attachment.
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('dossier_attachment'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('component_index', 'integer')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('reused_from_attachment_id', 'integer', (c) =>
        c.references('dossier_attachment.id').onDelete('set null'),
      )
      // The applicant's 12-digit citizen ID when the file was attached: finds the person's earlier documents by index.
      .addColumn('applicant_id_number', 'text')
      .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'dossier_attachment_kind_ck',
        sql`(kind = 'component' AND component_index IS NOT NULL AND component_index >= 0) OR (kind = 'result' AND component_index IS NULL)`,
      )
      .addCheckConstraint(
        'dossier_attachment_type_ck',
        sql`content_type IN ('application/pdf', 'image/jpeg', 'image/png')`,
      )
      .addCheckConstraint('dossier_attachment_bytes_ck', sql`bytes > 0`)
      .execute();
    await db.schema
      .createIndex('dossier_attachment_dossier_ix')
      .on('dossier_attachment')
      .columns(['dossier_id', 'kind', 'component_index'])
      .execute();
    await db.schema
      .createIndex('dossier_attachment_person_ix')
      .on('dossier_attachment')
      .columns(['center_id', 'applicant_id_number'])
      .execute();
    await db.schema
      .createIndex('dossier_attachment_reused_ix')
      .on('dossier_attachment')
      .column('reused_from_attachment_id')
      .execute();
  },
};
