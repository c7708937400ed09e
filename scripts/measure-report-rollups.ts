/**
 * Before/after of the report roll-ups (decision 038) — a measurement script, not a test and not
 * the bench harness. On a copy of the centre-year set (`npm run bench:data -- --sqlite-only`), and
 * with `--pg`, on a PostgreSQL database of its own (`motcua_rollups_measure`, one centre-year
 * generated like bench:data; dropped with --drop) with the JIT on and off.
 *
 *   node bin/run.mjs scripts/measure-report-rollups.ts [--pg] [--runs 5] [--per-day 180]
 *
 * Prints medians (ms) for: the console monthly model (month + 12-month trend, centerReport), the
 * Decision 766 scorecard year (scorecardYear), the year report (centerReport of the year), January
 * (a historical month) — computed in full ("before": roll-ups off), on the first read that builds
 * the roll-ups ("cold") and once they are stored ("warm"); and the same with November still open.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, migrateToLatest, type Database } from '../src/core/db/connect.ts';
import { loadConfig } from '../src/config.ts';
import type { Deps } from '../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../src/core/auth/access.ts';
import { inTransaction } from '../src/core/db/tx.ts';
import { createCenter } from '../src/features/centers/service.ts';
import { loadInitialCatalog } from '../src/features/catalog/service.ts';
import { readCatalogFile } from '../src/features/catalog/import-file.ts';
import { loadDossierHistory } from '../src/features/demo/dossiers.ts';
import { centerReport, scorecardYear } from '../src/features/reports/service.ts';
import { monthPeriod, yearPeriod } from '../src/features/reports/periods.ts';
import { buildRollups, useRollups } from '../src/features/reports/rollups.ts';
import { setReportJit, payments } from '../src/features/reports/repo.ts';
import { boundsOf } from '../src/features/reports/parts.ts';
import { readFileSync } from 'node:fs';
import { BENCH_FROM, BENCH_NOW, BENCH_SLUG, BENCH_TO, SQLITE_FILE } from '../bench/data.ts';

const argv = process.argv.slice(2);
const val = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(val('--runs') ?? 5);
const none = () => undefined;
const quiet = { info: none, warn: none, error: none };
const OPEN_NOW = new Date('2026-11-30T05:00:00Z'); // 30/11 noon in Vietnam: November still open
const slug = BENCH_SLUG(1);

function depsOf(database: Database, url: string, now: () => Date): Deps {
  const config = loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' });
  return { db: database.db, dialect: database.dialect, config, now, log: quiet };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
async function median(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await time(fn));
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? NaN;
}
const f = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function scenarios(deps: Deps) {
  return {
    'console monthly (11/2026 + trend)': () => centerReport(deps, SYSTEM_ACTOR, slug, monthPeriod(2026, 11)),
    'scorecard year 2026': () => scorecardYear(deps, SYSTEM_ACTOR, slug, 2026),
    'year report 2026': () => centerReport(deps, SYSTEM_ACTOR, slug, yearPeriod(2026), { trend: false }),
    'January 2026': () => centerReport(deps, SYSTEM_ACTOR, slug, monthPeriod(2026, 1), { trend: false }),
  };
}

async function measure(label: string, database: Database, url: string) {
  const out: string[] = [];
  for (const [nowLabel, now] of [
    ['now 01/12/2026 (November closed)', BENCH_NOW],
    ['now 30/11/2026 noon (November open)', OPEN_NOW],
  ] as const) {
    const deps = depsOf(database, url, () => now);
    await sql`DELETE FROM report_rollup`.execute(database.db);
    out.push(`\n${label} — ${nowLabel}`);
    out.push('| figure | before (full) | after, cold (builds) | after, warm |');
    out.push('|---|---|---|---|');
    const rows = new Map<string, number[]>();
    useRollups(false);
    for (const [k, fn] of Object.entries(scenarios(deps))) rows.set(k, [await median(fn)]);
    useRollups(true);
    for (const [k, fn] of Object.entries(scenarios(deps))) {
      await sql`DELETE FROM report_rollup`.execute(database.db);
      rows.get(k)?.push(await time(fn));
    }
    await buildRollups(deps);
    for (const [k, fn] of Object.entries(scenarios(deps))) rows.get(k)?.push(await median(fn));
    for (const [k, xs] of rows) out.push(`| ${k} | ${xs.map(f).join(' | ')} |`);
  }
  const deps = depsOf(database, url, () => BENCH_NOW);
  await sql`DELETE FROM report_rollup`.execute(database.db);
  out.push(`build every closed month of the centre (buildRollups): ${f(await time(() => buildRollups(deps)))}`);
  process.stdout.write(out.join('\n') + '\n');
}

/** The payments query as it was before (every payment event joined), for the comparison. */
async function oldPayments(deps: Deps, centerId: number) {
  const b = boundsOf(yearPeriod(2026), BENCH_NOW);
  return inTransaction(deps.db, async (tx) => {
    return sql`SELECT d.center_id, d.procedure_id, COUNT(DISTINCT d.id) AS paid, COUNT(DISTINCT CASE WHEN (e.data LIKE '%"online":true%' OR e.data LIKE '%"method":"online"%') THEN d.id END) AS paid_online
    FROM dossier d JOIN dossier_event e ON e.dossier_id = d.id
    WHERE d.center_id IN (${centerId}) AND d.local_day >= ${b.fromDay} AND d.local_day <= ${b.toDay} AND d.status <> 3 AND e.action IN ('confirm_payment', 'pay')
    GROUP BY d.center_id, d.procedure_id`.execute(tx);
  });
}

