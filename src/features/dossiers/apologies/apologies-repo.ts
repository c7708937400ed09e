/** The only place that speaks SQL for apology letters (form 04). */
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';

type Db = Kysely<DB>;

export const ofDossier = (db: Db, dossierId: number) =>
  db.selectFrom('apology').selectAll().where('dossier_id', '=', dossierId).orderBy('round').execute();

export const drafts = (db: Db, centerId: number) =>
  db
    .selectFrom('apology as a')
    .innerJoin('dossier as d', 'd.id', 'a.dossier_id')
    .select([
      'a.id',
      'a.round',
      'a.reason',
      'a.proposed_due_at',
      'a.auto',
      'a.drafted_at',
      'd.code',
      'd.procedure_name',
      'd.due_at',
      'd.extended_due_at',
    ])
    .where('a.center_id', '=', centerId)
    .where('a.status', '=', 'draft')
    .orderBy('d.due_at')
    .execute();

/** Inserts a draft unless the dossier already has one for this round (safe across instances). */
export async function insertDraft(
  db: Db,
  row: {
    center_id: number;
    dossier_id: number;
    round: number;
    reason: string;
    proposed_due_at: string;
    auto: 0 | 1;
    drafted_by: number | null;
    drafted_at: string;
    responsible_unit: string | null;
    signer_title: string | null;
    signer_name: string | null;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('apology')
    .values({
      ...row,
      status: 'draft',
      number: null,
      number_year: null,
      decided_by: null,
      decided_at: null,
      delivered_at: null,
      delivery_channel: null,
    })
    .onConflict((oc) => oc.columns(['dossier_id', 'round']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function nextNumber(db: Db, centerId: number, year: number): Promise<number> {
  const r = await db
    .selectFrom('apology')
    .select((eb) => eb.fn.max('number').as('m'))
    .where('center_id', '=', centerId)
    .where('number_year', '=', year)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function decide(
  db: Db,
  id: number,
  set: {
    status: 'approved' | 'rejected';
    number: number | null;
    number_year: number | null;
    decided_by: number | null;
    decided_at: string;
    proposed_due_at?: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('apology')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The holder's reason and proposed date on a pending draft. */
export async function revise(
  db: Db,
  id: number,
  set: {
    reason: string;
    proposed_due_at: string;
    drafted_by: number | null;
    responsible_unit: string | null;
    signer_title: string | null;
    signer_name: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('apology')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markDelivered(db: Db, id: number, channel: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('apology')
    .set({ delivered_at: at, delivery_channel: channel })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open dossiers of a centre due before an instant, with no apology yet: candidates for a draft. */
export const atRisk = (db: Db, centerId: number, beforeIso: string) =>
  db
    .selectFrom('dossier as d')
    .select(['d.id', 'd.code', 'd.due_at', 'd.extended_due_at', 'd.received_at'])
    .where('d.center_id', '=', centerId)
    .where('d.status', 'in', [2, 4, 6])
    .where('d.extended_due_at', 'is', null)
    .where('d.due_at', '<=', beforeIso)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('apology as a').select('a.id').whereRef('a.dossier_id', '=', 'd.id'))),
    )
    .execute();

export const centerIds = (db: Db) => db.selectFrom('center').select('id').execute();
