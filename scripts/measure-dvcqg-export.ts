/**
 * Time and peak RSS of the DVCQG period export (HoSo JSON), each in a fresh process as a task-pool
 * child runs it, beside its baseline (the SQL count of the same rows):
 * `node bin/run.mjs scripts/measure-dvcqg-export.ts [data/bench-centre-year.sqlite] [year,quarter,quarter-memory]`.
 *
 * - year: the calendar year 2026 streamed into a file by the same writer the task uses
 *   (`writeHoSoJson`; the API takes at most 93 days a request, so a year is the writer alone);
 * - quarter: the task `dvcqgExport` itself (access check, period, file, audit) for Q1 2026;
 * - quarter-memory: the same quarter collected in memory and serialised at once (the way the
 *   route answered before decision 046), for comparison.
 *
 * The peak RSS is the child's own (getrusage maxrss), ≈70 MB of it the TypeScript loader.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const YEAR: [string, string] = ['2026-01-01', '2026-12-31'];
const QUARTER: [string, string] = ['2026-01-01', '2026-03-31'];

async function child(file: string, mode: string): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { openDatabase } = await import('../src/core/db/connect.ts');
  const { SYSTEM_ACTOR } = await import('../src/core/auth/access.ts');
  const { exportPath } = await import('../src/core/documents/files.ts');
  const { runTaskHere } = await import('../src/features/tasks.ts');
  const { writeHoSoJson } = await import('../src/features/dossiers/dvcqg/dvcqg-export.ts');
  const { exportHoSoPeriod } = await import('../src/features/dossiers/dvcqg/dvcqg-service.ts');
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}` };
  const database = openDatabase(config.databaseUrl);
  const deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    now: () => new Date(),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  const center = await database.db
    .selectFrom('center')
    .select(['id', 'name', 'slug'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const [from, to] = mode === 'year' ? YEAR : QUARTER;
  // Baseline: the SQL count of the same rows.
  const b0 = performance.now();
  const { n } = await database.db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', center.id)
    .where('local_day', '>=', from)
    .where('local_day', '<=', to)
    .executeTakeFirstOrThrow();
  const baselineMs = performance.now() - b0;
  const t0 = performance.now();
  let size = 0;
  let dossiers = 0;
  if (mode === 'year') {
    const path = exportPath('json');
    const out = createWriteStream(path);
    dossiers = await writeHoSoJson(deps, center, from, to, out);
    await new Promise<void>((resolve) => out.end(resolve));
    size = statSync(path).size;
    rmSync(path, { force: true });
  } else if (mode === 'quarter') {
    const r = (await runTaskHere(deps, 'dvcqgExport', [SYSTEM_ACTOR, center.slug, from, to])) as {
      path: string;
      size: number;
      dossiers: number;
    };
    ({ size, dossiers } = r);
    rmSync(r.path, { force: true });
  } else {
    const HoSo = await exportHoSoPeriod(deps, SYSTEM_ACTOR, center.slug, from, to);
    dossiers = HoSo.length;
    size = Buffer.byteLength(JSON.stringify({ HoSo }));
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      ms,
      size,
      dossiers,
      count: n,
      baselineMs,
      peakMb: process.resourceUsage().maxRSS / 1024,
      cpuS: (cpu.user + cpu.system) / 1e6,
    }) + '\n',
  );
  await database.close();
  process.exit(0);
}

if (process.env.MEASURE_CHILD) {
  const [file, mode] = JSON.parse(process.env.MEASURE_CHILD) as [string, string];
  await child(file, mode);
}

const file = process.argv[2] ?? 'data/bench-centre-year.sqlite';
const modes = (process.argv[3] ?? 'year,quarter,quarter-memory').split(',');
const self = fileURLToPath(import.meta.url);
const root = join(self, '..', '..');
for (const mode of modes) {
  const res = spawnSync(process.execPath, ['--import', join(root, 'bin', 'register.mjs'), self], {
    env: { ...process.env, MEASURE_CHILD: JSON.stringify([file, mode]) },
    encoding: 'utf8',
    timeout: 1_800_000,
    maxBuffer: 1 << 20,
  });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  try {
    const m = JSON.parse(line) as {
      ms: number;
      size: number;
      dossiers: number;
      count: number;
      baselineMs: number;
      peakMb: number;
      cpuS: number;
    };
    console.log(
      `${mode.padEnd(15)} ${String(m.dossiers).padStart(6)} dossiers (SQL count ${String(m.count)} in ${m.baselineMs.toFixed(0)} ms)  ${(m.ms / 1000).toFixed(1).padStart(6)} s  cpu ${m.cpuS.toFixed(1).padStart(6)} s  peak ${m.peakMb.toFixed(0).padStart(5)} MB  ${(m.size / 1e6).toFixed(1)} MB`,
    );
  } catch {
    console.log(`${mode} FAILED (${String(res.status ?? res.signal)}): ${res.stderr.slice(-1500)}`);
  }
}
