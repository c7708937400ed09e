/** The only place that speaks SQL for citizen feedback (PAKN) and staff obstacles. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { FeedbackTable, ObstacleTable } from '../../core/db/tables/surveys-feedback.ts';

type Db = Kysely<DB>;

export const insertFeedback = (db: Db, row: Insertable<FeedbackTable>) =>
  db.insertInto('feedback').values(row).returning('id').executeTakeFirstOrThrow();
export const findByCode = (db: Db, code: string) =>
  db.selectFrom('feedback').selectAll().where('code', '=', code).executeTakeFirst();
export const findById = (db: Db, id: number) =>
  db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();

/** Optimistic update: only if nobody changed the item since `version` was read. */
export async function updateFeedback(
  db: Db,
  id: number,
  version: number,
  set: Updateable<FeedbackTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('feedback')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listFeedback(db: Db, centerId: number, f: { status?: string[]; overdueAt?: string; limit: number }) {
  let q = db.selectFrom('feedback').selectAll().where('center_id', '=', centerId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.overdueAt) q = q.where('status', 'in', ['received', 'info_requested']).where('handle_due_at', '<', f.overdueAt);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countOverdue(db: Db, centerIds: number[], atIso: string): Promise<number> {
  if (!centerIds.length) return 0;
  const r = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', 'in', centerIds)
    .where('status', 'in', ['received', 'info_requested'])
    .where('handle_due_at', '<', atIso)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export const publishedOf = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('feedback')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('published', '=', 1)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();

/** Feedback received up to the end of a period that was received in it or still open at its start — what the month figures read. */
export const forFigures = (db: Db, centerIds: number[], fromDay: string, toDay: string, fromIso: string) =>
  centerIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('feedback')
        .select([
          'id',
          'local_day',
          'status',
          'received_at',
          'handle_due_at',
          'answered_at',
          'refused_at',
          'dossier_id',
        ])
        .where('center_id', 'in', centerIds)
        .where('local_day', '<=', toDay)
        .where((eb) =>
          eb.or([
            eb('local_day', '>=', fromDay),
            eb('status', 'in', ['received', 'info_requested']),
            eb('answered_at', '>=', fromIso),
            eb('refused_at', '>=', fromIso),
          ]),
        )
        .execute();

export const staffOf = (db: Db, centerId: number) =>
  db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.full_name'])
    .distinct()
    .where('user_role.center_id', '=', centerId)
    .where('app_user.active', '=', 1)
    .orderBy('app_user.full_name')
    .execute();

// ---- Obstacles ----

export const insertObstacle = (db: Db, row: Insertable<ObstacleTable>) =>
  db.insertInto('obstacle').values(row).returning('id').executeTakeFirstOrThrow();
export const findObstacle = (db: Db, id: number) =>
  db.selectFrom('obstacle').selectAll().where('id', '=', id).executeTakeFirst();
export function listObstacles(db: Db, centerId: number, raisedBy: number | null | 'all') {
  let q = db.selectFrom('obstacle').selectAll().where('center_id', '=', centerId);
  if (raisedBy !== 'all')
    q = raisedBy === null ? q.where('raised_by', 'is', null) : q.where('raised_by', '=', raisedBy);
  return q.orderBy('status', 'desc').orderBy('created_at', 'desc').limit(300).execute();
}
/** Answers an open obstacle; false when it was no longer open (already answered). */
export async function answerObstacle(
  db: Db,
  id: number,
  set: { answer: string; answered_by: number | null; answered_by_name: string; answered_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('obstacle')
    .set({ ...set, status: 'answered' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
