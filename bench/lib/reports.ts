/**
 * The monthly report on the `npm run bench:data` data sets (issue 7, item 10): one centre-year on
 * SQLite and a province of 100 centres on PostgreSQL. Each figure is `computeMonthlyStatistics()`
 * of src/features/reports/statistics.ts for November 2026, next to a BASELINE measured in the same
 * run: one hand-written GROUP BY query that counts received / on time / late / online /
 * digitised / reused over the same centres and month (what a person would type in psql). The runs
 * alternate (baseline, report, baseline, …) so both see the same machine load.
 */
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Deps } from '../../src/core/deps.ts';
import type { Database } from '../../src/core/db/connect.ts';
import { instantBounds, type DayRange } from '../../src/core/figures.ts';
import { percentile } from './stats.ts';

export const REPORT_RANGE: DayRange = { from: '2026-11-01', to: '2026-11-30' };

export interface Timing {
  runs: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
  samples: number[];
}
export interface ReportFigure {
  label: string;
  dossiers: number;
  centres: number;
  report: Timing | null;
  baseline: Timing;
  /** What the two counted, to show they read the same month. */
  check: { reportReceived: number | null; baselineReceived: number };
  skipped?: string;
}

const timing = (xs: number[]): Timing => ({
  runs: xs.length,
  p50: percentile(xs, 50),
  p99: percentile(xs, 99),
  min: Math.min(...xs),
  max: Math.max(...xs),
  samples: xs,
});

/**
 * The baseline: one GROUP BY over the month's dossiers of the centres, written as a person who knows
 * the indexes would: every dossier received or ended in the month is open (`ended_at IS NULL`) or
 * ended since the month began, so the rows are two ranges of `dossier (center_id, ended_at)`, read
 * with only the columns the counts need (on PostgreSQL an index-only scan of migration 015's index).
 */
export async function baselineAggregate(
  database: Database,
  centerIds: number[],
  range: DayRange,
): Promise<{ received: number; onTime: number; late: number; online: number; digitised: number; reused: number }> {
  const { fromIso, toIso } = instantBounds(range);
  const ids = sql.join(centerIds.map((n) => sql`${n}`));
  const cols = sql`center_id, status, local_day, ended_at, due_at, supplement_count, channel, digitised, reused`;
  const recv = sql`(status <> 3 AND local_day >= ${range.from})`;
  const ended = sql`(status IN (9, 10) AND ended_at >= ${fromIso} AND ended_at < ${toIso})`;
  const r = await sql<Record<string, unknown>>`
    SELECT center_id,
      SUM(CASE WHEN ${recv} THEN 1 ELSE 0 END) AS received,
      SUM(CASE WHEN ${ended} AND supplement_count <= 1 AND ended_at <= due_at THEN 1 ELSE 0 END) AS on_time,
      SUM(CASE WHEN ${ended} AND (supplement_count > 1 OR ended_at > due_at) THEN 1 ELSE 0 END) AS late,
      SUM(CASE WHEN ${recv} AND channel = 'online' THEN 1 ELSE 0 END) AS online,
      SUM(CASE WHEN ${recv} AND digitised = 1 THEN 1 ELSE 0 END) AS digitised,
      SUM(CASE WHEN ${recv} AND reused = 1 THEN 1 ELSE 0 END) AS reused
    FROM (
      SELECT ${cols} FROM dossier WHERE center_id IN (${ids}) AND ended_at IS NULL
      UNION ALL
      SELECT ${cols} FROM dossier WHERE center_id IN (${ids}) AND ended_at >= ${fromIso}
    ) d
    WHERE local_day <= ${range.to}
    GROUP BY center_id`.execute(database.db);
  const sum = (k: string) => r.rows.reduce((n, x) => n + Number(x[k] ?? 0), 0);
  return {
    received: sum('received'),
    onTime: sum('on_time'),
    late: sum('late'),
    online: sum('online'),
    digitised: sum('digitised'),
    reused: sum('reused'),
  };
}

type Compute = (
  deps: Deps,
  centerIds: number[],
  range: DayRange,
) => Promise<{ centres?: unknown; total?: { counts?: { received?: number } } } & Record<string, unknown>>;

/** The report function, or null while src/features/reports/statistics.ts does not export it. */
export async function reportFunction(): Promise<Compute | null> {
  try {
    const m = (await import('../../src/features/reports/statistics.ts')) as Record<string, unknown>;
    return typeof m.computeMonthlyStatistics === 'function' ? (m.computeMonthlyStatistics as Compute) : null;
  } catch {
    return null;
  }
}

