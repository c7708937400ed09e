/** The retention job: once shortly after start, then every 6 hours (idempotent: a second pass finds nothing). */
import type { Deps } from '../../core/deps.ts';
import { wipeOldMessageBodies } from '../notifications/index.ts';
import { runRetention } from './service.ts';
import { runAlone } from '../../core/db/single-run.ts';

export const RETENTION_INTERVAL_MS = 6 * 3600_000;

export const retentionPass = (deps: Deps) => runRetention(deps, wipeOldMessageBodies);

export function startRetentionJob(deps: Deps, intervalMs = RETENTION_INTERVAL_MS): () => Promise<void> {
  if (deps.config.retentionDays <= 0) return () => Promise.resolve();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runAlone(deps, 'retention', () => retentionPass(deps))
      .then((o) => {
        if (!o.ran) return; // another instance is running it
        const r = o.value;
        deps.metrics?.jobRun('retention', true);
        if (r.messages || r.audit) deps.log.info(r, 'retention: old message texts and audit details wiped');
      })
      .catch((err: unknown) => {
        deps.metrics?.jobRun('retention', false);
        deps.log.error({ err: String(err) }, 'retention pass failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
