/** The only place that speaks SQL for courtesy letters, their follow-up tasks, templates and settings. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type {
  CourtesyLetterTable,
  LetterFollowupTable,
  LetterSettingsTable,
  LetterTemplateTable,
} from '../../core/db/tables/letters.ts';

type Db = Kysely<DB>;
export type LetterRow = Selectable<CourtesyLetterTable>;
export type FollowupRow = Selectable<LetterFollowupTable>;
export type TemplateRow = Selectable<LetterTemplateTable>;
export type SettingsRow = Selectable<LetterSettingsTable>;

// ---- Settings and templates ----

export const findSettings = (db: Db, centerId: number) =>
  db.selectFrom('letter_settings').selectAll().where('center_id', '=', centerId).executeTakeFirst();

export async function saveSettings(db: Db, row: Insertable<LetterSettingsTable>): Promise<void> {
  const { center_id: _c, ...set } = row;
  await db
    .insertInto('letter_settings')
    .values(row)
    .onConflict((oc) => oc.column('center_id').doUpdateSet(set))
    .execute();
}

export const templatesOf = (db: Db, centerId: number) =>
  db.selectFrom('letter_template').selectAll().where('center_id', '=', centerId).execute();

export const findTemplate = (db: Db, centerId: number, kind: string) =>
  db
    .selectFrom('letter_template')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('kind', '=', kind)
    .executeTakeFirst();

export async function saveTemplate(db: Db, row: Insertable<LetterTemplateTable>): Promise<void> {
  const { center_id: _c, kind: _k, ...set } = row;
  await db
    .insertInto('letter_template')
    .values(row)
    .onConflict((oc) => oc.columns(['center_id', 'kind']).doUpdateSet(set))
    .execute();
}

export const deleteTemplate = (db: Db, centerId: number, kind: string) =>
  db.deleteFrom('letter_template').where('center_id', '=', centerId).where('kind', '=', kind).execute();

// ---- Letters ----

/** Inserts a letter unless the dossier already has one of this kind; the new id, or null. */
export async function insertLetter(db: Db, row: Insertable<CourtesyLetterTable>): Promise<number | null> {
  const r = await db
    .insertInto('courtesy_letter')
    .values(row)
    .onConflict((oc) => oc.columns(['dossier_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

export const findLetter = (db: Db, id: number) =>
  db.selectFrom('courtesy_letter').selectAll().where('id', '=', id).executeTakeFirst();

export interface LetterFilter {
  status?: string;
  kind?: string;
  limit: number;
  ids?: number[];
}

export function listLetters(db: Db, centerId: number, f: LetterFilter) {
  let q = db.selectFrom('courtesy_letter').selectAll().where('center_id', '=', centerId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
  return q.orderBy('prepared_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countByStatus(db: Db, centerId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('courtesy_letter')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('center_id', '=', centerId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Updates a letter only if nobody changed it since `version` was read. */
export async function updateLetter(
  db: Db,
  id: number,
  version: number,
  set: Updateable<CourtesyLetterTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('courtesy_letter')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function nextNumber(db: Db, centerId: number, year: number): Promise<number> {
  const r = await db
    .selectFrom('courtesy_letter')
    .select((eb) => eb.fn.max('number').as('m'))
    .where('center_id', '=', centerId)
    .where('number_year', '=', year)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

// ---- Follow-ups ----

export async function insertFollowup(db: Db, row: Insertable<LetterFollowupTable>): Promise<void> {
  await db
    .insertInto('letter_followup')
    .values(row)
    .onConflict((oc) => oc.column('letter_id').doNothing())
    .execute();
}

export const followupOfLetter = (db: Db, letterId: number) =>
  db.selectFrom('letter_followup').selectAll().where('letter_id', '=', letterId).executeTakeFirst();

export const findFollowup = (db: Db, id: number) =>
  db.selectFrom('letter_followup').selectAll().where('id', '=', id).executeTakeFirst();

export function listFollowups(db: Db, centerId: number, status?: string) {
  let q = db
    .selectFrom('letter_followup as f')
    .innerJoin('courtesy_letter as l', 'l.id', 'f.letter_id')
    .selectAll('f')
    .select(['l.dossier_code', 'l.title_a', 'l.name_a', 'l.title_b', 'l.name_b', 'l.status as letter_status'])
    .where('f.center_id', '=', centerId);
  if (status) q = q.where('f.status', '=', status);
  return q.orderBy('f.status', 'desc').orderBy('f.created_at', 'desc').limit(500).execute();
}

export async function updateFollowup(db: Db, id: number, set: Updateable<LetterFollowupTable>): Promise<void> {
  await db.updateTable('letter_followup').set(set).where('id', '=', id).execute();
}

// ---- Figures ----

export async function figureCounts(db: Db, centerIds: number[], fromIso: string, toIso: string) {
  const ids = centerIds.length ? centerIds : [-1];
  const prepared = await db
    .selectFrom('courtesy_letter')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('center_id', 'in', ids)
    .where('prepared_at', '>=', fromIso)
    .where('prepared_at', '<', toIso)
    .groupBy('kind')
    .execute();
  const count = async (col: 'handed_over_at' | 'declined_at') => {
    const r = await db
      .selectFrom('courtesy_letter')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('center_id', 'in', ids)
      .where(col, '>=', fromIso)
      .where(col, '<', toIso)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  };
  const done = await db
    .selectFrom('letter_followup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', 'in', ids)
    .where('status', '=', 'done')
    .where('done_at', '>=', fromIso)
    .where('done_at', '<', toIso)
    .executeTakeFirst();
  return {
    prepared: Object.fromEntries(prepared.map((r) => [r.kind, Number(r.n)])) as Record<string, number>,
    handedOver: await count('handed_over_at'),
    declined: await count('declined_at'),
    followUpsDone: Number(done?.n ?? 0),
  };
}

/** The letters prepared for one dossier (its page links to them). */
export const lettersOfDossier = (db: Db, centerId: number, dossierCode: string) =>
  db
    .selectFrom('courtesy_letter')
    .select(['id', 'kind', 'status'])
    .where('center_id', '=', centerId)
    .where('dossier_code', '=', dossierCode)
    .orderBy('id')
    .execute();
