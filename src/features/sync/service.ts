/**
 * DVCQG / provincial sync use cases:
 *
 * - `enqueueSyncForDossierEvent`: the desk's subscriber. Inside the dossier event's transaction it
 *   builds the dossier's HoSo (the export's builder, dossiers/dvcqg/dvcqg.ts) and appends it to the
 *   outbox as the dossier's next message: the message exists if and only if the event committed.
 *   Nothing is queued while sync is not configured (DVCQG_URL unset).
 * - `runSyncOnce` / `startSyncJobs`: the worker. Claims the first unacknowledged message of each
 *   dossier (safe across instances), sends it, records the answer; failures wait (backoff) and
 *   are tried again, wrong messages wait for a re-send from the console. Delivery is at least
 *   once, in order per dossier; the idempotency key lets the portal take a repeat once.
 * - incoming: the pull job and the webhook take online submissions as status-1 dossiers,
 *   de-duplicated by the portal's own code.
 * - console: health, list, per-dossier state, re-send. Every send, failure, re-send and pull is
 *   in the audit log.
 */
import { randomInt } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/http/errors.ts';
import { actorId, assertCan, can, SYSTEM_ACTOR, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { sameSecretText } from '../../core/auth/service.ts';
import { getCenter, getCenterById, listCenters } from '../centers/index.ts';
import {
  dossierIdOf,
  hoSoOfDossier,
  importHoSo,
  type DossierEventMessage,
  type HoSo,
  type ImportResult,
} from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { fetchSubmissions, sendMessage, type PortalConfig } from './client.ts';
import { idempotencyKey, nextRetryAt, payloadJson, SYNC_LEASE_MS, type SyncKind } from './model.ts';

export const isSyncOn = (deps: Deps): boolean => deps.config.sync.url !== null;

function portalOf(deps: Deps): PortalConfig {
  const s = deps.config.sync;
  if (!s.url)
    throw new AppError('CONFLICT', [
      { vi: 'Chưa cấu hình đồng bộ (DVCQG_URL).', en: 'Sync is not configured (DVCQG_URL).' },
    ]);
  return { url: s.url, secret: s.secret, timeoutMs: s.timeoutMs };
}

/** The HoSo as the portal knows it: a dossier that came from the portal keeps the portal's MaHoSo. */
function asPortalSees(hoSo: HoSo, portalCode: string | null): HoSo {
  if (!portalCode) return hoSo;
  return { ...hoSo, MaHoSo: portalCode, QuaTrinhXuLy: hoSo.QuaTrinhXuLy.map((s) => ({ ...s, MaHoSo: portalCode })) };
}

async function enqueue(deps: Deps, centerId: number, dossierId: number, action: string): Promise<boolean> {
  const built = await hoSoOfDossier(deps, dossierId);
  if (!built) return false;
  const seq = await repo.nextSeq(deps.db, dossierId);
  // The portal knows a dossier it sent us, and one we already created there.
  const kind: SyncKind = built.portalCode || seq > 1 ? 'update' : 'create';
  const nowIso = deps.now().toISOString();
  await repo.insert(deps.db, {
    center_id: centerId,
    dossier_id: dossierId,
    dossier_code: built.code,
    seq,
    kind,
    action,
    dossier_status: built.status,
    received_day: built.receivedDay,
    payload: payloadJson.encode(asPortalSees(built.hoSo, built.portalCode)),
    status: 'queued',
    next_attempt_at: nowIso,
    last_error: null,
    last_error_at: null,
    created_at: nowIso,
    acked_at: null,
    portal_ref: null,
  });
  return true;
}

/** The desk's subscriber (registered in src/features/index.ts): runs inside the event's transaction. */
export async function enqueueSyncForDossierEvent(deps: Deps, e: DossierEventMessage): Promise<void> {
  if (!isSyncOn(deps)) return;
  await enqueue(deps, e.centerId, e.dossierId, e.action);
}

export interface SyncPass {
  claimed: number;
  acked: number;
  failed: number;
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async () => {
    for (let x = items[i++]; x !== undefined; x = items[i++]) await fn(x);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/**
 * One pass of the worker: claims up to `batchSize` messages (the first unacknowledged one of each
 * dossier), sends them `concurrency` at a time, records each answer and audits it.
 */
export async function runSyncOnce(
  deps: Deps,
  opts: { batchSize?: number; concurrency?: number; rand?: () => number } = {},
): Promise<SyncPass> {
  const portal = portalOf(deps);
  const now = deps.now();
  const nowIso = now.toISOString();
  await repo.releaseStale(deps.db, nowIso, 'Bị gián đoạn khi đang gửi / interrupted while sending');
  const claimed = await repo.claimDue(deps.db, deps.dialect, {
    nowIso,
    leaseUntilIso: new Date(now.getTime() + Math.max(SYNC_LEASE_MS, 2 * portal.timeoutMs)).toISOString(),
    limit: opts.batchSize ?? 50,
  });
  const result: SyncPass = { claimed: claimed.length, acked: 0, failed: 0 };
  const rand = opts.rand ?? (() => randomInt(1_000_000) / 1_000_000);
  const { retryBaseMs, retryMaxMs } = deps.config.sync;
  await pool(claimed, opts.concurrency ?? 8, async (m) => {
    const outcome = await sendMessage(
      portal,
      m.kind as SyncKind,
      idempotencyKey(m.dossier_code, m.seq),
      payloadJson.decode(m.payload),
    );
    const at = deps.now();
    const atIso = at.toISOString();
    try {
      // The outcome and its audit entry in one transaction (one commit, one fsync on SQLite).
      await deps.db.transaction().execute(async (tx) => {
        if (outcome.ok) {
          await repo.markAcked(tx, m.id, { at: atIso, ref: outcome.ref });
        } else {
          const next = outcome.retry
            ? nextRetryAt(at, m.attempts, retryBaseMs, retryMaxMs, rand()).toISOString()
            : null;
          await repo.markFailed(tx, m.id, {
            at: atIso,
            error: (outcome.error ?? '').slice(0, 1000),
            nextAttemptAt: next,
          });
        }
        await insertAudit(tx, {
          center_id: m.center_id,
          actor_user_id: null,
          action: outcome.ok ? 'dvcqg.sync.ack' : 'dvcqg.sync.fail',
          subject: m.dossier_code,
          detail: JSON.stringify({
            seq: m.seq,
            kind: m.kind,
            action: m.action,
            attempt: m.attempts,
            ...(outcome.ok ? { ref: outcome.ref } : { error: outcome.error, retry: outcome.retry }),
          }),
          at: atIso,
        });
      });
      if (outcome.ok) result.acked++;
      else result.failed++;
    } catch (err) {
      // The database failed while recording: the message stays 'sending' and is sent again after
      // its lease (the portal takes a repeat once). The other messages of the batch go on.
      deps.log.error(
        { err: err instanceof Error ? err.message : String(err), message: m.id },
        'dvcqg sync: outcome not recorded',
      );
    }
  });
  return result;
}

/** Passes until nothing is due (or `maxPasses`); used by the worker tick, the tests and the bench. */
export async function drainSync(
  deps: Deps,
  opts: { batchSize?: number; concurrency?: number; maxPasses?: number } = {},
): Promise<SyncPass> {
  const total: SyncPass = { claimed: 0, acked: 0, failed: 0 };
  for (let i = 0; i < (opts.maxPasses ?? 1000); i++) {
    const r = await runSyncOnce(deps, opts);
    total.claimed += r.claimed;
    total.acked += r.acked;
    total.failed += r.failed;
    if (r.claimed === 0) break;
  }
  return total;
}

// ---- Incoming ----

/** Takes the portal's online submissions for every centre (by its agency code), one HoSo at a time. */
export async function pullSubmissions(deps: Deps): Promise<{ imported: number; skipped: number; refused: number }> {
  const portal = portalOf(deps);
  const total = { imported: 0, skipped: 0, refused: 0 };
  for (const center of await listCenters(deps)) {
    let list: unknown[];
    try {
      list = await fetchSubmissions(portal, center.agency_code);
    } catch (e) {
      deps.log.warn({ center: center.slug, error: (e as Error).message }, 'dvcqg pull failed');
      await insertAudit(deps.db, {
        center_id: center.id,
        actor_user_id: null,
        action: 'dvcqg.pull.fail',
        subject: center.slug,
        detail: JSON.stringify({ error: (e as Error).message }),
        at: deps.now().toISOString(),
      });
      continue;
    }
    const refused: string[] = [];
    let imported = 0;
    let skipped = 0;
    for (const item of list) {
      try {
        const r = await importHoSo(deps, SYSTEM_ACTOR, center.slug, { HoSo: [item] });
        imported += r.imported.length;
        skipped += r.skipped.length;
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
        const code = typeof item === 'object' && item !== null ? (item as { MaHoSo?: unknown }).MaHoSo : null;
        refused.push(
          `${typeof code === 'string' ? code : '?'}: ${e.details.map((d) => d.vi).join('; ')}`.slice(0, 500),
        );
      }
    }
    total.imported += imported;
    total.skipped += skipped;
    total.refused += refused.length;
    if (list.length)
      await insertAudit(deps.db, {
        center_id: center.id,
        actor_user_id: null,
        action: 'dvcqg.pull',
        subject: center.slug,
        detail: JSON.stringify({ received: list.length, imported, skipped, refused: refused.slice(0, 20) }),
        at: deps.now().toISOString(),
      });
  }
  return total;
}

/**
 * The portal pushes online submissions `{ "HoSo": [...] }` for a centre. Authenticated by the
 * shared secret in X-Webhook-Secret; without DVCQG_WEBHOOK_SECRET the webhook does not exist (404).
 */
export async function receiveWebhook(deps: Deps, slug: string, secret: unknown, body: unknown): Promise<ImportResult> {
  const expected = deps.config.sync.webhookSecret;
  if (!expected) throw new AppError('NOT_FOUND');
  if (typeof secret !== 'string' || !sameSecretText(secret, expected)) throw new AppError('UNAUTHENTICATED');
  await getCenter(deps, slug);
  return importHoSo(deps, SYSTEM_ACTOR, slug, body);
}

// ---- Console ----

export interface SyncMessageView {
  id: number;
  dossierCode: string;
  seq: number;
  kind: SyncKind;
  action: string;
  dossierStatus: number;
  status: string;
  /** A failed message that waits for a person (its answer said the message itself is wrong). */
  waiting: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  ackedAt: string | null;
  portalRef: string | null;
}

function present(r: repo.SyncRow): SyncMessageView {
  return {
    id: r.id,
    dossierCode: r.dossier_code,
    seq: r.seq,
    kind: r.kind as SyncKind,
    action: r.action,
    dossierStatus: r.dossier_status,
    status: r.status,
    waiting: r.status === 'failed' && r.next_attempt_at === null,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'failed' ? r.next_attempt_at : null,
    lastError: r.last_error,
    createdAt: r.created_at,
    ackedAt: r.acked_at,
    portalRef: r.portal_ref,
  };
}

export interface SyncOverview {
  configured: boolean;
  url: string | null;
  health: repo.Health;
  failed: SyncMessageView[];
  recent: SyncMessageView[];
}

export async function syncOverview(deps: Deps, actor: Actor | null, slug: string): Promise<SyncOverview> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'sync.manage', center.id);
  return {
    configured: isSyncOn(deps),
    url: deps.config.sync.url,
    health: await repo.health(deps.db, center.id),
    failed: (await repo.listRecent(deps.db, center.id, 100, 'failed')).map(present),
    recent: (await repo.listRecent(deps.db, center.id, 50)).map(present),
  };
}

/** A dossier's messages, for its page (staff who may read dossiers). */
export async function dossierSync(
  deps: Deps,
  actor: Actor,
  centerId: number,
  code: string,
): Promise<SyncMessageView[] | null> {
  if (!can(actor, 'dossier.read', centerId)) return null;
  return (await repo.ofDossier(deps.db, centerId, code)).map(present);
}

/** Sends a failed message again now (its place in the dossier's order is kept). */
export async function resendMessage(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  id: number,
): Promise<SyncMessageView> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'sync.manage', center.id);
  const nowIso = deps.now().toISOString();
  const row = await repo.requeue(deps.db, center.id, id, nowIso);
  if (!row) {
    if (!(await repo.findById(deps.db, center.id, id))) throw new AppError('NOT_FOUND');
    throw new AppError('CONFLICT', [
      { vi: 'Chỉ gửi lại được tin đang lỗi.', en: 'Only a failed message can be sent again.' },
    ]);
  }
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'dvcqg.sync.resend',
    subject: row.dossier_code,
    detail: JSON.stringify({ seq: row.seq }),
    at: nowIso,
  });
  return present(row);
}

/** Queues the dossier's current state once more (the portal lost it, or sync was off when it changed). */
export async function resyncDossier(deps: Deps, actor: Actor | null, code: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  portalOf(deps);
  const center = await getCenterById(deps, actor.homeCenterId);
  assertCan(actor, 'sync.manage', center.id);
  const dossierId = await dossierIdOf(deps, center.id, code);
  if (dossierId === null) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (tx) => {
    await enqueue({ ...deps, db: tx }, center.id, dossierId, 'resync');
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'dvcqg.sync.resync',
      subject: code,
      detail: null,
      at: deps.now().toISOString(),
    });
  });
}
