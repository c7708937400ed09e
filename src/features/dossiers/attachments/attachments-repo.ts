/**
 * The only place that speaks SQL for dossier attachments, and for the digitisation flags of the
 * dossier row they keep in step (components JSON, digitised, reused, electronic_result).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, DossierAttachmentTable } from '../../../core/db/schema.ts';

type Db = Kysely<DB>;

export const insertAttachment = (db: Db, row: Insertable<DossierAttachmentTable>) =>
  db.insertInto('dossier_attachment').values(row).returning('id').executeTakeFirstOrThrow();

/** One attachment with the names a presenter needs: who uploaded it, and where a reused one came from. */
function withNames(db: Db) {
  return db
    .selectFrom('dossier_attachment as a')
    .leftJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .leftJoin('dossier_attachment as src', 'src.id', 'a.reused_from_attachment_id')
    .leftJoin('dossier as sd', 'sd.id', 'src.dossier_id')
    .select([
      'a.id',
      'a.center_id',
      'a.dossier_id',
      'a.kind',
      'a.component_index',
      'a.name',
      'a.content_type',
      'a.bytes',
      'a.sha256',
      'a.storage_key',
      'a.reused_from_attachment_id',
      'a.uploaded_at',
      'u.full_name as uploaded_by_name',
      'sd.code as reused_from_code',
    ]);
}
export type AttachmentRow = Awaited<ReturnType<typeof listForDossier>>[number];

export const listForDossier = (db: Db, dossierId: number) =>
  withNames(db).where('a.dossier_id', '=', dossierId).orderBy('a.id').execute();

export const findInDossier = (db: Db, dossierId: number, id: number) =>
  withNames(db).where('a.dossier_id', '=', dossierId).where('a.id', '=', id).executeTakeFirst();

/** The same content already attached at the same place of the same dossier (uploads are idempotent). */
export const findSame = (db: Db, dossierId: number, kind: string, componentIndex: number | null, sha256: string) =>
  withNames(db)
    .where('a.dossier_id', '=', dossierId)
    .where('a.kind', '=', kind)
    .where((eb) =>
      componentIndex === null ? eb('a.component_index', 'is', null) : eb('a.component_index', '=', componentIndex),
    )
    .where('a.sha256', '=', sha256)
    .executeTakeFirst();

/** An attachment with its dossier's centre, code, applicant and components (the source of a reuse). */
export const findWithDossier = (db: Db, id: number) =>
  db
    .selectFrom('dossier_attachment as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .select([
      'a.id',
      'a.center_id',
      'a.dossier_id',
      'a.kind',
      'a.component_index',
      'a.name',
      'a.content_type',
      'a.bytes',
      'a.sha256',
      'a.storage_key',
      'd.code as dossier_code',
      'd.applicant',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();

/**
 * Attachments of the centre's OTHER dossiers filed under this citizen ID, newest first, with their
 * dossier's applicant (the caller re-checks it: the dossier row is the authority).
 */
export const ofPerson = (db: Db, centerId: number, idNumber: string, exceptDossierId: number, limit: number) =>
  db
    .selectFrom('dossier_attachment as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .select([
      'a.id',
      'a.kind',
      'a.component_index',
      'a.name',
      'a.content_type',
      'a.bytes',
      'a.sha256',
      'a.uploaded_at',
      'd.code as dossier_code',
      'd.procedure_name',
      'd.received_at',
      'd.applicant',
      'd.components',
      'd.center_id as dossier_center_id',
    ])
    .where('a.center_id', '=', centerId)
    .where('a.applicant_id_number', '=', idNumber)
    .where('a.dossier_id', '<>', exceptDossierId)
    .orderBy('a.uploaded_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();

/**
 * Reads the dossier row for a read-modify-write of its digitisation flags, holding its row lock
 * until the transaction ends (a no-op UPDATE: PostgreSQL locks the row; SQLite's write
 * transaction is exclusive). Two uploads to one dossier at once therefore cannot lose a flag.
 */
export const lockDossier = (db: Db, id: number) =>
  db
    .updateTable('dossier')
    .set({ version: sql<number>`version` })
    .where('id', '=', id)
    .returning([
      'id',
      'center_id',
      'code',
      'status',
      'components',
      'digitised',
      'reused',
      'electronic_result',
      'version',
    ])
    .executeTakeFirst();

export interface Digitisation {
  components: string;
  digitised: 0 | 1;
  reused: 0 | 1;
  electronic_result: 0 | 1;
  updated_at: string;
}

/** Writes the digitisation flags (after `lockDossier` in the same transaction) and bumps the version. */
export async function saveDigitisation(db: Db, id: number, set: Digitisation): Promise<void> {
  await db
    .updateTable('dossier')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
