/** The only place that speaks SQL for the home service: register, requests, visits, the form key. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { CarePersonTable, HomeRequestTable, HomeVisitTable } from '../../core/db/tables/home-service.ts';

type Db = Kysely<DB>;

// ---- Form key ----

export async function formSecret(db: Db, make: () => string, now: string): Promise<string> {
  const row = await db.selectFrom('home_form_secret').select('secret').where('id', '=', 1).executeTakeFirst();
  if (row) return row.secret;
  await db
    .insertInto('home_form_secret')
    .values({ id: 1, secret: make(), created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await db.selectFrom('home_form_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow())
    .secret;
}

// ---- Register ----

export const insertPerson = (db: Db, row: Insertable<CarePersonTable>) =>
  db.insertInto('care_person').values(row).returning('id').executeTakeFirstOrThrow();

export const findPerson = (db: Db, centerId: number, id: number) =>
  db.selectFrom('care_person').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const updatePerson = (db: Db, id: number, set: Updateable<CarePersonTable>) =>
  db.updateTable('care_person').set(set).where('id', '=', id).execute();

export function listPeople(db: Db, centerId: number, f: { q?: string; withdrawn?: boolean; limit: number }) {
  let q = db.selectFrom('care_person').selectAll().where('center_id', '=', centerId);
  if (!f.withdrawn) q = q.where('withdrawn_at', 'is', null);
  if (f.q) q = q.where('name_folded', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  return q.orderBy('name_folded').orderBy('id').limit(f.limit).execute();
}

// ---- Requests ----

export const insertRequest = (db: Db, row: Insertable<HomeRequestTable>) =>
  db.insertInto('home_request').values(row).returning('id').executeTakeFirstOrThrow();

export const codeTaken = async (db: Db, centerId: number, code: string) =>
  (await db
    .selectFrom('home_request')
    .select('id')
    .where('center_id', '=', centerId)
    .where('code', '=', code)
    .executeTakeFirst()) !== undefined;

export const findRequest = (db: Db, centerId: number, id: number) =>
  db.selectFrom('home_request').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const findRequestByCode = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('home_request')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('code', '=', code)
    .executeTakeFirst();

export async function updateRequest(
  db: Db,
  id: number,
  fromStatuses: readonly string[],
  set: Updateable<HomeRequestTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('home_request')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listRequests(db: Db, centerId: number, f: { statuses?: string[]; limit: number }) {
  let q = db.selectFrom('home_request').selectAll().where('center_id', '=', centerId);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

// ---- Visits ----

export const insertVisit = (db: Db, row: Insertable<HomeVisitTable>) =>
  db.insertInto('home_visit').values(row).returning('id').executeTakeFirstOrThrow();

function visitsWithNames(db: Db) {
  return db
    .selectFrom('home_visit as v')
    .innerJoin('home_request as r', 'r.id', 'v.request_id')
    .innerJoin('app_user as u', 'u.id', 'v.officer_user_id')
    .selectAll('v')
    .select([
      'r.code as request_code',
      'r.person_name',
      'r.phone as request_phone',
      'r.requester_name',
      'r.relationship',
      'r.needs',
      'r.needs_other',
      'u.full_name as officer_name',
    ]);
}
export type VisitRow = Awaited<ReturnType<typeof findVisit>> & object;

export const findVisit = (db: Db, centerId: number, id: number) =>
  visitsWithNames(db).where('v.center_id', '=', centerId).where('v.id', '=', id).executeTakeFirst();

export const visitsOfRequest = (db: Db, requestId: number) =>
  visitsWithNames(db).where('v.request_id', '=', requestId).orderBy('v.id').execute();

export function visitsOfDay(db: Db, centerId: number, date: string, officerId: number | null) {
  let q = visitsWithNames(db)
    .where('v.center_id', '=', centerId)
    .where('v.visit_date', '=', date)
    .where('v.status', '!=', 'cancelled');
  if (officerId !== null) q = q.where('v.officer_user_id', '=', officerId);
  return q.orderBy('v.visit_time').orderBy('v.id').execute();
}

export async function updateVisit(
  db: Db,
  id: number,
  fromStatus: string,
  set: Updateable<HomeVisitTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('home_visit')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Staff of a centre who hold any of `roles` there and are active (the officers a visit may go to). */
export function staffWithRoles(db: Db, centerId: number, roles: readonly string[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.username'])
    .distinct()
    .where('r.center_id', '=', centerId)
    .where('r.role', 'in', roles)
    .where('u.active', '=', 1)
    .orderBy('u.full_name')
    .execute();
}

// ---- Figures ----

export const requestsBetween = (db: Db, centerIds: number[], from: string, to: string) =>
  db
    .selectFrom('home_request')
    .select(['id', 'center_id'])
    .where('center_id', 'in', centerIds)
    .where('local_day', '>=', from)
    .where('local_day', '<=', to)
    .execute();

export const visitsBetween = (db: Db, centerIds: number[], from: string, to: string) =>
  db
    .selectFrom('home_visit')
    .select(['id', 'status', 'taken_codes', 'result_returned', 'card_delivered'])
    .where('center_id', 'in', centerIds)
    .where('visited_day', '>=', from)
    .where('visited_day', '<=', to)
    .where('status', 'in', ['done', 'not_home'])
    .execute();

/** How many requests of a centre are in a status (the console's "needs attention"; counts only, no personal data). */
export async function countRequests(db: Db, centerId: number, status: string): Promise<number> {
  const r = await db
    .selectFrom('home_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', centerId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- Staff names ----

/** A user's full name (who recorded a consent), or undefined. */
export async function userFullName(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('app_user').select('full_name').where('id', '=', userId).executeTakeFirst())?.full_name;
}

/** The id of a centre's user by username (the demo's receiving officer), or undefined. */
export async function userIdByUsername(db: Db, centerId: number, username: string): Promise<number | undefined> {
  return (
    await db
      .selectFrom('app_user')
      .select('id')
      .where('center_id', '=', centerId)
      .where('username', '=', username)
      .executeTakeFirst()
  )?.id;
}
