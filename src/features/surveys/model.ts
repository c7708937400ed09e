/**
 * Satisfaction surveys, pure rules: the default criteria (the 9 one-stop indicators of the
 * Thanh Hóa evaluation form, BRIEF §8, and the "4 xin, 4 luôn" conduct commitments, §14), the
 * answer scale, which stage of a dossier a response rates, the device class of a user agent,
 * the survey address printed on the receipt. No I/O.
 */
import { createHmac } from 'node:crypto';
import { addDays, isLocalDate } from '../../core/calendar/index.ts';
import { AppError } from '../../core/http/errors.ts';
import { schemaCodec } from '../../core/db/json.ts';
import Type from 'typebox';

export const STAGES = ['receipt', 'result'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, { vi: string; en: string }> = {
  receipt: { vi: 'Tiếp nhận hồ sơ', en: 'Receiving the dossier' },
  result: { vi: 'Trả kết quả', en: 'Returning the result' },
};
/** URL word for a stage (Vietnamese, no diacritics). */
export const STAGE_SLUGS: Record<Stage, string> = { receipt: 'tiep-nhan', result: 'tra-ket-qua' };
export function stageFromSlug(s: string): Stage | null {
  return s === 'tiep-nhan' ? 'receipt' : s === 'tra-ket-qua' ? 'result' : null;
}

export const CHANNELS = ['qr', 'link', 'tablet', 'web'] as const;
export type SurveyChannel = (typeof CHANNELS)[number];

export const OVERALL = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type Overall = (typeof OVERALL)[number];
export const OVERALL_LABELS: Record<Overall, { vi: string; en: string }> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  dissatisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};
/** Points of a criterion answer, like the 2-point indicators of the evaluation form. */
/** A criterion's score: 0 dissatisfied, 1 satisfied, 2 very satisfied. */
export type Score = 0 | 1 | 2;
export const SCORE_OF: Record<Overall, Score> = { very_satisfied: 2, satisfied: 1, dissatisfied: 0 };

export type CriterionKind = 'indicator' | 'conduct';
export interface Criterion {
  code: string;
  kind: CriterionKind;
  vi: string;
  en: string;
  active: boolean;
}

/** BRIEF §8 (9 indicators) and §14 ("4 xin, 4 luôn"). */
export const DEFAULT_CRITERIA: readonly Criterion[] = Object.freeze([
  {
    code: 'c1',
    kind: 'indicator',
    vi: 'Tổng thời gian giải quyết so với thời hạn theo quy định',
    en: 'Total processing time compared with the legal time limit',
    active: true,
  },
  {
    code: 'c2',
    kind: 'indicator',
    vi: 'Thời gian giải quyết của từng cơ quan, kể cả cơ quan phối hợp',
    en: 'Time taken by each agency involved, including coordinating agencies',
    active: true,
  },
  {
    code: 'c3',
    kind: 'indicator',
    vi: 'Số lần phải liên hệ nơi tiếp nhận để hoàn thiện hồ sơ (kể cả trực tuyến)',
    en: 'Contacts with the receiving point needed to complete the dossier (incl. online)',
    active: true,
  },
  {
    code: 'c4',
    kind: 'indicator',
    vi: 'Số cơ quan phải liên hệ để hoàn thiện hồ sơ (kể cả trực tuyến)',
    en: 'Agencies you had to contact to complete the dossier (incl. online)',
    active: true,
  },
  {
    code: 'c5',
    kind: 'indicator',
    vi: 'Tiếp nhận, giải quyết, trả kết quả đều tại Bộ phận Một cửa',
    en: 'Receipt, handling and return all done at the one-stop counter',
    active: true,
  },
  {
    code: 'c6',
    kind: 'indicator',
    vi: 'Công khai thủ tục hành chính',
    en: 'Publicity of the administrative procedure',
    active: true,
  },
  {
    code: 'c7',
    kind: 'indicator',
    vi: 'Thái độ của công chức khi hướng dẫn, tiếp nhận, giải quyết',
    en: 'Staff attitude when guiding, receiving and handling',
    active: true,
  },
  {
    code: 'c8',
    kind: 'indicator',
    vi: 'Việc tiếp nhận, giải thích phản ánh, kiến nghị',
    en: 'How feedback and petitions were received and explained',
    active: true,
  },
  {
    code: 'c9',
    kind: 'indicator',
    vi: 'Tiến độ, chất lượng dịch vụ công trực tuyến',
    en: 'Progress and quality of the online public services',
    active: true,
  },
  {
    code: 'xin-chao',
    kind: 'conduct',
    vi: 'Công chức “xin chào” khi đón tiếp',
    en: 'The officer said “hello”',
    active: true,
  },
  {
    code: 'xin-loi',
    kind: 'conduct',
    vi: 'Công chức “xin lỗi” khi để người dân chờ hoặc có sai sót',
    en: 'The officer said “sorry” for waiting or mistakes',
    active: true,
  },
  {
    code: 'xin-cam-on',
    kind: 'conduct',
    vi: 'Công chức “xin cảm ơn”',
    en: 'The officer said “thank you”',
    active: true,
  },
  {
    code: 'xin-phep',
    kind: 'conduct',
    vi: 'Công chức “xin phép” khi cần',
    en: 'The officer said “excuse me” when needed',
    active: true,
  },
  { code: 'luon-mim-cuoi', kind: 'conduct', vi: 'Luôn mỉm cười', en: 'Always smiling', active: true },
  { code: 'luon-nhe-nhang', kind: 'conduct', vi: 'Luôn nhẹ nhàng', en: 'Always gentle', active: true },
  { code: 'luon-lang-nghe', kind: 'conduct', vi: 'Luôn lắng nghe', en: 'Always listening', active: true },
  { code: 'luon-giup-do', kind: 'conduct', vi: 'Luôn giúp đỡ', en: 'Always helping', active: true },
] satisfies Criterion[]);

