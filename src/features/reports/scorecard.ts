/**
 * Decision 766 scorecard (BRIEF §7.2): the ★ indicators computable from one-stop data with the
 * points and formulas as scored on DVCQG in 2026; the others are listed as not computable here.
 * Pure: it scores a MonthlyStatistics.
 */
import type { DossierCounts, ExternalFigures, MonthlyStatistics, Text } from './statistics.ts';
import { onTimeParts } from './statistics.ts';

export interface Indicator {
  id: string;
  group: Text;
  name: Text;
  max: number;
  computable: boolean;
  /** The rate scored (0..1), null when nothing to divide. */
  rate: number | null;
  numerator?: number;
  denominator?: number;
  score: number | null;
  formula: Text;
  /** What would raise the score, when it is not full. */
  hint?: Text;
}

export interface Scorecard {
  indicators: Indicator[];
  score: number;
  maxComputable: number;
  maxTotal: 100;
}

const G = {
  transparency: { vi: 'Công khai, minh bạch (18)', en: 'Transparency (18)' },
  progress: { vi: 'Tiến độ, kết quả giải quyết (20)', en: 'Progress and results (20)' },
  online: { vi: 'Cung cấp dịch vụ trực tuyến (12)', en: 'Online services (12)' },
  payment: { vi: 'Thanh toán trực tuyến (10)', en: 'Online payment (10)' },
  digit: { vi: 'Số hóa hồ sơ (22)', en: 'Digitisation (22)' },
  satisfaction: { vi: 'Mức độ hài lòng (18)', en: 'Satisfaction (18)' },
};

