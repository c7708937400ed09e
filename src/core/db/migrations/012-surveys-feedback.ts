/** Survey criteria and responses, follow-up tasks, citizen feedback (PAKN), staff obstacles (issue 6, owner: surveys/feedback). */
import { sql } from 'kysely';
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema
      .createTable('survey_setting')
      .addColumn('center_id', 'integer', (c) => c.primaryKey().references('center.id').onDelete('cascade'))
      .addColumn('low_threshold_pct', 'integer', (c) => c.notNull().defaultTo(50))
      .addColumn('signing_key', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('survey_criterion'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label_vi', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('survey_criterion_code_uq', ['center_id', 'code'])
      .addCheckConstraint('survey_criterion_kind_ck', sql`kind IN ('indicator', 'conduct')`)
      .execute();

    await withId(db.schema.createTable('survey_response'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').onDelete('set null'))
      .addColumn('dossier_code', 'text')
      .addColumn('ticket_code', 'text')
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('device', 'text', (c) => c.notNull())
      .addColumn('overall', 'text', (c) => c.notNull())
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('average_pct', 'integer')
      .addColumn('comment', 'text')
      .addColumn('officer_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('officer_name', 'text')
      .addColumn('counter', 'text')
      .addColumn('field', 'text')
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('local_month', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Once per dossier and stage; once per ticket, day and stage (NULLs never collide).
      .addUniqueConstraint('survey_response_dossier_stage_uq', ['dossier_id', 'stage'])
      .addUniqueConstraint('survey_response_ticket_stage_uq', ['center_id', 'local_day', 'ticket_code', 'stage'])
      .addCheckConstraint('survey_response_stage_ck', sql`stage IN ('receipt', 'result')`)
      .addCheckConstraint('survey_response_channel_ck', sql`channel IN ('qr', 'link', 'tablet', 'web')`)
      .addCheckConstraint('survey_response_overall_ck', sql`overall IN ('very_satisfied', 'satisfied', 'dissatisfied')`)
      .addCheckConstraint('survey_response_subject_ck', sql`dossier_code IS NOT NULL OR ticket_code IS NOT NULL`)
      .execute();
    await db.schema
      .createIndex('survey_response_center_day_ix')
      .on('survey_response')
      .columns(['center_id', 'local_day'])
      .execute();

    await withId(db.schema.createTable('survey_followup'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_response.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assigned_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('note', 'text')
      .addColumn('resolved_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('resolved_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('survey_followup_response_uq', ['response_id'])
      .addCheckConstraint('survey_followup_status_ck', sql`status IN ('open', 'assigned', 'resolved')`)
      .execute();
    await db.schema
      .createIndex('survey_followup_center_status_ix')
      .on('survey_followup')
      .columns(['center_id', 'status'])
      .execute();

    await withId(db.schema.createTable('feedback'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('about', 'text', (c) => c.notNull())
      .addColumn('procedure_code', 'text')
      .addColumn('procedure_name', 'text')
      .addColumn('dossier_code', 'text')
      .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').onDelete('set null'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('anonymous', 'integer', (c) => c.notNull())
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('contact_email', 'text')
      .addColumn('classification', 'text')
      .addColumn('topic', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assigned_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('handle_due_at', 'text', (c) => c.notNull())
      .addColumn('refuse_due_at', 'text', (c) => c.notNull())
      .addColumn('info_due_at', 'text', (c) => c.notNull())
      .addColumn('info_request', 'text')
      .addColumn('info_requested_at', 'text')
      .addColumn('info_reply', 'text')
      .addColumn('info_replied_at', 'text')
      .addColumn('answer', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('answered_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('refuse_reason', 'text')
      .addColumn('refused_at', 'text')
      .addColumn('publish_due_at', 'text')
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addCheckConstraint('feedback_about_ck', sql`about IN ('procedure', 'conduct', 'other')`)
      .addCheckConstraint('feedback_status_ck', sql`status IN ('received', 'info_requested', 'answered', 'refused')`)
      .addCheckConstraint('feedback_class_ck', sql`classification IS NULL OR classification IN ('tthc', 'behaviour')`)
      .execute();
    await db.schema
      .createIndex('feedback_center_status_ix')
      .on('feedback')
      .columns(['center_id', 'status', 'handle_due_at'])
      .execute();
    await db.schema.createIndex('feedback_center_day_ix').on('feedback').columns(['center_id', 'local_day']).execute();

    await withId(db.schema.createTable('obstacle'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('raised_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('raised_by_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('answered_by_name', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('obstacle_status_ck', sql`status IN ('open', 'answered')`)
      .execute();
    await db.schema.createIndex('obstacle_center_ix').on('obstacle').columns(['center_id', 'status']).execute();
  },
};
