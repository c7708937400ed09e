/**
 * Volunteers at the desk (plan III.3.3): who they are, the kinds of help they log, how a shift
 * and a log entry are validated. Pure: no database, no HTTP.
 */
import { invalid, AppError, type ErrorDetail } from '../../core/http/errors.ts';
import { parseId } from '../../core/http/ids.ts';
import { nfc } from '../../core/text/index.ts';
import { isLocalDate, parseHm, type LocalDate } from '../../core/calendar/index.ts';

export const ORGANISATIONS = ['youth_union', 'women_union', 'other'] as const;
export type Organisation = (typeof ORGANISATIONS)[number];

export const ORGANISATION_LABELS: Record<Organisation, { vi: string; en: string; short: { vi: string; en: string } }> =
  {
    youth_union: {
      vi: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
      en: 'Ho Chi Minh Communist Youth Union',
      short: { vi: 'Đoàn Thanh niên', en: 'Youth Union' },
    },
    women_union: { vi: 'Hội Liên hiệp Phụ nữ', en: "Women's Union", short: { vi: 'Hội Phụ nữ', en: "Women's Union" } },
    other: { vi: 'Tổ chức khác', en: 'Other organisation', short: { vi: 'Khác', en: 'Other' } },
  };

export const KINDS = ['guide', 'online_submission', 'vneid', 'form_filling', 'other'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, { vi: string; en: string }> = {
  guide: { vi: 'Hướng dẫn, tiếp đón', en: 'Guidance, welcome' },
  online_submission: { vi: 'Nộp hồ sơ trực tuyến', en: 'Online submission' },
  vneid: { vi: 'Cài đặt, kích hoạt VNeID', en: 'VNeID installation and activation' },
  form_filling: { vi: 'Kê khai tờ khai, biểu mẫu', en: 'Filling in forms' },
  other: { vi: 'Hỗ trợ khác', en: 'Other help' },
};

export const SESSIONS = ['morning', 'afternoon', 'custom'] as const;
export type SessionKind = (typeof SESSIONS)[number];
export const SESSION_LABELS: Record<SessionKind, { vi: string; en: string }> = {
  morning: { vi: 'Buổi sáng', en: 'Morning' },
  afternoon: { vi: 'Buổi chiều', en: 'Afternoon' },
  custom: { vi: 'Theo giờ', en: 'Set hours' },
};

/** Largest number of people one log entry may count (a group session); larger is a typing mistake. */
export const MAX_PEOPLE = 100;

const PHONE_RE = /^(\+84|0)[\d .-]{8,14}$/;

export interface VolunteerInput {
  fullName: string;
  organisation: Organisation;
  organisationName: string | null;
  phone: string | null;
  active: boolean;
  username: string | null;
}

const str = (o: Record<string, unknown>, k: string): string => (typeof o[k] === 'string' ? nfc(o[k]) : '');

function truthy(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null || v === '') return dflt;
  return v === true || v === 1 || v === '1' || v === 'on' || v === 'true';
}

/** Validates a volunteer record; collects every problem so the form can show them all. */
export function parseVolunteer(o: Record<string, unknown>): VolunteerInput {
  const details: ErrorDetail[] = [];
  const fullName = str(o, 'fullName');
  if (!fullName || fullName.length > 120)
    details.push({
      field: 'fullName',
      vi: 'Cần nhập họ và tên (tối đa 120 ký tự).',
      en: 'A full name is required (120 characters at most).',
    });
  const org = str(o, 'organisation');
  const organisation = (ORGANISATIONS as readonly string[]).includes(org) ? (org as Organisation) : null;
  if (!organisation)
    details.push({
      field: 'organisation',
      vi: 'Tổ chức phải là Đoàn Thanh niên, Hội Phụ nữ hoặc tổ chức khác.',
      en: "The organisation must be the Youth Union, the Women's Union or another organisation.",
    });
  const organisationName = str(o, 'organisationName') || null;
  if (organisation === 'other' && !organisationName)
    details.push({
      field: 'organisationName',
      vi: 'Với tổ chức khác, cần ghi tên tổ chức.',
      en: 'For another organisation, give its name.',
    });
  if (organisationName && organisationName.length > 200)
    details.push({
      field: 'organisationName',
      vi: 'Tên tổ chức tối đa 200 ký tự.',
      en: 'The organisation name has 200 characters at most.',
    });
  const phone = str(o, 'phone') || null;
  if (phone && !PHONE_RE.test(phone))
    details.push({
      field: 'phone',
      vi: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).',
      en: 'Invalid phone number (e.g. 0912 345 678).',
    });
  const username = str(o, 'username') || null;
  if (username && username.length > 60)
    details.push({ field: 'username', vi: 'Tên đăng nhập quá dài.', en: 'The username is too long.' });
  if (details.length) throw new AppError('VALIDATION_FAILED', details);
  return { fullName, organisation: organisation!, organisationName, phone, active: truthy(o.active, true), username };
}

