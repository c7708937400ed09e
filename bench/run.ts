/**
 * `npm run bench` (`-- --quick` for a short run): the figures of ARCHITECTURE.md §7 that exist
 * today, each next to a baseline measured in the same run.
 *
 * 1. Deadline computation on the pure calendar engine, per unit, vs. a trivial Date function.
 * 2. HTTP over loopback on the real product (start() on a fresh SQLite data folder with the demo
 *    centre): the calendar deadline and days endpoints vs. a bare Fastify route.
 * 3. Memory of the process before start(), idle after start(), and idle after the load.
 * 4. The monthly report (computeMonthlyStatistics) on one centre-year (SQLite) and a province of
 *    100 centres (PostgreSQL) from `npm run bench:data`, vs. a hand-written GROUP BY; skipped,
 *    with how to make the data, when a data set is missing.
 *
 * Prints a table to stdout (progress goes to stderr) and writes bench/results/<timestamp>.json
 * and bench/results/latest.json. Stops by itself; any failure exits non-zero.
 */
import { measureProductionServer } from './lib/process-memory.ts';
import { bareSqliteTransactions, httpIntake, postgresServiceIntake, serviceIntake } from './lib/intake.ts';
import { reportFigures, REPORT_RANGE, type ReportFigure } from './lib/reports.ts';
import { syncThroughput, type SyncFigure } from './lib/sync.ts';
import { runSearchBench } from './lib/search.ts';
import { USER_GROUPS, userFigures, type UserFigures, type UserGroup } from './lib/users.ts';
import { killServers } from './lib/serve.ts';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Running } from '../src/main.ts';
import { computeDeadline, createWorkCalendar, toIsoVn } from '../src/core/calendar/index.ts';
import { benchCalendarConfig, runComputeBench, type ComputeResult } from './compute.ts';
import { receiptInstants, UNIT_CASES } from './lib/instants.ts';
import { killLoadClients, measure, type LoadResult } from './lib/load.ts';
import { fmtKb, fmtMb, fmtMs, fmtNs, fmtRate, fmtRatio, round } from './lib/stats.ts';
import { runSigningBench } from './signing.ts';

// ---------------------------------------------------------------------------------------------
// Options

const USAGE =
  'usage: npm run bench [-- --quick] [-- --only <group>] [-- --province-25m]\n' +
  '  --quick  short run for a smoke check (CI); figures are noisier\n' +
  '  --only sync       only the DVCQG sync throughput against the simulator\n' +
  '  --only signing    only the signing throughput section (issue 14)\n' +
  "  --only clock (or --clock)  only the deadline monitor and a month's drill-down on the centre-year data set\n" +
  '  --only reports    console monthly page, scorecard, year report, historical month (centre-year and 3-year sets)\n' +
  '  --only lists      drill-down list, dossier list page 1 and page 1000 (centre-year and 3-year sets)\n' +
  '  --only exports    year tracking book PDF and XLSX: time, peak RSS, RSS after (centre-year set)\n' +
  '  --only public     public page throughput alone and beside a director’s year report loop (centre-year set)\n' +
  '  --only province   province month, quarter, year over HTTP on PostgreSQL (motcua_bench)\n' +
  '  --only intake     intake over HTTP with a bearer token at 10 / 50 / 200 connections\n' +
  '  --province-25m    the province figures on motcua_bench_25m (npm run bench:data -- --pg-only --province-25m)\n';
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const ONLY = ['sync', 'signing', 'clock', ...USER_GROUPS] as const;
const onlyEq = argv.find((a) => a.startsWith('--only='));
const onlyAt = argv.indexOf('--only');
const only = argv.includes('--clock')
  ? 'clock'
  : onlyEq
    ? onlyEq.slice('--only='.length)
    : onlyAt >= 0
      ? argv[onlyAt + 1]
      : undefined;
if ((onlyEq || onlyAt >= 0) && !ONLY.some((o) => o === only)) {
  process.stderr.write(`bench: --only takes ${ONLY.join(' or ')}\n${USAGE}`);
  process.exit(2);
}
const unknown = argv.filter(
  (a, i) =>
    a !== '--quick' &&
    a !== '--clock' &&
    a !== '--province-25m' &&
    a !== onlyEq &&
    i !== onlyAt &&
    !(onlyAt >= 0 && i === onlyAt + 1),
);
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
const quick = argv.includes('--quick');
const onlySigning = only === 'signing';

const SETTINGS = quick
  ? {
      mode: 'quick',
      instants: 1024,
      rounds: 3,
      roundMs: 60,
      warmupMs: 300,
      buildSamples: 20,
      concurrency: 10,
      httpWarmupMs: 300,
      httpDurationMs: 1500,
      idleMs: 1000,
      watchdogMs: 180_000,
    }
  : {
      mode: 'full',
      instants: 4096,
      rounds: 7,
      roundMs: 250,
      warmupMs: 1500,
      buildSamples: 100,
      concurrency: 10,
      httpWarmupMs: 1000,
      httpDurationMs: 5000,
      idleMs: 1000,
      watchdogMs: 480_000,
    };

