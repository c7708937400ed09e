/** The only place that speaks SQL for the queue: settings, groups, counters, tickets, the day counters and the change feed. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type {
  QueueCounterTable,
  QueueEventTable,
  QueueGroupTable,
  QueueTicketTable,
} from '../../core/db/tables/queue.ts';
import { DEFAULT_TARGET_WAIT_MINUTES, type FigureRow } from './model.ts';

type Db = Kysely<DB>;
export type GroupRow = Selectable<QueueGroupTable>;
export type CounterRow = Selectable<QueueCounterTable>;
export type TicketRow = Selectable<QueueTicketTable>;

// ---- Settings, groups, counters ----

export const findSetting = (db: Db, centerId: number) =>
  db.selectFrom('queue_setting').selectAll().where('center_id', '=', centerId).executeTakeFirst();

export async function upsertSetting(
  db: Db,
  centerId: number,
  target: number,
  userId: number | null,
  at: string,
): Promise<void> {
  await db
    .insertInto('queue_setting')
    .values({ center_id: centerId, target_wait_minutes: target, updated_by: userId, updated_at: at })
    .onConflict((oc) =>
      oc.column('center_id').doUpdateSet({ target_wait_minutes: target, updated_by: userId, updated_at: at }),
    )
    .execute();
}

/** The kiosk's priority groups (JSON) and the opening-time tickets switch; a new row takes the default target wait. */
export async function upsertFloorSetting(
  db: Db,
  centerId: number,
  priorityGroups: string,
  early: boolean,
  userId: number | null,
  at: string,
): Promise<void> {
  const set = {
    priority_groups: priorityGroups,
    early_tickets: early ? 1 : 0,
    updated_by: userId,
    updated_at: at,
  } as const;
  await db
    .insertInto('queue_setting')
    .values({ center_id: centerId, target_wait_minutes: DEFAULT_TARGET_WAIT_MINUTES, ...set })
    .onConflict((oc) => oc.column('center_id').doUpdateSet(set))
    .execute();
}

export const listGroups = (db: Db, centerId: number) =>
  db
    .selectFrom('queue_group')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('sort_order')
    .orderBy('letter')
    .execute();
export const findGroup = (db: Db, centerId: number, id: number) =>
  db.selectFrom('queue_group').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
export const insertGroup = (db: Db, row: Insertable<QueueGroupTable>) =>
  db.insertInto('queue_group').values(row).returning('id').executeTakeFirstOrThrow();
export const updateGroup = (db: Db, centerId: number, id: number, set: Updateable<QueueGroupTable>) =>
  db.updateTable('queue_group').set(set).where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

export const listCounters = (db: Db, centerId: number) =>
  db.selectFrom('queue_counter').selectAll().where('center_id', '=', centerId).orderBy('number').execute();
export const findCounter = (db: Db, centerId: number, id: number) =>
  db.selectFrom('queue_counter').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
export const insertCounter = (db: Db, row: Insertable<QueueCounterTable>) =>
  db.insertInto('queue_counter').values(row).returning('id').executeTakeFirstOrThrow();
export const updateCounter = (db: Db, centerId: number, id: number, set: Updateable<QueueCounterTable>) =>
  db.updateTable('queue_counter').set(set).where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();

/** Takes a user off every counter of the centre (before seating them at another). */
export const clearStaff = (db: Db, centerId: number, userId: number, at: string) =>
  db
    .updateTable('queue_counter')
    .set({ staff_user_id: null, updated_at: at })
    .where('center_id', '=', centerId)
    .where('staff_user_id', '=', userId)
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

// ---- Tickets ----

/**
 * Next number of a group on a day, inside the caller's transaction. The upsert takes a row lock on
 * PostgreSQL (concurrent kiosks queue up); SQLite's write transaction is exclusive. A rolled-back
 * issue rolls its number back: no gaps.
 */
export async function nextSeq(db: Db, centerId: number, groupId: number, day: string): Promise<number> {
  const r = await sql<{ last_seq: number }>`
    INSERT INTO queue_day_seq (center_id, group_id, day, last_seq) VALUES (${centerId}, ${groupId}, ${day}, 1)
    ON CONFLICT (center_id, group_id, day) DO UPDATE SET last_seq = queue_day_seq.last_seq + 1
    RETURNING last_seq`.execute(db);
  return Number(r.rows[0]!.last_seq);
}

