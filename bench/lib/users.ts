/**
 * What users do (issue 13 item 7), over HTTP on the product `npm start` runs (bench/lib/serve.ts),
 * each figure beside a baseline measured in the same run:
 *
 * - reports (centre-year and 3-year centre, SQLite; director's console session): the console
 *   monthly report page (month + 12-month trend), the Decision 766 scorecard page, the year
 *   report, a historical month (the data set's first January) vs the latest month.
 * - lists: a figure's drill-down list, the console dossier list page 1 and page 1000 (following
 *   the page's `rel="next"` cursor links when it has them, else `?page=1000`).
 * - exports: the year tracking book (form 07) as PDF and XLSX: time and peak RSS of the server's
 *   process tree; the server's RSS after that round of exports.
 * - public: a public procedure page's throughput alone and while a director requests the year
 *   report in a loop.
 * - province (PostgreSQL, `motcua_bench`): the province page for a month, a quarter and a year with a
 *   province officer's session, beside the hand-written GROUP BY.
 * - intake: POST /api/v1/centers/<slug>/dossiers with a bearer token at 10 / 50 / 200 connections,
 *   beside a bare Fastify POST route at the same concurrency.
 *
 * A missing data set skips its figures with the command that makes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Database } from '../../src/core/db/connect.ts';
import type { Deps } from '../../src/core/deps.ts';
import type { DayRange } from '../../src/core/figures.ts';
import { baselineAggregate } from './reports.ts';
import { postLoad, type Rate } from './intake.ts';
import { runLoadClient } from './load.ts';
import {
  loginSession,
  nextLink,
  sampleTree,
  serveProduct,
  timedGet,
  treeRss,
  unescapeHref,
  waitTreeQuiet,
  type Got,
  type Served,
} from './serve.ts';
import { fmtMb, fmtMs, fmtRate, fmtRatio, percentile, round } from './stats.ts';

export const USER_GROUPS = ['reports', 'lists', 'exports', 'public', 'province', 'intake'] as const;
export type UserGroup = (typeof USER_GROUPS)[number];

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
}
export interface Section {
  title: string;
  rows: Row[];
}
export interface Budget {
  name: string;
  limit: string;
  value: number | string;
  ok: boolean;
}
export interface UserFigures {
  sections: Section[];
  budgets: Budget[];
  json: Record<string, unknown>;
}

export interface UserOptions {
  root: string;
  quick: boolean;
  pgAdminUrl: string;
  pgDatabase: string;
  progress: (s: string) => void;
}

const PASSWORD = 'bench-password-long-1';
/** A year's book has a 15 s budget; past this the figure is "no answer" and the run goes on. */
const EXPORT_TIMEOUT_MS = 120_000;
const LATEST = { year: 2026, month: 11 };
const check = (ok: boolean, text: string) => `${text} ${ok ? '✓' : '✗ OVER'}`;
const row = (figure: string, value = '', baseline = '', ratio = '', budget = ''): Row => ({
  figure,
  value,
  baseline,
  ratio,
  budget,
});
const skipRow = (why: string): Row => row(`skipped: ${why}`, '—');

interface Timing {
  runs: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}
const timing = (xs: number[]): Timing => ({
  runs: xs.length,
  p50: percentile(xs, 50),
  p99: percentile(xs, 99),
  min: Math.min(...xs),
  max: Math.max(...xs),
});
const pp = (t: Timing) => `${fmtMs(t.p50)} / ${fmtMs(t.p99)}`;

/** A GET that must answer 200; otherwise the figure shows the status instead of a time. */
class HttpFailure extends Error {}
async function ok200(base: string, path: string, cookie: string | null, keepText = false): Promise<Got> {
  const g = await timedGet(base, path, cookie, { keepText: true });
  if (g.status !== 200)
    throw new HttpFailure(
      `GET ${path} → HTTP ${g.status}${g.text ? `: ${g.text.slice(0, 160).replace(/\s+/g, ' ')}` : ''}`,
    );
  return keepText ? g : { ...g, text: null };
}

/**
 * Times `subject` and `baseline` alternately, `runs` times each after one warm-up of each. A
 * subject that fails (non-200) is reported, not thrown: a 500 is a figure too.
 */
async function pair(
  runs: number,
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ subject: Timing; baseline: Timing } | { error: string; baseline: Timing }> {
  const b: number[] = [];
  const s: number[] = [];
  let t = performance.now();
  await baseline();
  b.push(performance.now() - t);
  try {
    await subject(); // warm-up (and the check that it answers)
  } catch (e) {
    if (e instanceof HttpFailure || (e instanceof Error && e.name === 'TimeoutError'))
      return { error: e.message, baseline: timing(b) };
    throw e;
  }
  b.length = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await baseline();
    b.push(performance.now() - t);
    t = performance.now();
    await subject();
    s.push(performance.now() - t);
  }
  return { subject: timing(s), baseline: timing(b) };
}

type Pair = Awaited<ReturnType<typeof pair>>;

