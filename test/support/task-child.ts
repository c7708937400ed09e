/** A child for the task-pool tests: a few tasks that answer, fail, crash or hang. */
import { serveTasks } from '../../src/core/workers/child.ts';
import { AppError } from '../../src/core/http/errors.ts';

serveTasks(
  {
    echo: (args) => Promise.resolve({ args, pid: process.pid }),
    bytes: (args) => Promise.resolve(Buffer.from(String(args), 'utf8')),
    notFound: () => Promise.reject(new AppError('NOT_FOUND')),
    boom: () => Promise.reject(new Error('kaboom')),
    crash: () => process.exit(7),
    hang: () => new Promise(() => undefined),
    wait: (ms) =>
      new Promise((resolve) =>
        setTimeout(() => {
          resolve(process.pid);
        }, Number(ms)),
      ),
  },
  () => Promise.resolve(),
);
