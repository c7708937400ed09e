/** The only place that speaks SQL for the document register (sổ công văn đi/đến). */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { RegisterDocTable } from '../../core/db/tables/plan.ts';

type Db = Kysely<DB>;
export type DocRow = Selectable<RegisterDocTable>;

/**
 * Next number of a direction in a year, inside the caller's transaction: the upsert takes the row
 * lock on PostgreSQL, SQLite's write transaction is exclusive; a rolled-back entry rolls its
 * number back, so numbers have no gaps.
 */
export async function nextNumber(db: Db, centerId: number, year: number, direction: string): Promise<number> {
  const r = await sql<{ last_number: number }>`
    INSERT INTO register_counter (center_id, year, direction, last_number) VALUES (${centerId}, ${year}, ${direction}, 1)
    ON CONFLICT (center_id, year, direction) DO UPDATE SET last_number = register_counter.last_number + 1
    RETURNING last_number`.execute(db);
  return Number(r.rows[0]!.last_number);
}

export const insertDoc = (db: Db, row: Insertable<RegisterDocTable>) =>
  db.insertInto('register_doc').values(row).returning('id').executeTakeFirstOrThrow();
export const updateDoc = (db: Db, id: number, set: Updateable<RegisterDocTable>) =>
  db.updateTable('register_doc').set(set).where('id', '=', id).execute();
export const findDoc = (db: Db, centerId: number, id: number) =>
  db.selectFrom('register_doc').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export interface DocFilter {
  year?: number;
  direction?: string;
  status?: string;
  q?: string;
  from?: string;
  to?: string;
  limit: number;
}

export function listDocs(db: Db, centerId: number, f: DocFilter) {
  let q = db.selectFrom('register_doc').selectAll().where('center_id', '=', centerId);
  if (f.year) q = q.where('year', '=', f.year);
  if (f.direction) q = q.where('direction', '=', f.direction);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.from) q = q.where('doc_date', '>=', f.from);
  if (f.to) q = q.where('doc_date', '<=', f.to);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(abstract) LIKE lower(${like}) ESCAPE '\\'`,
        sql<boolean>`lower(party) LIKE lower(${like}) ESCAPE '\\'`,
        sql<boolean>`lower(symbol) LIKE lower(${like}) ESCAPE '\\'`,
      ]),
    );
  }
  return q.orderBy('year', 'desc').orderBy('direction').orderBy('number', 'desc').limit(f.limit).execute();
}
