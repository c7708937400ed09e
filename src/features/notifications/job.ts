/**
 * The outbox worker. Each pass claims the due messages (safe across instances: see
 * repo.claimDue), sends each through its channel, and records the outcome: sent (delivered for
 * the file channel), or failed with the error and the next attempt after a growing wait (1 min,
 * 5 min, 30 min, 2 h, 12 h) until the attempts run out — then it stays failed, in the console.
 * Nothing is dropped silently. Delivery is at-least-once: a worker that dies between the
 * provider accepting a message and recording it leaves it to be sent again after its lease.
 */
import type { Deps } from '../../core/deps.ts';
import { runAlone } from '../../core/db/single-run.ts';
import { dossierCodesByIds } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { ChannelError, channelsFromConfig, type Channels } from './channels.ts';
import { isOptedOut, nextAttemptAt, SENDING_LEASE_MS, type Kind, type NotificationChannel } from './model.ts';

/** Services' deps, optionally with channels (tests inject fakes; default: from the configuration). */
export type OutboxDeps = Deps & { channels?: Channels };

export interface PassResult {
  claimed: number;
  sent: number;
  delivered: number;
  failed: number;
}

export const BATCH_SIZE = 20;

const channelCache = new WeakMap<Deps['config'], Channels>();
function channelsOf(deps: OutboxDeps): Channels {
  if (deps.channels) return deps.channels;
  let c = channelCache.get(deps.config);
  if (!c) channelCache.set(deps.config, (c = channelsFromConfig(deps.config)));
  return c;
}

/** One pass of the worker at `now`: claims up to `batchSize` due messages and sends them one by one. */
export async function runOutboxOnce(
  deps: OutboxDeps,
  now: Date = deps.now(),
  opts: { batchSize?: number } = {},
): Promise<PassResult> {
  const nowIso = now.toISOString();
  const maxAttempts = deps.config.notify.maxAttempts;
  await repo.releaseStale(deps.db, {
    nowIso,
    maxAttempts,
    error: 'Bị gián đoạn khi đang gửi / interrupted while sending',
  });
  const claimed = await repo.claimDue(deps.db, deps.dialect, {
    nowIso,
    leaseUntilIso: new Date(now.getTime() + SENDING_LEASE_MS).toISOString(),
    maxAttempts,
    limit: opts.batchSize ?? BATCH_SIZE,
  });
  const result: PassResult = { claimed: claimed.length, sent: 0, delivered: 0, failed: 0 };
  if (!claimed.length) return result;
  const channels = channelsOf(deps);
  const codes = await dossierCodesByIds(
    deps,
    claimed.map((n) => n.dossier_id).filter((x): x is number => x !== null),
  );
  const optOuts = new Map<number, Awaited<ReturnType<typeof repo.optOutsFor>>>();
  for (const centerId of new Set(claimed.map((n) => n.center_id))) {
    optOuts.set(
      centerId,
      await repo.optOutsFor(deps.db, centerId, [
        ...new Set(claimed.filter((n) => n.center_id === centerId).map((n) => n.recipient)),
      ]),
    );
  }
  for (const n of claimed.sort((a, b) => a.id - b.id)) {
    const fail = async (error: string, permanent: boolean) => {
      const next = nextAttemptAt(now, n.attempts, maxAttempts, permanent);
      await repo.markFailed(deps.db, n.id, { error: error.slice(0, 1000), nextAttemptAt: next?.toISOString() ?? null });
      result.failed++;
      deps.log.warn(
        { notification: n.id, channel: n.channel, attempts: n.attempts, final: next === null, error },
        'notification not sent',
      );
    };
    // A citizen who opted out after the message was queued is respected at send time.
    if (isOptedOut(optOuts.get(n.center_id) ?? [], n.recipient, n.channel as NotificationChannel)) {
      await fail('Người nhận đã từ chối nhận tin / the recipient opted out', true);
      continue;
    }
    const channel = channels[n.channel as NotificationChannel];
    if (!channel) {
      await fail(`Kênh ${n.channel} chưa được cấu hình / channel not configured`, false);
      continue;
    }
    try {
      const r = await channel.send(
        {
          id: n.id,
          kind: n.kind as Kind,
          channel: n.channel as NotificationChannel,
          recipient: n.recipient,
          subject: n.subject,
          body: n.body,
          dossierCode: n.dossier_id !== null ? (codes.get(n.dossier_id) ?? null) : null,
        },
        now,
      );
      await repo.markSent(deps.db, n.id, { at: nowIso, delivered: r.delivered, providerId: r.providerId });
      if (r.delivered) result.delivered++;
      else result.sent++;
    } catch (e) {
      await fail(e instanceof Error ? e.message : String(e), e instanceof ChannelError && e.permanent);
    }
  }
  return result;
}

/**
 * Runs passes every `intervalMs` (and at once when a pass was full). Returns the stop function,
 * which waits for a pass in progress to finish. Timers do not keep the process alive.
 */
export function startOutboxWorker(
  deps: OutboxDeps,
  opts: { intervalMs: number; batchSize?: number; maxPassesPerTick?: number },
): () => Promise<void> {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    try {
      // One instance at a time on PostgreSQL (claims are safe anyway; this keeps one sender).
      const r = await runAlone(deps, 'outbox', async () => {
        for (let i = 0; i < (opts.maxPassesPerTick ?? 10) && !stopped; i++) {
          const p = await runOutboxOnce(deps, deps.now(), { batchSize });
          if (p.claimed < batchSize) break;
        }
      });
      if (r.ran) deps.metrics?.jobRun('outbox', true);
    } catch (err) {
      deps.metrics?.jobRun('outbox', false);
      deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox worker pass failed');
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = tick().finally(() => {
        running = null;
        schedule(opts.intervalMs);
      });
    }, ms);
    timer.unref();
  };
  schedule(Math.min(opts.intervalMs, 1000));
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
  };
}

/**
 * The server's background jobs (today: the outbox worker, every NOTIFY_INTERVAL_SECONDS; none
 * when it is 0). One instance at a time runs a pass on PostgreSQL (core/db/single-run.ts); claims are safe across instances anyway. Returns stop.
 */
export function startJobs(deps: Deps): () => Promise<void> {
  const seconds = deps.config.notify.intervalSeconds;
  if (seconds <= 0) return async () => {};
  return startOutboxWorker(deps, { intervalMs: seconds * 1000 });
}
