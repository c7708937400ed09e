/**
 * The report documents as plain data (title, tables, charts), built from the statistics; the
 * heavy renderers in export.ts turn them into XLSX and PDF. Light module: no exceljs or pdfkit.
 */
import type { Center } from '../../core/db/schema.ts';
import { formatInstantVi, localDateOf } from '../../core/calendar/index.ts';
import type { Chart } from './chart.ts';
import { PALETTE, buildChart } from './chart.ts';
import type { MonthlyStatistics } from './statistics.ts';
import type { Scorecard } from './scorecard.ts';
import type { CenterReport, ProvinceReport, ScoreYear, TrendPoint } from './service.ts';

export type DocCell = string | number | { rate: number | null };
export interface DocTable {
  title: string;
  columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[];
  rows: DocCell[][];
}
export interface ReportDoc {
  center: Pick<Center, 'name' | 'parent_body' | 'province' | 'slug'> | null;
  /** Place of the date line when there is no centre (province reports). */ place?: string;
  agency: string;
  parentBody: string;
  fileName: string;
  title: string;
  subtitle: string;
  date: string;
  intro: string[];
  tables: DocTable[];
  charts: Chart[];
  /** Signature block (Decree 30): recipients on the left, signer on the right. */ sign?: {
    recipients: string[];
    title: string;
    name: string;
  };
}

const rateText = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
export function cellText(c: DocCell): string {
  if (typeof c === 'number') return c.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  if (typeof c === 'string') return c;
  return rateText(c.rate);
}

function figuresTable(stats: MonthlyStatistics): DocTable {
  const groupTitle: Record<string, string> = {
    received: 'TIẾP NHẬN',
    outcome: 'KẾT QUẢ GIẢI QUYẾT',
    rates: 'CHỈ SỐ CHUYỂN ĐỔI SỐ VÀ CHẤT LƯỢNG',
    care: 'PHỤC VỤ, CHĂM SÓC NGƯỜI DÂN',
  };
  const rows: DocCell[][] = [];
  let group = '';
  let i = 0;
  for (const f of stats.figures) {
    if (f.group !== group) {
      group = f.group;
      rows.push([`§ ${groupTitle[group] ?? group}`, '', '', '', '']);
    }
    i++;
    const value: DocCell = f.value === null ? '—' : f.kind === 'rate' ? { rate: f.value } : f.value;
    rows.push([
      String(i),
      f.label.vi,
      value,
      f.kind === 'rate'
        ? `${f.numerator ?? ''}/${f.denominator ?? ''}${f.target !== undefined ? ` (chỉ tiêu ${rateText(f.target)})` : ''}`
        : '',
      f.formula.vi,
    ]);
  }
  return {
    title: 'Số liệu',
    columns: [
      { header: 'STT', width: 5, align: 'center' },
      { header: 'Chỉ tiêu', width: 30 },
      { header: 'Số liệu', width: 11, align: 'center' },
      { header: 'Tử số/mẫu số', width: 16, align: 'center' },
      { header: 'Cách tính', width: 55 },
    ],
    rows,
  };
}

export function scoreTable(sc: Scorecard, title = 'Điểm Bộ chỉ số 766'): DocTable {
  return {
    title,
    columns: [
      { header: 'Chỉ số', width: 34 },
      { header: 'Tối đa', width: 8, align: 'center' },
      { header: 'Tỷ lệ', width: 11, align: 'center' },
      { header: 'Điểm', width: 10, align: 'center' },
      { header: 'Cách tính / để tăng điểm', width: 55 },
    ],
    rows: [
      ...sc.indicators.map((i): DocCell[] => [
        `${i.computable ? '(*) ' : ''}${i.id} ${i.name.vi}`,
        i.max,
        i.computable ? { rate: i.rate } : '—',
        i.computable ? (i.score ?? '—') : 'không tính được',
        [i.formula.vi, i.hint?.vi ?? ''].filter(Boolean).join(' '),
      ]),
      ['Tổng (phần tính được)', sc.maxComputable, '', sc.score, ''],
    ],
  };
}

