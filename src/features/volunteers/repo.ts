/** The only place that speaks SQL for volunteers, their roster, check-ins and assistance log. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { VolunteerAssistTable, VolunteerShiftTable, VolunteerTable } from '../../core/db/tables/volunteers.ts';

type Db = Kysely<DB>;

// ---- Volunteers ----------------------------------------------------------------------------

export const listVolunteers = (db: Db, centerId: number, activeOnly = false) => {
  let q = db
    .selectFrom('volunteer as v')
    .leftJoin('app_user as u', 'u.id', 'v.user_id')
    .selectAll('v')
    .select(['u.username as username'])
    .where('v.center_id', '=', centerId);
  if (activeOnly) q = q.where('v.active', '=', 1);
  return q.orderBy('v.active', 'desc').orderBy('v.full_name').orderBy('v.id').execute();
};

export const findVolunteer = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('volunteer as v')
    .leftJoin('app_user as u', 'u.id', 'v.user_id')
    .selectAll('v')
    .select(['u.username as username'])
    .where('v.center_id', '=', centerId)
    .where('v.id', '=', id)
    .executeTakeFirst();

export const findVolunteerByUser = (db: Db, centerId: number, userId: number) =>
  db
    .selectFrom('volunteer as v')
    .leftJoin('app_user as u', 'u.id', 'v.user_id')
    .selectAll('v')
    .select(['u.username as username'])
    .where('v.center_id', '=', centerId)
    .where('v.user_id', '=', userId)
    .executeTakeFirst();

export const insertVolunteer = (db: Db, row: Insertable<VolunteerTable>) =>
  db.insertInto('volunteer').values(row).returning('id').executeTakeFirstOrThrow();

export async function updateVolunteer(
  db: Db,
  centerId: number,
  id: number,
  set: Updateable<VolunteerTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('volunteer')
    .set(set)
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A staff account of this centre holding the role 'volunteer' (the only accounts a volunteer record may be linked to). */
export const findVolunteerAccount = (db: Db, centerId: number, username: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', (j) =>
      j.onRef('r.user_id', '=', 'u.id').on('r.center_id', '=', centerId).on('r.role', '=', 'volunteer'),
    )
    .select(['u.id', 'u.username', 'u.full_name'])
    .where('u.username', '=', username)
    .executeTakeFirst();

// ---- Roster --------------------------------------------------------------------------------

export const listShifts = (db: Db, centerId: number, from: string, to: string, volunteerId?: number) => {
  let q = db
    .selectFrom('volunteer_shift as s')
    .innerJoin('volunteer as v', 'v.id', 's.volunteer_id')
    .selectAll('s')
    .select(['v.full_name', 'v.organisation', 'v.organisation_name', 'v.phone'])
    .where('s.center_id', '=', centerId)
    .where('s.date', '>=', from)
    .where('s.date', '<=', to);
  if (volunteerId !== undefined) q = q.where('s.volunteer_id', '=', volunteerId);
  return q.orderBy('s.date').orderBy('s.start_time').orderBy('v.full_name').execute();
};

export const findShift = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('volunteer_shift')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export const findSameShift = (db: Db, volunteerId: number, date: string, start: string) =>
  db
    .selectFrom('volunteer_shift')
    .select('id')
    .where('volunteer_id', '=', volunteerId)
    .where('date', '=', date)
    .where('start_time', '=', start)
    .executeTakeFirst();

export const insertShift = (db: Db, row: Insertable<VolunteerShiftTable>) =>
  db.insertInto('volunteer_shift').values(row).returning('id').executeTakeFirstOrThrow();

export const deleteShift = (db: Db, centerId: number, id: number) =>
  db.deleteFrom('volunteer_shift').where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

// ---- Check-ins -----------------------------------------------------------------------------

export const openCheckin = (db: Db, centerId: number, volunteerId: number) =>
  db
    .selectFrom('volunteer_checkin')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('volunteer_id', '=', volunteerId)
    .where('checked_out_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const insertCheckin = (
  db: Db,
  row: {
    center_id: number;
    volunteer_id: number;
    shift_id: number | null;
    checked_in_at: string;
    checked_in_by: number | null;
  },
) => db.insertInto('volunteer_checkin').values(row).returning('id').executeTakeFirstOrThrow();

