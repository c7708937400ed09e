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
import * as readsRepo from './reads-repo.ts';

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

/** The code of the centre's first dossier that was re-appointed (apology letter, form 04), or null (demo seeding). */
export async function firstReappointedDossierCode(deps: Pick<Deps, 'db'>, centerId: number): Promise<string | null> {
  const r = await deps.db
    .selectFrom('dossier')
    .select('code')
    .where('center_id', '=', centerId)
    .where('extended_due_at', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  return r?.code ?? null;
}

/**
 * Per centre: how many dossiers it holds (and when one last changed), and how many are open (not
 * ended): the province's health table.
 */
export async function dossierCountsByCenter(deps: Pick<Deps, 'db'>): Promise<{
  all: { center_id: number; n: string | number; last: string | null }[];
  open: { center_id: number; n: string | number }[];
}> {
  const [all, open] = await Promise.all([
    readsRepo.dossierTotalsByCenter(deps.db),
    readsRepo.openDossiersByCenter(deps.db),
  ]);
  return { all, open };
}

/** A dossier naming a citizen, as the privacy room's requests read it (parties as stored JSON text). */
export type CitizenDossier = Awaited<ReturnType<typeof readsRepo.dossiersMentioning>>[number];

/** A stored party (applicant or owner) read leniently: an erasure must go through whatever a row holds. */
function partyOf(text: string | null): { idNumber?: unknown } | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

const names = (text: string | null, idNumber: string) => partyOf(text)?.idNumber === idNumber;

/**
 * The dossiers (any centre, with its slug) whose applicant or owner carries this citizen ID
 * number, in receipt order: data-subject requests (PDP Law 91/2025, decision 034).
 */
export async function dossiersOfCitizen(deps: Pick<Deps, 'db'>, idNumber: string): Promise<CitizenDossier[]> {
  return (await readsRepo.dossiersMentioning(deps.db, idNumber)).filter(
    (d) => names(d.applicant, idNumber) || names(d.owner, idNumber),
  );
}

/**
 * Erasure of a citizen's contact details from the desk's own rows: in each dossier, the party
 * (applicant and/or owner) carrying this ID number loses its phone and e-mail; the name and ID
 * stay (a dossier is an administrative record). The version is bumped. `db` may be the caller's
 * transaction. Returns how many dossiers were rewritten.
 */
export async function anonymiseCitizenInDossiers(
  db: Pick<Deps, 'db'>['db'],
  dossiers: readonly Pick<CitizenDossier, 'id' | 'applicant' | 'owner'>[],
  idNumber: string,
  nowIso: string,
): Promise<number> {
  const strip = (text: string | null): string | null => {
    const p = partyOf(text);
    if (p?.idNumber !== idNumber) return text;
    return JSON.stringify({ ...p, phone: '', email: '' });
  };
  for (const d of dossiers)
    await readsRepo.setDossierParties(db, d.id, strip(d.applicant) ?? d.applicant, strip(d.owner), nowIso);
  return dossiers.length;
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

/** The phone and e-mail of a dossier's applicant and, when recorded, its owner (decoded, checked: columns.ts). */
export function dossierContacts(d: Pick<DossierRecord, 'applicant' | 'owner'>): { phone: string; email: string }[] {
  const { applicant, owner } = dossierParties(d);
  return [applicant, ...(owner ? [owner] : [])].map((p) => ({ phone: p.phone, email: p.email }));
}
