/**
 * The year's book rendered by a task-pool child of the dist bundle, as the server runs it, with
 * the child's peak RSS (sampled from /proc every 50 ms) and CPU time: `node bin/run.mjs
 * scripts/drive-book.ts data/bench-centre-year.sqlite pdf|xlsx [V8 flags…]` after `npm run build`.
 */
import { fork } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { ROOT } from '../src/core/paths.ts';

const [file = 'data/bench-centre-year.sqlite', format = 'pdf', ...flags] = process.argv.slice(2);
const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}` };
const child = fork(join(ROOT, 'dist', process.env.ENTRY ?? 'export-worker.mjs'), [], {
  execArgv: flags,
  env: { ...process.env, MOTCUA_TASK_CONFIG: JSON.stringify(config) },
  serialization: 'advanced',
});
const pid = child.pid ?? 0;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const cpuS = () => {
  const f =
    readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
};
let peak = 0;
let idle = 0;
const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
const actor = {
  userId: 1,
  username: 'bench-director',
  fullName: 'Giám đốc Bench',
  homeCenterId: 1,
  roles: new Map([[1, new Set(['director'])]]),
  via: 'session',
};
let t0 = 0;
let cpu0 = 0;
child.on('message', (m: { ready?: true; ok?: boolean; value?: { path: string }; error?: unknown }) => {
  if (m.ready) {
    idle = rssMb();
    cpu0 = cpuS();
    t0 = performance.now();
    child.send({ id: 1, task: 'trackingBook', args: [actor, '2026-01-01', '2026-12-31', format] });
    return;
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = cpuS() - cpu0;
  clearInterval(timer);
  const size = m.ok && m.value ? statSync(m.value.path).size : 0;
  if (m.value) rmSync(m.value.path, { force: true });
  console.log(
    JSON.stringify({
      format,
      flags,
      ok: m.ok,
      s: +s.toFixed(1),
      cpuS: +cpu.toFixed(1),
      idleMb: Math.round(idle),
      peakMb: Math.round(peak),
      size,
      error: m.ok ? undefined : m.error,
    }),
  );
  child.disconnect();
});
