/**
 * Reporting periods (BRIEF §4): calendar month, quarter and year (as the Decision 766 dashboards
 * count), and the state reporting periods that run from the 15th to the 14th. Pure.
 */
import {
  addDays,
  daysInMonth,
  isLocalDate,
  localDateOf,
  makeLocalDate,
  diffDays,
  type LocalDate,
} from '../../core/calendar/index.ts';
import type { DayRange } from '../../core/figures.ts';
import { AppError, invalid } from '../../core/http/errors.ts';

export const PERIOD_KINDS = ['month', 'state', 'quarter', 'state_quarter', 'year', 'state_year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export type Period = DayRange & {
  kind: PeriodKind;
  year: number;
  month?: number;
  quarter?: number;
  label: { vi: string; en: string };
};

const pad = (n: number) => String(n).padStart(2, '0');
const vi = (d: LocalDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Calendar month m (1–12) of year y. */
export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    year,
    month,
    from: makeLocalDate(year, month, 1),
    to: makeLocalDate(year, month, daysInMonth(year, month)),
    label: { vi: `Tháng ${pad(month)}/${year}`, en: `Month ${pad(month)}/${year}` },
  };
}

/** State reporting month: the 15th of the previous month to the 14th of month m. */
export function stateMonthPeriod(year: number, month: number): Period {
  const py = month === 1 ? year - 1 : year;
  const pm = month === 1 ? 12 : month - 1;
  const from = makeLocalDate(py, pm, 15);
  const to = makeLocalDate(year, month, 14);
  return {
    kind: 'state',
    year,
    month,
    from,
    to,
    label: {
      vi: `Kỳ báo cáo tháng ${pad(month)}/${year} (${vi(from)} – ${vi(to)})`,
      en: `Reporting month ${pad(month)}/${year} (${vi(from)} – ${vi(to)})`,
    },
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const m1 = (quarter - 1) * 3 + 1;
  return {
    kind: 'quarter',
    year,
    quarter,
    from: makeLocalDate(year, m1, 1),
    to: makeLocalDate(year, m1 + 2, daysInMonth(year, m1 + 2)),
    label: { vi: `Quý ${quarter}/${year}`, en: `Quarter ${quarter}/${year}` },
  };
}

/** State reporting quarter: the 15th of the month before the quarter to the 14th of its last month. */
export function stateQuarterPeriod(year: number, quarter: number): Period {
  const m1 = (quarter - 1) * 3 + 1;
  const from = m1 === 1 ? makeLocalDate(year - 1, 12, 15) : makeLocalDate(year, m1 - 1, 15);
  const to = makeLocalDate(year, m1 + 2, 14);
  return {
    kind: 'state_quarter',
    year,
    quarter,
    from,
    to,
    label: {
      vi: `Kỳ báo cáo quý ${quarter}/${year} (${vi(from)} – ${vi(to)})`,
      en: `Reporting quarter ${quarter}/${year} (${vi(from)} – ${vi(to)})`,
    },
  };
}

export function yearPeriod(year: number): Period {
  return {
    kind: 'year',
    year,
    from: makeLocalDate(year, 1, 1),
    to: makeLocalDate(year, 12, 31),
    label: { vi: `Năm ${year}`, en: `Year ${year}` },
  };
}

/** State reporting year: 15/12 of the previous year to 14/12. */
export function stateYearPeriod(year: number): Period {
  const from = makeLocalDate(year - 1, 12, 15);
  const to = makeLocalDate(year, 12, 14);
  return {
    kind: 'state_year',
    year,
    from,
    to,
    label: {
      vi: `Kỳ báo cáo năm ${year} (${vi(from)} – ${vi(to)})`,
      en: `Reporting year ${year} (${vi(from)} – ${vi(to)})`,
    },
  };
}

export const MAX_RANGE_DAYS = 366;

export function customPeriod(from: LocalDate, to: LocalDate): Period {
  return {
    kind: 'custom',
    year: Number(to.slice(0, 4)),
    from,
    to,
    label: { vi: `Từ ${vi(from)} đến ${vi(to)}`, en: `From ${vi(from)} to ${vi(to)}` },
  };
}

/** The period that contains `today` for a kind (the state month containing the 20th is the next month's). */
export function currentPeriod(kind: PeriodKind, today: LocalDate): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const d = Number(today.slice(8, 10));
  switch (kind) {
    case 'state':
      return d >= 15 ? (m === 12 ? stateMonthPeriod(y + 1, 1) : stateMonthPeriod(y, m + 1)) : stateMonthPeriod(y, m);
    case 'quarter':
      return quarterPeriod(y, Math.ceil(m / 3));
    case 'state_quarter': {
      const sq = stateQuarterPeriod(y, Math.ceil(m / 3));
      if (today > sq.to)
        return Math.ceil(m / 3) === 4 ? stateQuarterPeriod(y + 1, 1) : stateQuarterPeriod(y, Math.ceil(m / 3) + 1);
      return sq;
    }
    case 'year':
      return yearPeriod(y);
    case 'state_year':
      return today >= makeLocalDate(y, 12, 15) ? stateYearPeriod(y + 1) : stateYearPeriod(y);
    default:
      return monthPeriod(y, m);
  }
}

