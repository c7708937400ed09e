/** The only place that speaks SQL for a centre's commitment texts. */
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

export const find = (db: Db, centerId: number) =>
  db.selectFrom('center_text').select('texts').where('center_id', '=', centerId).executeTakeFirst();

export async function replace(db: Db, centerId: number, texts: string, by: number | null, at: string) {
  await db.deleteFrom('center_text').where('center_id', '=', centerId).execute();
  await db.insertInto('center_text').values({ center_id: centerId, texts, updated_by: by, updated_at: at }).execute();
}