/** Rows for a timed figure beside its baseline; `budgetMs` judged on the median. */
function pairRows(
  label: string,
  baseLabel: string,
  p: Pair,
  budgets: Budget[],
  budget?: { ms: number; text: string; name: string },
): Row[] {
  if ('error' in p)
    return [
      row(label, '✗ FAILED', pp(p.baseline), '', budget ? `${budget.text} ✗ OVER` : ''),
      row(`  ${p.error.slice(0, 200)}`),
    ];
  if (budget)
    budgets.push({
      name: budget.name,
      limit: budget.text,
      value: round(p.subject.p50, 1),
      ok: p.subject.p50 < budget.ms,
    });
  return [
    row(
      `${label} (median / p99 of ${p.subject.runs})`,
      pp(p.subject),
      `${fmtMs(p.baseline.p50)} (${baseLabel})`,
      fmtRatio(p.subject.p50 / p.baseline.p50),
      budget ? check(p.subject.p50 < budget.ms, budget.text) : '',
    ),
  ];
}

function pairJson(p: Pair) {
  return 'error' in p ? { error: p.error, baseline: p.baseline } : p;
}

// ---------------------------------------------------------------------------------------------
// Data sets and accounts

async function openSqliteSet(file: string): Promise<{ database: Database; deps: Deps }> {
  const { openDatabase, migrateToLatest } = await import('../../src/core/db/connect.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const data = await import('../data.ts');
  const url = `sqlite:${file}`;
  const database = openDatabase(url);
  await migrateToLatest(database);
  const ignore = (): void => undefined;
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config: loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
    now: () => data.BENCH_NOW,
    log: { info: ignore, warn: ignore, error: ignore },
  };
  return { database, deps };
}

/** A user with `roles` in `centerId` and the bench's password (made once, then its password reset). */
async function ensureUser(deps: Deps, centerId: number, username: string, roles: string[]): Promise<void> {
  const { createUser, setPassword } = await import('../../src/core/auth/service.ts');
  const exists = await deps.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  if (exists) await setPassword(deps, username, PASSWORD);
  else
    await createUser(deps, {
      centerId,
      username,
      fullName: 'Giám đốc Thử',
      roles,
      password: PASSWORD,
    });
}

const GROUP_BY_LABEL = 'hand-written GROUP BY';
const monthRange = (y: number, m: number): DayRange => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
};
const yearRange = (y: number): DayRange => ({ from: `${y}-01-01`, to: `${y}-12-31` });
/** Distinct dossier links on a console list page. */
const dossierLinks = (html: string) =>
  new Set(
    [...html.matchAll(/href="\/console\/dossiers\/([^"/?]+)"/g)]
      .map((m) => m[1])
      .filter((c) => c !== 'new' && c !== 'deadlines'),
  ).size;
const monthPath = (y: number, m: number) => `/console/reports?period=month&year=${y}&month=${m}`;

// ---------------------------------------------------------------------------------------------
// One centre on SQLite: reports, lists, exports, public

interface CentreCtx {
  years: number;
  served: Served;
  cookie: string;
  slug: string;
  centerId: number;
  database: Database;
  runs: number;
  quick: boolean;
  progress: (s: string) => void;
}

async function reportsOnCentre(
  c: CentreCtx,
  budgets: Budget[],
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const { base } = c.served;
  const firstJan = { year: 2026 - c.years + 1, month: 1 };
  const agg = (r: DayRange) => () => baselineAggregate(c.database, [c.centerId], r);
  const get = (path: string) => () => ok200(base, path, c.cookie);
  const rows: Row[] = [];
  const json: Record<string, unknown> = {};
  const set = c.years === 1 ? 'centre-year' : `${c.years}-year centre`;
  if (c.years === 1) {
    c.progress(`reports (${set}): console monthly page, scorecard, year report — ${c.runs} runs each`);
    const month = await pair(
      c.runs,
      get(monthPath(LATEST.year, LATEST.month)),
      agg(monthRange(LATEST.year, LATEST.month)),
    );
    rows.push(
      ...pairRows(
        `console monthly report page ${LATEST.month}/${LATEST.year} (month + 12-month trend)`,
        `${GROUP_BY_LABEL}, month`,
        month,
        budgets,
        {
          ms: 150,
          text: '< 150 ms',
          name: `console monthly report page, ${set}`,
        },
      ),
    );
    const score = await pair(c.runs, get(`/console/reports/766?year=${LATEST.year}`), agg(yearRange(LATEST.year)));
    rows.push(
      ...pairRows(`Decision 766 scorecard page ${LATEST.year}`, `${GROUP_BY_LABEL}, year`, score, budgets, {
        ms: 150,
        text: '< 150 ms',
        name: `Decision 766 scorecard page, ${set}`,
      }),
    );
    const year = await pair(
      c.runs,
      get(`/console/reports?period=year&year=${LATEST.year}`),
      agg(yearRange(LATEST.year)),
    );
    rows.push(
      ...pairRows(`year report page ${LATEST.year}`, `${GROUP_BY_LABEL}, year`, year, budgets, {
        ms: 150,
        text: '< 150 ms',
        name: `year report page, ${set}`,
      }),
    );
    Object.assign(json, { monthPage: pairJson(month), scorecard: pairJson(score), yearReport: pairJson(year) });
  }
  c.progress(`reports (${set}): historical month ${firstJan.month}/${firstJan.year} vs ${LATEST.month}/${LATEST.year}`);
  // Baseline of the historical month: the latest month's page in the same run (alternating).
  const hist = await pair(
    c.runs,
    get(monthPath(firstJan.year, firstJan.month)),
    get(monthPath(LATEST.year, LATEST.month)),
  );
  const janAgg = await pair(Math.max(1, Math.floor(c.runs / 2)), agg(monthRange(firstJan.year, firstJan.month)), () =>
    Promise.resolve(undefined),
  );
  if ('error' in hist)
    rows.push(...pairRows(`historical month page ${firstJan.month}/${firstJan.year}`, '', hist, budgets));
  else {
    const r = hist.subject.p50 / hist.baseline.p50;
    budgets.push({
      name: `historical month within 2× of the latest, ${set}`,
      limit: '≤ 2×',
      value: round(r, 2),
      ok: r <= 2,
    });
    rows.push(
      row(
        `historical month page ${firstJan.month}/${firstJan.year} (median / p99 of ${hist.subject.runs}; ${GROUP_BY_LABEL} of that month ${'subject' in janAgg ? fmtMs(janAgg.subject.p50) : '—'})`,
        pp(hist.subject),
        `${fmtMs(hist.baseline.p50)} (page ${LATEST.month}/${LATEST.year})`,
        fmtRatio(r),
        check(r <= 2, 'within 2×'),
      ),
    );
  }
  json.historicalMonth = { month: firstJan, ...pairJson(hist), groupBy: 'subject' in janAgg ? janAgg.subject : null };
  return { rows, json };
}

