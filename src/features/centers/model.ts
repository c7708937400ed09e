/** Centre (tenant) settings: pure parsing, validation and presentation. */
import Type from 'typebox';
import { jsonCodec, schemaCodec } from '../../core/db/json.ts';
import type { Center } from '../../core/db/schema.ts';
import { invalid } from '../../core/http/errors.ts';

export interface Session {
  start: string;
  end: string;
}
export interface Phone {
  label: string;
  number: string;
}

export const DEFAULT_SESSIONS: Session[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];
export const DEFAULT_CUTOFF = '15:00';

export interface CenterSettings {
  sessions: Session[];
  cutoff: string;
  sameDayWeekdays: number[];
  cultureDay: { enabled: boolean; confirmed: boolean };
  maxReappointments: number;
}

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

export function validateSessions(sessions: unknown): Session[] {
  if (!Array.isArray(sessions) || sessions.length === 0 || sessions.length > 4) {
    throw invalid('sessions', 'Cần từ 1 đến 4 buổi làm việc.', 'Between 1 and 4 working sessions are required.');
  }
  const out: Session[] = [];
  let prevEnd = -1;
  for (const s of sessions) {
    const start = (s as Session)?.start;
    const end = (s as Session)?.end;
    if (typeof start !== 'string' || typeof end !== 'string' || !HM.test(start) || !HM.test(end)) {
      throw invalid(
        'sessions',
        'Giờ làm việc phải có dạng HH:mm, ví dụ 07:30.',
        'Working hours must look like HH:mm, e.g. 07:30.',
      );
    }
    if (minutes(start) >= minutes(end) || minutes(start) < prevEnd) {
      throw invalid(
        'sessions',
        'Các buổi làm việc phải theo thứ tự và không chồng lên nhau.',
        'Sessions must be in order and must not overlap.',
      );
    }
    prevEnd = minutes(end);
    out.push({ start, end });
  }
  return out;
}

export function validateCutoff(cutoff: unknown): string {
  if (typeof cutoff !== 'string' || !HM.test(cutoff))
    throw invalid(
      'cutoff',
      'Giờ chốt nhận hồ sơ trong ngày phải có dạng HH:mm.',
      'The same-day cut-off must look like HH:mm.',
    );
  return cutoff;
}

export function validateWeekdays(days: unknown): number[] {
  if (!Array.isArray(days) || !days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) {
    throw invalid(
      'sameDayWeekdays',
      'Ngày trong tuần là số từ 0 (Chủ nhật) đến 6 (Thứ Bảy).',
      'Weekdays are numbers from 0 (Sunday) to 6 (Saturday).',
    );
  }
  return [...new Set(days as number[])].sort();
}

/** The at-risk watch's window: working hours before the appointment (BRIEF §18; 8 by default). */
export const WARNING_HOURS_MIN = 1;
export const WARNING_HOURS_MAX = 40;

export function validateWarningHours(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < WARNING_HOURS_MIN || n > WARNING_HOURS_MAX)
    throw invalid(
      'apologyWarningHours',
      `Thời gian cảnh báo nguy cơ trễ hạn là số giờ làm việc nguyên, từ ${String(WARNING_HOURS_MIN)} đến ${String(WARNING_HOURS_MAX)}.`,
      `The at-risk warning window is a whole number of working hours, ${String(WARNING_HOURS_MIN)} to ${String(WARNING_HOURS_MAX)}.`,
    );
  return n;
}

/** On or off, as a form or JSON says it: true/false, 1/0, '1'/'0', 'on'. */
export function validateSwitch(v: unknown, field: string): 0 | 1 {
  if (v === true || v === 1 || v === '1' || v === 'on') return 1;
  if (v === false || v === 0 || v === '0' || v === '') return 0;
  throw invalid(field, 'Chỉ nhận bật (1) hoặc tắt (0).', 'On (1) or off (0) only.');
}

// ---- JSON columns of the centre (one codec each) ----

/** center.working_sessions: 1–4 sessions, checked by the same rule as the settings form. */
export const sessionsJson = jsonCodec('center.working_sessions', validateSessions);
/** center.same_day_weekdays: the weekdays of same-day service (0 = Sunday). */
export const weekdaysJson = jsonCodec('center.same_day_weekdays', validateWeekdays);
/** center.phones: the public phone numbers with their labels. */
export const phonesJson = schemaCodec(
  'center.phones',
  Type.Array(Type.Object({ label: Type.String(), number: Type.String() })),
);

export function settingsOf(c: Center): CenterSettings {
  return {
    sessions: sessionsJson.decode(c.working_sessions),
    cutoff: c.same_day_cutoff,
    sameDayWeekdays: weekdaysJson.decode(c.same_day_weekdays),
    cultureDay: { enabled: c.culture_day_enabled === 1, confirmed: c.culture_day_confirmed === 1 },
    maxReappointments: c.max_reappointments,
  };
}

export function phonesOf(c: Center): Phone[] {
  return phonesJson.decode(c.phones);
}

/** Public presenter: only what may be shown to anyone. */
export function presentCenter(c: Center) {
  const s = settingsOf(c);
  return {
    slug: c.slug,
    name: c.name,
    shortName: c.short_name,
    parentBody: c.parent_body,
    province: c.province,
    agencyCode: c.agency_code,
    address: c.address,
    phones: phonesOf(c),
    email: c.email,
    website: c.website,
    workingSessions: s.sessions,
    sameDayCutoff: s.cutoff,
    sameDayWeekdays: s.sameDayWeekdays,
  };
}
export type PublicCenter = ReturnType<typeof presentCenter>;

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Paths of the site a centre's slug may not take (they are routes of their own). */
export const RESERVED_SLUGS = new Set(['console', 'api', 'assets', 'healthz', 'readyz', 'metrics', 'favicon.ico']);
export const AGENCY_CODE_RE = /^[A-Z0-9][A-Z0-9.]{1,39}$/;

/** Checks a new centre's slug and agency code: shape only (uniqueness is the service's). */
export function validateNewCenterKeys(slug: string, agencyCode: string): { slug: string; agencyCode: string } {
  const s = slug.trim();
  if (s.length < 2 || s.length > 60 || !SLUG_RE.test(s) || RESERVED_SLUGS.has(s))
    throw invalid(
      'slug',
      'Mã đường dẫn dài 2–60 ký tự, chỉ gồm chữ thường không dấu, số và gạch ngang (ví dụ: xa-cam-giang), và không trùng các đường dẫn của hệ thống (console, api…).',
      'A slug is 2–60 characters of lower-case letters without accents, digits and hyphens (e.g. xa-cam-giang), and not a path of the system (console, api…).',
    );
  const a = agencyCode.trim().toUpperCase();
  if (!AGENCY_CODE_RE.test(a))
    throw invalid(
      'agencyCode',
      'Mã cơ quan gồm 2–40 ký tự: chữ hoa, số và dấu chấm (ví dụ: H26.39.12), dùng làm đầu mã hồ sơ.',
      'An agency code is 2–40 upper-case letters, digits and dots (e.g. H26.39.12); dossier codes start with it.',
    );
  return { slug: s, agencyCode: a };
}
