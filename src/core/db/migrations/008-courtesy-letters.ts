/**
 * Courtesy letters (issue 5): congratulation letters for marriages and births, condolence letters
 * with a follow-up task (visit, funeral offering) for deaths. One letter per dossier and kind
 * (unique), numbered per centre and year (unique). Templates and trigger settings per centre.
 */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await withId(db.schema.createTable('courtesy_letter'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('dossier_code', 'text', (c) => c.notNull())
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('title_a', 'text', (c) => c.notNull())
      .addColumn('name_a', 'text', (c) => c.notNull())
      .addColumn('title_b', 'text', (c) => c.notNull())
      .addColumn('name_b', 'text', (c) => c.notNull())
      .addColumn('event_date', 'text', (c) => c.notNull())
      .addColumn('number', 'integer')
      .addColumn('number_year', 'integer')
      .addColumn('letter_date', 'text')
      .addColumn('snapshot', 'text')
      .addColumn('prepared_at', 'text', (c) => c.notNull())
      .addColumn('printed_at', 'text')
      .addColumn('printed_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('handed_over_at', 'text')
      .addColumn('handed_over_by', 'text')
      .addColumn('handover_note', 'text')
      .addColumn('handover_recorded_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('evidence_key', 'text')
      .addColumn('evidence_sha256', 'text')
      .addColumn('evidence_type', 'text')
      .addColumn('evidence_bytes', 'integer')
      .addColumn('declined_at', 'text')
      .addColumn('declined_reason', 'text')
      .addColumn('declined_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addCheckConstraint(
        'courtesy_letter_kind_ck',
        sql`kind IN ('congratulation-marriage', 'congratulation-birth', 'condolence')`,
      )
      .addCheckConstraint(
        'courtesy_letter_status_ck',
        sql`status IN ('prepared', 'printed', 'handed_over', 'declined')`,
      )
      .addCheckConstraint(
        'courtesy_letter_number_ck',
        sql`(number IS NULL AND number_year IS NULL) OR (number >= 1 AND number_year >= 2000)`,
      )
      .addCheckConstraint(
        'courtesy_letter_evidence_ck',
        sql`evidence_type IS NULL OR evidence_type IN ('application/pdf', 'image/jpeg', 'image/png')`,
      )
      .addUniqueConstraint('courtesy_letter_dossier_kind_uq', ['dossier_id', 'kind'])
      .addUniqueConstraint('courtesy_letter_number_uq', ['center_id', 'number_year', 'number'])
      .execute();
    await db.schema
      .createIndex('courtesy_letter_center_ix')
      .on('courtesy_letter')
      .columns(['center_id', 'status', 'prepared_at'])
      .execute();

    await withId(db.schema.createTable('letter_followup'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('restrict'))
      .addColumn('letter_id', 'integer', (c) =>
        c.notNull().unique().references('courtesy_letter.id').onDelete('cascade'),
      )
      .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
      .addColumn('visit', 'integer', (c) => c.notNull())
      .addColumn('offering', 'integer', (c) => c.notNull())
      .addColumn('assignee', 'text', (c) => c.notNull())
      .addColumn('planned_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .addColumn('done_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('letter_followup_status_ck', sql`status IN ('open', 'done', 'cancelled')`)
      .execute();
    await db.schema
      .createIndex('letter_followup_center_ix')
      .on('letter_followup')
      .columns(['center_id', 'status'])
      .execute();

    await db.schema
      .createTable('letter_template')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('addressee', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addPrimaryKeyConstraint('letter_template_pk', ['center_id', 'kind'])
      .execute();

    await db.schema
      .createTable('letter_settings')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('marriage_codes', 'text', (c) => c.notNull())
      .addColumn('birth_codes', 'text', (c) => c.notNull())
      .addColumn('death_codes', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('sign_prefix', 'text', (c) => c.notNull())
      .addColumn('sign_authority', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .execute();
  },
};