export interface ShiftInput {
  volunteerId: number;
  date: LocalDate;
  session: SessionKind;
  start: string;
  end: string;
  note: string | null;
}

/** Validates a roster shift; morning and afternoon take the centre's sessions, 'custom' needs start and end. */
export function parseShift(
  o: Record<string, unknown>,
  sessions: readonly { start: string; end: string }[],
): ShiftInput {
  const details: ErrorDetail[] = [];
  const vid = parseId(o.volunteerId) ?? 0;
  if (vid === 0) details.push({ field: 'volunteerId', vi: 'Cần chọn tình nguyện viên.', en: 'Choose a volunteer.' });
  const date = str(o, 'date');
  const y = Number(date.slice(0, 4));
  if (!isLocalDate(date) || y < 2000 || y > 2099)
    details.push({
      field: 'date',
      vi: 'Ngày trực phải là ngày có thật dạng YYYY-MM-DD.',
      en: 'The shift date must be a real date as YYYY-MM-DD.',
    });
  const s = str(o, 'session') || 'morning';
  const session = (SESSIONS as readonly string[]).includes(s) ? (s as SessionKind) : null;
  if (!session)
    details.push({
      field: 'session',
      vi: 'Buổi trực: sáng, chiều hoặc theo giờ.',
      en: 'Session: morning, afternoon or set hours.',
    });
  let start = '';
  let end = '';
  if (session === 'morning' || session === 'afternoon') {
    const sorted = [...sessions].sort((a, b) => a.start.localeCompare(b.start));
    const span = session === 'morning' ? sorted[0] : (sorted[1] ?? sorted[sorted.length - 1]);
    start = str(o, 'start') || span?.start || (session === 'morning' ? '07:30' : '13:30');
    end = str(o, 'end') || span?.end || (session === 'morning' ? '11:30' : '17:00');
  } else if (session === 'custom') {
    start = str(o, 'start');
    end = str(o, 'end');
  }
  if (session) {
    const okStart = validHm(start);
    const okEnd = validHm(end);
    if (!okStart)
      details.push({
        field: 'start',
        vi: 'Giờ bắt đầu phải dạng HH:mm, ví dụ 07:30.',
        en: 'The start time must be HH:mm, e.g. 07:30.',
      });
    if (!okEnd)
      details.push({
        field: 'end',
        vi: 'Giờ kết thúc phải dạng HH:mm, ví dụ 11:30.',
        en: 'The end time must be HH:mm, e.g. 11:30.',
      });
    if (okStart && okEnd && start >= end)
      details.push({
        field: 'end',
        vi: 'Giờ kết thúc phải sau giờ bắt đầu.',
        en: 'The end time must be after the start time.',
      });
  }
  const note = str(o, 'note') || null;
  if (note && note.length > 300)
    details.push({ field: 'note', vi: 'Ghi chú tối đa 300 ký tự.', en: 'The note has 300 characters at most.' });
  if (details.length) throw new AppError('VALIDATION_FAILED', details);
  return { volunteerId: vid, date, session: session!, start, end, note };
}

function validHm(s: string): boolean {
  if (!/^\d{2}:\d{2}$/.test(s)) return false;
  try {
    return parseHm(s) < 1440;
  } catch {
    return false;
  }
}

export interface AssistInput {
  volunteerId: number | null;
  kind: Kind;
  people: number;
  dossierCode: string | null;
  note: string | null;
}

