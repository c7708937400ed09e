/**
 * The single clock and the indicators by the book (issue 11, decisions 019 and 020):
 * - center.apology_warning_hours: the at-risk watch drafts an apology for a dossier whose clock
 *   runs and whose appointment is at most this many WORKING hours away (default 8 = one day);
 * - dossier.citizen_store (DuocLayTuKhoDMQG: a component taken from the citizen's data store on
 *   DVCQG) and dossier.population_db (the national population database consulted, MaCSDL):
 *   with vneid_verified they make Decision 766 indicator 4.5a;
 * - dossier (center_id, returned_at): "results returned in the month" counts every return in the
 *   month, whenever processing ended;
 * - PostgreSQL: the month index carries the two new flags (index-only scans, decision 018).
 */
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

const REPORT_COLUMNS = [
  'id',
  'received_at',
  'local_day',
  'status',
  'procedure_version_id',
  'procedure_id',
  'channel',
  'digitised',
  'reused',
  'vneid_verified',
  'citizen_store',
  'population_db',
  'electronic_result',
  'returned_at',
  'due_at',
  'supplement_count',
  'same_day',
  'processed_at',
  'extended_due_at',
];

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema
      .alterTable('center')
      .addColumn('apology_warning_hours', 'integer', (c) => c.notNull().defaultTo(8))
      .execute();
    await db.schema
      .alterTable('dossier')
      .addColumn('citizen_store', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('dossier')
      .addColumn('population_db', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('dossier_center_returned_ix')
      .on('dossier')
      .columns(['center_id', 'returned_at'])
      .execute();
    if (ctx.dialect === 'postgres') {
      await sql`DROP INDEX dossier_center_ended_ix`.execute(db);
      await sql`CREATE INDEX dossier_center_ended_ix ON dossier (center_id, ended_at) INCLUDE (${sql.raw(REPORT_COLUMNS.join(', '))})`.execute(
        db,
      );
    }
  },
};