function int(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid(
      field,
      `“${field}” phải là số từ ${min} đến ${max}.`,
      `“${field}” must be a number from ${min} to ${max}.`,
    );
  return n;
}

/**
 * Reads a period from query parameters: `from`+`to` (custom, at most a year), or `period` (kind)
 * with `year` and `month` / `quarter`; missing parts default to the period containing today.
 */
export function parsePeriodQuery(q: Record<string, unknown>, now: Date): Period {
  const today = localDateOf(now);
  if (q.from !== undefined || q.to !== undefined) {
    const from = q.from;
    const to = q.to;
    if (typeof from !== 'string' || !isLocalDate(from))
      throw invalid('from', '“from” phải là ngày dạng YYYY-MM-DD.', '“from” must be a date like 2026-11-01.');
    if (typeof to !== 'string' || !isLocalDate(to))
      throw invalid('to', '“to” phải là ngày dạng YYYY-MM-DD.', '“to” must be a date like 2026-11-30.');
    if (to < from)
      throw invalid(
        'to',
        'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
        'The end date must not be before the start date.',
      );
    if (diffDays(from, to) + 1 > MAX_RANGE_DAYS)
      throw new AppError('RANGE_TOO_LARGE', [
        {
          field: 'to',
          vi: `Một báo cáo tối đa ${MAX_RANGE_DAYS} ngày.`,
          en: `A report covers at most ${MAX_RANGE_DAYS} days.`,
        },
      ]);
    return customPeriod(from, to);
  }
  const kindRaw = q.period ?? 'month';
  if (typeof kindRaw !== 'string' || !(PERIOD_KINDS as readonly string[]).includes(kindRaw) || kindRaw === 'custom') {
    throw invalid(
      'period',
      `Kỳ báo cáo: ${PERIOD_KINDS.filter((k) => k !== 'custom').join(', ')}.`,
      `period: ${PERIOD_KINDS.filter((k) => k !== 'custom').join(', ')}.`,
    );
  }
  const kind = kindRaw as PeriodKind;
  const cur = currentPeriod(kind, today);
  const year = q.year === undefined || q.year === '' ? cur.year : int(q.year, 'year', 2000, 2100);
  switch (kind) {
    case 'month':
      return monthPeriod(
        year,
        q.month === undefined || q.month === '' ? (cur.month ?? 1) : int(q.month, 'month', 1, 12),
      );
    case 'state':
      return stateMonthPeriod(
        year,
        q.month === undefined || q.month === '' ? (cur.month ?? 1) : int(q.month, 'month', 1, 12),
      );
    case 'quarter':
      return quarterPeriod(
        year,
        q.quarter === undefined || q.quarter === '' ? (cur.quarter ?? 1) : int(q.quarter, 'quarter', 1, 4),
      );
    case 'state_quarter':
      return stateQuarterPeriod(
        year,
        q.quarter === undefined || q.quarter === '' ? (cur.quarter ?? 1) : int(q.quarter, 'quarter', 1, 4),
      );
    case 'year':
      return yearPeriod(year);
    default:
      return stateYearPeriod(year);
  }
}

/** Query string that reproduces a period (for links and exports). */
export function periodQuery(p: Period): string {
  if (p.kind === 'custom') return `from=${p.from}&to=${p.to}`;
  const parts = [`period=${p.kind}`, `year=${p.year}`];
  if (p.month) parts.push(`month=${p.month}`);
  if (p.quarter) parts.push(`quarter=${p.quarter}`);
  return parts.join('&');
}

export { addDays };
