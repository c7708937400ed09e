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

export const registerDocById = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('register_doc')
    .select(['id', 'direction', 'number', 'year', 'abstract'])
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export const reminderNoted = async (db: Db, centerId: number, subject: string) =>
  (await db
    .selectFrom('audit_log')
    .select('id')
    .where('center_id', '=', centerId)
    .where('action', '=', 'plan.reminder')
    .where('subject', '=', subject)
    .executeTakeFirst()) !== undefined;