async function listsOnCentre(c: CentreCtx, budgets: Budget[]): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const { base } = c.served;
  const set = c.years === 1 ? 'centre-year' : `${c.years}-year centre`;
  const rows: Row[] = [];
  const json: Record<string, unknown> = {};
  const { fromIso, toIso } = (await import('../../src/core/figures.ts')).instantBounds(
    monthRange(LATEST.year, LATEST.month),
  );
  // Drill-down: a link of the latest month's report page, preferring the late resolved dossiers.
  if (c.years === 1) {
    const page = await timedGet(base, monthPath(LATEST.year, LATEST.month), c.cookie, { keepText: true });
    const links = [...(page.text ?? '').matchAll(/href="(\/console\/reports\/drill\?[^"]+)"/g)].map((m) =>
      unescapeHref(m[1] ?? ''),
    );
    const drill = links.find((l) => /key=[^&]*late/i.test(l)) ?? links[0];
    if (!drill) rows.push(skipRow('the monthly report page has no drill-down link'));
    else {
      c.progress(`lists (${set}): drill-down ${drill}`);
      const lateSql = async () =>
        sql`SELECT code, procedure_code, procedure_name, channel, status, received_at, due_at, ended_at, supplement_count
          FROM dossier WHERE center_id = ${c.centerId} AND status IN (9, 10) AND ended_at >= ${fromIso} AND ended_at < ${toIso}
          AND (supplement_count > 1 OR ended_at > due_at) ORDER BY ended_at LIMIT 50`.execute(c.database.db);
      const p = await pair(c.runs, () => ok200(base, drill, c.cookie), lateSql);
      rows.push(
        ...pairRows(
          `drill-down list page (${drill.replace(/^\/console\/reports\/drill\?/, '').slice(0, 60)})`,
          'SQL: the month’s late ended dossiers, 50',
          p,
          budgets,
        ),
      );
      json.drill = { path: drill, ...pairJson(p) };
    }
  }
  // Dossier list: page 1, and page 1000 reached as a user would.
  c.progress(`lists (${set}): dossier list page 1 and page 1000`);
  const first = await timedGet(base, '/console/dossiers', c.cookie, { keepText: true });
  if (first.status !== 200) {
    rows.push(row('console dossier list page 1', `✗ HTTP ${first.status}`));
    return { rows, json };
  }
  let page1000: string | null;
  let mode: string;
  const next = nextLink(first.text ?? '');
  if (next && /[?&](?:cursor|after|before)=/i.test(next)) {
    // Keyset paging: follow "next" 999 times (not timed), then time the request for that page.
    mode = 'followed 999 rel="next" cursor links';
    let href: string | null = next;
    const t = performance.now();
    for (let i = 2; i < 1000 && href; i++) {
      const g = await timedGet(base, href, c.cookie, { keepText: true });
      if (g.status !== 200) throw new Error(`GET ${href} → HTTP ${g.status}`);
      href = nextLink(g.text ?? '');
    }
    page1000 = href;
    json.followMs = round(performance.now() - t, 0);
  } else {
    mode = '?page=1000';
    page1000 = '/console/dossiers?page=1000';
  }
  const page1Sql = async () =>
    sql`SELECT id, code, procedure_name, status, received_at, due_at FROM dossier WHERE center_id = ${c.centerId}
      ORDER BY received_at DESC, id DESC LIMIT 51`.execute(c.database.db);
  const p1 = await pair(c.runs, () => ok200(base, '/console/dossiers', c.cookie), page1Sql);
  rows.push(...pairRows('console dossier list, page 1', 'SQL: newest 51 dossiers of the centre', p1, budgets));
  json.listPage1 = pairJson(p1);
  if (!page1000) rows.push(skipRow(`the list has fewer than 1000 pages (${mode})`));
  else {
    // The page must list dossiers (an empty page past the end would be fast for the wrong reason).
    const shown = dossierLinks((await ok200(base, page1000, c.cookie, true)).text ?? '');
    const shown1 = dossierLinks(first.text ?? '');
    json.rowsShown = { page1: shown1, page1000: shown };
    if (shown === 0) throw new Error(`${page1000} lists no dossier: the figure would time an empty page`);
    const p = await pair(
      c.runs,
      () => ok200(base, page1000, c.cookie),
      () => ok200(base, '/console/dossiers', c.cookie),
    );
    if ('error' in p) rows.push(...pairRows('console dossier list, page 1000', '', p, budgets));
    else {
      const r = p.subject.p50 / p.baseline.p50;
      budgets.push({
        name: `dossier list page 1000 within 2× of page 1, ${set}`,
        limit: '≤ 2×',
        value: round(r, 2),
        ok: r <= 2,
      });
      rows.push(
        row(
          `console dossier list, page 1000 (${mode}; median / p99 of ${p.subject.runs})`,
          pp(p.subject),
          `${fmtMs(p.baseline.p50)} (page 1)`,
          fmtRatio(r),
          check(r <= 2, 'within 2×'),
        ),
      );
    }
    json.listPage1000 = { mode, path: page1000, ...pairJson(p) };
  }
  return { rows, json };
}