function receivedOf(stats: unknown): number | null {
  const s = stats as {
    total?: { received?: number };
    counts?: { received?: number };
    perCenter?: { counts?: { received?: number } }[];
  };
  return s?.total?.received ?? s?.counts?.received ?? null;
}

/** Times the report and the baseline, alternating, `runs` times each after one warm-up of each. */
export async function measureReport(
  label: string,
  database: Database,
  deps: Deps,
  runs: number,
): Promise<ReportFigure> {
  const centres = (await database.db.selectFrom('center').select('id').orderBy('id').execute()).map((r) => r.id);
  const dossiers = Number(
    (await sql<{ n: string }>`SELECT COUNT(*) AS n FROM dossier`.execute(database.db)).rows[0]!.n,
  );
  const compute = await reportFunction();
  const base = await baselineAggregate(database, centres, REPORT_RANGE);
  let reportReceived: number | null = null;
  if (compute) reportReceived = receivedOf(await compute(deps, centres, REPORT_RANGE));
  const b: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await baselineAggregate(database, centres, REPORT_RANGE);
    b.push(performance.now() - t);
    if (compute) {
      t = performance.now();
      await compute(deps, centres, REPORT_RANGE);
      r.push(performance.now() - t);
    }
  }
  return {
    label,
    dossiers,
    centres: centres.length,
    report: compute ? timing(r) : null,
    baseline: timing(b),
    check: { reportReceived, baselineReceived: base.received },
  };
}

/** Both figures, each skipped (with how to make its data) when its data set is missing. */
export async function reportFigures(opts: {
  runs: number;
  pgAdminUrl: string | undefined;
  progress: (s: string) => void;
}): Promise<{ sqlite: ReportFigure | { skipped: string }; postgres: ReportFigure | { skipped: string } }> {
  const { openDatabase } = await import('../../src/core/db/connect.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const data = await import('../data.ts');
  const quiet = { info() {}, warn() {}, error() {} };
  const depsOf = (database: Database, url: string): Deps => ({
    db: database.db,
    dialect: database.dialect,
    config: loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
    now: () => data.BENCH_NOW,
    log: quiet,
  });
  const how = 'create it with `npm run bench:data`';
  let sqliteFig: ReportFigure | { skipped: string };
  if (!existsSync(data.SQLITE_FILE)) {
    sqliteFig = { skipped: `no centre-year data set (${data.SQLITE_FILE}): ${how} -- --sqlite-only` };
  } else {
    opts.progress(`monthly report: one centre-year on SQLite, ${opts.runs} runs`);
    const url = `sqlite:${data.SQLITE_FILE}`;
    const database = openDatabase(url);
    try {
      sqliteFig = await measureReport('one centre-year, SQLite', database, depsOf(database, url), opts.runs);
    } finally {
      await database.close();
    }
  }
  let pgFig: ReportFigure | { skipped: string };
  const admin = opts.pgAdminUrl ?? data.DEFAULT_PG_ADMIN;
  const u = new URL(admin);
  u.pathname = `/${data.PG_DATABASE}`;
  const url = u.toString();
  const pg = (await import('pg')).default;
  const probe = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  let present = false;
  try {
    await probe.connect();
    present = (await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [data.PG_DATABASE])).rowCount === 1;
  } catch {
    present = false;
  } finally {
    await probe.end().catch(() => {});
  }
  if (!present) {
    pgFig = { skipped: `no province data set (database ${data.PG_DATABASE} at ${u.host}): ${how} -- --pg-only` };
  } else {
    const database = openDatabase(url, { poolSize: 10 });
    try {
      const n = Number((await sql<{ n: string }>`SELECT COUNT(*) AS n FROM dossier`.execute(database.db)).rows[0]!.n);
      if (n === 0) pgFig = { skipped: `province data set incomplete (${n} dossiers): ${how} -- --pg-only` };
      else {
        opts.progress(`monthly report: province (${n.toLocaleString('en')} dossiers) on PostgreSQL, ${opts.runs} runs`);
        pgFig = await measureReport('province, PostgreSQL', database, depsOf(database, url), opts.runs);
      }
    } finally {
      await database.close();
    }
  }
  return { sqlite: sqliteFig, postgres: pgFig };
}
