/**
 * SQL of the desk's contract for other features (reads.ts): the province's health counts and a
 * citizen's dossiers for the privacy room's requests, with the one write the desk lets privacy
 * ask for (blanking a citizen's contact details on erasure).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

/** Per centre: all its dossiers, and when one last changed. */
export const dossierTotalsByCenter = (db: Db) =>
  db
    .selectFrom('dossier')
    .select((eb) => ['center_id', eb.fn.countAll<string | number>().as('n'), eb.fn.max('updated_at').as('last')])
    .groupBy('center_id')
    .execute();

/** Per centre: its dossiers not ended. */
export const openDossiersByCenter = (db: Db) =>
  db
    .selectFrom('dossier')
    .select((eb) => ['center_id', eb.fn.countAll<string | number>().as('n')])
    .where('ended_at', 'is', null)
    .groupBy('center_id')
    .execute();

/** Dossiers whose applicant or owner JSON names this ID number (the caller checks again after parsing). */
export function dossiersMentioning(db: Db, idNumber: string) {
  const needle = `%"idNumber":"${idNumber}"%`;
  return db
    .selectFrom('dossier')
    .innerJoin('center', 'center.id', 'dossier.center_id')
    .select([
      'dossier.id',
      'dossier.center_id',
      'center.slug as center_slug',
      'dossier.code',
      'dossier.procedure_code',
      'dossier.procedure_name',
      'dossier.status',
      'dossier.applicant',
      'dossier.owner',
      'dossier.subject',
      'dossier.received_at',
      'dossier.due_at',
      'dossier.returned_at',
      'dossier.version',
    ])
    .where((eb) => eb.or([eb('dossier.applicant', 'like', needle), eb('dossier.owner', 'like', needle)]))
    .orderBy('dossier.received_at')
    .execute();
}

export const setDossierParties = (db: Db, id: number, applicant: string, owner: string | null, nowIso: string) =>
  db
    .updateTable('dossier')
    .set((eb) => ({ applicant, owner, updated_at: nowIso, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
