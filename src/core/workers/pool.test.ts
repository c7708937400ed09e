/** The task pool with real child processes: answers, errors, crashes, time-outs, admission limits, idle exit. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { getPriority } from 'node:os';
import { AppError } from '../http/errors.ts';
import { ROOT } from '../paths.ts';
import { TaskLanes } from './lanes.ts';
import { TaskPool, type TaskPoolOptions } from './pool.ts';

const pools: TaskPool[] = [];
function pool(over: Partial<TaskPoolOptions> = {}): TaskPool {
  const p = new TaskPool({
    entry: {
      modulePath: join(ROOT, 'test', 'support', 'task-child.ts'),
      execArgv: ['--import', join(ROOT, 'bin', 'register.mjs')],
    },
    env: { ...process.env },
    size: 1,
    maxPerKey: 2,
    maxWaiting: 4,
    idleMs: 60_000,
    timeoutMs: 30_000,
    ...over,
  });
  pools.push(p);
  return p;
}
after(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

test('a task runs in another process and its value comes back, Buffers included', async () => {
  const p = pool();
  const r = await p.run<{ args: { a: number[] }; pid: number }>('echo', { a: [1, 2] });
  assert.deepEqual(r.args, { a: [1, 2] });
  assert.notEqual(r.pid, process.pid);
  const b = await p.run<Uint8Array>('bytes', 'Hồ sơ');
  assert.equal(Buffer.from(b).toString('utf8'), 'Hồ sơ');
});

test('children run at the niceness asked for, below the server', async () => {
  const p = pool({ niceness: 10 });
  const r = await p.run<{ pid: number }>('echo', {});
  assert.equal(getPriority(r.pid), Math.max(10, getPriority(process.pid)));
});

test('a catalogue error keeps its code and status; another error is a plain failure', async () => {
  const p = pool();
  await assert.rejects(p.run('notFound', null), (e: unknown) => e instanceof AppError && e.status === 404);
  await assert.rejects(p.run('boom', null), (e: unknown) => !(e instanceof AppError) && String(e).includes('kaboom'));
  // The child survived both and still answers.
  assert.ok(await p.run('echo', 1));
});

test('a crashed child fails its task only; the next task gets a new child', async () => {
  const p = pool();
  const first = await p.run<{ pid: number }>('echo', 0);
  await assert.rejects(p.run('crash', null), /exited \(7\)/);
  const second = await p.run<{ pid: number }>('echo', 0);
  assert.notEqual(second.pid, first.pid);
});

test('a task past its time limit is abandoned and its child killed', async () => {
  const p = pool({ timeoutMs: 300 });
  await assert.rejects(p.run('hang', null), /timed out/);
  assert.ok(await p.run('echo', 1));
});

test('admission: beyond the per-centre and waiting limits the answer is BUSY (429) at once, nothing queued', async () => {
  const p = pool({ size: 1, maxPerKey: 2, maxWaiting: 1 });
  const a1 = p.run('wait', 400, 'centre-a');
  const a2 = p.run('wait', 10, 'centre-a'); // waits for the one child
  await assert.rejects(p.run('echo', 1, 'centre-a'), (e: unknown) => e instanceof AppError && e.code === 'BUSY');
  // Another centre is refused too: the one waiting place is taken.
  await assert.rejects(p.run('echo', 1, 'centre-b'), (e: unknown) => e instanceof AppError && e.status === 429);
  await Promise.all([a1, a2]);
  assert.deepEqual(p.load, { running: 0, waiting: 0, children: 1 });
  // Places are given back: both centres are served again.
  assert.ok(await p.run('echo', 1, 'centre-a'));
  assert.ok(await p.run('echo', 1, 'centre-b'));
});

test('tasks of different centres run side by side up to the pool size', async () => {
  const p = pool({ size: 2 });
  const [x, y] = await Promise.all([p.run<number>('wait', 2000, 'a'), p.run<number>('wait', 2000, 'b')]);
  assert.notEqual(x, y, 'two children');
});

test('an idle child exits and gives its memory back; the next task starts a new one', async () => {
  const p = pool({ idleMs: 100 });
  await p.run('echo', 1);
  assert.equal(p.load.children, 1);
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(p.load.children, 0);
  assert.ok(await p.run('echo', 1));
});

test('a task of a lane that runs alone lets the other lanes’ idle children go, not a busy one', async () => {
  const reports = pool({ size: 2 });
  const exportsPool = pool();
  const lanes = new TaskLanes([
    { pool: exportsPool, tasks: new Set(['bytes']), alone: true },
    { pool: reports, tasks: null },
  ]);
  await Promise.all([lanes.run('echo', 1, 'a'), lanes.run('echo', 2, 'b')]);
  assert.equal(reports.load.children, 2, 'two report children kept warm');
  const busy = lanes.run('wait', 300, 'a');
  await lanes.run('echo', 3, 'b'); // the second child answers and is idle again
  await lanes.run('bytes', 'sổ', 'c');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(reports.load.children, 1, 'the idle child went; the busy one stays');
  assert.ok(await busy);
  assert.equal(exportsPool.load.children, 1);
  // Without `alone`, a task of the other lane leaves them be.
  await lanes.run('echo', 4, 'a');
  assert.equal(exportsPool.load.children, 1);
});

test('a task that arrives while an idle child is leaving gets a new child, never the leaving one', async () => {
  const p = pool();
  const first = await p.run<{ pid: number }>('echo', 0);
  p.releaseIdle();
  const next = await p.run<{ pid: number }>('echo', 1);
  assert.notEqual(next.pid, first.pid);
  for (let i = 0; i < 100 && p.load.children > 1; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(p.load.children, 1, 'the leaving child has gone; the new one stays');
});
