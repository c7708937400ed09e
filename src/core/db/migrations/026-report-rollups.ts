/**
 * Report roll-ups (issue 13 items 2 and 3, decision 038).
 *
 * - report_rollup: one row per centre and CLOSED calendar month ('YYYY-MM'), holding the result of
 *   the report's own computation for that month (reports/rollups.ts; JSON in `data`). `dirty` is 0
 *   when the row is current, 1 when something changed since it was computed, -1 while it is being
 *   recomputed (a change during the recompute turns it back to 1, so the recompute does not mark
 *   it clean). `calendar` is a fingerprint of the working calendar the verdicts were judged with;
 *   `formula` the version of the computation: either differing from today's makes the row stale.
 * - Triggers mark rows dirty whatever writes a dossier or one of its events (the desk, digitisation
 *   uploads, imports, the demo generator, a hand-written UPDATE): every month from the dossier's
 *   month of receipt on, in the same transaction as the write. On PostgreSQL they are statement
 *   triggers with transition tables (one call per INSERT/UPDATE/DELETE statement, so bulk loads
 *   pay once per statement, and nothing while no roll-up is stored); a row already dirty is not
 *   written again (no row lock taken on it). The trigger always takes the table's ROW EXCLUSIVE
 *   lock, so that a recompute's claim (SHARE ROW EXCLUSIVE lock, reports/repo.ts claimRollups) waits for every
 *   writing transaction that ran the trigger before it: the recompute then reads their rows, and
 *   any later writer finds the claimed row and marks it again.
 * - Indexes the bounded report queries need: apologies decided in a period (center_id, decided_at).
 *   The others exist: dossiers received in a period (center_id, local_day, 003), returned in it
 *   (center_id, returned_at, 016), open or ended since a day (center_id, ended_at, 015/016), events
 *   of an action in a period (action, center_id, at, 015), which the payments query now uses with
 *   the centre filter instead of every centre's events.
 */
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const migration: Migration = {
  async up(db, ctx) {
    await db.schema
      .createTable('report_rollup')
      .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('dirty', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('calendar', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('formula', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('computed_at', 'text')
      .addPrimaryKeyConstraint('report_rollup_pk', ['center_id', 'month'])
      .execute();
    await db.schema
      .createIndex('apology_center_decided_ix')
      .on('apology')
      .columns(['center_id', 'decided_at'])
      .execute();

    // Which rows of each statement mark months: a new row, an old one, or both (an UPDATE can
    // move a row from one month or centre to another).
    const TRIGGERS = [
      { table: 'dossier', op: 'INSERT', rows: ['new'] },
      { table: 'dossier', op: 'UPDATE', rows: ['old', 'new'] },
      { table: 'dossier', op: 'DELETE', rows: ['old'] },
      { table: 'dossier_event', op: 'INSERT', rows: ['new'] },
      { table: 'dossier_event', op: 'UPDATE', rows: ['old', 'new'] },
      { table: 'dossier_event', op: 'DELETE', rows: ['old'] },
    ] as const;
    const suffix = { INSERT: 'ins', UPDATE: 'upd', DELETE: 'del' } as const;

    if (ctx.dialect === 'postgres') {
      // Once per statement, from its transition tables: every centre's months from the earliest
      // receipt month among the rows onwards.
      const mark = (rows: string) =>
        `UPDATE report_rollup r SET dirty = 1
           FROM (SELECT center_id, MIN(SUBSTRING(local_day FROM 1 FOR 7)) AS m FROM ${rows} GROUP BY center_id) x
          WHERE r.center_id = x.center_id AND r.month >= x.m AND r.dirty <> 1;`;
      for (const t of TRIGGERS) {
        const name = `report_rollup_${t.table === 'dossier' ? 'dossier' : 'event'}_${suffix[t.op]}`;
        const source = (side: 'old' | 'new') =>
          t.table === 'dossier'
            ? `${side}_rows`
            : `(SELECT e.center_id, d.local_day FROM ${side}_rows e JOIN dossier d ON d.id = e.dossier_id) ev`;
        await sql
          .raw(
            `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${t.rows.map((side) => mark(source(side))).join('\n    ')}
  END IF;
  RETURN NULL;
END $$`,
          )
          .execute(db);
        const referencing = t.rows.map((side) => `${side.toUpperCase()} TABLE AS ${side}_rows`).join(' ');
        await sql
          .raw(
            `CREATE TRIGGER ${name} AFTER ${t.op} ON ${t.table} REFERENCING ${referencing}
               FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
          )
          .execute(db);
      }
    } else {
      // Once per row: that row's centre, from its receipt month onwards.
      const mark = (row: 'NEW' | 'OLD', table: 'dossier' | 'dossier_event') =>
        `UPDATE report_rollup SET dirty = 1 WHERE center_id = ${row}.center_id AND month >= ${
          table === 'dossier'
            ? `substr(${row}.local_day, 1, 7)`
            : `(SELECT substr(local_day, 1, 7) FROM dossier WHERE id = ${row}.dossier_id)`
        } AND dirty <> 1;`;
      for (const t of TRIGGERS) {
        const name = `report_rollup_${t.table === 'dossier' ? 'dossier' : 'event'}_${suffix[t.op]}`;
        const body = t.rows.map((side) => mark(side === 'new' ? 'NEW' : 'OLD', t.table)).join(' ');
        await sql.raw(`CREATE TRIGGER ${name} AFTER ${t.op} ON ${t.table} BEGIN ${body} END`).execute(db);
      }
    }
  },
};
