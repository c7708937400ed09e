/**
 * Task pools side by side, each for its own tasks (a lane): the streamed exports run in children
 * started with a small V8 heap (their live data is bounded by design, so a cap keeps their
 * garbage from growing the process to several times what they use), while reports, whose
 * roll-ups can be large, run in children without a cap. Same surface as one `TaskPool`.
 */
import type { TaskPool } from './pool.ts';

export interface Lane {
  pool: TaskPool;
  /** The tasks this lane runs; null: every task no other lane names. */
  tasks: ReadonlySet<string> | null;
  /**
   * A task of this lane first lets the other lanes' idle children go: it needs the memory more
   * than a child kept warm for a next report does (the streamed exports, decision 054).
   */
  alone?: boolean;
}

export class TaskLanes {
  private readonly lanes: readonly Lane[];

  constructor(lanes: readonly Lane[]) {
    this.lanes = lanes;
  }

  private laneOf(task: string): Lane {
    const lane = this.lanes.find((l) => l.tasks?.has(task)) ?? this.lanes.find((l) => l.tasks === null);
    if (!lane) throw new Error(`no task lane runs ${task}`);
    return lane;
  }

  run<T>(task: string, args: unknown, key = '*'): Promise<T> {
    const lane = this.laneOf(task);
    if (lane.alone) for (const other of this.lanes) if (other !== lane) other.pool.releaseIdle();
    return lane.pool.run<T>(task, args, key);
  }

  /** Tasks a child answered, by name, over every lane. */
  get answered(): ReadonlyMap<string, number> {
    const all = new Map<string, number>();
    for (const { pool } of this.lanes) for (const [k, n] of pool.answered) all.set(k, (all.get(k) ?? 0) + n);
    return all;
  }

  /** Tasks running or waiting now and children alive, over every lane. */
  get load(): { running: number; waiting: number; children: number } {
    const sum = { running: 0, waiting: 0, children: 0 };
    for (const { pool } of this.lanes) {
      const l = pool.load;
      sum.running += l.running;
      sum.waiting += l.waiting;
      sum.children += l.children;
    }
    return sum;
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.pool.close()));
  }
}
