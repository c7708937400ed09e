/** The only place that speaks SQL for plan tasks, their quarterly notes and evidence. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { PlanEvidenceTable, PlanTaskTable } from '../../core/db/tables/plan.ts';

type Db = Kysely<DB>;
export type TaskRow = Selectable<PlanTaskTable>;
export type EvidenceRow = Selectable<PlanEvidenceTable>;

export const listTasks = (db: Db, centerId: number, year: number) =>
  db
    .selectFrom('plan_task')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('year', '=', year)
    .orderBy('seq')
    .execute();

export const findTask = (db: Db, centerId: number, id: number) =>
  db.selectFrom('plan_task').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const existingNumbers = async (db: Db, centerId: number, year: number) =>
  new Set(
    (
      await db
        .selectFrom('plan_task')
        .select('number')
        .where('center_id', '=', centerId)
        .where('year', '=', year)
        .execute()
    ).map((r) => r.number),
  );

export const insertTask = (db: Db, row: Insertable<PlanTaskTable>) =>
  db.insertInto('plan_task').values(row).returning('id').executeTakeFirstOrThrow();

export const updateTask = (db: Db, id: number, set: Updateable<PlanTaskTable>) =>
  db.updateTable('plan_task').set(set).where('id', '=', id).execute();

export const yearsOf = async (db: Db, centerId: number) =>
  (
    await db
      .selectFrom('plan_task')
      .select('year')
      .distinct()
      .where('center_id', '=', centerId)
      .orderBy('year')
      .execute()
  ).map((r) => r.year);

export const notesOf = (db: Db, taskIds: number[]) =>
  taskIds.length
    ? db.selectFrom('plan_note').selectAll().where('task_id', 'in', taskIds).orderBy('quarter').execute()
    : Promise.resolve([]);

export async function upsertNote(
  db: Db,
  n: {
    center_id: number;
    task_id: number;
    quarter: number;
    note: string;
    updated_at: string;
    updated_by: number | null;
  },
) {
  await db
    .insertInto('plan_note')
    .values(n)
    .onConflict((oc) =>
      oc
        .columns(['task_id', 'quarter'])
        .doUpdateSet({ note: n.note, updated_at: n.updated_at, updated_by: n.updated_by }),
    )
    .execute();
}

export const deleteNote = (db: Db, taskId: number, quarter: number) =>
  db.deleteFrom('plan_note').where('task_id', '=', taskId).where('quarter', '=', quarter).execute();

export const evidenceOf = (db: Db, taskIds: number[]) =>
  taskIds.length
    ? db
        .selectFrom('plan_evidence')
        .selectAll()
        .where('task_id', 'in', taskIds)
        .orderBy('quarter')
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

export const insertEvidence = (db: Db, row: Insertable<PlanEvidenceTable>) =>
  db.insertInto('plan_evidence').values(row).returning('id').executeTakeFirstOrThrow();

export const findEvidence = (db: Db, centerId: number, id: number) =>
  db.selectFrom('plan_evidence').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const deleteEvidence = (db: Db, id: number) => db.deleteFrom('plan_evidence').where('id', '=', id).execute();

/** A dossier of the centre by code (for a link's check). */
export const dossierByCode = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('dossier')
    .select(['id', 'code'])
    .where('center_id', '=', centerId)
    .where('code', '=', code)
    .executeTakeFirst();

export const registerDocById = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('register_doc')
    .select(['id', 'direction', 'number', 'year', 'abstract'])
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Minimal quarter figures from the dossier table (the fallback when the reports helper's statistics are missing). */
export async function dossierCounts(db: Db, centerId: number, fromIso: string, toIso: string) {
  const received = await db
    .selectFrom('dossier')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('received'),
      eb.fn.sum<number | string | null>(eb.case().when('channel', '=', 'online').then(1).else(0).end()).as('online'),
      eb.fn.sum<number | string | null>('digitised').as('digitised'),
      eb.fn.sum<number | string | null>('reused').as('reused'),
      eb.fn.sum<number | string | null>('vneid_verified').as('vneid'),
    ])
    .where('center_id', '=', centerId)
    .where('received_at', '>=', fromIso)
    .where('received_at', '<', toIso)
    .executeTakeFirstOrThrow();
  const resolved = await db
    .selectFrom('dossier')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('resolved'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('processed_at', '<=', eb.fn.coalesce('extended_due_at', 'due_at')).then(1).else(0).end(),
        )
        .as('onTime'),
    ])
    .where('center_id', '=', centerId)
    .where('processed_at', 'is not', null)
    .where('processed_at', '>=', fromIso)
    .where('processed_at', '<', toIso)
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    received: n(received.received),
    online: n(received.online),
    digitised: n(received.digitised),
    reused: n(received.reused),
    vneid: n(received.vneid),
    resolved: n(resolved.resolved),
    onTime: n(resolved.onTime),
  };
}

export const reminderNoted = async (db: Db, centerId: number, subject: string) =>
  (await db
    .selectFrom('audit_log')
    .select('id')
    .where('center_id', '=', centerId)
    .where('action', '=', 'plan.reminder')
    .where('subject', '=', subject)
    .executeTakeFirst()) !== undefined;

/** A dossier of the demo centre that was re-appointed (apology letter, form 04), or null. */
export async function demoLateDossier(db: Db, _year: number, slug: string): Promise<string | null> {
  const r = await db
    .selectFrom('dossier')
    .innerJoin('center', 'center.id', 'dossier.center_id')
    .select('dossier.code')
    .where('center.slug', '=', slug)
    .where('dossier.extended_due_at', 'is not', null)
    .orderBy('dossier.id')
    .executeTakeFirst();
  return r?.code ?? null;
}
