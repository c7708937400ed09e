/** The only place that speaks SQL for centres. */
import type { Kysely } from 'kysely';
import type { CenterUpdate, DB, NewCenter } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

export const findBySlug = (db: Db, slug: string) =>
  db.selectFrom('center').selectAll().where('slug', '=', slug).executeTakeFirst();
export const findById = (db: Db, id: number) =>
  db.selectFrom('center').selectAll().where('id', '=', id).executeTakeFirst();
export const listAll = (db: Db) => db.selectFrom('center').selectAll().orderBy('name').execute();
export const count = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('center')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
export const insert = (db: Db, c: NewCenter) =>
  db.insertInto('center').values(c).returning('id').executeTakeFirstOrThrow();
export const update = (db: Db, id: number, u: CenterUpdate) =>
  db.updateTable('center').set(u).where('id', '=', id).execute();

export const findByAgencyCode = (db: Db, code: string) =>
  db.selectFrom('center').select(['id', 'slug']).where('agency_code', '=', code).executeTakeFirst();

/**
 * Read-only figures for the province's health table, one row per centre: last audited activity,
 * staff accounts and messages waiting in the outbox (the dossier counts come from the desk's
 * contract, dossierCountsByCenter). Aggregates over other
 * rooms' tables, read here only (the province view owns no records; docs/decisions/033).
 */
export async function healthRows(db: Db) {
  const [activity, staff, outbox] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select((eb) => ['center_id', eb.fn.max('at').as('last')])
      .where('center_id', 'is not', null)
      .groupBy('center_id')
      .execute(),
    db
      .selectFrom('app_user')
      .select((eb) => ['center_id', eb.fn.countAll<string | number>().as('n')])
      .where('active', '=', 1)
      .groupBy('center_id')
      .execute(),
    db
      .selectFrom('notification')
      .select((eb) => ['center_id', eb.fn.countAll<string | number>().as('n')])
      .where('status', 'in', ['queued', 'failed', 'sending'])
      .where('next_attempt_at', 'is not', null)
      .groupBy('center_id')
      .execute(),
  ]);
  return { activity, staff, outbox };
}
