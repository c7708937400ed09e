/**
 * SQL for data-subject requests and retention (docs/decisions/034). A citizen's data is spread
 * over the desk's tables (dossiers, attachments) and the outbox; the dossiers themselves are read
 * and anonymised through the desk's contract (dossiersOfCitizen, anonymiseCitizenInDossiers), the
 * attachments and messages here, so the rights of PDP Law 91/2025 are answered in one place.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

export function attachmentsOf(db: Db, idNumber: string, dossierIds: number[]) {
  return db
    .selectFrom('dossier_attachment')
    .select(['id', 'center_id', 'dossier_id', 'kind', 'name', 'content_type', 'bytes', 'sha256', 'uploaded_at'])
    .where((eb) =>
      dossierIds.length
        ? eb.or([eb('applicant_id_number', '=', idNumber), eb('dossier_id', 'in', dossierIds)])
        : eb('applicant_id_number', '=', idNumber),
    )
    .orderBy('id')
    .execute();
}

export function messagesOf(db: Db, dossierIds: number[], recipients: string[]) {
  if (!dossierIds.length && !recipients.length) return Promise.resolve([]);
  return db
    .selectFrom('notification')
    .select([
      'id',
      'center_id',
      'dossier_id',
      'kind',
      'channel',
      'recipient',
      'subject',
      'body',
      'status',
      'created_at',
    ])
    .where((eb) => {
      const parts = [];
      if (dossierIds.length) parts.push(eb('dossier_id', 'in', dossierIds));
      if (recipients.length) parts.push(eb('recipient', 'in', recipients));
      return eb.or(parts);
    })
    .orderBy('id')
    .execute();
}

export const unlinkAttachments = (db: Db, idNumber: string) =>
  db
    .updateTable('dossier_attachment')
    .set({ applicant_id_number: null })
    .where('applicant_id_number', '=', idNumber)
    .executeTakeFirst();

export const wipeMessages = (db: Db, ids: number[]) =>
  ids.length
    ? db
        .updateTable('notification')
        .set({ recipient: 'erased', subject: '', body: '' })
        .where('id', 'in', ids)
        .executeTakeFirst()
    : Promise.resolve(null);

/** Retention: audit entries older than `beforeIso` keep who/what/when and lose their details. */
export async function wipeOldAuditDetail(db: Db, beforeIso: string): Promise<number> {
  const r = await db
    .updateTable('audit_log')
    .set({ detail: null })
    .where('at', '<', beforeIso)
    .where('detail', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