/** Mean of the answered criteria as 0–100 (integer); null when none was answered. */
export function averagePct(scores: Record<string, number>): number | null {
  const v = Object.values(scores);
  if (!v.length) return null;
  return Math.round((v.reduce((a, b) => a + b, 0) / (2 * v.length)) * 100);
}

/** Why a response needs the director's follow-up, or null. */
export function lowScoreReason(
  overall: Overall,
  avg: number | null,
  thresholdPct: number,
): 'dissatisfied' | 'low_average' | null {
  if (overall === 'dissatisfied') return 'dissatisfied';
  if (avg !== null && avg < thresholdPct) return 'low_average';
  return null;
}

/**
 * Which stage a response rates when the address does not say: the result once the dossier is
 * processed (9) or returned (10), the receipt before.
 */
export function stageFor(status: number, asked: Stage | null): { stage: Stage } | { error: 'notReady' } {
  if (asked === 'result' && status !== 9 && status !== 10) return { error: 'notReady' };
  if (asked) return { stage: asked };
  return { stage: status === 9 || status === 10 ? 'result' : 'receipt' };
}

/** Device class recorded with a response (never the user agent itself). */
export function deviceOf(userAgent: string | undefined): 'phone' | 'tablet' | 'desktop' | 'other' {
  const ua = userAgent ?? '';
  if (!ua) return 'other';
  if (/iPad|Tablet|SM-T\d|Kindle|Silk/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|Zalo/i.test(ua)) return 'phone';
  if (/Windows|Macintosh|X11|Linux|CrOS/i.test(ua)) return 'desktop';
  return 'other';
}

/** The survey page for a dossier: what the receipt's second QR code, the result message and the lookup page carry. */
export function surveyUrl(
  baseUrl: string,
  slug: string,
  code: string,
  secret: string,
  opts: { stage?: Stage; channel?: Exclude<SurveyChannel, 'tablet'> } = {},
): string {
  const q = new URLSearchParams({ ma: code, 'bi-mat': secret });
  if (opts.stage) q.set('buoc', STAGE_SLUGS[opts.stage]);
  if (opts.channel) q.set('kenh', opts.channel);
  return `${baseUrl.replace(/\/+$/, '')}/${slug}/danh-gia?${q.toString()}`;
}

/** 'YYYY-MM' of a local day. */
export const monthOf = (day: string) => day.slice(0, 7);

// ---- Signed tokens (kiosk cookie, public form stamps) ----

/** HMAC-SHA256 of `payload` with the centre's key, base64url. */
export function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

// ---- Console rules ----

/** A follow-up that can still be assigned or resolved. */
export function isOpenFollowup(f: { status: string }): boolean {
  return f.status !== 'resolved';
}

/** A real 'YYYY-MM-DD' date between the years 2000 and 2100 (calendar arithmetic is safe on it). */
export function saneDate(d: unknown): d is string {
  return isLocalDate(d) && d >= '2000-01-01' && d <= '2100-12-31';
}

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(m: string): { from: string; to: string } {
  const from = `${m}-01`;
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The month `n` months before 'YYYY-MM'. */
export function monthsBack(m: string, n: number): string {
  let [y, mo] = m.split('-').map(Number) as [number, number];
  mo -= n;
  while (mo < 1) {
    mo += 12;
    y -= 1;
  }
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/** The console's month: the one asked for when it is a real month of 2000–2100, else the current one. */
export function consoleMonth(asked: string, today: string): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && saneDate(`${asked}-01`) ? asked : today.slice(0, 7);
}

/** Checks a results period: real dates, `to` not before `from`, at most 400 days (400 VALIDATION_FAILED / RANGE_TOO_LARGE). */
export function checkResultsPeriod(q: { from: unknown; to: unknown }): { from: string; to: string } {
  const bad = (['from', 'to'] as const).filter((k) => !saneDate(q[k]));
  if (bad.length)
    throw new AppError(
      'VALIDATION_FAILED',
      bad.map((field) => ({
        field,
        vi: 'Ngày phải là một ngày có thật dạng YYYY-MM-DD, trong khoảng năm 2000–2100.',
        en: 'The date must be a real date YYYY-MM-DD between the years 2000 and 2100.',
      })),
    );
  const from = q.from as string;
  const to = q.to as string;
  if (to < from)
    throw new AppError('VALIDATION_FAILED', [
      {
        field: 'to',
        vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
        en: 'The end date must not be before the start date.',
      },
    ]);
  if (addDays(from, 400) < to)
    throw new AppError('RANGE_TOO_LARGE', [
      { field: 'to', vi: 'Khoảng thời gian tối đa 400 ngày.', en: 'The period is at most 400 days.' },
    ]);
  return { from, to };
}

/** survey_response.scores: { criterionCode: 0 | 1 | 2 } (dissatisfied, satisfied, very satisfied). */
export const scoresCodec = schemaCodec(
  'survey_response.scores',
  Type.Record(Type.String(), Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)])),
);
