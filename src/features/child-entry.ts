/**
 * What the task pool's child entries share (./task-worker.ts, ./export-worker.ts): the server's
 * configuration from MOTCUA_TASK_CONFIG, a connection of their own to its database, and the
 * protocol of src/core/workers/child.ts answering the named tasks until the server disconnects,
 * and the idle memory reclaim between tasks (src/core/memory.ts).
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../core/db/connect.ts';
import { startIdleReclaim } from '../core/memory.ts';
import { serveTasks } from '../core/workers/child.ts';
import { runTaskHere } from './tasks.ts';

export function serveTaskNames(names: readonly string[]): void {
  const config = JSON.parse(process.env.MOTCUA_TASK_CONFIG ?? 'null') as Config | null;
  if (!config) {
    console.error('MOTCUA_TASK_CONFIG is not set');
    process.exit(2);
  }
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  const deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    now: () => new Date(),
    log: {
      info: () => undefined,
      warn: () => undefined,
      error: (o: unknown, m?: string) => {
        console.error(m ?? o);
      },
    },
  };
  let started = 0;
  let done = 0;
  const handlers = Object.fromEntries(
    names.map((name) => [
      name,
      (args: unknown) => {
        started++;
        return runTaskHere(deps, name, args).finally(() => {
          done++;
        });
      },
    ]),
  );
  // An idle child (kept a minute for the next report) gives back what its last task left (decision
  // 054); a task under way counts as activity at every look, however long it runs.
  const reclaim = startIdleReclaim({ activity: () => (started > done ? performance.now() : done) });
  serveTasks(handlers, () => {
    reclaim.stop();
    return database.close();
  });
}
