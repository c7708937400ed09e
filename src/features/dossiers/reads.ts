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
import type { Applicant } from './model.ts';
import { applicantJson, eventDataJson, ownerJson } from './columns.ts';

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

/** A dossier row's applicant and owner, decoded through the desk's column codecs (columns.ts; a corrupt row fails loudly). */
export function dossierParties(d: Pick<DossierRecord, 'applicant' | 'owner'>): {
  applicant: Applicant;
  owner: Applicant | null;
} {
  return { applicant: applicantJson.decode(d.applicant), owner: ownerJson.decodeNullable(d.owner) };
}

/** A dossier event row's data, decoded through the desk's column codec. */
export function dossierEventData(e: Pick<DossierEventRecord, 'data'>): Record<string, unknown> {
  return eventDataJson.decode(e.data);
}

/** The centre's dossiers in these statuses, newest received first, at most `limit` (demo seeding of other features). */
export function dossiersInStatus(
  deps: Pick<Deps, 'db'>,
  centerId: number,
  statuses: number[],
  limit: number,
): Promise<DossierRecord[]> {
  return repo.list(deps.db, centerId, { status: statuses, limit, offset: 0 });
}