const round2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
const pctEn = (x: number) => `${(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

/** How many more dossiers in the numerator reach `threshold` (den fixed); 0 when already there. */
export function moreNeeded(num: number, den: number, threshold: number): number {
  if (den <= 0) return 0;
  return Math.max(0, Math.ceil(threshold * den - num - 1e-9));
}

function rateIndicator(o: {
  id: string;
  group: Text;
  name: Text;
  max: number;
  num: number;
  den: number;
  fullAt: number;
  formula: Text;
  what: Text;
}): Indicator {
  const rate = o.den > 0 ? o.num / o.den : null;
  const score = rate === null ? null : round2(Math.min(o.max, (o.max * rate) / o.fullAt));
  const k = moreNeeded(o.num, o.den, o.fullAt);
  const hint =
    rate !== null && k > 0
      ? {
          vi: `Thêm ${k} ${o.what.vi} sẽ đạt ${pct(o.fullAt)} (đủ ${o.max} điểm).`,
          en: `${k} more ${o.what.en} would reach ${pctEn(o.fullAt)} (full ${o.max} points).`,
        }
      : undefined;
  return {
    id: o.id,
    group: o.group,
    name: o.name,
    max: o.max,
    computable: true,
    rate,
    numerator: o.num,
    denominator: o.den,
    score,
    formula: o.formula,
    ...(hint ? { hint } : {}),
  };
}

function notComputable(id: string, group: Text, name: Text, max: number, why: Text): Indicator {
  return { id, group, name, max, computable: false, rate: null, score: null, formula: why };
}

/** 1.1–1.4: publication (not computable here) and DVCQG synchronisation. */
function transparencyIndicators(c: DossierCounts, x: ExternalFigures): Indicator[] {
  const list: Indicator[] = [];
  list.push(
    notComputable('1.1', G.transparency, { vi: 'TTHC công bố đúng hạn', en: 'Procedures announced on time' }, 6, {
      vi: 'Nguồn: CSDLQG về TTHC — không tính được từ dữ liệu một cửa.',
      en: 'Source: the national TTHC database — not computable from one-stop data.',
    }),
  );
  list.push(
    notComputable(
      '1.2',
      G.transparency,
      {
        vi: 'TTHC cập nhật, công khai đúng hạn trên CSDLQG',
        en: 'Procedures published on time on the national database',
      },
      4,
      { vi: 'Nguồn: CSDLQG về TTHC.', en: 'Source: the national TTHC database.' },
    ),
  );
  list.push(
    notComputable(
      '1.3',
      G.transparency,
      { vi: 'TTHC công khai đầy đủ thành phần', en: 'Procedures published with all components' },
      2,
      { vi: 'Nguồn: CSDLQG về TTHC.', en: 'Source: the national TTHC database.' },
    ),
  );
  list.push(
    rateIndicator({
      id: '1.4',
      group: G.transparency,
      name: {
        vi: 'Đồng bộ hồ sơ lên Cổng DVCQG theo thời gian thực',
        en: 'Dossiers synchronised to DVCQG in real time',
      },
      max: 6,
      num: Math.min(x.sync.acknowledged, c.received),
      den: c.received,
      fullAt: 1,
      formula: {
        vi: 'Hồ sơ tiếp nhận trong kỳ được Cổng DVCQG xác nhận đã nhận (theo kết quả đồng bộ của hệ thống này) ÷ hồ sơ tiếp nhận trong kỳ. Điểm = 6 × tỷ lệ. Cổng dùng mẫu số lớn hơn giữa số của hệ thống báo cáo và của Cổng.',
        en: 'Dossiers received in the period that DVCQG acknowledged (from this system’s sync results) ÷ dossiers received in the period. Score = 6 × rate. The portal takes the larger of the reporting system’s and its own count as the denominator.',
      },
      what: { vi: 'hồ sơ được đồng bộ', en: 'synchronised dossiers' },
    }),
  );
  return list;
}

/** 2.1: on-time rate (Decision 766, against the original appointment). */
function progressIndicators(c: DossierCounts): Indicator[] {
  const list: Indicator[] = [];
  const ot = onTimeParts(c);
  list.push(
    rateIndicator({
      id: '2.1',
      group: G.progress,
      name: { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate' },
      max: 20,
      num: ot.num,
      den: ot.den,
      fullAt: 1,
      formula: {
        vi: '20 × (hồ sơ kết thúc đúng hạn + đang giải quyết trong hạn) ÷ (hồ sơ kết thúc + đang giải quyết).',
        en: '20 × (ended on time + in progress within the limit) ÷ (ended + in progress).',
      },
      what: { vi: 'hồ sơ đúng hạn', en: 'on-time dossiers' },
    }),
  );
  return list;
}

/** 3.0: full-process online rate. */
function onlineIndicators(c: DossierCounts): Indicator[] {
  const list: Indicator[] = [];
  list.push(
    rateIndicator({
      id: '3.0',
      group: G.online,
      name: { vi: 'Tỷ lệ hồ sơ trực tuyến toàn trình', en: 'Full-process online rate' },
      max: 12,
      num: c.fullOnline,
      den: c.fullOnlineEligible,
      fullAt: 1,
      formula: {
        vi: '12 × hồ sơ trực tuyến toàn trình ÷ hồ sơ của thủ tục đủ điều kiện trực tuyến toàn trình.',
        en: '12 × full-process online dossiers ÷ dossiers of procedures eligible for full-process online.',
      },
      what: { vi: 'hồ sơ nộp trực tuyến toàn trình', en: 'full-process online dossiers' },
    }),
  );
  return list;
}

/** TT: online payment, 6·A + min(2, 2.5·B) + 2.5·C (2026, reverse-engineered), capped at 10. */
function paymentIndicators(c: DossierCounts): Indicator[] {
  const list: Indicator[] = [];
  const A = c.feeReceived > 0 ? c.paidOnline / c.feeReceived : null;
  const B = c.feeProcedures > 0 ? c.feeProceduresPaidOnline / c.feeProcedures : 0;
  const C = c.feeProcedures > 0 ? c.feeProceduresWithDossiers / c.feeProcedures : 0;
  const score = A === null ? null : round2(Math.min(10, 6 * A + Math.min(2, 2.5 * B) + 2.5 * C));
  const k = moreNeeded(c.paidOnline, c.feeReceived, 1);
  list.push({
    id: 'TT',
    group: G.payment,
    name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
    max: 10,
    computable: true,
    rate: A,
    numerator: c.paidOnline,
    denominator: c.feeReceived,
    score,
    formula: {
      vi: `6·A + min(2; 2,5·B) + 2,5·C; A = hồ sơ thanh toán trực tuyến ÷ hồ sơ của TTHC có thu phí (${c.paidOnline}/${c.feeReceived}); B = TTHC có phí có hồ sơ thanh toán trực tuyến ÷ TTHC có phí (${c.feeProceduresPaidOnline}/${c.feeProcedures}); C = TTHC có phí phát sinh hồ sơ ÷ TTHC có phí (${c.feeProceduresWithDossiers}/${c.feeProcedures}).`,
      en: `6·A + min(2, 2.5·B) + 2.5·C; A = dossiers paid online ÷ dossiers of fee-charging procedures (${c.paidOnline}/${c.feeReceived}); B = fee procedures with a dossier paid online ÷ fee procedures (${c.feeProceduresPaidOnline}/${c.feeProcedures}); C = fee procedures with dossiers ÷ fee procedures (${c.feeProceduresWithDossiers}/${c.feeProcedures}).`,
    },
    ...(A !== null && k > 0
      ? {
          hint: {
            vi: `Mỗi hồ sơ thu phí được thanh toán trực tuyến thêm ${(6 / c.feeReceived).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} điểm; còn ${k} hồ sơ thu phí chưa thanh toán trực tuyến.`,
            en: `Each fee dossier paid online adds ${(6 / c.feeReceived).toFixed(2)} points; ${k} fee dossiers were not paid online.`,
          },
        }
      : {}),
  });
  return list;
}

/** 4.1, 4.2, 4.2b: electronic results, digitised dossiers, certified copies. */
function resultAndDigitisationIndicators(c: DossierCounts): Indicator[] {
  const list: Indicator[] = [];
  list.push(
    rateIndicator({
      id: '4.1',
      group: G.digit,
      name: { vi: 'Hồ sơ có kết quả điện tử', en: 'Dossiers with an electronic result' },
      max: 6,
      num: c.resolvedEResult,
      den: c.resolved,
      fullAt: 1,
      formula: {
        vi: '6 × hồ sơ có kết quả điện tử ÷ hồ sơ đã giải quyết của TTHC có kết quả là giấy tờ.',
        en: '6 × dossiers with an electronic result ÷ resolved dossiers of procedures with a document result.',
      },
      what: { vi: 'hồ sơ có kết quả điện tử', en: 'dossiers with an electronic result' },
    }),
  );
  list.push(
    rateIndicator({
      id: '4.2',
      group: G.digit,
      name: { vi: 'Tỷ lệ số hóa hồ sơ', en: 'Dossiers digitised' },
      max: 4,
      num: c.digitised,
      den: c.received,
      fullAt: 0.8,
      formula: {
        vi: 'Đủ 4 điểm khi ≥ 80%; dưới đó: tỷ lệ × 4 ÷ 80%. Tỷ lệ = hồ sơ được số hóa ÷ hồ sơ tiếp nhận.',
        en: 'Full 4 points at ≥ 80%; below: rate × 4 ÷ 80%. Rate = digitised dossiers ÷ dossiers received.',
      },
      what: { vi: 'hồ sơ được số hóa', en: 'dossiers digitised' },
    }),
  );
  list.push(
    notComputable(
      '4.2b',
      G.digit,
      { vi: 'Chứng thực bản sao điện tử từ bản chính', en: 'Electronic certified copies from originals' },
      2,
      { vi: 'Tính theo số xã trên địa bàn tỉnh.', en: 'Counted over the communes of the province.' },
    ),
  );
  return list;
}

/** 4.3–4.5b: reuse of digitised data, the citizen's data store, population data. */
function dataIndicators(c: DossierCounts): Indicator[] {
  const list: Indicator[] = [];
  list.push(
    rateIndicator({
      id: '4.3',
      group: G.digit,
      name: { vi: 'Khai thác, sử dụng lại dữ liệu số hóa', en: 'Reuse of digitised data' },
      max: 2,
      num: c.reused,
      den: c.received,
      fullAt: 0.8,
      formula: {
        vi: 'min(2; 2 × tỷ lệ ÷ 80%); tỷ lệ = hồ sơ có thành phần được tái sử dụng ÷ hồ sơ tiếp nhận.',
        en: 'min(2, 2 × rate ÷ 80%); rate = dossiers with a reused component ÷ dossiers received.',
      },
      what: { vi: 'hồ sơ tái sử dụng dữ liệu', en: 'dossiers reusing data' },
    }),
  );
  list.push(
    notComputable(
      '4.4',
      G.digit,
      {
        vi: 'Hồ sơ số hóa kết nối kho dữ liệu cá nhân trên Cổng DVCQG',
        en: 'Digitised dossiers linked to the citizen’s data store on DVCQG',
      },
      4,
      {
        vi: 'Cần cờ DuocLayTuKhoDMQG từ Cổng DVCQG; hệ thống này chưa ghi nhận.',
        en: 'Needs the DuocLayTuKhoDMQG flag from DVCQG; not recorded here.',
      },
    ),
  );
  list.push(
    rateIndicator({
      id: '4.5a',
      group: G.digit,
      name: { vi: 'Sử dụng dữ liệu dân cư trong hồ sơ', en: 'Use of population data in dossiers' },
      max: 2,
      num: c.vneid,
      den: c.received,
      fullAt: 1,
      formula: {
        vi: '2 × hồ sơ có tài khoản xác thực VNeID ÷ hồ sơ tiếp nhận.',
        en: '2 × dossiers with a VNeID-verified account ÷ dossiers received.',
      },
      what: { vi: 'hồ sơ xác thực VNeID', en: 'VNeID-verified dossiers' },
    }),
  );
  list.push(
    notComputable(
      '4.5b',
      G.digit,
      { vi: 'TTHC kết nối dữ liệu dân cư', en: 'Procedures connected to population data' },
      2,
      { vi: 'Nguồn: cấu hình kết nối của tỉnh.', en: 'Source: the province’s connection setup.' },
    ),
  );
  return list;
}

/** 5.1, 5.2: petitions (feedback) handled on time, satisfaction with their handling. */
function petitionIndicators(x: ExternalFigures): Indicator[] {
  const list: Indicator[] = [];
  const fb = x.feedback;
  {
    const den = fb.answered + fb.overdue;
    const r = den > 0 ? fb.answeredOnTime / den : null;
    list.push({
      id: '5.1',
      group: G.satisfaction,
      name: { vi: 'Xử lý phản ánh, kiến nghị đúng hạn', en: 'Petitions handled on time' },
      max: 6,
      computable: true,
      rate: r,
      numerator: fb.answeredOnTime,
      denominator: den,
      score: r === null ? 6 : round2(6 * r),
      formula: {
        vi: '6 × phản ánh trả lời đúng hạn ÷ (đã trả lời + quá hạn chưa trả lời); 6 điểm khi không có phản ánh.',
        en: '6 × answered on time ÷ (answered + overdue unanswered); 6 points when there are no petitions.',
      },
    });
    const all = fb.received;
    const bad = fb.overdue + Math.max(0, fb.answered - fb.answeredOnTime);
    const r2 = all > 0 ? Math.max(0, all - bad) / all : null;
    list.push({
      id: '5.2',
      group: G.satisfaction,
      name: { vi: 'Hài lòng về xử lý phản ánh, kiến nghị', en: 'Satisfaction with petition handling' },
      max: 6,
      computable: true,
      rate: r2,
      numerator: all > 0 ? Math.max(0, all - bad) : 0,
      denominator: all,
      score: r2 === null ? 6 : round2(6 * r2),
      formula: {
        vi: '6 × (tổng − phản ánh trễ hạn) ÷ tổng; 6 điểm khi không có phản ánh. (Chưa ghi nhận “không hài lòng” hay lặp lại với phản ánh.)',
        en: '6 × (all − late) ÷ all; 6 points when there are none. (Dislikes and repeats of petitions are not recorded yet.)',
      },
    });
  }
  return list;
}

/** 5.3: satisfaction with receiving and settling procedures (late dossiers, petitions, “not satisfied”). */
function settlementSatisfaction(c: DossierCounts, x: ExternalFigures): Indicator[] {
  const list: Indicator[] = [];
  const fb = x.feedback;
  const finished = c.resolved + c.stopped;
  const lateRate = finished > 0 ? (c.resolvedLate + c.stoppedLate) / finished : 0;
  const complaintIds = new Set([...fb.dossierIds, ...x.surveys.dissatisfiedDossierIds]);
  const complaintRate = finished > 0 ? Math.min(1, complaintIds.size / finished) : 0;
  const r = finished > 0 ? Math.max(0, 1 - (lateRate + complaintRate)) : null;
  list.push({
    id: '5.3',
    group: G.satisfaction,
    name: {
      vi: 'Hài lòng trong tiếp nhận, giải quyết TTHC',
      en: 'Satisfaction with receiving and settling procedures',
    },
    max: 6,
    computable: true,
    rate: r,
    score: r === null ? null : round2(Math.min(6, (6 * r) / 0.9)),
    formula: {
      vi: `Tỷ lệ = 100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ hồ sơ có phản ánh hoặc “không hài lòng”); đủ 6 điểm khi ≥ 90%, dưới đó tỷ lệ × 6 ÷ 90%. Trễ hạn: ${c.resolvedLate + c.stoppedLate}/${finished}; có phản ánh hoặc không hài lòng: ${complaintIds.size}.`,
      en: `Rate = 100% − (late rate + rate of dossiers with a petition or a “not satisfied”); full 6 at ≥ 90%, else rate × 6 ÷ 90%. Late: ${c.resolvedLate + c.stoppedLate}/${finished}; with a petition or not satisfied: ${complaintIds.size}.`,
    },
  });
  return list;
}

export function scorecardOf(stats: Pick<MonthlyStatistics, 'counts' | 'external'>): Scorecard {
  const c: DossierCounts = stats.counts;
  const x: ExternalFigures = stats.external;
  const list: Indicator[] = [
    ...transparencyIndicators(c, x),
    ...progressIndicators(c),
    ...onlineIndicators(c),
    ...paymentIndicators(c),
    ...resultAndDigitisationIndicators(c),
    ...dataIndicators(c),
    ...petitionIndicators(x),
    ...settlementSatisfaction(c, x),
  ];
  const computable = list.filter((i) => i.computable);
  return {
    indicators: list,
    score: round2(computable.reduce((s, i) => s + (i.score ?? 0), 0)),
    maxComputable: computable.reduce((s, i) => s + i.max, 0),
    maxTotal: 100,
  };
}
