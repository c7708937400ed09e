/** The only place that speaks SQL for dossiers, their events and the daily code counter. */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, DossierTable } from '../../core/db/schema.ts';

type Db = Kysely<DB>;

/**
 * Next daily sequence for a centre, inside the caller's transaction. On PostgreSQL the upsert
 * takes a row lock, so concurrent intakes queue; on SQLite the write transaction is exclusive.
 * A rolled-back intake rolls its number back: codes have no gaps.
 */
export async function nextSeq(db: Db, centerId: number, day: string): Promise<number> {
  const r = await sql<{ last_seq: number }>`
    INSERT INTO dossier_counter (center_id, day, last_seq) VALUES (${centerId}, ${day}, 1)
    ON CONFLICT (center_id, day) DO UPDATE SET last_seq = dossier_counter.last_seq + 1
    RETURNING last_seq`.execute(db);
  return Number(r.rows[0]!.last_seq);
}

export const insertDossier = (db: Db, row: Insertable<DossierTable>) =>
  db.insertInto('dossier').values(row).returning('id').executeTakeFirstOrThrow();

export const findById = (db: Db, id: number) =>
  db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirst();

export const findByCode = (db: Db, code: string) =>
  db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirst();

/** Updates a dossier only if nobody changed it since `version` was read (optimistic lock). */
export async function updateDossier(
  db: Db,
  id: number,
  version: number,
  set: Updateable<DossierTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('dossier')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Appends an event with the next sequence number (`seq` given for a new dossier's first event). */
export async function appendEvent(
  db: Db,
  e: {
    center_id: number;
    dossier_id: number;
    action: string;
    from_status: number | null;
    to_status: number | null;
    actor_user_id: number | null;
    actor_name: string;
    at: string;
    data: string;
    seq?: number;
  },
) {
  let seq = e.seq;
  if (seq === undefined) {
    const last = await db
      .selectFrom('dossier_event')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('dossier_id', '=', e.dossier_id)
      .executeTakeFirst();
    seq = Number(last?.m ?? 0) + 1;
  }
  await db
    .insertInto('dossier_event')
    .values({ ...e, seq })
    .execute();
}

export const eventsOf = (db: Db, dossierId: number) =>
  db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();

export interface ListFilter {
  status?: number[];
  dueBefore?: string;
  field?: string;
  q?: string;
  limit: number;
  offset: number;
  day?: string;
}

export function list(db: Db, centerId: number, f: ListFilter) {
  let q = db.selectFrom('dossier').selectAll().where('center_id', '=', centerId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.dueBefore) q = q.where((eb) => eb(eb.fn.coalesce('extended_due_at', 'due_at'), '<', f.dueBefore!));
  if (f.field) q = q.where('field', '=', f.field);
  if (f.day) q = q.where('local_day', '=', f.day);
  if (f.q) q = q.where('code', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** Dossiers with results ready to collect (status 9), oldest first. */
export const readyToCollect = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('dossier')
    .select(['code', 'applicant', 'procedure_name', 'field', 'processed_at'])
    .where('center_id', '=', centerId)
    .where('status', '=', 9)
    .orderBy('processed_at')
    .limit(limit)
    .execute();

/** Dossiers received, or ended, between two local days (inclusive): the month's activity. */
export const activityBetween = (
  db: Db,
  centerId: number,
  fromDay: string,
  toDay: string,
  fromIso: string,
  toIso: string,
) =>
  db
    .selectFrom('dossier')
    .select([
      'id',
      'field',
      'status',
      'local_day',
      'received_at',
      'due_at',
      'extended_due_at',
      'ended_at',
      'returned_at',
      'same_day',
      'supplement_count',
    ])
    .where('center_id', '=', centerId)
    .where((eb) =>
      eb.or([
        eb.and([eb('local_day', '>=', fromDay), eb('local_day', '<=', toDay)]),
        eb.and([eb('ended_at', '>=', fromIso), eb('ended_at', '<', toIso)]),
      ]),
    )
    .execute();

/** Supplement request/complete events of some dossiers (for the Decision 766 judgement). */
export const supplementEvents = (db: Db, dossierIds: number[]) =>
  dossierIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('dossier_event')
        .select(['dossier_id', 'action', 'at'])
        .where('dossier_id', 'in', dossierIds)
        .where('action', 'in', ['request_supplement', 'complete_supplement'])
        .orderBy('dossier_id')
        .orderBy('seq')
        .execute();

/** The events the clock reads (clock.ts), for many dossiers, in order: one query per 500 dossiers. */
export async function clockEvents(db: Db, dossierIds: readonly number[]) {
  const out: {
    dossier_id: number;
    action: string;
    at: string;
    from_status: number | null;
    to_status: number | null;
    data: string;
  }[] = [];
  for (let i = 0; i < dossierIds.length; i += 500) {
    const chunk = dossierIds.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('dossier_event')
        .select(['dossier_id', 'action', 'at', 'from_status', 'to_status', 'data'])
        .where('dossier_id', 'in', chunk)
        .where('action', 'not in', ['attach', 'reuse'])
        .orderBy('dossier_id')
        .orderBy('seq')
        .execute()),
    );
  }
  return out;
}

/** Open and awaiting dossiers of a centre (statuses 1, 2, 4, 5, 6): the deadline monitor. */
export const openOf = (db: Db, centerId: number) =>
  db
    .selectFrom('dossier')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('status', 'in', [1, 2, 4, 5, 6])
    .execute();

/** Dossiers received between two local days (inclusive), in receipt order: the tracking book. */
export const receivedBetween = (db: Db, centerId: number, fromDay: string, toDay: string) =>
  db
    .selectFrom('dossier')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay)
    .orderBy('received_at')
    .orderBy('code')
    .execute();

/** The first hand-off event of each dossier (one query for many dossiers). */
export const firstHandoffs = (db: Db, dossierIds: number[]) =>
  dossierIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('dossier_event as e')
        .select(['e.dossier_id', 'e.at', 'e.data'])
        .where('e.dossier_id', 'in', dossierIds)
        .where('e.action', '=', 'handoff')
        .where(({ eb, selectFrom }) =>
          eb(
            'e.seq',
            '=',
            selectFrom('dossier_event as f')
              .select((x) => x.fn.min('f.seq').as('s'))
              .whereRef('f.dossier_id', '=', 'e.dossier_id')
              .where('f.action', '=', 'handoff'),
          ),
        )
        .execute();
