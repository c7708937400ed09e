/** The only place that speaks SQL for dossiers, their events and the daily code counter. */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CounterGuidanceTable, DB, DossierTable } from '../../core/db/schema.ts';
import type { Seek } from '../../core/db/keyset.ts';

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

export const findByPortalCode = (db: Db, centerId: number, portalCode: string) =>
  db
    .selectFrom('dossier')
    .select(['id', 'code'])
    .where('center_id', '=', centerId)
    .where('portal_code', '=', portalCode)
    .executeTakeFirst();

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
  /** Every term must match dossier.search_text (see searchTerms in model.ts). */
  terms?: { text: string; at: 'word' | 'anywhere' }[];
  /** Dossiers held by this user ("Của tôi"). */
  holderUserId?: number;
  limit: number;
  /** Rows to skip (the API's old `offset`, and internal walks of one day); a seek is cheaper. */
  offset?: number;
  /** Keyset paging (decision 039): rows after/before a (received_at, id) already shown. */
  seek?: Seek | null;
  day?: string;
}

export function list(db: Db, centerId: number, f: ListFilter) {
  let q = db.selectFrom('dossier').selectAll().where('center_id', '=', centerId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.dueBefore) q = q.where((eb) => eb(eb.fn.coalesce('extended_due_at', 'due_at'), '<', f.dueBefore!));
  if (f.field) q = q.where('field', '=', f.field);
  if (f.day) q = q.where('local_day', '=', f.day);
  for (const t of f.terms ?? [])
    q =
      t.at === 'word'
        ? q.where('search_text', 'like', `% ${t.text}%`)
        : // The code too, for rows written without a search text (a bulk import).
          q.where((eb) => eb.or([eb('search_text', 'like', `%${t.text}%`), eb('code', 'like', `%${t.text}%`)]));
  if (f.holderUserId !== undefined) q = q.where('assigned_user_id', '=', f.holderUserId);
  // Newest first by (received_at, id), the order of the index dossier_center_received_id_ix
  // (migration 027); a seek "before" a row reads the other way and the caller reverses it.
  const seek = f.seek;
  let dir: 'asc' | 'desc' = 'desc';
  if (seek && 'after' in seek)
    q = q.where((eb) => eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(seek.after.at, seek.after.id)));
  else if (seek) {
    q = q.where((eb) => eb(eb.refTuple('received_at', 'id'), '>', eb.tuple(seek.before.at, seek.before.id)));
    dir = 'asc';
  }
  q = q.orderBy('received_at', dir).orderBy('id', dir).limit(f.limit);
  return (f.offset ? q.offset(f.offset) : q).execute();
}

/** Online submissions waiting for the desk to accept them (status 1), oldest first. */
export const awaitingAcceptance = (db: Db, centerId: number, limit: number) =>
  db
    .selectFrom('dossier')
    .select(['code', 'procedure_name', 'field', 'channel', 'received_at', 'due_at'])
    .where('center_id', '=', centerId)
    .where('status', '=', 1)
    .orderBy('received_at')
    .limit(limit)
    .execute();

