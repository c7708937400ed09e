/**
 * `npm run bench:data`: the data sets the report benchmarks read (issue 7, item 10).
 *
 * (a) One centre-year on SQLite: `data/bench-centre-year.sqlite` (git-ignored), about 50,000
 *     dossiers received from 01/12/2025 to 30/11/2026 with their events, apologies and day
 *     counters, written by the demo's history generator (src/features/demo/dossiers.ts: the rows the
 *     services would write) into a centre made through the real services (createCenter, the demo
 *     catalogue through loadInitialCatalog).
 * (b) A province on PostgreSQL: database `motcua_bench` (or --pg URL), 100 centres made through
 *     the services, centre 1 generated like (a), the 99 others copied from it in SQL
 *     (INSERT … SELECT per centre, with that centre's own procedure ids, agency code in the
 *     dossier code and explicit ids), about 5,000,000 dossiers and 25,000,000 events.
 *
 * Deterministic (seeded; a fixed "now" of 01/12/2026 00:00 in Vietnam). Reusable: a data set that
 * is complete is kept (--force rebuilds it). Options: --sqlite-only, --pg-only, --pg <url>,
 * --centres <n> (default 100), --per-day <n> (default 180, about 50,000 a year), --force.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, migrateToLatest, type Database } from '../src/core/db/connect.ts';
import { loadConfig } from '../src/config.ts';
import type { Deps } from '../src/core/deps.ts';
import { SYSTEM_ACTOR } from '../src/core/auth/access.ts';
import { createCenter, getCenter } from '../src/features/centers/service.ts';
import { loadInitialCatalog, catalogOf } from '../src/features/catalog/service.ts';
import { readCatalogFile } from '../src/features/catalog/import-file.ts';
import { inTransaction } from '../src/core/db/tx.ts';
import { loadDossierHistory } from '../src/features/demo/dossiers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SQLITE_FILE = join(ROOT, 'data', 'bench-centre-year.sqlite');
/** The 3-year centre (issue 13): the same centre over 01/12/2023 … 30/11/2026 (`--years 3`). */
export const SQLITE_3Y_FILE = join(ROOT, 'data', 'bench-centre-3y.sqlite');
export const PG_DATABASE = 'motcua_bench';
/** The province of ≈ 25 million dossiers, built on demand (`--province-25m`): 490 centres. */
export const PG_DATABASE_25M = 'motcua_bench_25m';
export const CENTRES_25M = 490;
export const DEFAULT_PG_ADMIN = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
/** The data sets' clock: everything before it happened; the last month is November 2026. */
export const BENCH_NOW = new Date('2026-11-30T17:00:00Z');
export const BENCH_FROM = '2025-12-01';
/** First day of a data set of `years` years ending with November 2026. */
export const benchFrom = (years: number) => `${2026 - years}-12-01`;
export const sqliteFileFor = (years: number) =>
  years === 1 ? SQLITE_FILE : years === 3 ? SQLITE_3Y_FILE : join(ROOT, 'data', `bench-centre-${years}y.sqlite`);
export const BENCH_TO = '2026-12-01';
export const BENCH_SLUG = (k: number) => `bench-${String(k).padStart(3, '0')}`;

const progress = (s: string) => process.stderr.write(`bench:data: ${s}\n`);
const quietLog = { info() {}, warn() {}, error() {} };

function depsFor(database: Database, url: string): Deps {
  const config = loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' });
  return { db: database.db, dialect: database.dialect, config, now: () => BENCH_NOW, log: quietLog };
}

const demo = JSON.parse(readFileSync(join(ROOT, 'data', 'demo', 'cam-giang.json'), 'utf8')) as {
  center: Record<string, unknown> & { agencyCode: string };
};
const procedures = readCatalogFile(
  'cam-giang.json',
  readFileSync(join(ROOT, 'data', 'catalog', 'cam-giang.json')),
).procedures;

