/** The only place that speaks SQL for signatures: images, signed documents (done and pending). */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SignedDocumentTable, SignImageTable } from '../../core/db/tables/signing.ts';

type Db = Kysely<DB>;
export type ImageRow = Selectable<SignImageTable>;
export type SignedRow = Selectable<SignedDocumentTable>;

export const findImage = (db: Db, centerId: number, kind: string, owner: number) =>
  db
    .selectFrom('sign_image')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('kind', '=', kind)
    .where('owner', '=', owner)
    .executeTakeFirst();

export const listImages = (db: Db, centerId: number) =>
  db
    .selectFrom('sign_image')
    .select(['id', 'kind', 'owner', 'width_mm', 'updated_at'])
    .where('center_id', '=', centerId)
    .orderBy('kind')
    .orderBy('owner')
    .execute();

export async function saveImage(db: Db, row: Insertable<SignImageTable>): Promise<void> {
  await db
    .insertInto('sign_image')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['center_id', 'kind', 'owner']).doUpdateSet({
        png: row.png,
        width_mm: row.width_mm,
        updated_at: row.updated_at,
        updated_by: row.updated_by ?? null,
      }),
    )
    .execute();
}

export const insertSigned = (db: Db, row: Insertable<SignedDocumentTable>) =>
  db.insertInto('signed_document').values(row).returning('id').executeTakeFirstOrThrow();

export const updateSigned = (db: Db, id: number, set: Updateable<SignedDocumentTable>) =>
  db.updateTable('signed_document').set(set).where('id', '=', id).execute();

/** Completes a pending row once: the status guard makes a second poller's write a no-op. */
export async function completePending(db: Db, id: number, set: Updateable<SignedDocumentTable>): Promise<boolean> {
  const r = await db
    .updateTable('signed_document')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export const findSigned = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('signed_document')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

/** The list without the (large) PDF columns. */
export const listSigned = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('signed_document')
    .select([
      'id',
      'kind',
      'ref',
      'title',
      'file_name',
      'signer_kind',
      'status',
      'signer_name',
      'cert_subject',
      'level',
      'signing_time',
      'created_at',
      'completed_at',
      'error',
    ])
    .where('center_id', '=', centerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const pendingIds = (db: Db) =>
  db
    .selectFrom('signed_document')
    .select(['id', 'center_id'])
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(100)
    .execute();