async function sqliteRun() {
  if (!existsSync(SQLITE_FILE)) throw new Error(`${SQLITE_FILE} missing: npm run bench:data -- --sqlite-only`);
  const dir = mkdtempSync(join(tmpdir(), 'rollups-measure-'));
  const file = join(dir, 'centre-year.sqlite');
  copyFileSync(SQLITE_FILE, file);
  const url = `sqlite:${file}`;
  const database = openDatabase(url);
  try {
    const m = await time(() => migrateToLatest(database));
    process.stdout.write(`SQLite centre-year: migrations on the existing copy ${f(m)}\n`);
    await measure('SQLite centre-year (51k dossiers)', database, url);
    const deps = depsOf(database, url, () => BENCH_NOW);
    const id = (await database.db.selectFrom('center').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
    process.stdout.write(
      `payments, year 2026: old join ${f(await median(() => oldPayments(deps, id)))}, bounded ${f(await median(() => payments(deps.db, [id], boundsOf(yearPeriod(2026), BENCH_NOW), 'sqlite')))}\n`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgRun() {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const name = 'motcua_rollups_measure';
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (exists && argv.includes('--drop')) await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
  if (!exists || argv.includes('--drop')) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const database = openDatabase(url, { poolSize: 4 });
  try {
    await migrateToLatest(database);
    const deps = depsOf(database, url, () => BENCH_NOW);
    const have = await database.db.selectFrom('center').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!have) {
      const root = join(import.meta.dirname, '..');
      const demo = JSON.parse(readFileSync(join(root, 'data', 'demo', 'cam-giang.json'), 'utf8')) as {
        center: Record<string, unknown>;
      };
      const procs = readCatalogFile(
        'cam-giang.json',
        readFileSync(join(root, 'data', 'catalog', 'cam-giang.json')),
      ).procedures;
      await createCenter(deps, {
        ...(demo.center as never as Parameters<typeof createCenter>[1]),
        slug,
        name: 'Trung tâm Phục vụ hành chính công xã Thử 1',
        shortName: 'Trung tâm PVHCC xã Thử 1',
        agencyCode: 'H26.B001',
      });
      await loadInitialCatalog(deps, SYSTEM_ACTOR, slug, 'Danh mục mẫu', procs);
      const t = performance.now();
      const n = await inTransaction(deps.db, (tx) =>
        loadDossierHistory({ ...deps, db: tx }, slug, {
          from: BENCH_FROM,
          to: BENCH_TO,
          perDay: Number(val('--per-day') ?? 180),
          seed: 20260001,
          now: BENCH_NOW,
        }),
      );
      await sql`ANALYZE`.execute(database.db);
      process.stdout.write(`PostgreSQL: generated ${n} dossiers in ${f(performance.now() - t)}\n`);
    }
    const id = (await database.db.selectFrom('center').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
    for (const jit of [false, true]) {
      setReportJit(jit);
      await measure(
        `PostgreSQL centre-year, report statements with jit ${jit ? 'ON (server default)' : 'OFF (SET LOCAL)'}`,
        database,
        url,
      );
      process.stdout.write(
        `payments, year 2026 (jit ${jit ? 'on' : 'off'}): old join ${f(await median(() => oldPayments(deps, id)))}, bounded ${f(await median(() => payments(deps.db, [id], boundsOf(yearPeriod(2026), BENCH_NOW), 'postgres')))}\n`,
      );
    }
    setReportJit(false);
  } finally {
    await database.close();
  }
}

if (!argv.includes('--pg-only')) await sqliteRun();
if (argv.includes('--pg') || argv.includes('--pg-only')) await pgRun();
process.exit(0);
