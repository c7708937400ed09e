/** The only place that speaks SQL for the notification outbox and the opt-out list. */
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB, NotificationTable } from '../../core/db/schema.ts';
import type { Dialect } from '../../core/db/connect.ts';

type Db = Kysely<DB>;
export type NotificationRow = Selectable<NotificationTable>;

export async function insertMany(db: Db, rows: Insertable<NotificationTable>[]): Promise<number> {
  if (!rows.length) return 0;
  await db.insertInto('notification').values(rows).execute();
  return rows.length;
}

export function optOutsFor(db: Db, centerId: number, recipients: string[]) {
  if (!recipients.length) return Promise.resolve([]);
  return db
    .selectFrom('notification_opt_out')
    .select(['recipient', 'channel'])
    .where('center_id', '=', centerId)
    .where('recipient', 'in', recipients)
    .execute();
}

/**
 * Claims up to `limit` due messages for this worker in ONE statement: queued ones, and failed ones
 * with attempts left, whose time has come. They become 'sending' with one more attempt and a lease.
 * On PostgreSQL the inner SELECT takes row locks with SKIP LOCKED, so concurrent workers on other
 * instances pass over rows being claimed, and the outer status check re-reads a row another
 * worker claimed first (READ COMMITTED re-evaluation) — a message is claimed once. On SQLite
 * writes are serialised, so the single UPDATE is atomic by itself.
 */
export async function claimDue(
  db: Db,
  dialect: Dialect,
  o: { nowIso: string; leaseUntilIso: string; maxAttempts: number; limit: number },
): Promise<NotificationRow[]> {
  const due = (eb: ExpressionBuilder<DB, 'notification'>) =>
    eb.and([
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'failed'), eb('attempts', '<', o.maxAttempts)])]),
      eb('next_attempt_at', 'is not', null),
      eb('next_attempt_at', '<=', o.nowIso),
    ]);
  let ids = db
    .selectFrom('notification')
    .select('id')
    .where((eb) => due(eb))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(o.limit);
  if (dialect === 'postgres') ids = ids.forUpdate().skipLocked();
  return db
    .updateTable('notification')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: o.leaseUntilIso }))
    .where('id', 'in', ids)
    .where((eb) => due(eb))
    .returningAll()
    .execute();
}

/**
 * Messages left 'sending' past their lease (the worker died mid-send) become failed attempts:
 * due again at once while attempts remain, failed for good otherwise.
 */
export async function releaseStale(db: Db, o: { nowIso: string; maxAttempts: number; error: string }): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set((eb) => ({
      status: 'failed',
      last_error: o.error,
      next_attempt_at: eb.case().when('attempts', '<', o.maxAttempts).then(o.nowIso).else(null).end(),
    }))
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', o.nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markSent(
  db: Db,
  id: number,
  o: { at: string; delivered: boolean; providerId: string | null },
): Promise<void> {
  await db
    .updateTable('notification')
    .set({
      status: o.delivered ? 'delivered' : 'sent',
      sent_at: o.at,
      delivered_at: o.delivered ? o.at : null,
      provider_id: o.providerId,
      next_attempt_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(
  db: Db,
  id: number,
  o: { error: string; nextAttemptAt: string | null },
): Promise<void> {
  await db
    .updateTable('notification')
    .set({ status: 'failed', last_error: o.error, next_attempt_at: o.nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function countsByStatus(
  db: Db,
  centerId: number,
): Promise<{ status: string; final: boolean; n: number }[]> {
  const rows = await db
    .selectFrom('notification')
    .select((eb) => [
      'status',
      eb.case().when('next_attempt_at', 'is', null).then(1).else(0).end().as('final'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('center_id', '=', centerId)
    .groupBy(['status', sql`CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END`])
    .execute();
  return rows.map((r) => ({ status: r.status, final: Number(r.final) === 1, n: Number(r.n) }));
}

/** A centre's messages, newest first (the dossier codes come from the desk's contract). */
export function listRecent(db: Db, centerId: number, limit: number, status?: string): Promise<NotificationRow[]> {
  let q = db.selectFrom('notification as n').selectAll('n').where('n.center_id', '=', centerId);
  if (status) q = q.where('n.status', '=', status);
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

export const findById = (db: Db, id: number) =>
  db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();

/** A failed message is queued again, due now (its attempt count is kept). */
export async function requeue(db: Db, id: number, centerId: number, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('notification')
    .set({ status: 'queued', next_attempt_at: nowIso })
    .where('id', '=', id)
    .where('center_id', '=', centerId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Finds a message sent through `channel` by the provider's id, or by our own id given to the provider as its reference. */
export function findByProvider(db: Db, channel: string, providerId: string | null, reference: number | null) {
  let q = db.selectFrom('notification').selectAll().where('channel', '=', channel);
  q = q.where((eb) =>
    eb.or([
      ...(providerId ? [eb('provider_id', '=', providerId)] : []),
      ...(reference !== null ? [eb('id', '=', reference)] : []),
    ]),
  );
  return q.orderBy('id', 'desc').executeTakeFirst();
}

export async function markReceipt(
  db: Db,
  id: number,
  o: { delivered: boolean; at: string; error: string | null; providerId: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('notification')
    .set(
      o.delivered
        ? { status: 'delivered', delivered_at: o.at, ...(o.providerId ? { provider_id: o.providerId } : {}) }
        : {
            status: 'failed',
            last_error: o.error,
            next_attempt_at: null,
            ...(o.providerId ? { provider_id: o.providerId } : {}),
          },
    )
    .where('id', '=', id)
    .where('status', 'in', ['sending', 'sent', 'delivered', 'failed'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- Opt-outs ----

export const listOptOuts = (db: Db, centerId: number) =>
  db
    .selectFrom('notification_opt_out')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Adds an opt-out; true when it is new (an existing one is left as it is). */
export async function insertOptOut(
  db: Db,
  o: { center_id: number; recipient: string; channel: string; source: string; created_at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('notification_opt_out')
    .values(o)
    .onConflict((oc) => oc.columns(['center_id', 'recipient', 'channel']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const findOptOut = (db: Db, centerId: number, id: number) =>
  db
    .selectFrom('notification_opt_out')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function deleteOptOut(db: Db, centerId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('notification_opt_out')
    .where('center_id', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Messages waiting to be sent (queued, or failed with an attempt left), with the oldest due time. */
export async function backlog(db: Db): Promise<{ waiting: number; oldestDue: string | null }> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('next_attempt_at').as('oldest')])
    .where('status', 'in', ['queued', 'failed', 'sending'])
    .where('next_attempt_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return { waiting: Number(r.n), oldestDue: r.oldest ?? null };
}

/** Retention: wipes the text of messages created before `beforeIso` that are no longer waiting. */
export async function wipeOldBodies(db: Db, beforeIso: string): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set({ body: '', subject: '' })
    .where('created_at', '<', beforeIso)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('status', 'in', ['sent', 'delivered'])]))
    .where((eb) => eb.or([eb('body', '!=', ''), eb('subject', '!=', '')]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
