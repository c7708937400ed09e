/** The only place that speaks SQL for the DVCQG sync outbox. */
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SyncMessageTable } from '../../core/db/tables/sync.ts';
import type { Dialect } from '../../core/db/connect.ts';

type Db = Kysely<DB>;
export type SyncRow = Selectable<SyncMessageTable>;

/** The next number of a dossier's messages (inside the event's transaction: the dossier's row is locked by its update). */
export async function nextSeq(db: Db, dossierId: number): Promise<number> {
  const r = await db
    .selectFrom('sync_message')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  return (r?.m ?? 0) + 1;
}

export async function insert(db: Db, row: Insertable<SyncMessageTable>): Promise<void> {
  await db.insertInto('sync_message').values(row).execute();
}

type Eb = ExpressionBuilder<DB, 'sync_message'>;
const due = (eb: Eb, nowIso: string) =>
  eb.and([
    eb('status', 'in', ['queued', 'failed']),
    eb('next_attempt_at', 'is not', null),
    eb('next_attempt_at', '<=', nowIso),
  ]);

/**
 * Claims up to `limit` due messages, each the FIRST unacknowledged message of its dossier (so a
 * dossier's messages reach the portal strictly in order, one at a time), in one statement. On
 * PostgreSQL the inner SELECT locks with SKIP LOCKED and the outer WHERE re-checks, so two
 * instances never claim the same message (as the notification outbox does); SQLite serialises writes.
 */
export async function claimDue(
  db: Db,
  dialect: Dialect,
  o: { nowIso: string; leaseUntilIso: string; limit: number },
): Promise<SyncRow[]> {
  let ids = db
    .selectFrom('sync_message as m')
    .select('m.id')
    .where('m.status', 'in', ['queued', 'failed'])
    .where('m.next_attempt_at', 'is not', null)
    .where('m.next_attempt_at', '<=', o.nowIso)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sync_message as p')
            .select('p.id')
            .whereRef('p.dossier_id', '=', 'm.dossier_id')
            .whereRef('p.seq', '<', 'm.seq')
            .where('p.status', '<>', 'acked'),
        ),
      ),
    )
    .orderBy('m.next_attempt_at')
    .orderBy('m.id')
    .limit(o.limit);
  if (dialect === 'postgres') ids = ids.forUpdate().skipLocked();
  return db
    .updateTable('sync_message')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: o.leaseUntilIso }))
    .where('id', 'in', ids)
    .where((eb) => due(eb, o.nowIso))
    .returningAll()
    .execute();
}

/** Messages left 'sending' past their lease (the worker died) are due again at once. */
export async function releaseStale(db: Db, nowIso: string, error: string): Promise<number> {
  const r = await db
    .updateTable('sync_message')
    .set({ status: 'failed', last_error: error, last_error_at: nowIso, next_attempt_at: nowIso })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markAcked(db: Db, id: number, o: { at: string; ref: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('sync_message')
    .set({ status: 'acked', acked_at: o.at, portal_ref: o.ref, next_attempt_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markFailed(
  db: Db,
  id: number,
  o: { at: string; error: string; nextAttemptAt: string | null },
): Promise<void> {
  await db
    .updateTable('sync_message')
    .set({ status: 'failed', last_error: o.error, last_error_at: o.at, next_attempt_at: o.nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** A failed message (waiting for a person, or for its next attempt) is due now again. */
export async function requeue(db: Db, centerId: number, id: number, nowIso: string): Promise<SyncRow | undefined> {
  return db
    .updateTable('sync_message')
    .set({ status: 'queued', next_attempt_at: nowIso })
    .where('id', '=', id)
    .where('center_id', '=', centerId)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

export const findById = (db: Db, centerId: number, id: number) =>
  db.selectFrom('sync_message').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();

export const ofDossier = (db: Db, centerId: number, code: string) =>
  db
    .selectFrom('sync_message')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('dossier_code', '=', code)
    .orderBy('seq')
    .execute();

export function listRecent(db: Db, centerId: number, limit: number, status?: string) {
  let q = db.selectFrom('sync_message').selectAll().where('center_id', '=', centerId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface Health {
  queued: number;
  sending: number;
  failed: number;
  waiting: number;
  acked: number;
  lastAckAt: string | null;
  lastError: { at: string; error: string; code: string } | null;
}

/** The console's health line: queue length by state, last success and last error. */
export async function health(db: Db, centerId: number): Promise<Health> {
  const rows = await db
    .selectFrom('sync_message')
    .select((eb) => [
      'status',
      eb.case().when('next_attempt_at', 'is', null).then(1).else(0).end().as('waiting'),
      eb.fn.countAll<string | number>().as('n'),
    ])
    .where('center_id', '=', centerId)
    .groupBy(['status', sql`CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END`])
    .execute();
  const h: Health = { queued: 0, sending: 0, failed: 0, waiting: 0, acked: 0, lastAckAt: null, lastError: null };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'acked') h.acked += n;
    else if (r.status === 'sending') h.sending += n;
    else if (r.status === 'queued') h.queued += n;
    else if (String(r.waiting) === '1') h.waiting += n;
    else h.failed += n;
  }
  const ack = await db
    .selectFrom('sync_message')
    .select((eb) => eb.fn.max('acked_at').as('m'))
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  h.lastAckAt = ack?.m ?? null;
  const err = await db
    .selectFrom('sync_message')
    .select(['last_error_at', 'last_error', 'dossier_code'])
    .where('center_id', '=', centerId)
    .where('last_error_at', 'is not', null)
    .orderBy('last_error_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (err?.last_error_at) h.lastError = { at: err.last_error_at, error: err.last_error ?? '', code: err.dossier_code };
  return h;
}

/**
 * Indicator 1.4: dossiers received on `fromDay`..`toDay` (Vietnam) of which the portal acknowledged
 * at least one message, refused dossiers (a message with status 3) left out as the report's
 * "received" count leaves them out.
 */
export async function acknowledgedDossiers(
  db: Db,
  centerIds: readonly number[],
  fromDay: string,
  toDay: string,
): Promise<Map<number, number>> {
  if (!centerIds.length) return new Map();
  const rows = await db
    .selectFrom('sync_message as m')
    .select((eb) => ['m.center_id', eb.fn.count<string | number>('m.dossier_id').distinct().as('n')])
    .where('m.center_id', 'in', centerIds)
    .where('m.received_day', '>=', fromDay)
    .where('m.received_day', '<=', toDay)
    .where('m.status', '=', 'acked')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sync_message as r')
            .select('r.id')
            .whereRef('r.dossier_id', '=', 'm.dossier_id')
            .where('r.dossier_status', '=', 3),
        ),
      ),
    )
    .groupBy('m.center_id')
    .execute();
  return new Map(rows.map((r) => [r.center_id, Number(r.n)]));
}
