/**
 * Report use cases with their access checks: a centre's report (reports.read), the Decision 766
 * year, the drill-down lists (dossier.read as well: they name dossiers), the province view
 * (reports.province in every centre it covers), targets and the public headline opt-in
 * (reports.manage), the public headline figures (opt-in only).
 */
import type { Deps } from '../../core/deps.ts';
import type { Center } from '../../core/db/schema.ts';
import { actorId, assertCan, can, centersOf, type Actor } from '../../core/auth/access.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { sql } from 'kysely';
import { centerForActor, getCenter } from '../centers/index.ts';
import { procedureJson, type ProcedureData } from '../catalog/index.ts';
import * as repo from './repo.ts';
import { centresOf, type JudgedSingle } from './parts.ts';
import {
  boundsOf,
  computeMonthlyStatistics,
  judgeSingles,
  targetsFor,
  type DrillKey,
  type MonthlyStatistics,
  type DossierCounts,
  DRILL_KEYS,
  figuresOf,
  emptyCounts,
  type ExternalFigures,
} from './statistics.ts';
import { scorecardOf, type Scorecard } from './scorecard.ts';
import { monthPeriod, yearPeriod, type Period } from './periods.ts';
import { DEFAULT_TARGETS, TARGET_KEYS, isTargetKey, type TargetKey } from './targets.ts';

/** A centre the actor may read reports of; another centre answers like a missing one. */
const readableCenter = (
  deps: Deps,
  actor: Actor | null,
  slug: string,
  action: 'reports.read' | 'reports.manage' = 'reports.read',
): Promise<Center> => centerForActor(deps, actor, slug, action);

export interface CenterReport {
  center: Center;
  period: Period;
  stats: MonthlyStatistics;
  scorecard: Scorecard;
  trend: TrendPoint[];
}
export interface TrendPoint {
  label: string;
  month: number;
  year: number;
  received: number;
  online: number;
  onTimeRate: number | null;
  digitisedRate: number | null;
  fullOnlineRate: number | null;
  reuseRate: number | null;
  score: number;
}

export async function centerReport(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  period: Period,
  opts: { trend?: boolean } = {},
): Promise<CenterReport> {
  const center = await readableCenter(deps, actor, slug);
  const stats = await computeMonthlyStatistics(deps, [center.id], period);
  const trend = opts.trend === false ? [] : await monthlyTrend(deps, [center.id], period.to, { period, stats });
  return { center, period, stats, scorecard: scorecardOf(stats), trend };
}

/**
 * The twelve calendar months ending with the month of `lastDay` (months in the future are left out).
 * `known`: statistics already computed for one of these months (the page's own month) are reused.
 */
