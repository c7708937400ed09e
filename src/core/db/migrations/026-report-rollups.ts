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

    if (ctx.dialect === 'postgres') {
      const mark = (rows: string, dayOf: string) =>
        `UPDATE report_rollup r SET dirty = 1
           FROM (SELECT center_id, MIN(SUBSTRING(${dayOf} FROM 1 FOR 7)) AS m FROM ${rows} GROUP BY center_id) x
          WHERE r.center_id = x.center_id AND r.month >= x.m AND r.dirty <> 1;`;
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_dossier_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark('new_rows', 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_dossier_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark('old_rows', 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      // An UPDATE can move a row from one month (or centre) to another: both sides are marked.
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_dossier_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark('old_rows', 'local_day')}
    ${mark('new_rows', 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      const events = (rows: string) =>
        `(SELECT e.center_id, d.local_day FROM ${rows} e JOIN dossier d ON d.id = e.dossier_id) ev`;
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_event_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark(events('old_rows'), 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_event_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark(events('old_rows'), 'local_day')}
    ${mark(events('new_rows'), 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE FUNCTION report_rollup_event_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_rollup IN ROW EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM report_rollup) THEN
    ${mark('(SELECT e.center_id, d.local_day FROM new_rows e JOIN dossier d ON d.id = e.dossier_id) ev', 'local_day')}
  END IF;
  RETURN NULL;
END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_ins AFTER INSERT ON dossier REFERENCING NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_dossier_new()`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_upd AFTER UPDATE ON dossier
             REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_dossier_both()`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_del AFTER DELETE ON dossier REFERENCING OLD TABLE AS old_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_dossier_old()`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_ins AFTER INSERT ON dossier_event REFERENCING NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_event_new()`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_upd AFTER UPDATE ON dossier_event
             REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_event_both()`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_del AFTER DELETE ON dossier_event REFERENCING OLD TABLE AS old_rows
             FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_event_old()`,
        )
        .execute(db);
    } else {
      const body = (center: string, month: string) =>
        `UPDATE report_rollup SET dirty = 1 WHERE center_id = ${center} AND month >= ${month} AND dirty <> 1;`;
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_ins AFTER INSERT ON dossier BEGIN ${body('NEW.center_id', 'substr(NEW.local_day, 1, 7)')} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_upd AFTER UPDATE ON dossier BEGIN ${body('NEW.center_id', 'substr(NEW.local_day, 1, 7)')} ${body('OLD.center_id', 'substr(OLD.local_day, 1, 7)')} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_dossier_del AFTER DELETE ON dossier BEGIN ${body('OLD.center_id', 'substr(OLD.local_day, 1, 7)')} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_ins AFTER INSERT ON dossier_event BEGIN ${body(
            'NEW.center_id',
            '(SELECT substr(local_day, 1, 7) FROM dossier WHERE id = NEW.dossier_id)',
          )} END`,
        )
        .execute(db);
      const eventMonth = (row: 'NEW' | 'OLD') =>
        `(SELECT substr(local_day, 1, 7) FROM dossier WHERE id = ${row}.dossier_id)`;
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_upd AFTER UPDATE ON dossier_event BEGIN ${body('NEW.center_id', eventMonth('NEW'))} ${body('OLD.center_id', eventMonth('OLD'))} END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER report_rollup_event_del AFTER DELETE ON dossier_event BEGIN ${body('OLD.center_id', eventMonth('OLD'))} END`,
        )
        .execute(db);
    }
  },
};
