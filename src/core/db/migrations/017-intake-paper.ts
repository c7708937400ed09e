/**
 * Intake paper (issue 11, owner: paper): the fee recorded at intake on the dossier, the counter
 * guidance record (form 02 given at the counter is not a dossier), and the centre's choice to
 * log guidance with a dossier code.
 */
import { withId, type Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    // Fee at intake: amount (VND), status (paid | exempt | unpaid), method, receipt number, the lines.
    await db.schema.alterTable('dossier').addColumn('fee_amount', 'integer').execute();
    await db.schema.alterTable('dossier').addColumn('fee_status', 'text').execute();
    await db.schema.alterTable('dossier').addColumn('fee_method', 'text').execute();
    await db.schema.alterTable('dossier').addColumn('fee_receipt', 'text').execute();
    await db.schema.alterTable('dossier').addColumn('fee_lines', 'text').execute();
    // 1: counter guidance takes a code from the day's dossier series (a logged guidance).
    await db.schema
      .alterTable('center')
      .addColumn('guidance_takes_code', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await withId(db.schema.createTable('counter_guidance'), ctx)
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('code', 'text')
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('procedure_name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('applicant', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('components', 'text', (c) => c.notNull())
      .addColumn('missing', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('counter_guidance_center_day')
      .on('counter_guidance')
      .columns(['center_id', 'local_day'])
      .execute();
  },
};