// 6. Only the one-clock figures (issue 11): the deadline monitor and a month's drill-down on the
//    centre-year data set over HTTP, each beside a hand-written SQL query of the same set.
if (only === 'clock') {
  const { clockFigures } = await import('./lib/clock.ts');
  const r = await clockFigures({ runs: quick ? 5 : 20, progress: (x) => process.stderr.write(`${x}\n`) });
  if ('skipped' in r) process.stdout.write(`skipped: ${r.skipped}\n`);
  else {
    process.stdout.write(
      '| Figure | HTTP p50 | HTTP p99 | Baseline SQL p50 | Ratio (p50) | Rows (HTTP / SQL) |\n|---|---|---|---|---|---|\n',
    );
    for (const f of r)
      process.stdout.write(
        `| ${f.label} | ${f.http.p50.toFixed(1)} ms | ${f.http.p99.toFixed(1)} ms | ${f.baseline.p50.toFixed(2)} ms | ${(f.http.p50 / f.baseline.p50).toFixed(1)}× | ${f.check.http} / ${f.check.baseline} |\n`,
      );
  }
  process.exit(0);
}

const HOST = '127.0.0.1';
const CENTER = 'cam-giang';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Clean-up: every resource registers how to release it; run in reverse order, each bounded.

const cleanups: { name: string; fn: () => Promise<void> | void }[] = [];
function onCleanup(name: string, fn: () => Promise<void> | void): void {
  cleanups.push({ name, fn });
}
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killLoadClients();
    killServers();
    while (cleanups.length > 0) {
      const c = cleanups.pop()!;
      try {
        await Promise.race([
          Promise.resolve().then(c.fn),
          sleep(5000).then(() => {
            throw new Error('timed out after 5 s');
          }),
        ]);
      } catch (err) {
        process.stderr.write(
          `bench: clean-up “${c.name}” failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
      }
    }
  })();
  return cleaning;
}

async function fail(message: string, code = 1): Promise<never> {
  process.stderr.write(`\nbench: FAILED — ${message}\n`);
  killServers(); // also after the in-process clean-up has run (the user figures come after it)
  killLoadClients();
  await cleanup();
  process.exit(code);
}

let watchdog = setTimeout(
  () => void fail(`did not finish within ${SETTINGS.watchdogMs / 1000} s (watchdog)`),
  SETTINGS.watchdogMs,
);
/** The figures of what users do take longer on the big data sets: the watchdog is re-armed for them. */
function rearmWatchdog(ms: number): void {
  clearTimeout(watchdog);
  watchdog = setTimeout(() => void fail(`did not finish within ${ms / 1000} s of the user figures (watchdog)`), ms);
}
const userOptions = () => ({
  root: ROOT,
  quick,
  pgAdminUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  pgDatabase: process.env.BENCH_PG_DATABASE ?? (argv.includes('--province-25m') ? 'motcua_bench_25m' : 'motcua_bench'),
  progress,
});
const USER_WATCHDOG_MS = 60 * 60_000;
process.once('SIGINT', () => void fail('interrupted (SIGINT)', 130));
process.once('SIGTERM', () => void fail('terminated (SIGTERM)', 143));

// ---------------------------------------------------------------------------------------------
// Machine and memory

/** Set when Node runs with --expose-gc: memory is then read after a full collection. */
const forceGc = (globalThis as { gc?: () => void }).gc;

interface Mem {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}
function mem(): Mem {
  forceGc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuSpeedMHz: cpus[0]?.speed ?? null,
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    hostname: os.hostname(),
  };
}

function portOf(server: Server): number {
  const a = server.address();
  if (typeof a !== 'object' || a === null) throw new Error('server is not listening on a TCP port');
  return a.port;
}

// ---------------------------------------------------------------------------------------------
// HTTP scenarios

function deadlinePath(receivedAt: Date, unit: string, amount: number | undefined): string {
  const q = new URLSearchParams({ center: CENTER, receivedAt: toIsoVn(receivedAt), unit });
  if (amount !== undefined) q.set('amount', String(amount));
  return `/api/v1/calendar/deadline?${q.toString()}`;
}

const DEMO_CODES: string[] = (
  JSON.parse(
    readFileSync(join(fileURLToPath(new URL('..', import.meta.url)), 'data', 'catalog', 'cam-giang.json'), 'utf8'),
  ) as { procedures: { code: string; status?: string }[] }
).procedures
  .filter((p) => p.status !== 'abolished')
  .map((p) => p.code);
const INTAKE_PROCEDURE = '1.001193'; // Đăng ký khai sinh
/** The procedure search's budgets (were assertions in search.test.ts until issue 12). */
const SEARCH_BUILD_BUDGET_MS = 500;
const SEARCH_QUERY_BUDGET_US = 1000;
const SEARCH_QUERIES = [
  'khai tu',
  'đăng ký khai sinh',
  'chung thuc ban sao',
  'ho kinh doanh',
  'ket hon',
  'bhyt',
  'giay phep xay dung',
  'nguoi co cong',
];

/** Bytes a browser downloads for a procedure page: its HTML (largest and mean) and the stylesheet. */
async function measurePageWeight(
  port: number,
  paths: string[],
): Promise<{ maxHtml: number; meanHtml: number; css: number }> {
  let max = 0;
  let total = 0;
  for (const p of paths) {
    const res = await fetch(`http://${HOST}:${port}${p}`);
    if (res.status !== 200) throw new Error(`GET ${p} → HTTP ${res.status}`);
    const n = (await res.arrayBuffer()).byteLength;
    max = Math.max(max, n);
    total += n;
  }
  const css = (await (await fetch(`http://${HOST}:${port}/assets/app.css`)).arrayBuffer()).byteLength;
  return { maxHtml: max, meanHtml: total / paths.length, css };
}

const DAYS_PATH = `/api/v1/calendar/days?center=${CENTER}&from=2026-01-01&to=2026-12-31`;

/** The deadline API must agree with the pure engine the compute figures measure. */
async function crossCheck(port: number, instants: readonly Date[]): Promise<number> {
  const cal = createWorkCalendar(benchCalendarConfig());
  let checked = 0;
  for (const c of UNIT_CASES) {
    for (const at of instants.slice(0, 24)) {
      const path = deadlinePath(at, c.unit, c.amount);
      const res = await fetch(`http://${HOST}:${port}${path}`, { headers: { accept: 'application/json' } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} → HTTP ${res.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { dueAtUtc?: string };
      const expected = computeDeadline(cal, { receivedAt: at, amount: c.amount, unit: c.unit }).dueAt.toISOString();
      if (body.dueAtUtc !== expected) {
        throw new Error(
          `GET ${path} returned dueAtUtc ${String(body.dueAtUtc)}, the engine computes ${expected}: the demo centre's calendar differs from the benchmark's configuration`,
        );
      }
      checked++;
    }
  }
  const res = await fetch(`http://${HOST}:${port}${DAYS_PATH}`, { headers: { accept: 'application/json' } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${DAYS_PATH} → HTTP ${res.status}: ${text.slice(0, 300)}`);
  const days = (JSON.parse(text) as { days?: unknown[] }).days;
  if (!Array.isArray(days) || days.length !== 365)
    throw new Error(`GET ${DAYS_PATH} returned ${Array.isArray(days) ? days.length : 'no'} days, expected 365`);
  return checked + 1;
}

// ---------------------------------------------------------------------------------------------
// Table

interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
}
interface Section {
  title: string;
  rows: Row[];
}

function renderTable(sections: Section[]): string {
  const head: Row = { figure: 'Figure', value: 'Value', baseline: 'Baseline', ratio: 'Ratio', budget: 'Budget' };
  const titles: Row[] = sections.map((s) => ({
    figure: `**${s.title}**`,
    value: '',
    baseline: '',
    ratio: '',
    budget: '',
  }));
  const all = [head, ...titles, ...sections.flatMap((s) => s.rows)];
  const keys = ['figure', 'value', 'baseline', 'ratio', 'budget'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<
    (typeof keys)[number],
    number
  >;
  const line = (r: Row) =>
    `| ${keys.map((k) => (k === 'figure' || k === 'budget' ? r[k].padEnd(width[k]) : r[k].padStart(width[k]))).join(' | ')} |`;
  const rule = `|${keys.map((k) => (k === 'figure' || k === 'budget' ? `:${'-'.repeat(width[k] + 1)}` : `${'-'.repeat(width[k] + 1)}:`)).join('|')}|`;
  const out = [line(head), rule];
  for (const s of sections) {
    out.push(line({ figure: `**${s.title}**`, value: '', baseline: '', ratio: '', budget: '' }));
    for (const r of s.rows) out.push(line(r));
  }
  return out.join('\n');
}

const check = (ok: boolean, text: string) => `${text} ${ok ? '✓' : '✗ OVER'}`;

// ---------------------------------------------------------------------------------------------
// Main

function syncRows(f: SyncFigure): Row[] {
  return [
    {
      figure: `baseline: bare HTTP POST of the same HoSo bodies to the simulator, ${f.concurrency} at a time`,
      value: fmtRate(f.bare.perSecond),
      baseline: '',
      ratio: '1.00×',
      budget: '',
    },
    {
      figure: 'sync worker: claim in order, POST, acknowledge + audit (SQLite)',
      value: fmtRate(f.sync.perSecond),
      baseline: fmtRate(f.bare.perSecond),
      ratio: fmtRatio(f.bare.perSecond / f.sync.perSecond),
      budget: '',
    },
  ];
}
const syncTitle = (f: SyncFigure) =>
  `DVCQG sync against the local portal simulator (${f.messages} messages, loopback HTTP)`;

/** `--only sync`: just the sync figure, printed as a table (no results file). */
async function mainSyncOnly(): Promise<number> {
  progress('DVCQG sync throughput against the simulator');
  const f = await syncThroughput(quick ? 300 : 2000);
  process.stdout.write(renderTable([{ title: syncTitle(f), rows: syncRows(f) }]) + '\n');
  return 0;
}

/** Signing throughput next to the unsigned render of the same document, same run (bench/signing.ts). */
async function signingSection(): Promise<Section> {
  const seconds = quick ? 2 : 8;
  progress(`signing: ${String(seconds)} s each — unsigned render, PKCS#12, SoftHSM (PKCS#11)`);
  const r = await runSigningBench(seconds);
  const row = (figure: string, x: { perSecond: number; meanMs: number; bytes: number }, base: boolean): Row => ({
    figure,
    value: `${fmtRate(x.perSecond)} (${fmtMs(x.meanMs)} each, ${fmtKb(x.bytes)})`,
    baseline: base ? '' : fmtRate(r.unsigned.perSecond),
    ratio: base ? '1.00×' : fmtRatio(r.unsigned.perSecond / x.perSecond),
    budget: '',
  });
  return {
    title: `Digital signatures, one process, sequential (${String(seconds)} s each)`,
    rows: [
      row('baseline: render a one-page Decree 30 letter (pdfkit), unsigned', r.unsigned, true),
      row('render + sign PAdES B-B with images, PKCS#12 file', r.pkcs12, false),
      ...(r.pkcs11 ? [row('render + sign PAdES B-B with images, SoftHSM token (pkcs11-tool)', r.pkcs11, false)] : []),
    ],
  };
}

/** `--only <group>` of the user figures: their table, and a results file of their own. */
async function mainUserOnly(group: UserGroup): Promise<number> {
  rearmWatchdog(USER_WATCHDOG_MS);
  const startedAt = new Date();
  const f = await userFigures(new Set([group]), userOptions());
  clearTimeout(watchdog);
  const table = renderTable(f.sections);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${group}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ schema: 1, bench: group, mode: SETTINGS.mode, startedAt: startedAt.toISOString(), git: git(['rev-parse', 'HEAD']), machine: machine(), ...f.json, budgets: f.budgets, table }, null, 2)}\n`,
  );
  process.stdout.write(`${table}\n\nResults: ${file.replace(ROOT, '')}\n`);
  const over = f.budgets.filter((b) => !b.ok);
  if (over.length > 0)
    process.stdout.write(`Over budget: ${over.map((b) => `${b.name} = ${b.value} (${b.limit})`).join('; ')}\n`);
  return 0;
}

async function main(): Promise<number> {
  if (only === 'sync') return mainSyncOnly();
  if (USER_GROUPS.some((g) => g === only)) return mainUserOnly(only as UserGroup);
  if (onlySigning) {
    process.stdout.write(`${renderTable([await signingSection()])}\n`);
    return 0;
  }
  const startedAt = new Date();
  const t0 = performance.now();
  const memAtLaunch = mem();
  const info = machine();
  const commit = git(['rev-parse', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  progress(`${SETTINGS.mode} run on ${info.cpus} × ${info.cpuModel}, Node ${info.node}`);

  // 1. Pure deadline computation.
  const instants = receiptInstants(SETTINGS.instants);
  progress(
    `deadline computation: ${SETTINGS.rounds} rounds × ${UNIT_CASES.length + 1} subjects × ${SETTINGS.roundMs} ms over ${instants.length} receipt instants`,
  );
  const compute: ComputeResult = runComputeBench({
    instants,
    rounds: SETTINGS.rounds,
    roundMs: SETTINGS.roundMs,
    warmupMs: SETTINGS.warmupMs,
    buildSamples: SETTINGS.buildSamples,
  });
  progress("procedure search, pure engine: index of 300 procedures, the citizens' query set");
  const searchEngine = runSearchBench(ROOT, { rounds: SETTINGS.rounds, buildSamples: SETTINGS.buildSamples });

  // 2. The product on a fresh SQLite data folder, and a bare Fastify app. The product's modules
  // are imported only now, so the memory figures show what loading them costs.
  const memBeforeImport = mem();
  const { loadConfig } = await import('../src/config.ts');
  const { start } = await import('../src/main.ts');
  const { default: Fastify } = await import('fastify');
  const memBeforeStart = mem();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'motcua-bench-'));
  onCleanup('remove temporary data folder', () => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  const config = loadConfig({ PORT: '0', HOST, DATA_DIR: dataDir, DEMO: 'auto', LOG_LEVEL: 'silent' });
  progress(`starting the product on ${dataDir} (migrations + demo centre)`);
  const tStart = performance.now();
  const running: Running = await start(config, { quiet: true });
  const startMs = performance.now() - tStart;
  onCleanup('stop the product', () => running.stop());
  const productServer = running.app.server;
  const productPort = portOf(productServer);

  await sleep(SETTINGS.idleMs);
  const memAfterStartIdle = mem();

  const bare: FastifyInstance = Fastify({ logger: false });
  bare.get('/', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: HOST });
  onCleanup('stop the bare Fastify app', () => bare.close());
  const barePort = portOf(bare.server);

  progress('checking the deadline API against the engine');
  const checkedRequests = await crossCheck(productPort, instants);

  const deadlinePaths = UNIT_CASES.flatMap((c) =>
    instants.slice(0, 64).map((at) => deadlinePath(at, c.unit, c.amount)),
  );
  const job = (port: number, paths: string[]) => ({
    host: HOST,
    port,
    paths,
    concurrency: SETTINGS.concurrency,
    warmupMs: SETTINGS.httpWarmupMs,
    durationMs: SETTINGS.httpDurationMs,
  });
  const secs = `${SETTINGS.httpDurationMs / 1000} s`;
  progress(`HTTP: bare Fastify route, ${SETTINGS.concurrency} connections, ${secs}`);
  const httpBare: LoadResult = await measure('bare Fastify route', bare.server, job(barePort, ['/']));
  progress(`HTTP: calendar deadline, ${deadlinePaths.length} distinct queries, ${secs}`);
  const httpDeadline: LoadResult = await measure('calendar deadline', productServer, job(productPort, deadlinePaths));
  progress(`HTTP: calendar days for 2026, ${secs}`);
  const httpDays: LoadResult = await measure('calendar days (2026)', productServer, job(productPort, [DAYS_PATH]));
  // Public catalogue pages (issue: public transparency): every procedure page of the demo centre,
  // the search page with citizens' queries, and the JSON feed.
  const procedurePaths = DEMO_CODES.map((c) => `/${CENTER}/thu-tuc/${c}`);
  const searchPaths = SEARCH_QUERIES.map((q) => `/${CENTER}/thu-tuc?q=${encodeURIComponent(q)}`);
  const pageWeight = await measurePageWeight(productPort, procedurePaths);
  progress(`HTTP: public procedure pages (${procedurePaths.length}), ${secs}`);
  const httpProcedure: LoadResult = await measure(
    'public procedure page',
    productServer,
    job(productPort, procedurePaths),
  );
  progress(`HTTP: public search page (${searchPaths.length} queries), ${secs}`);
  const httpSearch: LoadResult = await measure('public search page', productServer, job(productPort, searchPaths));
  progress(`HTTP: procedures feed API, ${secs}`);
  const httpFeed: LoadResult = await measure(
    'procedures feed (JSON, q=)',
    productServer,
    job(
      productPort,
      SEARCH_QUERIES.map((q) => `/api/v1/centers/${CENTER}/procedures?q=${encodeURIComponent(q)}`),
    ),
  );

  // 3. Idle memory after the load (the load clients have exited; the bare app is closed first).
  await bare.close();
  await sleep(SETTINGS.idleMs);
  const memAfterLoadIdle = mem();

  // 4. Dossier intake on the running product (SQLite): through the service and through HTTP.
  const intakeN = SETTINGS.mode === 'quick' ? 300 : 2000;
  const { makeDeps } = await import('../src/main.ts');
  const { createApiToken } = await import('../src/core/auth/service.ts');
  const productDeps = makeDeps(config, running.database, { info() {}, warn() {}, error() {} });
  progress(`intake: ${intakeN} dossiers through the service, and the bare SQLite baseline`);
  const intakeBare = bareSqliteTransactions(intakeN);
  const intakeService = await serviceIntake(productDeps, CENTER, INTAKE_PROCEDURE, intakeN);
  progress(`intake: ${intakeN} POSTs over HTTP (10 connections), and a bare Fastify POST route`);
  const token = (await createApiToken(productDeps, 'tiepnhan', 'bench')).token;
  const intakeHttp = await httpIntake(productPort, CENTER, token, INTAKE_PROCEDURE, intakeN);
  progress('DVCQG sync throughput against the simulator');
  const syncFig = await syncThroughput(quick ? 300 : 2000);
  const pgUrl = process.env.TEST_DATABASE_URL;
  let intakePg: Awaited<ReturnType<typeof postgresServiceIntake>> | null = null;
  if (pgUrl) {
    progress(`intake: ${intakeN} dossiers through the service on PostgreSQL (TEST_DATABASE_URL)`);
    intakePg = await postgresServiceIntake(pgUrl, intakeN);
  }

  // 5. The monthly report on the bench:data sets (skipped when absent, as in CI).
  const reportRuns = SETTINGS.mode === 'quick' ? 3 : 10;
  const reports = await reportFigures({ runs: reportRuns, pgAdminUrl: pgUrl, progress });

  // Done measuring in this process: release everything, then measure the production server
  // (the dist bundle that `npm start` runs) in its own process.
  await cleanup();
  // 6. What users do (issue 13 item 7): the product npm start runs, over HTTP, on the data sets.
  rearmWatchdog(USER_WATCHDOG_MS);
  const users: UserFigures = await userFigures(new Set(USER_GROUPS), userOptions());
  progress('idle memory of the production server process (npm start: dist bundle, demo data)');
  const prod = await measureProductionServer(ROOT, SETTINGS.idleMs);
  clearTimeout(watchdog);
  const finishedAt = new Date();

  // -------------------------------------------------------------------------------------------
  // Report

  const base = compute.baseline;
  const computeRows: Row[] = [
    {
      figure: `baseline: ${base.description}`,
      value: `${fmtRate(base.callsPerSecond)} (${fmtNs(base.nsPerCall)})`,
      baseline: '',
      ratio: '1.00×',
      budget: '',
    },
    ...compute.units.map((u) => ({
      figure: `computeDeadline ${u.label}`,
      value: `${fmtRate(u.callsPerSecond)} (${fmtNs(u.nsPerCall)})`,
      baseline: fmtRate(base.callsPerSecond),
      ratio: fmtRatio(u.ratioToBaseline),
      budget: `${((u.nsPerCall / 1e6) * 100).toFixed(2)}% of 1 ms/intake`,
    })),
    {
      figure: 'calendar build + first deadlines (cold, per centre per 10 s)',
      value: fmtMs(compute.calendarBuild.medianMs),
      baseline: '',
      ratio: '',
      budget: '',
    },
    {
      figure: `search index build (${searchEngine.procedures} procedures)`,
      value: fmtMs(searchEngine.buildMs),
      baseline: '',
      ratio: '',
      budget: check(searchEngine.buildMs < SEARCH_BUILD_BUDGET_MS, `< ${SEARCH_BUILD_BUDGET_MS} ms`),
    },
    {
      figure: `search, one query (${searchEngine.queries} citizens' queries, limit 10)`,
      value: `${searchEngine.queryUs.toFixed(1)} µs`,
      baseline: `${searchEngine.baselineQueryUs.toFixed(1)} µs (substring scan of names)`,
      ratio: fmtRatio(searchEngine.queryUs / searchEngine.baselineQueryUs),
      budget: check(searchEngine.queryUs < SEARCH_QUERY_BUDGET_US, `< ${SEARCH_QUERY_BUDGET_US} µs`),
    },
  ];

  const SERVER_P99_BUDGET_MS = 10;
  const httpRows = (r: LoadResult, withBudget: boolean): Row[] => [
    {
      figure: `${r.label}: requests/s`,
      value: fmtRate(r.requestsPerSecond),
      baseline: fmtRate(httpBare.requestsPerSecond),
      ratio: fmtRatio(httpBare.requestsPerSecond / r.requestsPerSecond),
      budget: '',
    },
    {
      figure: `${r.label}: latency p50`,
      value: fmtMs(r.latencyMs.p50),
      baseline: fmtMs(httpBare.latencyMs.p50),
      ratio: fmtRatio(r.latencyMs.p50 / httpBare.latencyMs.p50),
      budget: '',
    },
    {
      figure: `${r.label}: latency p99`,
      value: fmtMs(r.latencyMs.p99),
      baseline: fmtMs(httpBare.latencyMs.p99),
      ratio: fmtRatio(r.latencyMs.p99 / httpBare.latencyMs.p99),
      budget: '',
    },
    {
      figure: `${r.label}: server time p99`,
      value: fmtMs(r.serverMs.p99),
      baseline: fmtMs(httpBare.serverMs.p99),
      ratio: fmtRatio(r.serverMs.p99 / httpBare.serverMs.p99),
      budget: withBudget ? check(r.serverMs.p99 < SERVER_P99_BUDGET_MS, `< ${SERVER_P99_BUDGET_MS} ms`) : '',
    },
  ];
  const bareRows: Row[] = [
    {
      figure: 'bare Fastify route {ok:true}: requests/s',
      value: fmtRate(httpBare.requestsPerSecond),
      baseline: '',
      ratio: '1.00×',
      budget: '',
    },
    {
      figure: 'bare Fastify route: latency p50 / p99',
      value: `${fmtMs(httpBare.latencyMs.p50)} / ${fmtMs(httpBare.latencyMs.p99)}`,
      baseline: '',
      ratio: '',
      budget: '',
    },
    {
      figure: 'bare Fastify route: server time p50 / p99',
      value: `${fmtMs(httpBare.serverMs.p50)} / ${fmtMs(httpBare.serverMs.p99)}`,
      baseline: '',
      ratio: '',
      budget: '',
    },
  ];
  const daysRows = httpRows(httpDays, true);
  daysRows.push({
    figure: `${httpDays.label}: response size`,
    value: fmtKb(httpDays.meanBytes),
    baseline: fmtKb(httpBare.meanBytes),
    ratio: '',
    budget: '',
  });

  const RSS_BUDGET = 150 * 1024 * 1024;
  const gcNote = forceGc ? ', after a forced GC' : '';
  const memoryRows: Row[] = [
    {
      figure: 'npm start server process (dist bundle), idle RSS with demo data',
      value: fmtMb(prod.serverIdleRss),
      baseline: fmtMb(prod.bareNodeRss),
      ratio: fmtRatio(prod.serverIdleRss / prod.bareNodeRss),
      budget: check(prod.serverIdleRss < RSS_BUDGET, '< 150 MB'),
    },
    {
      figure: 'npm start server process, settled (8 s quiet: after its idle reclaim, decision 054)',
      value: fmtMb(prod.serverSettledRss),
      baseline: fmtMb(prod.bareNodeRss),
      ratio: fmtRatio(prod.serverSettledRss / prod.bareNodeRss),
      budget: '',
    },
    {
      figure: 'baseline: a bare Node process idle RSS (same run)',
      value: fmtMb(prod.bareNodeRss),
      baseline: '',
      ratio: '1.00×',
      budget: '',
    },
    { figure: 'build of the dist bundle (esbuild)', value: fmtMs(prod.buildMs), baseline: '', ratio: '', budget: '' },
    {
      figure: 'RSS before loading the product (Node, TS loader, bench harness)',
      value: fmtMb(memBeforeImport.rss),
      baseline: '',
      ratio: '',
      budget: '',
    },
    {
      figure: 'RSS before start() (product modules loaded)',
      value: fmtMb(memBeforeStart.rss),
      baseline: fmtMb(memBeforeImport.rss),
      ratio: fmtRatio(memBeforeStart.rss / memBeforeImport.rss),
      budget: '',
    },
    {
      figure: `RSS idle after start() in the bench process, sources + TS loader (1 s idle${gcNote})`,
      value: fmtMb(memAfterStartIdle.rss),
      baseline: fmtMb(memBeforeStart.rss),
      ratio: fmtRatio(memAfterStartIdle.rss / memBeforeStart.rss),
      budget: '',
    },
    {
      figure: `RSS after the HTTP load (1 s idle${gcNote}; high-water mark)`,
      value: fmtMb(memAfterLoadIdle.rss),
      baseline: fmtMb(memBeforeStart.rss),
      ratio: fmtRatio(memAfterLoadIdle.rss / memBeforeStart.rss),
      budget: '',
    },
    {
      figure: 'heap used: before start / idle after start / after load',
      value: `${fmtMb(memBeforeStart.heapUsed)} / ${fmtMb(memAfterStartIdle.heapUsed)} / ${fmtMb(memAfterLoadIdle.heapUsed)}`,
      baseline: '',
      ratio: '',
      budget: '',
    },
    {
      figure: 'start() on a new database (migrations + demo centre)',
      value: fmtMs(startMs),
      baseline: '',
      ratio: '',
      budget: '',
    },
  ];

  const sections: Section[] = [
    {
      title: `Deadline computation, pure engine (median of ${compute.rounds} rounds, ${compute.instants} instants)`,
      rows: computeRows,
    },
    {
      title: `HTTP over 127.0.0.1, ${SETTINGS.concurrency} keep-alive connections, ${secs} each`,
      rows: [...bareRows, ...httpRows(httpDeadline, true), ...daysRows],
    },
    {
      title: 'Public catalogue pages (demo centre, 56 procedures)',
      rows: [
        ...httpRows(httpProcedure, true),
        {
          figure: 'public procedure page: weight (HTML max / mean + CSS; no JS, no images)',
          value: `${fmtKb(pageWeight.maxHtml + pageWeight.css)} / ${fmtKb(pageWeight.meanHtml + pageWeight.css)}`,
          baseline: fmtKb(httpBare.meanBytes),
          ratio: '',
          budget: check(pageWeight.maxHtml + pageWeight.css < 50 * 1024, '< 50 KB'),
        },
        ...httpRows(httpSearch, true),
        ...httpRows(httpFeed, false),
      ],
    },
    {
      title: `Dossier intake on SQLite, one process (validate, code, appointment, insert + event in one transaction; ${intakeN} each)`,
      rows: [
        {
          figure: 'baseline: bare node:sqlite transaction, 2 INSERTs (WAL, synchronous=FULL)',
          value: fmtRate(intakeBare.perSecond),
          baseline: '',
          ratio: '1.00×',
          budget: '',
        },
        {
          figure: 'intake through the service',
          value: fmtRate(intakeService.perSecond),
          baseline: fmtRate(intakeBare.perSecond),
          ratio: fmtRatio(intakeBare.perSecond / intakeService.perSecond),
          budget: check(intakeService.perSecond > 1000, '> 1,000/s'),
        },
        ...(intakePg
          ? [
              {
                figure: 'intake through the service on PostgreSQL (one process, pool of 10)',
                value: fmtRate(intakePg.perSecond),
                baseline: fmtRate(intakeBare.perSecond),
                ratio: fmtRatio(intakeBare.perSecond / intakePg.perSecond),
                budget: '',
              },
            ]
          : []),
        {
          figure: 'baseline: bare Fastify POST route, same JSON body, 10 connections',
          value: fmtRate(intakeHttp.bare.perSecond),
          baseline: '',
          ratio: '1.00×',
          budget: '',
        },
        {
          figure: 'intake through HTTP (POST /api/v1/centers/…/dossiers, bearer token)',
          value: fmtRate(intakeHttp.product.perSecond),
          baseline: fmtRate(intakeHttp.bare.perSecond),
          ratio: fmtRatio(intakeHttp.bare.perSecond / intakeHttp.product.perSecond),
          budget: '',
        },
      ],
    },
    { title: syncTitle(syncFig), rows: syncRows(syncFig) },
    {
      title: `Monthly report ${REPORT_RANGE.from} … ${REPORT_RANGE.to}, computeMonthlyStatistics (median / p99 of ${reportRuns} runs)`,
      rows: [
        ...reportRows(reports.sqlite, REPORT_SQLITE_BUDGET_MS),
        ...reportRows(reports.postgres, REPORT_PG_BUDGET_MS),
      ],
    },
    ...users.sections,
    { title: 'Memory', rows: memoryRows },
    await signingSection(),
  ];
  const table = renderTable(sections);

  const budgets = [
    {
      name: 'calendar deadline API: server time p99 (public endpoint; §7 public page budget)',
      limit: `< ${SERVER_P99_BUDGET_MS} ms`,
      value: round(httpDeadline.serverMs.p99),
      ok: httpDeadline.serverMs.p99 < SERVER_P99_BUDGET_MS,
    },
    {
      name: 'dossier intake through the service on SQLite',
      limit: '> 1,000/s',
      value: round(intakeService.perSecond, 0),
      ok: intakeService.perSecond > 1000,
    },
    {
      name: 'public procedure page: server time p99',
      limit: `< ${SERVER_P99_BUDGET_MS} ms`,
      value: round(httpProcedure.serverMs.p99),
      ok: httpProcedure.serverMs.p99 < SERVER_P99_BUDGET_MS,
    },
    {
      name: 'public procedure page: total weight (largest page + CSS)',
      limit: '< 50 KB',
      value: round((pageWeight.maxHtml + pageWeight.css) / 1024, 1),
      ok: pageWeight.maxHtml + pageWeight.css < 50 * 1024,
    },
    {
      name: 'calendar days API (full year): server time p99 (§7 public page budget)',
      limit: `< ${SERVER_P99_BUDGET_MS} ms`,
      value: round(httpDays.serverMs.p99),
      ok: httpDays.serverMs.p99 < SERVER_P99_BUDGET_MS,
    },
    {
      name: 'idle RSS of the npm start server process with demo data',
      limit: '< 150 MB',
      value: round(prod.serverIdleRss / 1024 / 1024, 1),
      ok: prod.serverIdleRss < RSS_BUDGET,
    },
    ...reportBudget(reports.sqlite, 'monthly report, one centre-year, SQLite (median)', REPORT_SQLITE_BUDGET_MS),
    ...reportBudget(
      reports.postgres,
      'monthly report, province of 100 centres, PostgreSQL (median)',
      REPORT_PG_BUDGET_MS,
    ),
    ...users.budgets,
  ];

  const json = {
    schema: 1,
    bench: 'calendar',
    mode: SETTINGS.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: round(performance.now() - t0, 0),
    git: { commit, dirty: dirty === null ? null : dirty.length > 0 },
    machine: info,
    settings: { ...SETTINGS, host: HOST, center: CENTER, units: UNIT_CASES },
    searchEngine: {
      ...searchEngine,
      buildMs: round(searchEngine.buildMs, 2),
      queryUs: round(searchEngine.queryUs, 2),
      baselineQueryUs: round(searchEngine.baselineQueryUs, 2),
    },
    compute: {
      ...compute,
      baseline: {
        ...compute.baseline,
        callsPerSecond: round(compute.baseline.callsPerSecond, 0),
        nsPerCall: round(compute.baseline.nsPerCall, 1),
        roundsCallsPerSecond: compute.baseline.roundsCallsPerSecond.map((x) => round(x, 0)),
      },
      units: compute.units.map((u) => ({
        ...u,
        callsPerSecond: round(u.callsPerSecond, 0),
        nsPerCall: round(u.nsPerCall, 1),
        ratioToBaseline: round(u.ratioToBaseline, 2),
        roundsCallsPerSecond: u.roundsCallsPerSecond.map((x) => round(x, 0)),
      })),
      calendarBuild: {
        ...compute.calendarBuild,
        medianMs: round(compute.calendarBuild.medianMs),
        p90Ms: round(compute.calendarBuild.p90Ms),
      },
    },
    http: {
      crossCheckedRequests: checkedRequests,
      bare: roundLoad(httpBare),
      deadline: {
        ...roundLoad(httpDeadline),
        ratioRequestsPerSecond: round(httpBare.requestsPerSecond / httpDeadline.requestsPerSecond, 2),
      },
      intake: {
        n: intakeN,
        bareSqlite: intakeBare,
        service: intakeService,
        http: intakeHttp.product,
        bareHttp: intakeHttp.bare,
        postgresService: intakePg,
      },
      procedurePage: { ...roundLoad(httpProcedure), weight: pageWeight },
      searchPage: roundLoad(httpSearch),
      feed: roundLoad(httpFeed),
      days: {
        ...roundLoad(httpDays),
        ratioRequestsPerSecond: round(httpBare.requestsPerSecond / httpDays.requestsPerSecond, 2),
      },
    },
    memory: {
      productionServer: {
        idleRss: prod.serverIdleRss,
        settledRss: prod.serverSettledRss,
        bareNodeRss: prod.bareNodeRss,
        buildMs: round(prod.buildMs, 1),
      },
      forcedGc: forceGc !== undefined,
      atLaunch: memAtLaunch,
      beforeImport: memBeforeImport,
      beforeStart: memBeforeStart,
      afterStartIdle: memAfterStartIdle,
      afterLoadIdle: memAfterLoadIdle,
      startMs: round(startMs, 1),
      note: 'RSS of the whole bench process: the product, the bench harness and its compute results. The load clients are child processes (not counted); the bare app was closed before afterLoadIdle, which is a high-water mark (V8 and malloc keep pages after the load).',
    },
    reports,
    users: users.json,
    budgets,
    table,
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = finishedAt.toISOString().replace(/[:.]/g, '-');
  const body = `${JSON.stringify(json, null, 2)}\n`;
  const file = join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), body);

  const out = [
    '',
    `Một Cửa Thân Thiện — bench (${SETTINGS.mode}) ${finishedAt.toISOString()}`,
    `${info.cpus} × ${info.cpuModel} · ${info.os} ${info.arch} · Node ${info.node} · commit ${commit?.slice(0, 12) ?? 'unknown'}${dirty ? ' (dirty)' : ''}`,
    'Ratio = cost relative to the baseline in the same run (1.00× = same cost; higher = slower / bigger).',
    '',
    table,
    '',
    `Results: ${file.replace(ROOT, '')} and bench/results/latest.json`,
    '',
  ];
  process.stdout.write(out.join('\n'));
  const over = budgets.filter((b) => !b.ok);
  if (over.length > 0)
    process.stdout.write(`Over budget: ${over.map((b) => `${b.name} = ${b.value} (${b.limit})`).join('; ')}\n`);
  return 0;
}