export async function countAwaitingAcceptance(db: Db, centerId: number): Promise<number> {
  const r = await db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('center_id', '=', centerId)
    .where('status', '=', 1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Open dossiers held by a user, soonest appointment first (codes and deadlines, no personal data). */
export const heldBy = (db: Db, centerId: number, userId: number, limit: number) =>
  db
    .selectFrom('dossier')
    .select(['code', 'procedure_name', 'field', 'status', 'due_at', 'extended_due_at'])
    .where('center_id', '=', centerId)
    .where('assigned_user_id', '=', userId)
    .where('status', 'in', [2, 4, 5, 6])
    .orderBy(sql`coalesce(extended_due_at, due_at)`)
    .limit(limit)
    .execute();

/** Users of a centre who may hold a dossier (active, with one of the given roles), by name. */
export const holdersOf = (db: Db, centerId: number, roles: readonly string[]) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.title'])
    .distinct()
    .where('r.center_id', '=', centerId)
    .where('u.active', '=', 1)
    .where('r.role', 'in', [...roles])
    .orderBy('u.full_name')
    .execute();

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
  receivedIn(db, centerId, fromDay, toDay).selectAll().execute();

/** Dossiers of a centre received on days fromDay..toDay (Vietnam), oldest first (the book's order). */
const receivedIn = (db: Db, centerId: number, fromDay: string, toDay: string) =>
  db
    .selectFrom('dossier')
    .where('center_id', '=', centerId)
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay)
    .orderBy('received_at')
    .orderBy('code');

/** The columns of a dossier the tracking book (form 07) prints or judges. */
const BOOK_COLUMNS = [
  'id',
  'code',
  'status',
  'procedure_code',
  'procedure_name',
  'channel',
  'applicant',
  'sets',
  'received_at',
  'due_at',
  'extended_due_at',
  'same_day',
  'supplement_count',
  'processed_at',
  'returned_at',
  'return_method',
  'fee_amount',
  'fee_status',
  'fee_lines',
  'fee_method',
  'fee_receipt',
] as const;

/** Dossiers of a centre received on days fromDay..toDay, in the book's order, its columns only. */
export const bookDossiers = (db: Db, centerId: number, fromDay: string, toDay: string) =>
  receivedIn(db, centerId, fromDay, toDay).select(BOOK_COLUMNS).execute();

export type BookDossierRow = Awaited<ReturnType<typeof bookDossiers>>[number];

// ---- Counter guidance (form 02 at the counter: not a dossier; migration 017) ----

export const insertGuidance = (db: Db, row: Insertable<CounterGuidanceTable>) =>
  db.insertInto('counter_guidance').values(row).returning('id').executeTakeFirstOrThrow();

export const findGuidance = (db: Db, id: number) =>
  db.selectFrom('counter_guidance').selectAll().where('id', '=', id).executeTakeFirst();

export const guidanceBetween = (db: Db, centerId: number, fromDay: string, toDay: string) =>
  db
    .selectFrom('counter_guidance')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay)
    .orderBy('at')
    .orderBy('id')
    .execute();

// ---- Tracking book numbering (Quyển số = the year of receipt; Số thứ tự in the book's order) ----

/**
 * How many dossiers of the centre were received in `year` before the one received at
 * (`receivedAt`, `code`), in the tracking book's order (received_at, then code). The book's
 * number of a dossier is this plus one.
 */
export async function bookRank(
  db: Db,
  centerId: number,
  year: number,
  receivedAt: string,
  code: string,
): Promise<number> {
  const r = await db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('center_id', '=', centerId)
    .where('local_day', '>=', `${year}-01-01`)
    .where('local_day', '<=', `${year}-12-31`)
    .where((eb) =>
      eb.or([eb('received_at', '<', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('code', '<', code)])]),
    )
    .executeTakeFirstOrThrow();
  // PostgreSQL answers count(*) as a string (bigint)
  return Number(r.n);
}

/** Fees recorded at intake for dossiers received between two days: the paid total and counts. */
export async function feesBetween(db: Db, centerId: number, fromDay: string, toDay: string) {
  const rows = await db
    .selectFrom('dossier')
    .select([
      'fee_status',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string | null>('fee_amount').as('sum'),
    ])
    .where('center_id', '=', centerId)
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay)
    .where('fee_status', 'is not', null)
    .groupBy('fee_status')
    .execute();
  // PostgreSQL answers count(*) and sum() as strings (bigint, numeric)
  return rows.map((r) => ({
    status: r.fee_status ?? '',
    count: Number(r.n as unknown),
    sum: Number(r.sum as unknown),
  }));
}

/**
 * The tracking book's totals for receipt days fromDay..toDay, counted by the database (the book
 * prints them above rows it then reads in chunks): dossiers, those returned, fees recorded at
 * intake by status (amount and status both set, as the book shows a fee) and the receipt years.
 */
export async function bookTotals(db: Db, centerId: number, fromDay: string, toDay: string) {
  const inPeriod = db
    .selectFrom('dossier')
    .where('center_id', '=', centerId)
    .where('local_day', '>=', fromDay)
    .where('local_day', '<=', toDay);
  const counts = await inPeriod
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.count<number | string>('returned_at').as('returned'),
    ])
    .executeTakeFirstOrThrow();
  const fees = await inPeriod
    .select([
      'fee_status',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string | null>('fee_amount').as('sum'),
    ])
    .where('fee_status', 'is not', null)
    .where('fee_amount', 'is not', null)
    .groupBy('fee_status')
    .execute();
  const years = await inPeriod
    .select((eb) => eb.fn<string>('substr', ['local_day', eb.val(1), eb.val(4)]).as('y'))
    .distinct()
    .execute();
  // PostgreSQL answers count(*) and sum() as strings (bigint, numeric)
  return {
    total: Number(counts.n),
    returned: Number(counts.returned),
    fees: fees.map((r) => ({ status: r.fee_status ?? '', count: Number(r.n), sum: Number(r.sum) })),
    years: years.map((r) => Number(r.y)).sort((a, b) => a - b),
  };
}
