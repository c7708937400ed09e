/**
 * The child of the streamed-exports lane (src/features/tasks.ts, decision 044): the year's
 * tracking book and the DVCQG export. The same protocol as ./task-worker.ts, but it loads only
 * what those tasks need (no desk listeners: they publish nothing), so the child that holds a
 * year's book starts small and its heap cap is spent on the book.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../core/db/connect.ts';
import { serveTasks } from '../core/workers/child.ts';
import { runTaskHere, STREAMED_EXPORTS } from './tasks.ts';

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
  [...STREAMED_EXPORTS].map((name) => [name, (args: unknown) => runTaskHere(deps, name, args)]),
);
serveTasks(handlers, () => database.close());