function trendTable(trend: TrendPoint[]): DocTable {
  return {
    title: 'Theo tháng',
    columns: [
      { header: 'Tháng', width: 10, align: 'center' },
      { header: 'Tiếp nhận', width: 10, align: 'center' },
      { header: 'Trực tuyến', width: 10, align: 'center' },
      { header: 'Đúng hạn', width: 10, align: 'center' },
      { header: 'Toàn trình', width: 10, align: 'center' },
      { header: 'Số hóa', width: 10, align: 'center' },
      { header: 'Tái sử dụng', width: 10, align: 'center' },
      { header: 'Điểm 766', width: 10, align: 'center' },
    ],
    rows: trend.map((x) => [
      x.label,
      x.received,
      x.online,
      { rate: x.onTimeRate },
      { rate: x.fullOnlineRate },
      { rate: x.digitisedRate },
      { rate: x.reuseRate },
      x.score,
    ]),
  };
}

function trendCharts(trend: TrendPoint[], target: number | null): Chart[] {
  const labels = trend.map((x) => x.label.replace(/\/20(\d\d)$/, '/$1'));
  return [
    buildChart({
      kind: 'bar',
      title: 'Hồ sơ tiếp nhận theo kênh, 12 tháng',
      labels,
      series: [
        { name: 'Trực tiếp/khác', values: trend.map((x) => x.received - x.online), color: PALETTE[0]! },
        { name: 'Trực tuyến', values: trend.map((x) => x.online), color: PALETTE[1]! },
      ],
    }),
    buildChart({
      kind: 'line',
      percent: true,
      title: 'Tỷ lệ đúng hạn, trực tuyến toàn trình, số hóa, tái sử dụng',
      labels,
      target,
      series: [
        { name: 'Đúng hạn', values: trend.map((x) => x.onTimeRate), color: PALETTE[2]! },
        { name: 'Toàn trình', values: trend.map((x) => x.fullOnlineRate), color: PALETTE[1]! },
        { name: 'Số hóa', values: trend.map((x) => x.digitisedRate), color: PALETTE[0]! },
        { name: 'Tái sử dụng', values: trend.map((x) => x.reuseRate), color: PALETTE[3]! },
      ],
    }),
  ];
}

export function centerReportDoc(r: CenterReport, now: Date): ReportDoc {
  const digitTarget = r.stats.figures.find((f) => f.key === 'digitisedRate')?.target ?? null;
  return {
    center: r.center,
    agency: r.center.name,
    parentBody: r.center.parent_body,
    fileName: `bao-cao-${r.center.slug}-${r.period.from}-${r.period.to}`,
    title: 'BÁO CÁO SỐ LIỆU GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    subtitle: r.period.label.vi,
    date: localDateOf(now),
    intro: [
      `Số liệu từ ngày ${r.period.from.split('-').reverse().join('/')} đến ngày ${r.period.to.split('-').reverse().join('/')}; hồ sơ đang giải quyết tính tại ${formatInstantVi(new Date(r.stats.asOf))}. Đúng hạn, quá hạn so với ngày hẹn trả ban đầu theo Quyết định 766/QĐ-TTg.`,
    ],
    tables: [figuresTable(r.stats), scoreTable(r.scorecard), ...(r.trend.length ? [trendTable(r.trend)] : [])],
    sign: {
      recipients: [`${r.center.parent_body} (để báo cáo);`, 'Lưu: VT.'],
      title: 'GIÁM ĐỐC',
      name: r.center.leader_name ?? '',
    },
    charts: r.trend.length ? trendCharts(r.trend, digitTarget) : [],
  };
}

