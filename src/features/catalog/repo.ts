/** The only place that speaks SQL for procedures, their versions and catalogue imports. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

/** Current (published) version of every procedure of a centre, abolished ones included. */
export function currentVersions(db: Db, centerId: number) {
  return db
    .selectFrom('procedure as p')
    .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
    .select([
      'p.id as procedure_id',
      'p.code',
      'p.status',
      'v.id as version_id',
      'v.version',
      'v.data',
      'v.published_at',
    ])
    .where('p.center_id', '=', centerId)
    .orderBy('p.id')
    .execute();
}

/** A cheap stamp that changes whenever anything is published for the centre. */
export async function catalogStamp(db: Db, centerId: number): Promise<number> {
  const r = await db
    .selectFrom('procedure_version')
    .select((eb) => eb.fn.max('id').as('m'))
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export const findProcedure = (db: Db, centerId: number, code: string) =>
  db.selectFrom('procedure').selectAll().where('center_id', '=', centerId).where('code', '=', code).executeTakeFirst();

export const versionsOf = (db: Db, centerId: number, procedureId: number) =>
  db
    .selectFrom('procedure_version')
    .select(['id', 'version', 'change_kind', 'changed_fields', 'effective_from', 'published_at', 'data'])
    .where('center_id', '=', centerId)
    .where('procedure_id', '=', procedureId)
    .orderBy('version', 'desc')
    .execute();

export const recentVersions = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('procedure_version as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .select([
      'v.id',
      'p.code',
      'v.version',
      'v.change_kind',
      'v.changed_fields',
      'v.published_at',
      'v.effective_from',
      'v.data',
    ])
    .where('v.center_id', '=', centerId)
    .where('v.change_kind', '!=', 'initial')
    .orderBy('v.published_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute();

export const countProcedures = async (db: Db, centerId: number) =>
  Number(
    (
      await db
        .selectFrom('procedure')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('center_id', '=', centerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export function insertImport(
  db: Db,
  row: {
    center_id: number;
    source_name: string;
    format: string;
    full_catalog: 0 | 1;
    status: string;
    summary: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return db
    .insertInto('catalog_import')
    .values({ ...row, decided_by: null, decided_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function insertImportItems(
  db: Db,
  rows: {
    import_id: number;
    center_id: number;
    code: string;
    kind: string;
    data: string | null;
    changed_fields: string;
    previous_version_id: number | null;
  }[],
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('catalog_import_item').values(rows).execute();
}

export const findImport = (db: Db, centerId: number, id: number) =>
  db.selectFrom('catalog_import').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const importItems = (db: Db, importId: number) =>
  db.selectFrom('catalog_import_item').selectAll().where('import_id', '=', importId).orderBy('id').execute();

export const listImports = (db: Db, centerId: number, limit = 50) =>
  db
    .selectFrom('catalog_import')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** Marks a draft decided; returns false when it was no longer a draft (someone else decided). */
export async function decideImport(
  db: Db,
  id: number,
  status: 'published' | 'discarded',
  by: number | null,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('catalog_import')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertProcedure(
  db: Db,
  row: {
    center_id: number;
    code: string;
    name: string;
    field: string;
    status: string;
    same_day: 0 | 1;
    created_at: string;
  },
) {
  return db
    .insertInto('procedure')
    .values({ ...row, current_version_id: null, updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function insertVersion(
  db: Db,
  row: {
    center_id: number;
    procedure_id: number;
    version: number;
    data: string;
    change_kind: string;
    changed_fields: string;
    effective_from: string | null;
    import_id: number | null;
    published_by: number | null;
    published_at: string;
  },
) {
  return db.insertInto('procedure_version').values(row).returning('id').executeTakeFirstOrThrow();
}

export function setCurrent(
  db: Db,
  procedureId: number,
  v: { versionId: number; name: string; field: string; status: string; sameDay: 0 | 1; at: string },
) {
  return db
    .updateTable('procedure')
    .set({
      current_version_id: v.versionId,
      name: v.name,
      field: v.field,
      status: v.status,
      same_day: v.sameDay,
      updated_at: v.at,
    })
    .where('id', '=', procedureId)
    .execute();
}

// ---- Catalogue review: confirmations of fees and limits; per-centre search guidance ----

export const insertConfirmation = (db: Db, row: Insertable<DB['procedure_confirmation']>) =>
  db.insertInto('procedure_confirmation').values(row).executeTakeFirstOrThrow();

/** Every confirmation of a centre, newest first (a few per procedure at most). */
export const confirmationsOf = (db: Db, centerId: number) =>
  db
    .selectFrom('procedure_confirmation')
    .select(['code', 'version_id', 'values_hash', 'confirmed_by_name', 'confirmed_at', 'source'])
    .where('center_id', '=', centerId)
    .orderBy('confirmed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const findGuidance = (db: Db, centerId: number) =>
  db.selectFrom('search_guidance').selectAll().where('center_id', '=', centerId).executeTakeFirst();

export async function saveGuidance(db: Db, row: Insertable<DB['search_guidance']>): Promise<void> {
  const done = await db
    .updateTable('search_guidance')
    .set({ topics: row.topics, updated_by: row.updated_by, updated_at: row.updated_at })
    .where('center_id', '=', row.center_id)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto('search_guidance').values(row).execute();
}

export const deleteGuidance = (db: Db, centerId: number) =>
  db.deleteFrom('search_guidance').where('center_id', '=', centerId).execute();