/** A centre like the demo one, with the demo catalogue, through the services. */
async function makeBenchCentre(deps: Deps, k: number): Promise<number> {
  const slug = BENCH_SLUG(k);
  const id = await createCenter(deps, {
    ...(demo.center as never as Parameters<typeof createCenter>[1]),
    slug,
    name: `Trung tâm Phục vụ hành chính công xã Thử ${k}`,
    shortName: `Trung tâm PVHCC xã Thử ${k}`,
    agencyCode: `H26.B${String(k).padStart(3, '0')}`,
  });
  await loadInitialCatalog(deps, SYSTEM_ACTOR, slug, 'Danh mục mẫu (data/catalog/cam-giang.json)', procedures);
  return id;
}

async function generateCentre(deps: Deps, k: number, perDay: number, from = BENCH_FROM): Promise<number> {
  return inTransaction(deps.db, (tx) =>
    loadDossierHistory({ ...deps, db: tx }, BENCH_SLUG(k), {
      from,
      to: BENCH_TO,
      perDay,
      seed: 20260000 + k,
      now: BENCH_NOW,
    }),
  );
}

export async function buildSqlite(opts: { force: boolean; perDay: number; years?: number }): Promise<void> {
  const years = opts.years ?? 1;
  const file = sqliteFileFor(years);
  const from = benchFrom(years);
  if (existsSync(file) && !opts.force) {
    const database = openDatabase(`sqlite:${file}`);
    try {
      const n = await database.db
        .selectFrom('dossier')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      if (Number(n?.n ?? 0) > 0) {
        progress(
          `SQLite centre (${years} year${years > 1 ? 's' : ''}) present (${file}, ${Number(n!.n).toLocaleString('en')} dossiers): kept (--force rebuilds)`,
        );
        return;
      }
    } finally {
      await database.close();
    }
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const t = performance.now();
  const database = openDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(database);
    const deps = depsFor(database, `sqlite:${file}`);
    await makeBenchCentre(deps, 1);
    progress(`SQLite: generating one centre, ${years} year(s) (${from} … ${BENCH_TO}, ${opts.perDay}/working day)`);
    const n = await generateCentre(deps, 1, opts.perDay, from);
    const events = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM dossier_event`.execute(database.db);
    await sql`ANALYZE`.execute(database.db);
    progress(
      `SQLite: ${n.toLocaleString('en')} dossiers, ${Number(events.rows[0]!.n).toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(1)} s → ${file}`,
    );
  } finally {
    await database.close();
  }
}

function pgUrlOf(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function buildPostgres(opts: {
  force: boolean;
  perDay: number;
  adminUrl: string;
  centres: number;
  database?: string;
}): Promise<void> {
  const dbName = opts.database ?? PG_DATABASE;
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
    if (exists && opts.force) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    if (!exists || opts.force) await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  const url = pgUrlOf(opts.adminUrl, dbName);
  const database = openDatabase(url, { poolSize: 2 });
  const t = performance.now();
  try {
    await migrateToLatest(database);
    const deps = depsFor(database, url);
    const db = database.db;
    const complete = Number(
      (
        await sql<{
          n: string;
        }>`SELECT COUNT(*) AS n FROM center c WHERE c.slug LIKE 'bench-%' AND EXISTS (SELECT 1 FROM dossier d WHERE d.center_id = c.id)`.execute(
          db,
        )
      ).rows[0]!.n,
    );
    if (complete >= opts.centres) {
      progress(
        `PostgreSQL province present (database ${dbName}, ${complete} centres with dossiers): kept (--force rebuilds)`,
      );
      return;
    }
    // Centres (through the services), resumable.
    const have = new Set((await db.selectFrom('center').select('slug').execute()).map((r) => r.slug));
    for (let k = 1; k <= opts.centres; k++) {
      if (have.has(BENCH_SLUG(k))) continue;
      await inTransaction(db, (tx) => makeBenchCentre({ ...deps, db: tx }, k));
      if (k % 10 === 0) progress(`PostgreSQL: ${k}/${opts.centres} centres with their catalogue`);
    }
    const template = await getCenter(deps, BENCH_SLUG(1));
    const count = async (centerId: number) =>
      Number(
        (await sql<{ n: string }>`SELECT COUNT(*) AS n FROM dossier WHERE center_id = ${centerId}`.execute(db)).rows[0]!
          .n,
      );
    if ((await count(template.id)) === 0) {
      progress(`PostgreSQL: generating centre 1 (${opts.perDay}/working day)`);
      const n = await generateCentre(deps, 1, opts.perDay);
      progress(
        `PostgreSQL: centre 1 has ${n.toLocaleString('en')} dossiers (${((performance.now() - t) / 1000).toFixed(0)} s)`,
      );
    }
    const maxD = Number(
      (await sql<{ m: string }>`SELECT MAX(id) AS m FROM dossier WHERE center_id = ${template.id}`.execute(db)).rows[0]!
        .m,
    );
    const maxE = Number(
      (await sql<{ m: string }>`SELECT MAX(id) AS m FROM dossier_event WHERE center_id = ${template.id}`.execute(db))
        .rows[0]!.m,
    );
    const maxA = Number(
      (await sql<{ m: string | null }>`SELECT MAX(id) AS m FROM apology WHERE center_id = ${template.id}`.execute(db))
        .rows[0]!.m ?? 0,
    );
    const stepD = 10 ** Math.ceil(Math.log10(maxD + 1));
    const stepE = 10 ** Math.ceil(Math.log10(maxE + 1));
    const stepA = 10 ** Math.ceil(Math.log10(maxA + 1));
    if ((opts.centres - 1) * stepE + maxE >= 2 ** 31)
      throw new Error('too many events for integer ids: lower --centres or --per-day');
    const cols = [
      'procedure_code',
      'procedure_name',
      'field',
      'status',
      'channel',
      'applicant',
      'owner',
      'subject',
      'sets',
      'components',
      'received_at',
      'local_day',
      'due_at',
      'extended_due_at',
      'same_day',
      'lookup_secret',
      'supplement_count',
      'holder',
      'assigned_user_id',
      'ended_at',
      'processed_at',
      'returned_at',
      'return_method',
      'result_note',
      'digitised',
      'reused',
      'electronic_result',
      'vneid_verified',
      'created_by',
      'created_at',
      'updated_at',
      'version',
    ];
    const colList = sql.raw(cols.join(', '));
    const dColList = sql.raw(cols.map((c) => `d.${c}`).join(', '));
    const prefixLen = template.agency_code.length;
    const conn = new pg.Client({ connectionString: url });
    await conn.connect();
    try {
      for (let k = 2; k <= opts.centres; k++) {
        const c = await getCenter(deps, BENCH_SLUG(k));
        if ((await count(c.id)) > 0) continue;
        const tk = performance.now();
        const cat = await catalogOf(deps, c);
        const tcat = await catalogOf(deps, template);
        // Procedure ids of this centre by the template's ids (same catalogue, same codes).
        const pairs = [...tcat.ids].map(([code, v]) => [
          v.procedureId,
          v.versionId,
          cat.ids.get(code)!.procedureId,
          cat.ids.get(code)!.versionId,
        ]);
        const values = pairs.map((p) => `(${p.join(',')})`).join(',');
        const offD = (k - 1) * stepD;
        const offE = (k - 1) * stepE;
        const offA = (k - 1) * stepA;
        await conn.query('BEGIN');
        await conn.query('SET LOCAL session_replication_role = replica'); // foreign keys are right by construction
        await conn.query('SET LOCAL synchronous_commit = off');
        await conn.query(`CREATE TEMP TABLE IF NOT EXISTS pmap (tp int, tv int, p int, v int) ON COMMIT DELETE ROWS`);
        await conn.query(`INSERT INTO pmap VALUES ${values}`);
        await conn.query(
          sql`INSERT INTO dossier (id, center_id, code, procedure_id, procedure_version_id, ${colList})
            OVERRIDING SYSTEM VALUE
            SELECT d.id + ${sql.lit(offD)}, ${sql.lit(c.id)}, ${sql.lit(c.agency_code)} || substr(d.code, ${sql.lit(prefixLen + 1)}), m.p, m.v, ${dColList}
            FROM dossier d JOIN pmap m ON m.tv = d.procedure_version_id WHERE d.center_id = ${sql.lit(template.id)}`.compile(
            db,
          ).sql,
        );
        await conn.query(`INSERT INTO dossier_event (id, center_id, dossier_id, seq, action, from_status, to_status, actor_user_id, actor_name, at, data)
            OVERRIDING SYSTEM VALUE
            SELECT e.id + ${offE}, ${c.id}, e.dossier_id + ${offD}, e.seq, e.action, e.from_status, e.to_status, e.actor_user_id, e.actor_name, e.at, e.data
            FROM dossier_event e WHERE e.center_id = ${template.id}`);
        await conn.query(`INSERT INTO apology (id, center_id, dossier_id, round, status, reason, proposed_due_at, auto, number, number_year, drafted_by, drafted_at, decided_by, decided_at, delivered_at, delivery_channel)
            OVERRIDING SYSTEM VALUE
            SELECT a.id + ${offA}, ${c.id}, a.dossier_id + ${offD}, a.round, a.status, a.reason, a.proposed_due_at, a.auto, a.number, a.number_year, a.drafted_by, a.drafted_at, a.decided_by, a.decided_at, a.delivered_at, a.delivery_channel
            FROM apology a WHERE a.center_id = ${template.id}`);
        await conn.query(
          `INSERT INTO dossier_counter (center_id, day, last_seq) SELECT ${c.id}, day, last_seq FROM dossier_counter WHERE center_id = ${template.id}`,
        );
        await conn.query('COMMIT');
        progress(
          `PostgreSQL: centre ${k}/${opts.centres} copied in ${((performance.now() - tk) / 1000).toFixed(1)} s (${((performance.now() - t) / 60000).toFixed(1)} min so far)`,
        );
      }
      for (const table of ['dossier', 'dossier_event', 'apology']) {
        await conn.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
      }
      progress('PostgreSQL: VACUUM ANALYZE');
      await conn.query('VACUUM ANALYZE dossier');
      await conn.query('VACUUM ANALYZE dossier_event');
      await conn.query('VACUUM ANALYZE apology');
      const n = (await conn.query('SELECT COUNT(*) AS n FROM dossier')).rows[0].n;
      progress(
        `PostgreSQL: ${Number(n).toLocaleString('en')} dossiers in ${opts.centres} centres; ${((performance.now() - t) / 60000).toFixed(1)} min → ${url.replace(/:[^:@/]*@/, ':***@')}`,
      );
    } finally {
      await conn.end();
    }
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const val = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: npm run bench:data [-- --sqlite-only | --pg-only] [--years 1|3] [--pg <admin url>] [--centres 100] [--province-25m] [--per-day 180] [--force]\n' +
        '  --years 3        the 3-year centre (data/bench-centre-3y.sqlite) instead of the centre-year\n' +
        '  --province-25m   the province of ≈ 25 million dossiers (490 centres, database motcua_bench_25m)\n',
    );
    return;
  }
  const force = argv.includes('--force');
  const perDay = Number(val('--per-day') ?? 180);
  const big = argv.includes('--province-25m');
  const centres = Number(val('--centres') ?? (big ? CENTRES_25M : 100));
  const years = Number(val('--years') ?? 1);
  if (!Number.isInteger(years) || years < 1 || years > 10) throw new Error('--years takes 1 … 10');
  const adminUrl = val('--pg') ?? process.env.TEST_DATABASE_URL ?? DEFAULT_PG_ADMIN;
  if (!argv.includes('--pg-only')) await buildSqlite({ force, perDay, years });
  if (!argv.includes('--sqlite-only'))
    await buildPostgres({ force, perDay, adminUrl, centres, database: big ? PG_DATABASE_25M : PG_DATABASE });
}

if (process.argv.some((a) => a.endsWith('bench/data.ts'))) {
  await main();
  process.exit(0);
}
