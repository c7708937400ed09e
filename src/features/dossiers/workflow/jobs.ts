/** Desk background jobs: the at-risk watch that drafts apologies (idempotent; one instance at a time on PostgreSQL). */
import type { Deps } from '../../../core/deps.ts';
import { runAlone } from '../../../core/db/single-run.ts';
import { draftForAtRisk } from '../apologies/apologies.ts';

export const AT_RISK_INTERVAL_MS = 15 * 60_000;

export function startDeskJobs(deps: Deps, intervalMs = AT_RISK_INTERVAL_MS): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runAlone(deps, 'at_risk_watch', () => draftForAtRisk(deps))
      .then((r) => {
        if (!r.ran) return; // another instance is running it
        const n = r.value;
        deps.metrics?.jobRun('at_risk_watch', true);
        if (n > 0) deps.log.info({ drafted: n }, 'apology drafts for dossiers at risk of being late');
      })
      .catch((err: unknown) => {
        deps.metrics?.jobRun('at_risk_watch', false);
        deps.log.error({ err: String(err) }, 'at-risk watch failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  first.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
