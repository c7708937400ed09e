/**
 * Plan tasks, evidence, document register, facility checklist and spending (issue 7, owner: plan).
 *
 * - plan_task: one row per item of the centre's plan for a year (seeded from data/plan/*.json);
 *   plan_note: the task's note for a quarter; plan_evidence: an uploaded file (content-addressed
 *   under <DATA_DIR>/uploads like dossier attachments) or a link to a record the system holds.
 * - register_doc: the book of incoming and outgoing correspondence (sổ công văn đi/đến), numbered
 *   gaplessly per centre, year and direction through register_counter (same upsert as dossier codes).
 * - facility_item: the plan III.2.3 checklist (one row per item code); facility_spending: V.2.6 lines.
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('plan_task'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('section_title', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('lead', 'text', (c) => c.notNull())
      .addColumn('coordinators', 'text', (c) => c.notNull())
      .addColumn('product', 'text', (c) => c.notNull())
      .addColumn('timeframe', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addUniqueConstraint('plan_task_number_uq', ['center_id', 'year', 'number'])
      .addCheckConstraint('plan_task_status_ck', sql`status IN ('not_started', 'in_progress', 'done', 'regular')`)
      .addCheckConstraint('plan_task_progress_ck', sql`progress >= 0 AND progress <= 100`)
      .execute();

    await withId(db.schema.createTable('plan_note'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_task.id').onDelete('cascade'))
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addUniqueConstraint('plan_note_uq', ['task_id', 'quarter'])
      .addCheckConstraint('plan_note_quarter_ck', sql`quarter BETWEEN 1 AND 4`)
      .execute();

    await withId(db.schema.createTable('plan_evidence'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_task.id').onDelete('cascade'))
      .addColumn('quarter', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('link_kind', 'text')
      .addColumn('ref', 'text')
      .addColumn('url', 'text')
      .addColumn('name', 'text')
      .addColumn('content_type', 'text')
      .addColumn('bytes', 'integer')
      .addColumn('sha256', 'text')
      .addColumn('storage_key', 'text')
      .addColumn('added_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'plan_evidence_kind_ck',
        sql`(kind = 'file' AND storage_key IS NOT NULL AND sha256 IS NOT NULL AND content_type IN ('application/pdf', 'image/jpeg', 'image/png')) OR (kind = 'link' AND link_kind IS NOT NULL AND (url IS NOT NULL OR ref IS NOT NULL))`,
      )
      .addCheckConstraint('plan_evidence_quarter_ck', sql`quarter BETWEEN 1 AND 4`)
      .execute();
    await db.schema.createIndex('plan_evidence_task_ix').on('plan_evidence').columns(['task_id', 'quarter']).execute();

    await db.schema
      .createTable('register_counter')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('register_counter_pk', ['center_id', 'year', 'direction'])
      .execute();

    await withId(db.schema.createTable('register_doc'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('doc_date', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('abstract', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('file_type', 'text')
      .addColumn('file_bytes', 'integer')
      .addColumn('file_sha256', 'text')
      .addColumn('file_key', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('register_doc_number_uq', ['center_id', 'year', 'direction', 'number'])
      .addCheckConstraint('register_doc_direction_ck', sql`direction IN ('in', 'out')`)
      .addCheckConstraint('register_doc_status_ck', sql`status IN ('new', 'processing', 'done')`)
      .execute();
    await db.schema.createIndex('register_doc_date_ix').on('register_doc').columns(['center_id', 'doc_date']).execute();

    await withId(db.schema.createTable('facility_item'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('photo_name', 'text')
      .addColumn('photo_type', 'text')
      .addColumn('photo_bytes', 'integer')
      .addColumn('photo_sha256', 'text')
      .addColumn('photo_key', 'text')
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('facility_item_uq', ['center_id', 'code'])
      .addCheckConstraint('facility_item_status_ck', sql`status IN ('available', 'partly', 'missing')`)
      .execute();

    await withId(db.schema.createTable('facility_spending'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('spent_on', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('facility_spending_amount_ck', sql`amount > 0`)
      .execute();
    await db.schema
      .createIndex('facility_spending_date_ix')
      .on('facility_spending')
      .columns(['center_id', 'spent_on'])
      .execute();
  },
};
