/**
 * The child side of the task pool (./pool.ts): answers each request with the named handler's
 * value, or with the error it threw (catalogue errors keep their code). Exits when the server
 * disconnects (idle, shutdown) after closing what `onExit` closes (the database connection).
 */
import { AppError } from '../http/errors.ts';
import type { TaskReply, TaskRequest } from './pool.ts';

export type TaskHandlers = Record<string, ((args: unknown) => Promise<unknown>) | undefined>;

export function serveTasks(handlers: TaskHandlers, onExit: () => Promise<void>): void {
  const reply = (r: TaskReply) =>
    new Promise<void>((resolve) => {
      if (!process.send) {
        resolve();
        return;
      }
      process.send(r, () => {
        resolve();
      });
    });
  process.on('message', (m: TaskRequest) => {
    void (async () => {
      const handler = Object.hasOwn(handlers, m.task) ? handlers[m.task] : undefined;
      try {
        if (!handler) throw new Error(`unknown task ${m.task}`);
        await reply({ id: m.id, ok: true, value: await handler(m.args) });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        await reply({
          id: m.id,
          ok: false,
          error: {
            code: e instanceof AppError ? e.code : null,
            details: e instanceof AppError ? e.details : [],
            message: err.stack ?? err.message,
          },
        });
      }
    })();
  });
  void reply({ ready: true });
  process.on('disconnect', () => {
    void onExit().finally(() => process.exit(0));
  });
}
