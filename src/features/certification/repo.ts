/** The only place that speaks SQL for the certification book (sổ chứng thực). */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { CertifiedCopyTable } from '../../core/db/tables/signing.ts';

type Db = Kysely<DB>;
export type CopyRow = Selectable<CertifiedCopyTable>;

/**
 * Next number of the book in a year, inside the caller's transaction: the upsert takes the row
 * lock on PostgreSQL and SQLite's write transaction is exclusive; a rolled-back issuance rolls
 * its number back, so the book has no gaps.
 */
export async function nextNumber(db: Db, centerId: number, year: number): Promise<number> {
  const r = await sql<{ last_number: number }>`
    INSERT INTO certification_counter (center_id, year, last_number) VALUES (${centerId}, ${year}, 1)
    ON CONFLICT (center_id, year) DO UPDATE SET last_number = certification_counter.last_number + 1
    RETURNING last_number`.execute(db);
  const n = r.rows[0]?.last_number;
  if (n === undefined) throw new Error('certification_counter: no row returned');
  return n;
}

export const insertCopy = (db: Db, row: Insertable<CertifiedCopyTable>) =>
  db.insertInto('certified_copy').values(row).returning('id').executeTakeFirstOrThrow();

export const findCopy = (db: Db, centerId: number, id: number) =>
  db.selectFrom('certified_copy').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const listYear = (db: Db, centerId: number, year: number) =>
  db
    .selectFrom('certified_copy')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('year', '=', year)
    .orderBy('number')
    .execute();

export const copiesOfDossier = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('certified_copy')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('dossier_code', '=', code)
    .orderBy('number')
    .execute();
