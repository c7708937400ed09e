/** The only place that speaks SQL for the facility checklist and the spending lines. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { FacilityItemTable, FacilitySpendingTable } from '../../core/db/tables/plan.ts';

type Db = Kysely<DB>;
export type ItemRow = Selectable<FacilityItemTable>;
export type SpendingRow = Selectable<FacilitySpendingTable>;

export const listItems = (db: Db, centerId: number) =>
  db.selectFrom('facility_item').selectAll().where('center_id', '=', centerId).execute();
export const findItem = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('facility_item')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('code', '=', code)
    .executeTakeFirst();

export async function upsertItem(db: Db, row: Insertable<FacilityItemTable>) {
  const { center_id: _c, code: _k, ...set } = row;
  await db
    .insertInto('facility_item')
    .values(row)
    .onConflict((oc) => oc.columns(['center_id', 'code']).doUpdateSet(set))
    .execute();
}

export const listSpending = (db: Db, centerId: number, from?: string, to?: string) => {
  let q = db.selectFrom('facility_spending').selectAll().where('center_id', '=', centerId);
  if (from) q = q.where('spent_on', '>=', from);
  if (to) q = q.where('spent_on', '<=', to);
  return q.orderBy('spent_on').orderBy('id').execute();
};
export const insertSpending = (db: Db, row: Insertable<FacilitySpendingTable>) =>
  db.insertInto('facility_spending').values(row).returning('id').executeTakeFirstOrThrow();
export const findSpending = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('facility_spending')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
export const deleteSpending = (db: Db, id: number) => db.deleteFrom('facility_spending').where('id', '=', id).execute();
