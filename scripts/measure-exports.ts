/**
 * Time, CPU time and peak RSS of the tracking book's exports (form 07) on a data set, each in a
 * fresh process as a task-pool child would run it: `node bin/run.mjs scripts/measure-exports.ts
 * [data/bench-centre-year.sqlite] [week,month,quarter,year] [pdf,xlsx]`. Build the data set with
 * `npm run bench:data -- --sqlite-only`. The peak RSS is the child's own (getrusage maxrss); the
 * CPU time is its user + system time, start-up included (on a shared machine it varies less than
 * the wall time).
 */
import { spawnSync } from 'node:child_process';
import { statSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const PERIODS: Partial<Record<string, [string, string]>> & { week: [string, string] } = {
  week: ['2026-11-02', '2026-11-08'],
  month: ['2026-11-01', '2026-11-30'],
  quarter: ['2026-07-01', '2026-09-30'],
  year: ['2025-12-01', '2026-11-30'],
};

if (process.env.MEASURE_CHILD) {
  const [file, period, format] = JSON.parse(process.env.MEASURE_CHILD) as [string, string, 'pdf' | 'xlsx'];
  const { loadConfig } = await import('../src/config.ts');
  const { openDatabase } = await import('../src/core/db/connect.ts');
  const { runTaskHere } = await import('../src/features/tasks.ts');
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}` };
  const database = openDatabase(config.databaseUrl);
  // The deps a task-pool child builds (src/features/task-worker.ts): nothing of the server loaded.
  const deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    now: () => new Date(),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  const actor = {
    userId: 1,
    username: 'bench-director',
    fullName: 'Giám đốc Bench',
    homeCenterId: 1,
    roles: new Map([[1, new Set(['director'])]]),
    via: 'session' as const,
  };
  const [from, to] = PERIODS[period] ?? PERIODS.week;
  const t0 = performance.now();
  const r = (await runTaskHere(deps, 'trackingBook', [actor, from, to, format])) as {
    bytes?: Uint8Array;
    path?: string;
    size?: number;
  };
  const ms = performance.now() - t0;
  const size = r.bytes ? r.bytes.length : r.path ? statSync(r.path).size : -1;
  if (r.path) rmSync(r.path, { force: true });
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({ ms, size, peakMb: process.resourceUsage().maxRSS / 1024, cpuS: (cpu.user + cpu.system) / 1e6 }) +
      '\n',
  );
  await database.close();
  process.exit(0);
}

const file = process.argv[2] ?? 'data/bench-centre-year.sqlite';
const periods = (process.argv[3] ?? 'week,month,quarter,year').split(',');
const formats = (process.argv[4] ?? 'pdf,xlsx').split(',');
const self = fileURLToPath(import.meta.url);
const root = join(self, '..', '..');
for (const period of periods)
  for (const format of formats) {
    const res = spawnSync(process.execPath, ['--import', join(root, 'bin', 'register.mjs'), self], {
      env: { ...process.env, MEASURE_CHILD: JSON.stringify([file, period, format]) },
      encoding: 'utf8',
      timeout: 1_800_000,
      maxBuffer: 1 << 20,
    });
    const line = res.stdout.trim().split('\n').pop() ?? '';
    try {
      const m = JSON.parse(line) as { ms: number; size: number; peakMb: number; cpuS: number };
      console.log(
        `${period.padEnd(8)} ${format.padEnd(5)} ${(m.ms / 1000).toFixed(1).padStart(6)} s  cpu ${m.cpuS.toFixed(1).padStart(6)} s  peak ${m.peakMb.toFixed(0).padStart(5)} MB  ${(m.size / 1e6).toFixed(1)} MB`,
      );
    } catch {
      console.log(`${period} ${format} FAILED (${res.status ?? res.signal}): ${res.stderr.slice(-1500)}`);
    }
  }
