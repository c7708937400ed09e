/**
 * Heavy work off the event loop: a small pool of child processes that run named tasks (reports,
 * drill-downs, PDF/XLSX/DOCX/ZIP exports). `node:sqlite` runs on the thread that calls it and
 * pdfkit/exceljs render synchronously, so one director's year report used to stall every citizen's
 * page; in a child they cost the server nothing but a message.
 *
 * Children, not worker threads: memory a child used goes back to the system when it exits
 * (decision 001 measured that a worker thread's does not), so fonts and renderers never settle in
 * the server. Each child opens its own database connection (WAL lets SQLite readers run beside the
 * writer) and exits after `idleMs` without work.
 *
 * Admission is bounded instead of queueing without limit: at most `maxPerKey` tasks running or
 * waiting per key (a centre) and `maxWaiting` waiting overall; beyond that `run` throws BUSY (429,
 * "đang bận, thử lại sau") at once, so a burst of exports cannot eat the server's memory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { AppError, ERRORS, type ErrorCode, type ErrorDetail } from '../http/errors.ts';

export interface TaskPoolOptions {
  /** Arguments for `node` that start the child: the module (and any `--import` it needs). */
  entry: { modulePath: string; execArgv: string[] };
  /** Environment of the children (the configuration they open the database with). */
  env: NodeJS.ProcessEnv;
  /** How many children run tasks at once. */
  size: number;
  /** Tasks running or waiting for one key (a centre) at most. */
  maxPerKey: number;
  /** Tasks waiting for a free child overall at most. */
  maxWaiting: number;
  /** A child with nothing to do for this long exits (its memory goes back to the system). */
  idleMs: number;
  /** A task running longer than this is abandoned and its child restarted. */
  timeoutMs: number;
  /**
   * The children's scheduling priority (Unix nice, 0–19; default 0): above 0, a report or an export
   * takes the CPU only when the server does not need it, so a citizen's page never waits for one.
   */
  niceness?: number;
}

/** A request to a child and its answer. Values cross with the structured-clone serialisation (Buffers, Dates). */
export interface TaskRequest {
  id: number;
  task: string;
  args: unknown;
}
export type TaskReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string | null; details: ErrorDetail[]; message: string } };

interface Pending {
  id: number;
  task: string;
  args: unknown;
  key: string;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  child: ChildProcess;
  /** The child has loaded its modules and said so: time limits start only then. */
  ready: boolean;
  busy: Pending | null;
  idleTimer: NodeJS.Timeout | null;
  taskTimer: NodeJS.Timeout | null;
  /** Told to go (idle, released, closing): no task is sent to it; it does not count against the size. */
  leaving: boolean;
}

const isErrorCode = (c: string | null): c is ErrorCode => c !== null && Object.hasOwn(ERRORS, c);

/** Rebuilds, in the server, the error a task threw in a child: catalogue errors keep their code and status. */
export function errorFromReply(e: { code: string | null; details: ErrorDetail[]; message: string }): Error {
  if (isErrorCode(e.code)) return new AppError(e.code, e.details);
  return new Error(`task failed in a worker process: ${e.message}`);
}

