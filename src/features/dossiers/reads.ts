/**
 * What other features read of a dossier, through the desk's contract (index.ts) instead of its repo
 * or tables: the row by code (a citizen's code + secret, a feedback's dossier code), its events, its
 * procedure's name. No access check here: each caller states whose dossier it may see (its centre,
 * the receipt's secret) as it did before.
 */
import type { Selectable } from 'kysely';
import type { Deps } from '../../core/deps.ts';
import type { DossierEventTable, DossierTable } from '../../core/db/schema.ts';
import * as repo from './repo.ts';
import Type from 'typebox';
import { schemaCodec } from '../../core/db/json.ts';

export type DossierRecord = Selectable<DossierTable>;
export type DossierEventRecord = Selectable<DossierEventTable>;

/** The dossier with this code (any centre: the caller compares `center_id`), or undefined. */
export function dossierByCode(deps: Pick<Deps, 'db'>, code: string): Promise<DossierRecord | undefined> {
  return repo.findByCode(deps.db, code);
}

/** A dossier's events in order. */
export function dossierEventsOf(deps: Pick<Deps, 'db'>, dossierId: number): Promise<DossierEventRecord[]> {
  return repo.eventsOf(deps.db, dossierId);
}

/** The procedure name recorded on a dossier ('' when there is no such dossier). */
export async function procedureNameOfDossier(deps: Pick<Deps, 'db'>, dossierId: number): Promise<string> {
  return (await repo.findById(deps.db, dossierId))?.procedure_name ?? '';
}

/** The centre's latest dossiers, newest first (demo seeding of other features). */
export function latestDossiers(deps: Pick<Deps, 'db'>, centerId: number, limit: number): Promise<DossierRecord[]> {
  return repo.list(deps.db, centerId, { limit, offset: 0 });
}

/** Dossiers a user took at the desk of a centre since an instant, newest first (the queue links the ticket being served). */
export function dossiersTakenBy(
  deps: Pick<Deps, 'db'>,
  centerId: number,
  userId: number,
  sinceIso: string,
  limit = 20,
): Promise<Pick<DossierRecord, 'id' | 'code' | 'procedure_name' | 'received_at'>[]> {
  return deps.db
    .selectFrom('dossier')
    .select(['id', 'code', 'procedure_name', 'received_at'])
    .where('center_id', '=', centerId)
    .where('created_by', '=', userId)
    .where('created_at', '>=', sinceIso)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The codes of these dossiers by id (any centre; ids without a dossier are left out). */
export async function dossierCodesByIds(deps: Pick<Deps, 'db'>, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await deps.db
    .selectFrom('dossier')
    .select(['id', 'code'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The contact part of a stored applicant (the columns hold the whole Applicant as JSON). */
const contactOfPerson = Type.Object({ phone: Type.String(), email: Type.String() }, { additionalProperties: true });
const applicantContactJson = schemaCodec('dossier.applicant', contactOfPerson);
const ownerContactJson = schemaCodec('dossier.owner', contactOfPerson);

/** The phone and e-mail of a dossier's applicant and, when recorded, its owner (decoded, checked). */
export function dossierContacts(d: Pick<DossierRecord, 'applicant' | 'owner'>): { phone: string; email: string }[] {
  const owner = ownerContactJson.decodeNullable(d.owner);
  return [applicantContactJson.decode(d.applicant), ...(owner ? [owner] : [])].map((p) => ({
    phone: p.phone,
    email: p.email,
  }));
}