/** Validates an assistance log entry (the dossier code's owner is checked by the service). */
export function parseAssist(o: Record<string, unknown>): AssistInput {
  const details: ErrorDetail[] = [];
  const k = str(o, 'kind');
  const kind = (KINDS as readonly string[]).includes(k) ? (k as Kind) : null;
  if (!kind)
    details.push({
      field: 'kind',
      vi: 'Loại hỗ trợ phải là: hướng dẫn, nộp trực tuyến, VNeID, kê khai biểu mẫu hoặc khác.',
      en: 'The kind of help must be one of: guide, online_submission, vneid, form_filling, other.',
    });
  const rawCount = o.count ?? o.people;
  const people = rawCount === undefined || rawCount === null || rawCount === '' ? 1 : Number(rawCount);
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE)
    details.push({
      field: 'count',
      vi: `Số người được hỗ trợ phải từ 1 đến ${MAX_PEOPLE}.`,
      en: `The number of people helped must be between 1 and ${MAX_PEOPLE}.`,
    });
  const dossierCode = str(o, 'dossierCode').replace(/\s+/g, '') || null;
  if (dossierCode && (dossierCode.length > 40 || !/^[A-Za-z0-9.\-]+$/.test(dossierCode)))
    details.push({
      field: 'dossierCode',
      vi: 'Mã hồ sơ không đúng dạng (ví dụ H26.99.01-261125-0001).',
      en: 'The dossier code is malformed (e.g. H26.99.01-261125-0001).',
    });
  const note = str(o, 'note') || null;
  if (note && note.length > 500)
    details.push({ field: 'note', vi: 'Ghi chú tối đa 500 ký tự.', en: 'The note has 500 characters at most.' });
  let volunteerId: number | null = null;
  if (o.volunteerId !== undefined && o.volunteerId !== null && o.volunteerId !== '') {
    volunteerId = parseId(o.volunteerId);
    if (volunteerId === null)
      details.push({ field: 'volunteerId', vi: 'Mã tình nguyện viên không hợp lệ.', en: 'Invalid volunteer id.' });
  }
  if (details.length) throw new AppError('VALIDATION_FAILED', details);
  return { volunteerId, kind: kind!, people, dossierCode, note };
}

/** A 'YYYY-MM' month → its first and last day. */
export function monthRange(month: string): { from: LocalDate; to: LocalDate } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || y < 2000 || y > 2099 || mo < 1 || mo > 12)
    throw invalid('month', 'Tháng phải dạng YYYY-MM, ví dụ 2026-11.', 'The month must be YYYY-MM, e.g. 2026-11.');
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

/** The Monday of the week holding `date` (weeks run Monday to Sunday in Vietnam). */
export function mondayOf(
  date: LocalDate,
  weekdayOf: (d: LocalDate) => number,
  addDays: (d: LocalDate, n: number) => LocalDate,
): LocalDate {
  const wd = weekdayOf(date); // 0 = Sunday
  return addDays(date, wd === 0 ? -6 : 1 - wd);
}

export function orgLabel(org: string, name: string | null, lang: 'vi' | 'en'): string {
  const o = (ORGANISATIONS as readonly string[]).includes(org)
    ? ORGANISATION_LABELS[org as Organisation]
    : ORGANISATION_LABELS.other;
  if (org === 'other') return name ?? o[lang];
  return name ? `${o.short[lang]} – ${name}` : o.short[lang];
}

/** Is this one of the kinds of help (a query's ?kind=)? */
export function isKind(v: unknown): v is Kind {
  return typeof v === 'string' && (KINDS as readonly string[]).includes(v);
}

/** The month asked for ('YYYY-MM' text, not checked here: monthRange checks it), or today's month. */
export function monthOrDefault(month: unknown, today: LocalDate): string {
  return typeof month === 'string' && month ? month : today.slice(0, 7);
}

/** The ?week= to come back to after a change of the roster (a well-formed date only). */
export function weekQuery(week: unknown): string {
  return typeof week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(week) ? `?week=${week}` : '';
}

/** Whom the today page acts for: a desk officer's pick (not themselves), or null for oneself. */
export function actingFor(
  scope: { forOthers: boolean; self: { id: number } | null },
  me: { id: number } | null,
): number | null {
  return scope.forOthers && me && me.id !== scope.self?.id ? me.id : null;
}

/** People helped in a log (each entry counts its people). */
export function helpedCount(log: readonly { count: number }[]): number {
  return log.reduce((n, a) => n + a.count, 0);
}

/** Does the week put anyone on a day the centre is closed (the page warns)? */
export function hasOffDayShift(days: readonly { info: { working: boolean }; shifts: readonly unknown[] }[]): boolean {
  return days.some((d) => !d.info.working && d.shifts.length > 0);
}
