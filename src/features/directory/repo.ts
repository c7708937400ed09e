/** The only place that speaks SQL for the staff directory. */
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

export const list = (db: Db, centerId: number, publicOnly: boolean) => {
  let q = db.selectFrom('staff_contact').selectAll().where('center_id', '=', centerId);
  if (publicOnly) q = q.where('is_public', '=', 1);
  return q.orderBy('sort_order').orderBy('id').execute();
};

export const find = (db: Db, centerId: number, id: number) =>
  db.selectFrom('staff_contact').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

interface Row {
  name: string;
  title: string;
  counter: string;
  fields: string;
  phone: string;
  email: string;
  is_public: 0 | 1;
  sort_order: number;
}

export const insert = (db: Db, centerId: number, r: Row, at: string) =>
  db
    .insertInto('staff_contact')
    .values({ ...r, center_id: centerId, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();

export const update = (db: Db, centerId: number, id: number, r: Row, at: string) =>
  db
    .updateTable('staff_contact')
    .set({ ...r, updated_at: at })
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export const remove = (db: Db, centerId: number, id: number) =>
  db.deleteFrom('staff_contact').where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