export function scoreYearDoc(d: ScoreYear, now: Date): ReportDoc {
  const ids = d.total.scorecard.indicators.filter((i) => i.computable);
  const months: DocTable = {
    title: 'Điểm theo tháng',
    columns: [
      { header: 'Chỉ số', width: 30 },
      ...d.months.map((m) => ({ header: `T${m.period.month}`, width: 6, align: 'center' as const })),
      { header: 'Năm', width: 7, align: 'center' },
    ],
    rows: [
      ...ids.map((i): DocCell[] => [
        `${i.id} ${i.name.vi} (${i.max})`,
        ...d.months.map((m) => m.scorecard.indicators.find((x) => x.id === i.id)?.score ?? '—'),
        i.score ?? '—',
      ]),
      ['Tổng', ...d.months.map((m) => m.scorecard.score), d.total.scorecard.score],
    ],
  };
  return {
    center: d.center,
    agency: d.center.name,
    parentBody: d.center.parent_body,
    fileName: `diem-766-${d.center.slug}-${d.year}`,
    title: 'BẢNG ĐIỂM BỘ CHỈ SỐ 766',
    subtitle: `Năm ${d.year} (các chỉ số tính được từ dữ liệu một cửa)`,
    date: localDateOf(now),
    intro: [
      'Điểm và công thức theo cách chấm trên Cổng Dịch vụ công quốc gia năm 2026; chỉ số cần dữ liệu CSDLQG hoặc của tỉnh ghi “không tính được”.',
    ],
    tables: [months, scoreTable(d.total.scorecard, `Cả năm ${d.year}`)],
    sign: {
      recipients: [`${d.center.parent_body} (để báo cáo);`, 'Lưu: VT.'],
      title: 'GIÁM ĐỐC',
      name: d.center.leader_name ?? '',
    },
    charts: [
      buildChart({
        kind: 'bar',
        title: `Điểm 766 theo tháng, năm ${d.year}`,
        labels: d.months.map((m) => `T${m.period.month}`),
        series: [{ name: 'Điểm', values: d.months.map((m) => m.scorecard.score), color: PALETTE[0]! }],
      }),
    ],
  };
}

export function provinceDoc(r: ProvinceReport, now: Date): ReportDoc {
  const ranking: DocTable = {
    title: 'Xếp hạng',
    columns: [
      { header: 'Hạng', width: 6, align: 'center' },
      { header: 'Trung tâm', width: 40 },
      { header: 'Tiếp nhận', width: 10, align: 'center' },
      { header: 'Đúng hạn', width: 10, align: 'center' },
      { header: 'Toàn trình', width: 10, align: 'center' },
      { header: 'Số hóa', width: 10, align: 'center' },
      { header: 'Tái sử dụng', width: 10, align: 'center' },
      { header: 'Điểm', width: 8, align: 'center' },
    ],
    rows: r.ranking.map((x) => [
      x.rank,
      x.center.name,
      x.counts.received,
      { rate: x.onTimeRate },
      { rate: x.fullOnlineRate },
      { rate: x.digitisedRate },
      { rate: x.reuseRate },
      x.score,
    ]),
  };
  return {
    center: null,
    place: (r.centers[0]?.province ?? '').replace(/^(Tỉnh|Thành phố)\s+/u, ''),
    agency: 'Số liệu tổng hợp cấp tỉnh',
    parentBody: r.centers[0]?.province ? `UBND ${r.centers[0].province}` : '',
    fileName: `bao-cao-tinh-${r.period.from}-${r.period.to}`,
    title: 'BÁO CÁO SỐ LIỆU CÁC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG CẤP XÃ',
    subtitle: r.period.label.vi,
    date: localDateOf(now),
    intro: [
      `${r.centers.length} trung tâm. Xếp hạng theo điểm các chỉ số 766 về hồ sơ (tối đa ${r.ranking[0]?.maxScore ?? 0} điểm).`,
    ],
    tables: [ranking, figuresTable(r.stats)],
    charts: [
      buildChart({
        kind: 'bar',
        percent: true,
        title: 'Tỷ lệ đúng hạn theo trung tâm (theo hạng)',
        labels: r.ranking.map((x) => String(x.rank)),
        series: [{ name: 'Đúng hạn', values: r.ranking.map((x) => x.onTimeRate), color: PALETTE[2]! }],
      }),
    ],
  };
}
