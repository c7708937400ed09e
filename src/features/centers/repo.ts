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