const REPORT_SQLITE_BUDGET_MS = 100;
const REPORT_PG_BUDGET_MS = 2000;

function reportRows(f: ReportFigure | { skipped: string }, budgetMs: number): Row[] {
  if (!('label' in f)) return [{ figure: `skipped: ${f.skipped}`, value: '—', baseline: '', ratio: '', budget: '' }];
  const scope = `${f.label} (${f.centres} centre${f.centres > 1 ? 's' : ''}, ${f.dossiers.toLocaleString('en')} dossiers)`;
  const rows: Row[] = [
    {
      figure: `baseline: hand-written GROUP BY (received, on time, late, online, digitised, reused), ${scope}`,
      value: `${fmtMs(f.baseline.p50)} / ${fmtMs(f.baseline.p99)}`,
      baseline: '',
      ratio: '1.00×',
      budget: '',
    },
  ];
  if (f.report) {
    rows.push({
      figure: `monthly report, ${scope}`,
      value: `${fmtMs(f.report.p50)} / ${fmtMs(f.report.p99)}`,
      baseline: fmtMs(f.baseline.p50),
      ratio: fmtRatio(f.report.p50 / f.baseline.p50),
      budget: check(f.report.p50 < budgetMs, `< ${budgetMs >= 1000 ? `${budgetMs / 1000} s` : `${budgetMs} ms`}`),
    });
    if (f.check.reportReceived !== null && f.check.reportReceived !== f.check.baselineReceived)
      rows.push({
        figure: `  ✗ received: report ${f.check.reportReceived} ≠ baseline ${f.check.baselineReceived}`,
        value: '',
        baseline: '',
        ratio: '',
        budget: '',
      });
  } else
    rows.push({
      figure: 'monthly report: computeMonthlyStatistics not available yet (src/features/reports/statistics.ts)',
      value: '—',
      baseline: '',
      ratio: '',
      budget: '',
    });
  return rows;
}

function reportBudget(f: ReportFigure | { skipped: string }, name: string, budgetMs: number) {
  return 'label' in f && f.report
    ? [{ name, limit: `< ${budgetMs} ms`, value: round(f.report.p50, 1), ok: f.report.p50 < budgetMs }]
    : [];
}

function roundLoad(r: LoadResult) {
  const ms = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'samples' ? v : round(v)]));
  return {
    ...r,
    requestsPerSecond: round(r.requestsPerSecond, 0),
    meanBytes: round(r.meanBytes, 0),
    windowMs: round(r.windowMs, 0),
    latencyMs: ms(r.latencyMs),
    serverMs: ms(r.serverMs),
    eventLoopDelayMs: ms(r.eventLoopDelayMs),
  };
}

let exitCode: number;
try {
  exitCode = await main();
} catch (err) {
  const message =
    err instanceof Error
      ? `${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1).join('\n')}` : ''}`
      : String(err);
  await fail(message);
  exitCode = 1;
}
await cleanup();
process.exit(exitCode);
