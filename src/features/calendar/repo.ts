/** The only place that speaks SQL for a centre's calendar notices and confirmed years. */
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

export const listNotices = (db: Db, centerId: number) =>
  db.selectFrom('calendar_notice').selectAll().where('center_id', '=', centerId).orderBy('date').execute();

export const findNotice = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('calendar_notice')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findNoticeByDate = (db: Db, centerId: number, date: string) =>
  db
    .selectFrom('calendar_notice')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('date', '=', date)
    .executeTakeFirst();

export async function upsertNotice(
  db: Db,
  n: {
    center_id: number;
    year: number;
    date: string;
    working: 0 | 1;
    reason: string;
    reason_en: string;
    legal_basis: string;
    created_by: number | null;
    created_at: string;
  },
) {
  const existing = await findNoticeByDate(db, n.center_id, n.date);
  if (existing) {
    await db.updateTable('calendar_notice').set(n).where('id', '=', existing.id).execute();
    return existing.id;
  }
  return (await db.insertInto('calendar_notice').values(n).returning('id').executeTakeFirstOrThrow()).id;
}

export const deleteNotice = (db: Db, centerId: number, id: number) =>
  db.deleteFrom('calendar_notice').where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const listConfirmedYears = (db: Db, centerId: number) =>
  db.selectFrom('calendar_year').selectAll().where('center_id', '=', centerId).orderBy('year').execute();

export async function confirmYear(
  db: Db,
  row: { center_id: number; year: number; confirmed_by: number | null; confirmed_at: string; note: string | null },
) {
  await db.deleteFrom('calendar_year').where('center_id', '=', row.center_id).where('year', '=', row.year).execute();
  await db.insertInto('calendar_year').values(row).execute();
}
