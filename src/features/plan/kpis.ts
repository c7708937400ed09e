/**
 * The KPIs of a quarter for the quarterly report: an adapter in front of the reports feature's
 * `computeMonthlyStatistics(deps, [centerId], {from, to})`, the one place the figures are counted
 * (verdicts by the dossier's clock, decision 019). There is no second count: when the statistics
 * cannot be computed the report is refused with a clear error, never produced with figures of
 * another rule (decision 049). Only this file knows the shape of the statistics.
 */
import type { Deps } from '../../core/deps.ts';
import type { DayRange } from '../../core/figures.ts';
import { formatVi } from '../../core/calendar/index.ts';
import { AppError } from '../../core/http/errors.ts';
import type { MonthlyStatistics } from '../reports/index.ts';

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
  kpis: Kpi[];
  months: MonthBar[];
}

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
export function kpisFromStatistics(s: MonthlyStatistics): Kpi[] {
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

/**
 * The refusal when the statistics fail: a catalogue error passes as it is (e.g. BUSY); anything
 * else is logged with its cause and answers UNAVAILABLE, naming the period, in Vietnamese and English.
 */
function refusal(deps: Deps, period: DayRange, e: unknown): AppError {
  if (e instanceof AppError) return e;
  deps.log.error({ err: e }, 'plan: the statistics of the quarterly report failed; the report is refused');
  const from = formatVi(period.from);
  const to = formatVi(period.to);
  return new AppError(
    'UNAVAILABLE',
    [
      {
        field: 'kpis',
        vi: `Chưa lập được báo cáo: hệ thống chưa tính được số liệu thống kê từ ${from} đến ${to}. Báo cáo chỉ lấy số liệu của báo cáo thống kê, không dùng số liệu khác; vui lòng thử lại sau hoặc báo quản trị hệ thống.`,
        en: `The report was not produced: the statistics from ${from} to ${to} could not be computed. The report takes its figures only from the statistics, never from elsewhere; try again later or tell the administrator.`,
      },
    ],
    { cause: e },
  );
}

/** KPIs of the quarter and the per-month bars of the chart, all from the reports feature's statistics. */
export async function quarterKpis(
  deps: Deps,
  centerId: number,
  quarter: DayRange,
  months: DayRange[],
): Promise<QuarterKpis> {
  const { computeMonthlyStatistics } = await import('../reports/index.ts');
  const statistics = async (range: DayRange): Promise<MonthlyStatistics> => {
    try {
      return await computeMonthlyStatistics(deps, [centerId], range);
    } catch (e) {
      throw refusal(deps, quarter, e);
    }
  };
  const kpis = kpisFromStatistics(await statistics(quarter));
  const bars: MonthBar[] = [];
  for (const r of months) {
    const c = (await statistics(r)).counts;
    bars.push({
      label: `Tháng ${Number(r.from.slice(5, 7))}`,
      received: c.received,
      resolved: c.resolved,
      onTime: c.resolvedEarly + c.resolvedOnTime,
    });
  }
  return { kpis, months: bars };
}
