/**
 * The sync's background jobs, only when DVCQG_URL is set: the sender (every DVCQG_INTERVAL_SECONDS,
 * passes until nothing is due) and the pull of online submissions (every DVCQG_PULL_SECONDS).
 * Every instance may run them: claims are safe across instances, and a submission is taken once
 * (unique portal code). Timers do not keep the process alive. Returns the stop function.
 */
import type { Deps } from '../../core/deps.ts';
import { drainSync, isSyncOn, pullSubmissions } from './service.ts';

function every(ms: number, first: number, fn: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const schedule = (wait: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = fn().finally(() => {
        running = null;
        schedule(ms);
      });
    }, wait);
    timer.unref();
  };
  schedule(first);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

export function startSyncJobs(deps: Deps): () => Promise<void> {
  if (!isSyncOn(deps)) return () => Promise.resolve();
  const { intervalSeconds, pullSeconds } = deps.config.sync;
  const stops: (() => Promise<void>)[] = [];
  if (intervalSeconds > 0)
    stops.push(
      every(intervalSeconds * 1000, Math.min(intervalSeconds * 1000, 1000), async () => {
        try {
          await drainSync(deps, { maxPasses: 50 });
        } catch (err) {
          deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'dvcqg sync pass failed');
        }
      }),
    );
  if (pullSeconds > 0)
    stops.push(
      every(pullSeconds * 1000, 2000, async () => {
        try {
          const r = await pullSubmissions(deps);
          if (r.imported) deps.log.info(r, 'dvcqg online submissions taken');
        } catch (err) {
          deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'dvcqg pull failed');
        }
      }),
    );
  return async () => {
    await Promise.all(stops.map((s) => s()));
  };
}
