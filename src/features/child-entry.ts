/**
 * What the task pool's child entries share (./task-worker.ts, ./export-worker.ts): the server's
 * configuration from MOTCUA_TASK_CONFIG, a connection of their own to its database, and the
 * protocol of src/core/workers/child.ts answering the named tasks until the server disconnects.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../core/db/connect.ts';
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
  const handlers = Object.fromEntries(names.map((name) => [name, (args: unknown) => runTaskHere(deps, name, args)]));
  serveTasks(handlers, () => database.close());
}
