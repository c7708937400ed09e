/**
 * The KPIs of a quarter for the quarterly report: an adapter in front of the reports feature's
 * `computeMonthlyStatistics(deps, [centerId], {from, to})` (src/features/reports/statistics.ts).
 * When it fails, the headline figures come from a minimal query of our own (dossierPeriodCounts, the desk's contract)
 * and `source` says so on the report. Only this file knows the shape of the statistics.
 */
import type { Deps } from '../../core/deps.ts';
import { instantBounds, type DayRange } from '../../core/figures.ts';
import { dossierPeriodCounts, type DossierPeriodCounts } from '../dossiers/index.ts';

export interface Kpi {
  key: string;
  label: string;
  labelEn: string;
  value: string;
  target?: string;
}
export interface MonthBar {
  label: string;
  received: number;
  resolved: number;
  onTime: number;
}
export interface QuarterKpis {
  source: 'reports' | 'plan-fallback';
  kpis: Kpi[];
  months: MonthBar[];
}

const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1).replace('.', ',')}%` : '—');

type Counts = DossierPeriodCounts;

async function fallbackCounts(deps: Deps, centerId: number, range: DayRange): Promise<Counts> {
  const { fromIso, toIso } = instantBounds(range);
  return dossierPeriodCounts(deps, centerId, fromIso, toIso);
}

/** The fallback KPI rows from our own counts. */
export function fromCounts(c: Counts, target: string): Kpi[] {
  return [
    { key: 'received', label: 'Hồ sơ tiếp nhận trong kỳ', labelEn: 'Dossiers received', value: String(c.received) },
    { key: 'resolved', label: 'Hồ sơ đã giải quyết', labelEn: 'Dossiers resolved', value: String(c.resolved) },
    {
      key: 'onTime',
      label: 'Tỷ lệ giải quyết đúng hạn',
      labelEn: 'Resolved on time',
      value: pct(c.onTime, c.resolved),
      target: '100%',
    },
    {
      key: 'online',
      label: 'Tỷ lệ hồ sơ nộp trực tuyến',
      labelEn: 'Online submissions',
      value: pct(c.online, c.received),
      target,
    },
    {
      key: 'digitised',
      label: 'Tỷ lệ số hóa hồ sơ',
      labelEn: 'Digitised dossiers',
      value: pct(c.digitised, c.received),
      target,
    },
    {
      key: 'reused',
      label: 'Tỷ lệ tái sử dụng dữ liệu số hóa',
      labelEn: 'Reuse of digitised data',
      value: pct(c.reused, c.received),
      target,
    },
    { key: 'vneid', label: 'Tỷ lệ hồ sơ xác thực VNeID', labelEn: 'VNeID-verified', value: pct(c.vneid, c.received) },
  ];
}

type Statistics = Awaited<ReturnType<(typeof import('../reports/statistics.ts'))['computeMonthlyStatistics']>>;

/** The figures the quarterly report shows, in this order (keys of the reports feature's figures). */
export const REPORT_FIGURES = [
  'received',
  'resolved',
  'onTimeRate',
  'fullOnlineRate',
  'onlineRate',
  'digitisedRate',
  'reuseRate',
  'vneidRate',
  'satisfactionRate',
  'sameDayRate',
  'apologies',
  'homeVisits',
] as const;

const pctOf = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')}%`;

/** Maps the reports feature's statistics to the report's KPI rows (the only place that knows its shape). */
export function kpisFromStatistics(s: Statistics): Kpi[] {
  const out: Kpi[] = [];
  for (const key of REPORT_FIGURES) {
    const f = s.figures.find((x) => x.key === key);
    if (!f) continue;
    const value =
      f.value === null
        ? '—'
        : f.kind === 'rate'
          ? pctOf(f.value)
          : f.kind === 'minutes'
            ? `${Math.round(f.value)} phút`
            : String(f.value);
    const detail =
      f.kind === 'rate' && f.numerator !== undefined && f.denominator !== undefined && f.denominator > 0
        ? ` (${f.numerator}/${f.denominator})`
        : '';
    out.push({
      key,
      label: f.label.vi,
      labelEn: f.label.en,
      value: value + detail,
      target: f.target !== undefined ? `≥ ${pctOf(f.target)}` : undefined,
    });
  }
  return out;
}

/** KPIs of the quarter and the per-month bars of the chart. */
export async function quarterKpis(
  deps: Deps,
  centerId: number,
  quarter: DayRange,
  months: DayRange[],
  targetPct = 90,
): Promise<QuarterKpis> {
  try {
    const { computeMonthlyStatistics } = await import('../reports/statistics.ts');
    const s = await computeMonthlyStatistics(deps, [centerId], quarter);
    const kpis = kpisFromStatistics(s);
    if (kpis.length) return { source: 'reports', kpis, months: await monthBars(deps, centerId, months) };
  } catch (e) {
    deps.log.warn({ err: String(e) }, 'plan: computeMonthlyStatistics failed; using the plan’s own counts');
  }
  return {
    source: 'plan-fallback',
    kpis: fromCounts(await fallbackCounts(deps, centerId, quarter), `≥ ${targetPct}%`),
    months: await monthBars(deps, centerId, months),
  };
}

async function monthBars(deps: Deps, centerId: number, months: DayRange[]): Promise<MonthBar[]> {
  const out: MonthBar[] = [];
  for (const r of months) {
    const label = `Tháng ${Number(r.from.slice(5, 7))}`;
    try {
      const { computeMonthlyStatistics } = await import('../reports/statistics.ts');
      const c = (await computeMonthlyStatistics(deps, [centerId], r)).counts;
      out.push({ label, received: c.received, resolved: c.resolved, onTime: c.resolvedEarly + c.resolvedOnTime });
    } catch {
      const c = await fallbackCounts(deps, centerId, r);
      out.push({ label, received: c.received, resolved: c.resolved, onTime: c.onTime });
    }
  }
  return out;
}