export async function monthlyTrend(
  deps: Deps,
  centerIds: number[],
  lastDay: string,
  known?: { period: { from: string; to: string }; stats: MonthlyStatistics },
): Promise<TrendPoint[]> {
  const today = localDateOf(deps.now());
  let y = Number(lastDay.slice(0, 4));
  let m = Number(lastDay.slice(5, 7));
  const months: { y: number; m: number }[] = [];
  for (let i = 0; i < 12; i++) {
    months.unshift({ y, m });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  const out: TrendPoint[] = [];
  for (const { y: yy, m: mm } of months) {
    const p = monthPeriod(yy, mm);
    if (p.from > today) continue;
    const s =
      known?.period.from === p.from && known.period.to === p.to
        ? known.stats
        : await computeMonthlyStatistics(deps, centerIds, p);
    const f = (k: string) => s.figures.find((x) => x.key === k)?.value ?? null;
    out.push({
      label: `${String(mm).padStart(2, '0')}/${yy}`,
      month: mm,
      year: yy,
      received: s.counts.received,
      online: s.counts.byChannel.online,
      onTimeRate: f('onTimeRate'),
      digitisedRate: f('digitisedRate'),
      fullOnlineRate: f('fullOnlineRate'),
      reuseRate: f('reuseRate'),
      score: scorecardOf(s).score,
    });
  }
  return out;
}

export interface ScoreYear {
  center: Center;
  year: number;
  months: { period: Period; scorecard: Scorecard }[];
  total: { period: Period; scorecard: Scorecard };
}

export async function scorecardYear(deps: Deps, actor: Actor | null, slug: string, year: number): Promise<ScoreYear> {
  const center = await readableCenter(deps, actor, slug);
  const today = localDateOf(deps.now());
  const months: ScoreYear['months'] = [];
  for (let m = 1; m <= 12; m++) {
    const p = monthPeriod(year, m);
    if (p.from > today) break;
    months.push({ period: p, scorecard: scorecardOf(await computeMonthlyStatistics(deps, [center.id], p)) });
  }
  const yp = yearPeriod(year);
  return {
    center,
    year,
    months,
    total: { period: yp, scorecard: scorecardOf(await computeMonthlyStatistics(deps, [center.id], yp)) },
  };
}

// ---- Drill-down ----

export const DRILL_PAGE_SIZE = 50;

export function isDrillKey(k: unknown): k is DrillKey {
  return typeof k === 'string' && (DRILL_KEYS as readonly string[]).includes(k);
}

export type DrillResult = { center: Center; period: Period; key: DrillKey; page: number; pageSize: number } & Awaited<
  ReturnType<typeof repo.drillPage>
>;

type DrillSql = ReturnType<typeof repo.drillSql>;

/** The lists that SQL alone decides (no clock verdict, no procedure version, no payment event). */
function plainPredicate(d: DrillSql, dialect: Deps['dialect'], key: DrillKey): repo.DrillPredicate | null {
  switch (key) {
    case 'carried':
      return { where: d.carried };
    case 'received':
      return { where: d.recv };
    case 'received_direct':
    case 'received_online':
    case 'received_postal':
    case 'received_home':
      return { where: sql`${d.recv} AND channel = ${key.slice(9)}` };
    case 'refused':
      return { where: d.refused };
    case 'resolved':
      return { where: d.resolved };
    case 'withdrawn':
      return { where: d.withdrawn };
    case 'stopped':
      return { where: d.stopped };
    case 'returned':
      return { where: d.returned };
    case 'total_to_handle':
      return { where: sql`(${d.carried} OR ${d.recv})` };
    case 'ontime_den':
      return { where: sql`(${d.judged} OR ${d.openAtEnd})` };
    case 'digitised':
      return { where: sql`${d.recv} AND digitised = 1` };
    case 'reused':
      return { where: sql`${d.recv} AND reused = 1` };
    case 'vneid':
      return { where: sql`${d.recv} AND ${repo.POPULATION_DATA}` };
    case 'result_digitised':
      return { where: sql`${d.resolved} AND electronic_result = 1` };
    case 'same_day':
      return { where: sql`${d.recv} AND same_day = 1` };
    case 'same_day_met':
      return { where: d.sameDayMet(dialect) };
    default:
      return null;
  }
}

const VERDICT_KEYS = new Set<DrillKey>([
  'resolved_on_time',
  'resolved_early',
  'resolved_on_day',
  'resolved_late',
  'open_within',
  'open_overdue',
  'ontime_num',
]);

/** The lists of a verdict: SQL's part plus the single-supplement dossiers the clock judged into the bucket. */
function verdictPredicate(d: DrillSql, key: DrillKey, singles: readonly JudgedSingle[]): repo.DrillPredicate | null {
  const idsOf = (...buckets: string[]) => singles.filter((s) => buckets.includes(s.bucket)).map((s) => s.id);
  const good = sql`(${d.v.early} OR ${d.v.onTime})`;
  switch (key) {
    case 'resolved_on_time':
      return { where: sql`(${d.resolved} AND ${good})`, orIds: idsOf('rEarly', 'rOnTime') };
    case 'resolved_early':
      return { where: sql`(${d.resolved} AND ${d.v.early})`, orIds: idsOf('rEarly') };
    case 'resolved_on_day':
      return { where: sql`(${d.resolved} AND ${d.v.onTime})`, orIds: idsOf('rOnTime') };
    case 'resolved_late':
      return { where: sql`(${d.resolved} AND ${d.v.late})`, orIds: idsOf('rLate') };
    case 'open_within':
      return { where: d.oWithin, orIds: idsOf('oWithin') };
    case 'open_overdue':
      return { where: d.oOverdue, orIds: idsOf('oOverdue') };
    case 'ontime_num':
      return {
        where: sql`((${d.resolved} AND ${good}) OR ((${d.stopped} OR ${d.withdrawnJudged}) AND ${d.v.stoppedGood}) OR ${d.oWithin})`,
        orIds: idsOf('rEarly', 'rOnTime', 'sOnTime', 'wOnTime', 'oWithin'),
      };
    default:
      return null;
  }
}

/** The lists that depend on the procedure version received under (full online, fees) or on payment events. */
async function offerPredicate(
  deps: Deps,
  centerId: number,
  d: DrillSql,
  b: repo.Bounds,
  key: DrillKey,
): Promise<repo.DrillPredicate> {
  const versions = async (pick: (p: ProcedureData) => boolean) => {
    const list = (await repo.versionsOfCenter(deps.db, centerId))
      .filter((v) => pick(procedureJson.decode(v.data)))
      .map((v) => v.id);
    return list.length ? sql`procedure_version_id IN (${sql.join(list.map((x) => sql`${x}`))})` : sql`1 = 0`;
  };
  switch (key) {
    case 'full_online_eligible':
      return { where: sql`${d.recv} AND ${await versions((x) => x.onlineLevel === 'full')}` };
    case 'full_online':
      return { where: sql`${d.recv} AND channel = 'online' AND ${await versions((x) => x.onlineLevel === 'full')}` };
    case 'fee_received':
      return { where: sql`${d.recv} AND ${await versions((x) => (x.fees ?? []).some((f) => f.amount > 0))}` };
    default: {
      // paid_online
      const list = await repo.onlinePaidIds(deps.db, [centerId], b);
      return { where: list.length ? sql`id IN (${sql.join(list.map((x) => sql`${x}`))})` : sql`1 = 0` };
    }
  }
}

/** The SQL (and clock-judged ids) of one drill-down list of a centre over a period. */
async function drillPredicate(
  deps: Deps,
  centerId: number,
  key: DrillKey,
  period: Period,
): Promise<repo.DrillPredicate> {
  const b = boundsOf(period, deps.now());
  const d = repo.drillSql(deps.dialect, b, [centerId]);
  const plain = plainPredicate(d, deps.dialect, key);
  if (plain) return plain;
  if (!VERDICT_KEYS.has(key)) return offerPredicate(deps, centerId, d, b, key);
  const rows = await repo.singleSupplementRows(deps.db, deps.dialect, [centerId], b);
  const singles = await judgeSingles(deps, rows, b.asOfIso);
  return verdictPredicate(d, key, singles) ?? { where: sql`1 = 0` };
}

/** The dossiers behind a figure (numerator or denominator), paged. Needs dossier.read too: it lists dossier codes. */
export async function drill(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  key: unknown,
  period: Period,
  page: number,
  pageSize?: number,
): Promise<DrillResult> {
  const center = await readableCenter(deps, actor, slug);
  assertCan(actor, 'dossier.read', center.id);
  if (!isDrillKey(key))
    throw invalid(
      'key',
      `Danh sách không hợp lệ. Cho phép: ${DRILL_KEYS.join(', ')}.`,
      `Unknown list. Allowed: ${DRILL_KEYS.join(', ')}.`,
    );
  if (!Number.isInteger(page) || page < 1 || page > 100_000)
    throw invalid('page', 'Số trang không hợp lệ.', 'Invalid page number.');
  const p = await drillPredicate(deps, center.id, key, period);
  const size = pageSize ?? DRILL_PAGE_SIZE;
  const r = await repo.drillPage(deps.db, [center.id], p, size, (page - 1) * size);
  if (actor && actor.via !== 'system')
    await insertAudit(deps.db, {
      center_id: center.id,
      actor_user_id: actor.userId,
      action: 'reports.drill',
      subject: key,
      detail: JSON.stringify({ from: period.from, to: period.to, page, rows: r.rows.length }),
      at: deps.now().toISOString(),
    });
  return { center, period, key, page, pageSize: size, ...r };
}

/** The largest page of GET /reports/monthly/dossiers. */
export const FIGURE_PAGE_MAX = 5000;

/**
 * The dossiers behind a figure of /reports/monthly, by its figure key (a rate: its numerator, or
 * its denominator with part = 'denominator'). Figures that do not count dossiers (supplement
 * requests, apologies, care figures) have no list: 400.
 */
export async function figureDossiers(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  figure: unknown,
  part: unknown,
  period: Period,
  page: number,
  pageSize: number,
): Promise<DrillResult> {
  const f = FIGURE_DRILLS.find((x) => x.key === figure);
  const drillKey = f?.drill
    ? part === 'denominator'
      ? f.drill.denominator
      : (f.drill.value ?? f.drill.numerator)
    : undefined;
  if (!drillKey) {
    const allowed = FIGURE_DRILLS.filter((x) => x.drill).map((x) => x.key);
    throw invalid(
      'figure',
      `Chỉ số không có danh sách hồ sơ. Cho phép: ${allowed.join(', ')}.`,
      `This figure has no list of dossiers. Allowed: ${allowed.join(', ')}.`,
    );
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > FIGURE_PAGE_MAX)
    throw invalid('pageSize', `Cỡ trang từ 1 đến ${FIGURE_PAGE_MAX}.`, `pageSize from 1 to ${FIGURE_PAGE_MAX}.`);
  return drill(deps, actor, slug, drillKey, period, page, pageSize);
}

// ---- Province ----

export interface RankRow {
  center: Center;
  counts: DossierCounts;
  onTimeRate: number | null;
  fullOnlineRate: number | null;
  digitisedRate: number | null;
  reuseRate: number | null;
  onlineRate: number | null;
  score: number;
  maxScore: number;
  rank: number;
}
export interface ProvinceReport {
  period: Period;
  centers: Center[];
  stats: MonthlyStatistics;
  scorecard: Scorecard;
  ranking: RankRow[];
}

const DOSSIER_INDICATORS = new Set(['2.1', '3.0', 'TT', '4.1', '4.2', '4.3', '4.5a']);
/** No care figures: the ranking compares centres on their dossiers only (the fields the scorecard and figures read). */
const EMPTY_EXTERNAL = {
  surveys: {
    responses: 0,
    verySatisfied: 0,
    satisfied: 0,
    dissatisfied: 0,
    satisfiedRate: null,
    dissatisfiedDossierIds: [],
  },
  feedback: { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, dossierIds: [] },
  homeService: { requests: 0, visits: 0 },
  volunteers: { shifts: 0, peopleHelped: 0 },
  letters: { congratulation: 0, condolence: 0 },
  queue: { tickets: 0, avgWaitMinutes: null },
  sync: { acknowledged: 0 },
  fees: { paidAmount: 0, paidCount: 0 },
} as unknown as ExternalFigures;

/** Figure key → drill-down keys (the same list /reports/monthly carries in each figure's `drill`). */
const FIGURE_DRILLS = figuresOf(emptyCounts(), EMPTY_EXTERNAL, { ...DEFAULT_TARGETS });

/** The centres a province officer covers: those where the actor holds a role allowed 'reports.province'. */
export function provinceCenterIds(actor: Actor | null): number[] {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const list = centersOf(actor).filter((id) => can(actor, 'reports.province', id));
  if (!list.length) throw new AppError('FORBIDDEN');
  return list.sort((a, b) => a - b);
}

export async function provinceReport(deps: Deps, actor: Actor | null, period: Period): Promise<ProvinceReport> {
  const ids = provinceCenterIds(actor);
  const byId = await centresOf(deps, ids);
  const centers = ids.flatMap((id) => byId.get(id) ?? []);
  const stats = await computeMonthlyStatistics(deps, ids, period);
  const ranking: RankRow[] = stats.perCenter.map(({ centerId, counts }) => {
    const figs = figuresOf(counts, EMPTY_EXTERNAL, DEFAULT_TARGETS);
    const f = (k: string) => figs.find((x) => x.key === k)?.value ?? null;
    const sc = scorecardOf({ counts, external: EMPTY_EXTERNAL }).indicators.filter((i) => DOSSIER_INDICATORS.has(i.id));
    return {
      center: centers.find((c) => c.id === centerId)!,
      counts,
      onTimeRate: f('onTimeRate'),
      fullOnlineRate: f('fullOnlineRate'),
      digitisedRate: f('digitisedRate'),
      reuseRate: f('reuseRate'),
      onlineRate: f('onlineRate'),
      score: Math.round(sc.reduce((s, i) => s + (i.score ?? 0), 0) * 100) / 100,
      maxScore: sc.reduce((s, i) => s + i.max, 0),
      rank: 0,
    };
  });
  ranking.sort(
    (a, b) =>
      b.score - a.score ||
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      a.center.name.localeCompare(b.center.name, 'vi'),
  );
  ranking.forEach((r, i) => {
    r.rank = i > 0 && ranking[i - 1]!.score === r.score ? ranking[i - 1]!.rank : i + 1;
  });
  if (actor && actor.via !== 'system')
    await insertAudit(deps.db, {
      center_id: null,
      actor_user_id: actor.userId,
      action: 'reports.province',
      subject: `${period.from}..${period.to}`,
      detail: JSON.stringify({ centers: ids.length }),
      at: deps.now().toISOString(),
    });
  return { period, centers, stats, scorecard: scorecardOf(stats), ranking };
}

// ---- Targets and settings ----

export interface ReportSettings {
  year: number;
  targets: Record<TargetKey, number>;
  publicHeadline: boolean;
}

export async function getSettings(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  year: number,
): Promise<ReportSettings & { center: Center }> {
  const center = await readableCenter(deps, actor, slug);
  return {
    center,
    year,
    targets: await targetsFor(deps, center.id, year),
    publicHeadline: (await repo.settingOf(deps.db, center.id))?.public_headline === 1,
  };
}

/** Sets targets (rates 0..1, or percentages 0–100 from the console form) and the public opt-in, in one transaction. */
export async function saveSettings(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { year: unknown; targets?: unknown; publicHeadline?: unknown },
): Promise<ReportSettings> {
  const center = await readableCenter(deps, actor, slug, 'reports.manage');
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw invalid('year', 'Năm từ 2000 đến 2100.', 'The year must be between 2000 and 2100.');
  const targets: [TargetKey, number][] = [];
  const t = input.targets ?? {};
  if (typeof t !== 'object' || t === null || Array.isArray(t))
    throw invalid(
      'targets',
      'Chỉ tiêu phải là đối tượng {chỉ số: tỷ lệ}.',
      'targets must be an object {indicator: rate}.',
    );
  const problems: { field: string; vi: string; en: string }[] = [];
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    if (!isTargetKey(k)) {
      problems.push({
        field: `targets.${k}`,
        vi: `Chỉ số không hợp lệ. Cho phép: ${TARGET_KEYS.join(', ')}.`,
        en: `Unknown indicator. Allowed: ${TARGET_KEYS.join(', ')}.`,
      });
      continue;
    }
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : NaN;
    if (!Number.isFinite(x) || x < 0 || x > 1) {
      problems.push({
        field: `targets.${k}`,
        vi: 'Chỉ tiêu là tỷ lệ từ 0 đến 1 (ví dụ 0.9 = 90%).',
        en: 'A target is a rate from 0 to 1 (e.g. 0.9 = 90%).',
      });
      continue;
    }
    targets.push([k, x]);
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    for (const [k, x] of targets)
      await repo.upsertTarget(tx, {
        center_id: center.id,
        year,
        indicator: k,
        target: x,
        updated_by: actorId(actor),
        updated_at: now,
      });
    if (input.publicHeadline !== undefined)
      await repo.upsertSetting(tx, {
        center_id: center.id,
        public_headline:
          input.publicHeadline === true || input.publicHeadline === 'on' || input.publicHeadline === '1' ? 1 : 0,
        updated_by: actorId(actor),
        updated_at: now,
      });
    if (actor.via !== 'system')
      await insertAudit(tx, {
        center_id: center.id,
        actor_user_id: actor.userId,
        action: 'reports.settings',
        subject: String(year),
        detail: JSON.stringify({ targets: Object.fromEntries(targets), publicHeadline: input.publicHeadline ?? null }),
        at: now,
      });
  });
  return {
    year,
    targets: await targetsFor(deps, center.id, year),
    publicHeadline: (await repo.settingOf(deps.db, center.id))?.public_headline === 1,
  };
}

// ---- Public headline ----

export interface Headline {
  center: Center;
  month: Period;
  year: Period;
  monthStats: MonthlyStatistics;
  yearStats: MonthlyStatistics;
}

/** The public figures page exists only when the centre opted in (counts and rates, no names). */
export async function publicHeadline(deps: Deps, slug: string): Promise<Headline> {
  const center = await getCenter(deps, slug);
  if ((await repo.settingOf(deps.db, center.id))?.public_headline !== 1) throw new AppError('NOT_FOUND');
  const today = localDateOf(deps.now());
  const y = Number(today.slice(0, 4));
  const month = monthPeriod(y, Number(today.slice(5, 7)));
  const year = yearPeriod(y);
  const [monthStats, yearStats] = await Promise.all([
    computeMonthlyStatistics(deps, [center.id], month),
    computeMonthlyStatistics(deps, [center.id], year),
  ]);
  return { center, month, year, monthStats, yearStats };
}

export async function publicHeadlineEnabled(deps: Deps, centerId: number): Promise<boolean> {
  return (await repo.settingOf(deps.db, centerId))?.public_headline === 1;
}