export async function closeCheckin(db: Db, id: number, at: string, by: number | null): Promise<boolean> {
  const r = await db
    .updateTable('volunteer_checkin')
    .set({ checked_out_at: at, checked_out_by: by })
    .where('id', '=', id)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const listCheckins = (db: Db, centerId: number, fromIso: string, toIso: string, volunteerId?: number) => {
  let q = db
    .selectFrom('volunteer_checkin as c')
    .innerJoin('volunteer as v', 'v.id', 'c.volunteer_id')
    .selectAll('c')
    .select(['v.full_name'])
    .where('c.center_id', '=', centerId)
    .where('c.checked_in_at', '>=', fromIso)
    .where('c.checked_in_at', '<', toIso);
  if (volunteerId !== undefined) q = q.where('c.volunteer_id', '=', volunteerId);
  return q.orderBy('c.checked_in_at', 'desc').orderBy('c.id', 'desc').execute();
};

/** Everyone checked in and not yet out, in this centre. */
export const openCheckins = (db: Db, centerId: number) =>
  db
    .selectFrom('volunteer_checkin')
    .select(['id', 'volunteer_id', 'checked_in_at'])
    .where('center_id', '=', centerId)
    .where('checked_out_at', 'is', null)
    .execute();

// ---- Assistance log ------------------------------------------------------------------------

export const insertAssist = (db: Db, row: Insertable<VolunteerAssistTable>) =>
  db.insertInto('volunteer_assist').values(row).returning('id').executeTakeFirstOrThrow();

export const listAssists = (
  db: Db,
  centerId: number,
  fromIso: string,
  toIso: string,
  volunteerId?: number,
  limit = 500,
) => {
  let q = db
    .selectFrom('volunteer_assist as a')
    .innerJoin('volunteer as v', 'v.id', 'a.volunteer_id')
    .selectAll('a')
    .select(['v.full_name'])
    .where('a.center_id', '=', centerId)
    .where('a.at', '>=', fromIso)
    .where('a.at', '<', toIso);
  if (volunteerId !== undefined) q = q.where('a.volunteer_id', '=', volunteerId);
  return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
};

export const findAssist = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('volunteer_assist')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export const deleteAssist = (db: Db, centerId: number, id: number) =>
  db.deleteFrom('volunteer_assist').where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

// ---- Figures -------------------------------------------------------------------------------

export interface FigureFilter {
  centerIds: number[];
  fromIso: string;
  toIso: string;
  fromDate: string;
  toDate: string;
  volunteerId?: number;
}

/** People helped per kind in the range (sum of the log entries' counts). */
export async function assistTotals(
  db: Db,
  f: FigureFilter,
): Promise<{ kind: string; people: number; entries: number }[]> {
  if (!f.centerIds.length) return [];
  let q = db
    .selectFrom('volunteer_assist')
    .select((eb) => [
      'kind',
      eb.fn.sum<string | number>('people').as('people'),
      eb.fn.countAll<string | number>().as('entries'),
    ])
    .where('center_id', 'in', f.centerIds)
    .where('at', '>=', f.fromIso)
    .where('at', '<', f.toIso);
  if (f.volunteerId !== undefined) q = q.where('volunteer_id', '=', f.volunteerId);
  const rows = await q.groupBy('kind').execute();
  return rows.map((r) => ({ kind: r.kind, people: Number(r.people ?? 0), entries: Number(r.entries) }));
}

export async function shiftCount(db: Db, f: FigureFilter): Promise<number> {
  if (!f.centerIds.length) return 0;
  let q = db
    .selectFrom('volunteer_shift')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('center_id', 'in', f.centerIds)
    .where('date', '>=', f.fromDate)
    .where('date', '<=', f.toDate);
  if (f.volunteerId !== undefined) q = q.where('volunteer_id', '=', f.volunteerId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Check-ins that started in the range, with their spans (for hours on duty). */
export async function checkinSpans(
  db: Db,
  f: FigureFilter,
): Promise<{ volunteer_id: number; checked_in_at: string; checked_out_at: string | null }[]> {
  if (!f.centerIds.length) return [];
  let q = db
    .selectFrom('volunteer_checkin')
    .select(['volunteer_id', 'checked_in_at', 'checked_out_at'])
    .where('center_id', 'in', f.centerIds)
    .where('checked_in_at', '>=', f.fromIso)
    .where('checked_in_at', '<', f.toIso);
  if (f.volunteerId !== undefined) q = q.where('volunteer_id', '=', f.volunteerId);
  return q.execute();
}

/** Volunteers who checked in or logged help in the range. */
export async function activeVolunteerIds(db: Db, f: FigureFilter): Promise<number[]> {
  if (!f.centerIds.length) return [];
  let a = db
    .selectFrom('volunteer_assist')
    .select('volunteer_id')
    .where('center_id', 'in', f.centerIds)
    .where('at', '>=', f.fromIso)
    .where('at', '<', f.toIso);
  let c = db
    .selectFrom('volunteer_checkin')
    .select('volunteer_id')
    .where('center_id', 'in', f.centerIds)
    .where('checked_in_at', '>=', f.fromIso)
    .where('checked_in_at', '<', f.toIso);
  if (f.volunteerId !== undefined) {
    a = a.where('volunteer_id', '=', f.volunteerId);
    c = c.where('volunteer_id', '=', f.volunteerId);
  }
  const rows = await a.union(c).execute();
  return [...new Set(rows.map((r) => r.volunteer_id))];
}

export async function registeredCount(db: Db, centerIds: number[]): Promise<number> {
  if (!centerIds.length) return 0;
  const r = await db
    .selectFrom('volunteer')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('center_id', 'in', centerIds)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Per volunteer in the range: people helped by kind (for the month page and the thank-you letter). */
export async function assistByVolunteer(
  db: Db,
  f: FigureFilter,
): Promise<{ volunteer_id: number; kind: string; people: number }[]> {
  if (!f.centerIds.length) return [];
  const rows = await db
    .selectFrom('volunteer_assist')
    .select((eb) => ['volunteer_id', 'kind', eb.fn.sum<string | number>('people').as('people')])
    .where('center_id', 'in', f.centerIds)
    .where('at', '>=', f.fromIso)
    .where('at', '<', f.toIso)
    .groupBy(['volunteer_id', 'kind'])
    .execute();
  return rows.map((r) => ({ volunteer_id: r.volunteer_id, kind: r.kind, people: Number(r.people ?? 0) }));
}
