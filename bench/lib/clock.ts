/**
 * The deadline monitor and a month's drill-down (issue 11) on the centre-year data set, over HTTP
 * (the real app on 127.0.0.1, an API token of a director), each next to a BASELINE measured in
 * the same run: a hand-written SQL query that reads the same set (what a person would type) —
 * for the monitor, the open dossiers of the centre with their supplement events; for the
 * drill-down, the codes of November's late resolved dossiers without a single supplement request
 * (the single-supplement ones need the working calendar; the row counts show how many the clock
 * added). Alternating runs.
 */
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Deps } from '../../src/core/deps.ts';
import { instantBounds } from '../../src/core/figures.ts';
import { percentile } from './stats.ts';
import { REPORT_RANGE, type Timing } from './reports.ts';

export interface ClockFigure {
  label: string;
  http: Timing;
  baseline: Timing;
  /** Sizes both read, to show they read the same set. */
  check: { http: number; baseline: number };
}

const timing = (xs: number[]): Timing => ({
  runs: xs.length,
  p50: percentile(xs, 50),
  p99: percentile(xs, 99),
  min: Math.min(...xs),
  max: Math.max(...xs),
  samples: xs,
});

export async function clockFigures(opts: {
  runs: number;
  progress: (s: string) => void;
}): Promise<ClockFigure[] | { skipped: string }> {
  const data = await import('../data.ts');
  if (!existsSync(data.SQLITE_FILE))
    return { skipped: `no centre-year data set (${data.SQLITE_FILE}): npm run bench:data -- --sqlite-only` };
  const { openDatabase, migrateToLatest } = await import('../../src/core/db/connect.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const { buildApp } = await import('../../src/core/http/app.ts');
  const { createApiToken, createUser } = await import('../../src/core/auth/service.ts');
  const url = `sqlite:${data.SQLITE_FILE}`;
  const database = openDatabase(url);
  await migrateToLatest(database);
  const ignore = (): void => undefined;
  const quiet = { info: ignore, warn: ignore, error: ignore };
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config: loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
    now: () => data.BENCH_NOW,
    log: quiet,
  };
  const center = await database.db.selectFrom('center').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
  const username = `bench.clock.${Date.now().toString(36)}`;
  await createUser(deps, {
    centerId: center.id,
    username,
    fullName: 'Bench',
    roles: ['director'],
    password: 'bench-password-long',
  });
  const token = (await createApiToken(deps, username, 'bench')).token;
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const get = async (path: string) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as Record<string, unknown>;
  };
  const { fromIso, toIso } = instantBounds(REPORT_RANGE);
  const month = REPORT_RANGE.from.slice(0, 7);
  const monitorSql = async () =>
    (
      await sql<{ code: string }>`SELECT d.code, d.due_at, d.extended_due_at, d.status,
        (SELECT COUNT(*) FROM dossier_event e WHERE e.dossier_id = d.id AND e.action = 'request_supplement') AS n
        FROM dossier d WHERE d.center_id = ${center.id} AND d.status IN (1, 2, 4, 5, 6)`.execute(database.db)
    ).rows.length;
  const drillSql = async () =>
    (
      await sql<{ code: string }>`SELECT code FROM dossier WHERE center_id = ${center.id} AND status IN (9, 10)
        AND ended_at >= ${fromIso} AND ended_at < ${toIso} AND (supplement_count > 1 OR (supplement_count = 0 AND ended_at > due_at))`.execute(
        database.db,
      )
    ).rows.length;
  const monitorHttp = async () => {
    const j = await get(`/api/v1/centers/${center.slug}/deadlines`);
    return Object.values(j).reduce<number>((n, l) => n + (Array.isArray(l) ? l.length : 0), 0);
  };
  const drillHttp = async () =>
    Number(
      (await get(`/api/v1/centers/${center.slug}/reports/monthly/dossiers?figure=resolvedLate&month=${month}`)).total,
    );
  const out: ClockFigure[] = [];
  try {
    for (const [label, subject, base] of [
      ['deadline monitor (GET /deadlines), one centre-year, SQLite', monitorHttp, monitorSql],
      [
        `drill-down resolvedLate ${month} (GET /reports/monthly/dossiers), one centre-year, SQLite`,
        drillHttp,
        drillSql,
      ],
    ] as const) {
      opts.progress(`${label}: ${opts.runs} runs`);
      const check = { http: await subject(), baseline: await base() };
      const h: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        let t = performance.now();
        await base();
        b.push(performance.now() - t);
        t = performance.now();
        await subject();
        h.push(performance.now() - t);
      }
      out.push({ label, http: timing(h), baseline: timing(b), check });
    }
  } finally {
    await app.close();
    await database.close();
  }
  return out;
}
