/**
 * A child process of the task pool (src/core/workers/pool.ts, src/features/tasks.ts): opens its
 * own connection to the server's database (configuration as JSON in MOTCUA_TASK_CONFIG) and runs
 * the tasks it is sent until the server disconnects it.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../core/db/connect.ts';
import { serveTasks } from '../core/workers/child.ts';
import { runTaskHere, TASKS } from './tasks.ts';
// The desk's listeners, as in the server: form 01's survey QR code, panels, events (decision 042).
import './subscribers.ts';

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
const handlers = Object.fromEntries(
  Object.keys(TASKS).map((name) => [name, (args: unknown) => runTaskHere(deps, name, args)]),
);
serveTasks(handlers, () => database.close());