export class TaskPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private readonly perKey = new Map<string, number>();
  private nextId = 1;
  private closed = false;
  /** Tasks a child answered, by name (for /metrics and the tests that prove where work ran). */
  readonly answered = new Map<string, number>();

  private readonly o: TaskPoolOptions;

  constructor(o: TaskPoolOptions) {
    this.o = o;
  }

  /** Tasks running or waiting now (for /metrics and tests). */
  get load(): { running: number; waiting: number; children: number } {
    return {
      running: this.slots.filter((s) => s.busy).length,
      waiting: this.waiting.length,
      children: this.slots.length,
    };
  }

  run<T>(task: string, args: unknown, key = '*'): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('UNAVAILABLE'));
    const held = this.perKey.get(key) ?? 0;
    // Tasks that would wait for a child to finish another task (beyond the pool's free places).
    const queued = this.waiting.length - (this.o.size - this.slots.filter((s) => s.busy).length);
    if (held >= this.o.maxPerKey || queued >= this.o.maxWaiting) {
      return Promise.reject(new AppError('BUSY'));
    }
    this.perKey.set(key, held + 1);
    return new Promise<T>((resolve, reject) => {
      const p: Pending = {
        id: this.nextId++,
        task,
        args,
        key,
        resolve: (v) => {
          resolve(v as T);
        },
        reject,
      };
      this.waiting.push(p);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) this.finish(p, new AppError('UNAVAILABLE'));
    await Promise.all(this.slots.slice().map((s) => this.stop(s)));
  }

  private pump(): void {
    while (this.waiting.length) {
      const slot = this.slots.find((s) => s.ready && !s.busy && !s.leaving);
      if (!slot) {
        // A child still starting will take the next task when it says it is ready.
        const starting = this.slots.filter((s) => !s.ready).length;
        const staying = this.slots.filter((s) => !s.leaving).length;
        if (starting < this.waiting.length && staying < this.o.size) this.spawn();
        return;
      }
      const p = this.waiting.shift();
      if (!p) return;
      this.dispatch(slot, p);
    }
  }

  private spawn(): Slot {
    const child = fork(this.o.entry.modulePath, [], {
      execArgv: this.o.entry.execArgv,
      env: this.o.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (this.o.niceness && child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.max(this.o.niceness, getPriority()));
      } catch {
        // Not permitted here (some containers): the child runs at the server's priority.
      }
    }
    const slot: Slot = { child, ready: false, busy: null, idleTimer: null, taskTimer: null, leaving: false };
    child.on('message', (m: TaskReply) => {
      if ('ready' in m) {
        slot.ready = true;
        this.pump();
      } else this.onReply(slot, m);
    });
    child.on('exit', (code, signal) => {
      this.onExit(slot, code, signal);
    });
    child.on('error', () => {
      // 'exit' follows and settles the task.
    });
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, p: Pending): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.busy = p;
    slot.taskTimer = setTimeout(() => {
      // Abandon the task: the child is killed (its exit settles the task) and a new one starts on demand.
      slot.child.kill('SIGKILL');
    }, this.o.timeoutMs);
    const req: TaskRequest = { id: p.id, task: p.task, args: p.args };
    slot.child.send(req, (err) => {
      if (err) slot.child.kill('SIGKILL');
    });
  }

  private onReply(slot: Slot, m: Exclude<TaskReply, { ready: true }>): void {
    const p = slot.busy;
    if (p?.id !== m.id) return;
    if (slot.taskTimer) clearTimeout(slot.taskTimer);
    slot.taskTimer = null;
    slot.busy = null;
    this.answered.set(p.task, (this.answered.get(p.task) ?? 0) + 1);
    if (m.ok) this.finish(p, null, m.value);
    else this.finish(p, errorFromReply(m.error));
    slot.idleTimer = setTimeout(() => void this.stop(slot), this.o.idleMs);
    slot.idleTimer.unref();
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.taskTimer) clearTimeout(slot.taskTimer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const p = slot.busy;
    slot.busy = null;
    if (!slot.ready) {
      // A child that could not even start: fail one waiting task rather than respawn for ever.
      const w = this.waiting.shift();
      if (w) this.finish(w, new Error(`worker process could not start (${code ?? signal})`));
    }
    if (p) {
      const why = signal === 'SIGKILL' ? `timed out after ${this.o.timeoutMs} ms` : `exited (${code ?? signal})`;
      this.finish(p, new Error(`worker process ${why} while running ${p.task}`));
    }
    if (!this.closed) this.pump();
  }

  private finish(p: Pending, err: unknown, value?: unknown): void {
    const held = (this.perKey.get(p.key) ?? 1) - 1;
    if (held > 0) this.perKey.set(p.key, held);
    else this.perKey.delete(p.key);
    if (err) p.reject(err);
    else p.resolve(value);
  }

  /** Lets every idle child go now rather than after `idleMs` (a child busy with a task stays). */
  releaseIdle(): void {
    for (const slot of this.slots) if (slot.ready && !slot.busy && !slot.leaving) void this.stop(slot);
  }

  private stop(slot: Slot): Promise<void> {
    if (slot.busy) return Promise.resolve();
    slot.leaving = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    return new Promise<void>((resolve) => {
      if (slot.child.exitCode !== null || slot.child.signalCode !== null) {
        resolve();
        return;
      }
      slot.child.once('exit', () => {
        resolve();
      });
      slot.child.disconnect();
    });
  }
}