/** Quiet time after which the server has run its idle reclaim (5 s quiet, 1 s ticks, decision 054). */
const SETTLE_MS = 8000;

async function exportsOnCentre(
  c: CentreCtx,
  budgets: Budget[],
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const { base, pid } = c.served;
  const rows: Row[] = [];
  const json: Record<string, unknown> = {};
  const runs = c.quick ? 1 : 2;
  const from = `${LATEST.year}-01-01`;
  const to = `${LATEST.year}-12-31`;
  await sleep(1000);
  const before = treeRss(pid, true);
  json.before = before;
  rows.push(
    row(
      'baseline: server process tree before the exports (main RSS / sum of RSS / resident, shared pages once)',
      `${fmtMb(before.main)} / ${fmtMb(before.total)} / ${fmtMb(before.unique)}`,
    ),
  );
  // Baseline: reading the year's rows of the book in one hand-written query.
  const bookSql = async () =>
    sql`SELECT d.code, d.received_at, d.procedure_name, d.applicant, d.due_at, d.ended_at, d.returned_at, d.status, d.result_note
      FROM dossier d WHERE d.center_id = ${c.centerId} AND d.local_day >= ${from} AND d.local_day <= ${to} ORDER BY d.received_at`.execute(
      c.database.db,
    );
  let t = performance.now();
  const n = (await bookSql()).rows.length;
  const sqlMs = performance.now() - t;
  t = performance.now();
  await bookSql();
  const sqlMs2 = performance.now() - t;
  const baseMs = Math.min(sqlMs, sqlMs2);
  for (const fmt of ['pdf', 'xlsx'] as const) {
    const path = `/console/book.${fmt}?from=${from}&to=${to}`;
    c.progress(`exports: year tracking book ${fmt.toUpperCase()} (${n.toLocaleString('en')} dossiers), ${runs} run(s)`);
    const times: number[] = [];
    let peak = { main: 0, total: 0, unique: 0, processes: 0 };
    let failure: string | null = null;
    let bytes = 0;
    for (let i = 0; i < runs && !failure; i++) {
      const s = sampleTree(pid, 200, true);
      let g: Got | null = null;
      try {
        g = await timedGet(base, path, c.cookie, { keepText: false, timeoutMs: EXPORT_TIMEOUT_MS });
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
      const pk = s.stop();
      peak = {
        main: Math.max(peak.main, pk.main),
        total: Math.max(peak.total, pk.total),
        unique: Math.max(peak.unique, pk.unique),
        processes: Math.max(peak.processes, pk.processes),
      };
      if (failure) {
        c.progress(`exports: ${fmt} failed (${failure}); waiting for the server's children to finish it`);
        json[`${fmt}AbandonedWorkMs`] = round(await waitTreeQuiet(pid), 0);
      }
      if (g && g.status !== 200) failure = `HTTP ${g.status}`;
      else if (g) {
        times.push(g.ms);
        bytes = g.bytes;
      }
    }
    const label = `year tracking book (form 07) ${fmt.toUpperCase()} ${from} … ${to}, ${n.toLocaleString('en')} dossiers`;
    if (failure) {
      rows.push(
        row(
          `${label}: time`,
          `✗ ${failure.includes('timeout') ? `no answer in ${EXPORT_TIMEOUT_MS / 1000} s` : failure}`,
          `${fmtMs(baseMs)} (SQL: the year’s rows)`,
          '',
          '< 15 s ✗ OVER',
        ),
      );
      budgets.push({ name: `year tracking book ${fmt}: answers`, limit: '200, < 15 s', value: failure, ok: false });
    } else {
      const tm = timing(times);
      budgets.push({
        name: `year tracking book ${fmt}: time (median)`,
        limit: '< 15 s',
        value: round(tm.p50, 0),
        ok: tm.p50 < 15_000,
      });
      rows.push(
        row(
          `${label}: time (median of ${tm.runs}; ${(bytes / 1024).toFixed(0)} KB)`,
          fmtMs(tm.p50),
          `${fmtMs(baseMs)} (SQL: the year’s rows)`,
          fmtRatio(tm.p50 / baseMs),
          check(tm.p50 < 15_000, '< 15 s'),
        ),
      );
    }
    // The budget is on the tree's resident memory, each shared page once (decision 051); the sum
    // of the processes' RSS, which counts the node binary's pages once per process, is shown too.
    budgets.push({
      name: `year tracking book ${fmt}: peak resident memory of the process tree (shared pages once)`,
      limit: '< 300 MB',
      value: round(peak.unique / 1048576, 1),
      ok: peak.unique < 300 * 1048576,
    });
    rows.push(
      row(
        `${label}: peak resident memory, server + children, shared pages once (${peak.processes} processes)`,
        fmtMb(peak.unique),
        fmtMb(before.unique),
        fmtRatio(peak.unique / before.unique),
        check(peak.unique < 300 * 1048576, '< 300 MB'),
      ),
    );
    rows.push(
      row(
        `${label}: peak sum of RSS, server + children (main alone ${fmtMb(peak.main)})`,
        fmtMb(peak.total),
        fmtMb(before.total),
        fmtRatio(peak.total / before.total),
        '',
      ),
    );
    json[fmt] = { path, times, failure, bytes, peak, sqlBaselineMs: baseMs, rows: n };
  }
  await sleep(2000);
  const after = treeRss(pid);
  json.after = after;
  // Settled: the server's idle reclaim runs once it has been quiet for 5 s (decision 054).
  await sleep(SETTLE_MS - 2000);
  const settled = treeRss(pid);
  json.settled = settled;
  budgets.push({
    name: 'server main process RSS after a round of exports (settled)',
    limit: '< 150 MB',
    value: round(settled.main / 1048576, 1),
    ok: settled.main < 150 * 1048576,
  });
  rows.push(
    row(
      `server main process RSS 2 s after the exports (tree ${fmtMb(after.total)})`,
      fmtMb(after.main),
      fmtMb(before.main),
      fmtRatio(after.main / before.main),
      '',
    ),
    row(
      `server main process RSS after the exports, settled (${SETTLE_MS / 1000} s quiet: after the idle reclaim)`,
      fmtMb(settled.main),
      fmtMb(before.main),
      fmtRatio(settled.main / before.main),
      check(settled.main < 150 * 1048576, '< 150 MB'),
    ),
  );
  return { rows, json };
}

async function publicOnCentre(
  c: CentreCtx,
  opts: UserOptions,
  budgets: Budget[],
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const { base, port } = c.served;
  const codes = (
    JSON.parse(readFileSync(join(opts.root, 'data', 'catalog', 'cam-giang.json'), 'utf8')) as {
      procedures: { code: string; status?: string }[];
    }
  ).procedures
    .filter((p) => p.status !== 'abolished')
    .map((p) => `/${c.slug}/thu-tuc/${p.code}`);
  await ok200(base, codes[0] ?? '/', null);
  const job = {
    host: '127.0.0.1',
    port,
    paths: codes,
    concurrency: 10,
    warmupMs: c.quick ? 300 : 1000,
    durationMs: c.quick ? 2000 : 5000,
  };
  c.progress(`public: procedure page alone, 10 connections, ${job.durationMs / 1000} s`);
  const rssBefore = treeRss(c.served.pid).main;
  const alone = await runLoadClient(job);
  const yearPath = `/console/reports?period=year&year=${LATEST.year}`;
  c.progress(`public: the same while a director requests ${yearPath} in a loop`);
  const state = { stop: false };
  let reports = 0;
  const reportMs: number[] = [];
  const statuses: Record<string, number> = {};
  const loop = (async () => {
    while (!state.stop) {
      const g = await timedGet(base, yearPath, c.cookie);
      statuses[g.status] = (statuses[g.status] ?? 0) + 1;
      reports++;
      reportMs.push(g.ms);
    }
  })();
  await sleep(500);
  let during;
  try {
    during = await runLoadClient(job);
  } finally {
    state.stop = true;
    await loop;
  }
  const rssAfter = treeRss(c.served.pid).main;
  c.progress(`public: the server settling (${SETTLE_MS / 1000} s quiet)`);
  await sleep(SETTLE_MS);
  const rssSettled = treeRss(c.served.pid).main;
  const rateOf = (r: typeof alone) => r.requests / (r.windowMs / 1000);
  const share = rateOf(during) / rateOf(alone);
  const p99 = (r: typeof alone) => percentile(r.latencies, 99);
  budgets.push({
    name: 'public page throughput while a director runs the year report, share of alone',
    limit: '≥ 70 %',
    value: round(share * 100, 1),
    ok: share >= 0.7,
  });
  const rows = [
    row(
      'baseline: public procedure page alone, requests/s (p99 latency)',
      `${fmtRate(rateOf(alone))} (${fmtMs(p99(alone))})`,
      '',
      '1.00×',
    ),
    row(
      `public procedure page while a director requests the year report in a loop (${reports} reports, median ${fmtMs(percentile(reportMs, 50))}; p99 latency ${fmtMs(p99(during))})`,
      `${fmtRate(rateOf(during))} = ${(share * 100).toFixed(0)} %`,
      fmtRate(rateOf(alone)),
      fmtRatio(1 / share),
      check(share >= 0.7, '≥ 70 % of alone'),
    ),
  ];
  rows.push(
    row(
      `server main process RSS right after the two loads / settled (${SETTLE_MS / 1000} s quiet: after the idle reclaim)`,
      `${fmtMb(rssAfter)} / ${fmtMb(rssSettled)}`,
      `${fmtMb(rssBefore)} (before the loads)`,
      fmtRatio(rssSettled / rssBefore),
      '',
    ),
  );
  if (Object.keys(statuses).some((s) => s !== '200'))
    rows.push(row(`  year report statuses: ${JSON.stringify(statuses)}`));
  const strip = (r: typeof alone) => ({
    requests: r.requests,
    errors: r.errors,
    statuses: r.statuses,
    windowMs: r.windowMs,
    perSecond: round(rateOf(r), 1),
    p50: percentile(r.latencies, 50),
    p99: p99(r),
  });
  return {
    rows,
    json: {
      alone: strip(alone),
      during: strip(during),
      share,
      reports,
      reportStatuses: statuses,
      reportMs: timing(reportMs),
      rss: { before: rssBefore, after: rssAfter, settled: rssSettled },
    },
  };
}

async function centreGroups(years: number, groups: Set<UserGroup>, opts: UserOptions, out: UserFigures): Promise<void> {
  const data = await import('../data.ts');
  const file = data.sqliteFileFor(years);
  const set = years === 1 ? 'one centre-year' : `a ${years}-year centre`;
  const title = (what: string) =>
    `${what} — ${set}, SQLite, over HTTP (npm start's server; director's console session)`;
  if (!existsSync(file)) {
    const how = `run \`npm run bench:data -- --sqlite-only${years === 1 ? '' : ` --years ${years}`}\``;
    for (const g of groups)
      out.sections.push({ title: title(g), rows: [skipRow(`no data set for ${set} (${file}): ${how}`)] });
    opts.progress(`skipped (${[...groups].join(', ')}): no data set ${file}: ${how}`);
    return;
  }
  const { database, deps } = await openSqliteSet(file);
  let served: (Served & { dataDir: string }) | null = null;
  try {
    const center = await database.db
      .selectFrom('center')
      .select(['id', 'slug'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const dossiers = Number(
      (await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM dossier`.execute(database.db)).rows[0]?.n ?? 0,
    );
    await ensureUser(deps, center.id, 'bench.director', ['director']);
    opts.progress(`starting the server on ${file} (${dossiers.toLocaleString('en')} dossiers)`);
    served = await serveProduct(opts.root, { databaseUrl: `sqlite:${file}`, demo: 'off', startTimeoutMs: 600_000 });
    const cookie = await loginSession(served.base, 'bench.director', PASSWORD);
    const c: CentreCtx = {
      years,
      served,
      cookie,
      slug: center.slug,
      centerId: center.id,
      database,
      runs: opts.quick ? 2 : 5,
      quick: opts.quick,
      progress: opts.progress,
    };
    const json: Record<string, unknown> = { file, dossiers, serverStartMs: round(served.startMs, 0) };
    const setTitle = (what: string) => title(`${what} (${dossiers.toLocaleString('en')} dossiers)`);
    if (groups.has('reports')) {
      const r = await reportsOnCentre(c, out.budgets);
      out.sections.push({ title: setTitle('Reports'), rows: r.rows });
      json.reports = r.json;
    }
    if (groups.has('lists')) {
      const r = await listsOnCentre(c, out.budgets);
      out.sections.push({ title: setTitle('Lists'), rows: r.rows });
      json.lists = r.json;
    }
    if (groups.has('public')) {
      const r = await publicOnCentre(c, opts, out.budgets);
      out.sections.push({ title: setTitle('Public page beside a director’s year report'), rows: r.rows });
      json.public = r.json;
    }
    if (groups.has('exports')) {
      const r = await exportsOnCentre(c, out.budgets);
      out.sections.push({ title: setTitle('Exports'), rows: r.rows });
      json.exports = r.json;
    }
    out.json[years === 1 ? 'centreYear' : `centre${years}y`] = json;
  } finally {
    await served?.stop();
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Province on PostgreSQL

async function provinceGroup(opts: UserOptions, out: UserFigures): Promise<void> {
  const title = 'Province over HTTP on PostgreSQL (npm start’s server; province officer’s console session)';
  const admin = new URL(opts.pgAdminUrl);
  const u = new URL(opts.pgAdminUrl);
  u.pathname = `/${opts.pgDatabase}`;
  const url = u.toString();
  const pg = (await import('pg')).default;
  const probe = new pg.Client({ connectionString: opts.pgAdminUrl, connectionTimeoutMillis: 3000 });
  let present = false;
  try {
    await probe.connect();
    present = (await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.pgDatabase])).rowCount === 1;
  } catch {
    present = false;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const how = 'run `npm run bench:data -- --pg-only` (≈ 5 million dossiers; `--province-25m` for 25 million)';
  if (!present) {
    out.sections.push({
      title,
      rows: [skipRow(`no province data set (database ${opts.pgDatabase} at ${admin.host}): ${how}`)],
    });
    opts.progress(`skipped (province): no database ${opts.pgDatabase}: ${how}`);
    return;
  }
  const { openDatabase, migrateToLatest } = await import('../../src/core/db/connect.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const { SYSTEM_ACTOR } = await import('../../src/core/auth/access.ts');
  const { grantProvinceRole } = await import('../../src/features/reports/index.ts');
  const data = await import('../data.ts');
  const database = openDatabase(url, { poolSize: 4 });
  let served: (Served & { dataDir: string }) | null = null;
  try {
    const centres = await sql<{ id: number; slug: string }>`SELECT c.id, c.slug FROM center c
      WHERE c.slug LIKE 'bench-%' AND EXISTS (SELECT 1 FROM dossier d WHERE d.center_id = c.id) ORDER BY c.id`.execute(
      database.db,
    );
    if (centres.rows.length === 0) {
      out.sections.push({ title, rows: [skipRow(`province data set ${opts.pgDatabase} has no dossiers yet: ${how}`)] });
      return;
    }
    opts.progress('province: migrating the data set (new migrations on millions of rows can take minutes)');
    await migrateToLatest(database);
    const ids = centres.rows.map((r) => r.id);
    const dossiers = Number(
      (await sql<{ n: string }>`SELECT COUNT(*) AS n FROM dossier`.execute(database.db)).rows[0]?.n ?? 0,
    );
    const ignore = (): void => undefined;
    const deps: Deps = {
      db: database.db,
      dialect: database.dialect,
      config: loadConfig({ DATABASE_URL: url, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
      now: () => data.BENCH_NOW,
      log: { info: ignore, warn: ignore, error: ignore },
    };
    await ensureUser(deps, ids[0] ?? 0, 'bench.province', ['province']);
    await grantProvinceRole(
      deps,
      SYSTEM_ACTOR,
      'bench.province',
      centres.rows.map((r) => r.slug),
    );
    opts.progress(
      `province: starting the server on ${opts.pgDatabase} (${centres.rows.length} centres, ${dossiers.toLocaleString('en')} dossiers)`,
    );
    served = await serveProduct(opts.root, { databaseUrl: url, demo: 'off', startTimeoutMs: 1_200_000 });
    const { base } = served;
    const cookie = await loginSession(base, 'bench.province', PASSWORD);
    const scope = `${centres.rows.length} centres, ${dossiers.toLocaleString('en')} dossiers`;
    const rows: Row[] = [];
    const json: Record<string, unknown> = {
      database: opts.pgDatabase,
      centres: centres.rows.length,
      dossiers,
      serverStartMs: round(served.startMs, 0),
    };
    const cases = [
      {
        key: 'month',
        path: `period=month&year=${LATEST.year}&month=${LATEST.month}`,
        range: monthRange(LATEST.year, LATEST.month),
        runs: opts.quick ? 1 : 3,
        budget: { ms: 1000, text: '< 1 s' },
      },
      {
        key: 'quarter',
        path: `period=quarter&year=${LATEST.year}&quarter=4`,
        range: { from: `${LATEST.year}-10-01`, to: `${LATEST.year}-12-31` },
        runs: opts.quick ? 0 : 2,
        budget: null,
      },
      {
        key: 'year',
        path: `period=year&year=${LATEST.year}`,
        range: yearRange(LATEST.year),
        runs: opts.quick ? 0 : 2,
        budget: { ms: 3000, text: '< 3 s' },
      },
    ];
    // --quick: the month only (a year can take minutes before roll-ups).
    for (const k of cases.filter((x) => x.runs > 0)) {
      const path = `/console/province?${k.path}`;
      opts.progress(`province: ${path}, ${k.runs} run(s) beside the GROUP BY`);
      const p = await pair(
        k.runs,
        () => ok200(base, path, cookie),
        () => baselineAggregate(database, ids, k.range),
      );
      rows.push(
        ...pairRows(
          `province page, ${k.key} (${path.replace('/console/province?', '')})`,
          `${GROUP_BY_LABEL}, ${scope}`,
          p,
          out.budgets,
          k.budget ? { ...k.budget, name: `province ${k.key} over HTTP` } : undefined,
        ),
      );
      if (k.key === 'month' && !('error' in p)) {
        const r = p.subject.p50 / p.baseline.p50;
        out.budgets.push({
          name: 'province month within 2× of the hand-written GROUP BY',
          limit: '≤ 2×',
          value: round(r, 2),
          ok: r <= 2,
        });
        rows.push(row('  province month: ratio to the GROUP BY', '', '', fmtRatio(r), check(r <= 2, 'within 2×')));
      }
      json[k.key] = { path, ...pairJson(p) };
    }
    out.sections.push({ title: `${title} — ${scope}`, rows });
    out.json.province = json;
  } finally {
    await served?.stop();
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Intake over HTTP with a bearer token

async function intakeGroup(opts: UserOptions, out: UserFigures): Promise<void> {
  const { default: Fastify } = await import('fastify');
  opts.progress('intake: starting the server on a new data folder with the demo centre');
  const served = await serveProduct(opts.root, { demo: 'auto', startTimeoutMs: 120_000 });
  try {
    const { openDatabase } = await import('../../src/core/db/connect.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { createApiToken } = await import('../../src/core/auth/service.ts');
    const dbUrl = `sqlite:${join(served.dataDir, 'motcua.sqlite')}`;
    const database = openDatabase(dbUrl);
    let token: string;
    try {
      const ignore = (): void => undefined;
      const deps: Deps = {
        db: database.db,
        dialect: database.dialect,
        config: loadConfig({ DATABASE_URL: dbUrl, DEMO: 'off', LOG_LEVEL: 'silent', NOTIFY_FILE_DIR: 'off' }),
        now: () => new Date(),
        log: { info: ignore, warn: ignore, error: ignore },
      };
      token = (await createApiToken(deps, 'tiepnhan', 'bench')).token;
    } finally {
      await database.close();
    }
    const body = (i: number) =>
      JSON.stringify({
        procedureCode: '1.001193',
        applicant: {
          fullName: `Nguyễn Văn Thử ${i}`,
          idNumber: '031086001234',
          phone: '0912345678',
          address: 'Thôn Đông, xã Cẩm Giàng',
        },
        channel: 'direct',
      });
    const bare = Fastify({ logger: false });
    bare.post('/', async (req, reply) =>
      reply.code(201).send({ ok: true, got: (req.body as { procedureCode: string }).procedureCode }),
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const barePort = (bare.server.address() as AddressInfo).port;
    const path = '/api/v1/centers/cam-giang/dossiers';
    const auth = { authorization: `Bearer ${token}` };
    const rows: Row[] = [];
    const json: Record<string, unknown> = {};
    try {
      for (const conc of [10, 50, 200]) {
        const n = opts.quick ? Math.max(300, conc * 3) : Math.max(2000, conc * 10);
        opts.progress(`intake: ${n} POSTs at ${conc} connections (bare route, then the product)`);
        await postLoad(barePort, '/', {}, body, Math.min(n, 400), conc, 201);
        const b: Rate = await postLoad(barePort, '/', {}, body, n, conc, 201);
        await postLoad(served.port, path, auth, body, conc * 2, conc, 201);
        const p: Rate = await postLoad(served.port, path, auth, body, n, conc, 201);
        rows.push(
          row(
            `intake POST ${path} with a bearer token, ${conc} connections (${n})`,
            fmtRate(p.perSecond),
            `${fmtRate(b.perSecond)} (bare Fastify POST)`,
            fmtRatio(b.perSecond / p.perSecond),
          ),
        );
        json[`c${conc}`] = { product: p, bare: b };
      }
    } finally {
      await bare.close();
    }
    out.sections.push({
      title: 'Intake over HTTP (npm start’s server, SQLite, demo centre; bearer token; closed loop)',
      rows,
    });
    out.json.intake = json;
  } finally {
    await served.stop();
  }
}

/** Runs the selected groups; each missing data set becomes a "skipped" row. */
export async function userFigures(groups: Set<UserGroup>, opts: UserOptions): Promise<UserFigures> {
  const out: UserFigures = { sections: [], budgets: [], json: {} };
  const onCentre = new Set(
    [...groups].filter((g) => g === 'reports' || g === 'lists' || g === 'public' || g === 'exports'),
  );
  if (onCentre.size > 0) await centreGroups(1, onCentre, opts, out);
  const on3y = new Set([...groups].filter((g) => g === 'reports' || g === 'lists'));
  if (on3y.size > 0) await centreGroups(3, on3y, opts, out);
  if (groups.has('province')) await provinceGroup(opts, out);
  if (groups.has('intake')) await intakeGroup(opts, out);
  return out;
}