export const insertTicket = (db: Db, row: Insertable<QueueTicketTable>) =>
  db.insertInto('queue_ticket').values(row).returning('id').executeTakeFirstOrThrow();
export const findTicket = (db: Db, centerId: number, id: number) =>
  db.selectFrom('queue_ticket').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
export const findTicketByPublic = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('queue_ticket')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('public_code', '=', code)
    .executeTakeFirst();

/** Updates a ticket only if nobody changed it since `version` was read (optimistic lock). */
export async function updateTicket(
  db: Db,
  id: number,
  version: number,
  set: Updateable<QueueTicketTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('queue_ticket')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The next ticket a counter may call today: its groups (not sent to another counter) or sent to it; priority first, then first come. */
export function nextCandidate(db: Db, centerId: number, day: string, counterId: number, groupIds: number[]) {
  return db
    .selectFrom('queue_ticket')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb('target_counter_id', '=', counterId),
        ...(groupIds.length ? [eb.and([eb('target_counter_id', 'is', null), eb('group_id', 'in', groupIds)])] : []),
      ]),
    )
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export const currentAt = (db: Db, centerId: number, counterId: number) =>
  db
    .selectFrom('queue_ticket')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('counter_id', '=', counterId)
    .where('status', '=', 'called')
    .orderBy('called_at', 'desc')
    .executeTakeFirst();

/** Today's tickets still waiting or being called, in calling order. */
export const openTickets = (db: Db, centerId: number, day: string) =>
  db
    .selectFrom('queue_ticket')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('day', '=', day)
    .where('status', 'in', ['waiting', 'called'])
    .orderBy('priority', 'desc')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();

export function listTickets(db: Db, centerId: number, day: string, status: string | null, limit: number) {
  let q = db.selectFrom('queue_ticket').selectAll().where('center_id', '=', centerId).where('day', '=', day);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Recent calls (called or recalled events) of a centre since an instant, newest first. */
export const recentCalls = (db: Db, centerId: number, sinceIso: string, limit: number) =>
  db
    .selectFrom('queue_event')
    .innerJoin('queue_ticket', 'queue_ticket.id', 'queue_event.ticket_id')
    .select([
      'queue_event.id as eventId',
      'queue_event.kind',
      'queue_event.at',
      'queue_event.counter_id',
      'queue_ticket.code',
      'queue_ticket.group_id',
      'queue_ticket.priority',
      'queue_ticket.status',
    ])
    .where('queue_event.center_id', '=', centerId)
    .where('queue_event.kind', 'in', ['called', 'recalled'])
    .where('queue_event.at', '>=', sinceIso)
    .orderBy('queue_event.id', 'desc')
    .limit(limit)
    .execute();

/** Tickets served at a group's counters since a day: their service minutes feed the phone page's estimate. */
export const recentServed = (db: Db, centerId: number, groupId: number, sinceDay: string, limit: number) =>
  db
    .selectFrom('queue_ticket')
    .select(['called_at', 'finished_at'])
    .where('center_id', '=', centerId)
    .where('group_id', '=', groupId)
    .where('status', '=', 'served')
    .where('day', '>=', sinceDay)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const ticketLinkedTo = (db: Db, centerId: number, dossierId: number) =>
  db
    .selectFrom('queue_ticket')
    .select(['id', 'code'])
    .where('center_id', '=', centerId)
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();

export function figureRows(
  db: Db,
  centerIds: number[],
  fromDay: string,
  toDay: string,
): Promise<(FigureRow & { center_id: number })[]> {
  if (!centerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('queue_ticket')
    .select([
      'center_id',
      'group_id',
      'day',
      'status',
      'priority',
      'issued_at',
      'first_called_at',
      'called_at',
      'finished_at',
    ])
    .where('center_id', 'in', centerIds)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}

export const settingsFor = (db: Db, centerIds: number[]) =>
  centerIds.length
    ? db
        .selectFrom('queue_setting')
        .select(['center_id', 'target_wait_minutes'])
        .where('center_id', 'in', centerIds)
        .execute()
    : Promise.resolve([]);

// ---- Change feed ----

export const insertEvent = (db: Db, e: Insertable<QueueEventTable>) => db.insertInto('queue_event').values(e).execute();

/** The last change of a centre's queue (0 when none): what the board's live feed polls. */
export async function lastEventId(db: Db, centerId: number): Promise<number> {
  const r = await db
    .selectFrom('queue_event')
    .select((eb) => eb.fn.max('id').as('m'))
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}
