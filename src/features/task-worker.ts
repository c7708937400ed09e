/**
 * A child process of the task pool (src/core/workers/pool.ts, src/features/tasks.ts): opens its
 * own connection to the server's database (configuration as JSON in MOTCUA_TASK_CONFIG) and runs
 * the tasks it is sent until the server disconnects it (./child-entry.ts).
 */
import { serveTaskNames } from './child-entry.ts';
import { TASKS } from './tasks.ts';
// The desk's listeners, as in the server: form 01's survey QR code, panels, events (decision 042).
import './subscribers.ts';

serveTaskNames(Object.keys(TASKS));
