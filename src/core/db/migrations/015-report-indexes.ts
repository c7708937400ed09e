/**
 * Indexes that keep the monthly report fast on a centre-year and a province (issue 7, owner:
 * bench/scale; measured with `npm run bench` on the `npm run bench:data` sets, see
 * docs/decisions/018-scale-and-demo-history.md).
 *
 * - dossier (center_id, ended_at): the report reads the dossiers of a month — those received in
 *   it and those ended in it or still open (`ended_at IS NULL OR ended_at >= start`). Without it
 *   both engines read every dossier of the centre's history; with it they take the union of two
 *   index ranges (SQLite's OR optimisation, PostgreSQL's BitmapOr).
 * - dossier_event (action, center_id, at): supplement requests made in a month and payments are
 *   events found by their action; without it every event of the centres is read (25 million rows
 *   on the province). The action leads so that queries naming the action but not the centre (the
 *   payments join) can use it too.
 */
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * On PostgreSQL the month index also carries the columns the monthly counts read (INCLUDE), so a
 * query that reads the month as two index ranges (`ended_at IS NULL` and `ended_at >= start`,
 * e.g. UNION ALL) and names only these columns is an index-only scan: on the province (5 million
 * dossiers, 6 GB of rows) 0.6 s instead of 3–4 s. A bitmap scan (the OR written in one WHERE)
 * still uses it like the plain index. SQLite has no INCLUDE; its plain index already gives < 100 ms.
 */
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
    if (ctx.dialect === 'postgres') {
      await sql`CREATE INDEX dossier_center_ended_ix ON dossier (center_id, ended_at) INCLUDE (${sql.raw(REPORT_COLUMNS.join(', '))})`.execute(
        db,
      );
    } else {
      await db.schema.createIndex('dossier_center_ended_ix').on('dossier').columns(['center_id', 'ended_at']).execute();
    }
    await db.schema
      .createIndex('dossier_event_action_center_at_ix')
      .on('dossier_event')
      .columns(['action', 'center_id', 'at'])
      .execute();
  },
};
