/**
 * The dossier (hồ sơ) at the one-stop desk: national status codes, the workflow as a pure state
 * machine, applicant validation, the dossier code and the appointment. The Decision 766 verdict
 * lives in clock.ts. No I/O.
 */
import { fold, nfc } from '../../core/text/index.ts';
import { AppError, invalid, type ErrorDetail } from '../../core/http/errors.ts';
import {
  computeDeadline,
  diffDays,
  isLocalDate,
  toLocal,
  weekday,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { hasFixedLimit, type ProcedureData } from '../catalog/index.ts';
import { isEmail } from '../../core/text/email.ts';
import { NO_APPOINTMENT } from './workflow/clock.ts';

/** DVCQG status codes (BRIEF §3.1). */
export const STATUS = {
  SUBMITTED: 1, // Mới đăng ký (online, not yet accepted)
  ACCEPTED: 2, // Được tiếp nhận
  REFUSED: 3, // Không được tiếp nhận
  PROCESSING: 4, // Đang xử lý
  SUPPLEMENT: 5, // Yêu cầu bổ sung giấy tờ
  PAYMENT: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  WITHDRAWN: 7, // Công dân yêu cầu rút hồ sơ
  STOPPED: 8, // Dừng xử lý
  PROCESSED: 9, // Đã xử lý xong
  RETURNED: 10, // Đã trả kết quả
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];

export const STATUS_LABELS: Record<Status, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Refused' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed, result ready' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export const FINAL_STATUSES: readonly Status[] = [3, 7, 8, 10];

export const CHANNELS = ['direct', 'online', 'postal', 'home'] as const;
export type Channel = (typeof CHANNELS)[number];
/** KenhThucHien for DVCQG: 1 direct (home intake counts as direct), 2 online, 3 postal. */
export const CHANNEL_CODE: Record<Channel, 1 | 2 | 3> = { direct: 1, home: 1, online: 2, postal: 3 };

export const RETURN_METHODS = ['desk', 'post', 'home', 'online'] as const;
/** How a fee was paid: cash at the desk, bank transfer, or online (DVCQG payment / local gateway — Decision 766 online payment). */
export const PAYMENT_METHODS = ['cash', 'transfer', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type ReturnMethod = (typeof RETURN_METHODS)[number];

/** Workflow actions after intake. */
export const ACTIONS = [
  'accept',
  'refuse',
  'handoff',
  'request_supplement',
  'complete_supplement',
  'request_payment',
  'confirm_payment',
  'mark_processed',
  'return_result',
  'withdraw',
  'stop',
  'extend',
  'guide',
] as const;
export type DossierAction = (typeof ACTIONS)[number];

/** From which statuses each action may be taken, and the status it leads to (null = unchanged). */
export const TRANSITIONS: Record<DossierAction, { from: readonly Status[]; to: Status | null }> = {
  accept: { from: [1], to: 2 },
  refuse: { from: [1], to: 3 },
  handoff: { from: [2, 4], to: 4 },
  request_supplement: { from: [2, 4], to: 5 },
  complete_supplement: { from: [5], to: 4 },
  request_payment: { from: [2, 4], to: 6 },
  confirm_payment: { from: [6], to: 4 },
  mark_processed: { from: [2, 4], to: 9 },
  return_result: { from: [9], to: 10 },
  withdraw: { from: [1, 2, 4, 5, 6], to: 7 },
  stop: { from: [2, 4, 5, 6], to: 8 },
  extend: { from: [2, 4, 5, 6], to: null },
  /** An online submission found incomplete: form 02 says what is missing; it stays at 1 (not a refusal). */
  guide: { from: [1], to: null },
};

export function canTransition(action: DossierAction, status: Status): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export function isStatus(n: number): n is Status {
  return Number.isInteger(n) && n >= 1 && n <= 10;
}

// ---- Applicant ----

export interface Applicant {
  kind: 'citizen' | 'organization';
  fullName: string;
  /** 12-digit citizen ID (căn cước); empty when not given. */
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  /** Organisations: name of the business / household business / agency and its tax or enterprise code. */
  orgName: string;
  taxCode: string;
}

/** Province codes that open a 12-digit citizen ID (Decree 137/2015, Circular 07/2016 list: 001–096). */
const ID_PROVINCES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46,
  48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93,
  94, 95, 96,
]);

export function validCitizenId(id: string): boolean {
  if (!/^\d{12}$/.test(id)) return false;
  if (!ID_PROVINCES.has(Number(id.slice(0, 3)))) return false;
  // 4th digit: sex and century (0–9); 5th–6th: year of birth — any two digits.
  return true;
}

/** Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02x + 8 digits), optionally +84. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  const local = digits.startsWith('+84')
    ? `0${digits.slice(3)}`
    : digits.startsWith('84') && digits.length === 11
      ? `0${digits.slice(2)}`
      : digits;
  return /^0(3|5|7|8|9)\d{8}$/.test(local) || /^02\d{9}$/.test(local) ? local : null;
}

export function parseApplicant(input: unknown, path = 'applicant'): { applicant: Applicant; problems: ErrorDetail[] } {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const s = (k: string, max = 300) => (typeof o[k] === 'string' ? nfc(o[k]).slice(0, max) : '');
  const problems: ErrorDetail[] = [];
  const kind = o.kind === 'organization' ? 'organization' : 'citizen';
  const applicant: Applicant = {
    kind,
    fullName: s('fullName', 120),
    idNumber: s('idNumber', 20).replace(/\s/g, ''),
    phone: s('phone', 20),
    email: s('email', 120),
    address: s('address', 300),
    orgName: s('orgName', 300),
    taxCode: s('taxCode', 20).replace(/\s/g, ''),
  };
  if (!applicant.fullName)
    problems.push({
      field: `${path}.fullName`,
      vi: 'Cần nhập họ và tên người nộp.',
      en: 'The applicant’s full name is required.',
    });
  if (applicant.idNumber && !validCitizenId(applicant.idNumber))
    problems.push({
      field: `${path}.idNumber`,
      vi: 'Số căn cước gồm 12 chữ số, bắt đầu bằng mã tỉnh hợp lệ.',
      en: 'A citizen ID has 12 digits and starts with a valid province code.',
    });
  if (applicant.phone) {
    const p = normalisePhone(applicant.phone);
    if (!p)
      problems.push({
        field: `${path}.phone`,
        vi: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).',
        en: 'Invalid phone number (e.g. 0912 345 678).',
      });
    else applicant.phone = p;
  }
  if (applicant.email && !isEmail(applicant.email))
    problems.push({ field: `${path}.email`, vi: 'Thư điện tử không hợp lệ.', en: 'Invalid e-mail address.' });
  if (kind === 'organization') {
    if (!applicant.orgName)
      problems.push({
        field: `${path}.orgName`,
        vi: 'Cần nhập tên tổ chức, hộ kinh doanh.',
        en: 'The organisation’s name is required.',
      });
    if (applicant.taxCode && !/^\d{10}(-\d{3})?$|^\d{12}$/.test(applicant.taxCode))
      problems.push({
        field: `${path}.taxCode`,
        vi: 'Mã số thuế / mã số doanh nghiệp có 10 chữ số (hoặc 10-3, hoặc 12).',
        en: 'A tax or enterprise code has 10 digits (or 10-3, or 12).',
      });
  }
  return { applicant, problems };
}

/** "Nguyễn Văn An" → "Nguyễn V. A." for public pages (BRIEF §13). */
export function maskName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ? `${[...parts[0]][0]}.` : '';
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]}.`)].join(' ');
}

export function maskPhone(phone: string): string {
  return phone ? `${'*'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}` : '';
}

// ---- Search (the console list finds a dossier by the person) ----

/** Lower case, no diacritics, đ → d, anything but letters, digits and . / - as one space. */
export function foldForSearch(s: string): string {
  return fold(nfc(s))
    .replace(/[^a-z0-9./-]+/g, ' ')
    .trim();
}

/**
 * What the console search reads for a dossier (dossier.search_text, written with the dossier):
 * the code, the applicant's and the owner's folded names, ID numbers, the phone and the tax code,
 * padded with spaces so that a word can be matched at its start (" nguyen"). Migration 018 wrote
 * the same text for the dossiers that existed before it.
 */
export function searchTextOf(code: string, applicant: Partial<Applicant>, owner: Partial<Applicant> | null): string {
  const parts = [
    code.toLowerCase(),
    foldForSearch(applicant.fullName ?? ''),
    foldForSearch(applicant.orgName ?? ''),
    applicant.idNumber ?? '',
    applicant.phone ?? '',
    applicant.taxCode ?? '',
    foldForSearch(owner?.fullName ?? ''),
    owner?.idNumber ?? '',
  ].filter(Boolean);
  return ` ${parts.join(' ').replace(/\s+/g, ' ')} `;
}

export interface SearchTerm {
  /** The folded text to look for. */
  text: string;
  /** 'word': at the start of a word (names); 'anywhere': inside the text (ID numbers, phones, code fragments). */
  at: 'word' | 'anywhere';
}

/**
 * The terms of what an officer typed in the list's search box: every term must match. A word
 * with letters only matches the start of a word ("y" finds "Ý" but not "Nguyễn"); a term with a
 * digit matches anywhere (a code fragment, part of an ID number); a phone written with spaces,
 * dots or +84 is one term in the stored form (0912345678). LIKE wildcards are dropped.
 */
export function searchTerms(q: string): SearchTerm[] {
  const raw = nfc(q).slice(0, 100);
  const phone = normalisePhone(raw);
  if (phone) return [{ text: phone, at: 'anywhere' }];
  const digits = raw.replace(/[\s.]/g, '');
  if (/^\d{6,12}$/.test(digits)) return [{ text: digits, at: 'anywhere' }];
  return foldForSearch(raw)
    .replace(/[%_\\]/g, '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 6)
    .map((text) => ({ text, at: /\d/.test(text) ? 'anywhere' : 'word' }));
}

// ---- Code ----

/** `{agencyCode}-{yyMMdd}-{0001}`: the day is the receipt date in Vietnam. */
export function dossierCode(agencyCode: string, receivedAt: Date, seq: number): string {
  const d = toLocal(receivedAt).date; // YYYY-MM-DD
  return `${agencyCode}-${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
}

export function dayKey(receivedAt: Date): string {
  const d = toLocal(receivedAt).date;
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
}

/** A short secret printed on the receipt for public lookup (no look-alike characters). */
export const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// ---- Appointment ----

export interface SameDayRule {
  weekdays: readonly number[];
}

export interface Appointment {
  dueAt: Date;
  sameDay: boolean;
  rule: string;
}

/**
 * The appointment for a procedure received at `receivedAt`: the centre's same-day rule applies on
 * its same-day weekdays to procedures flagged eligible (with the cut-off); otherwise the
 * procedure's own time limit. A limit without a fixed amount ("theo thời hạn của cơ quan liên
 * thông", annual reviews) gets NO appointment (NO_APPOINTMENT, "không xác định") unless the officer
 * gives one at intake — never a same-day one (docs/decisions/020).
 */
export function appointmentFor(cal: WorkCalendar, p: ProcedureData, receivedAt: Date, rule: SameDayRule): Appointment {
  const effective = cal.nextSessionStart(receivedAt);
  const day = toLocal(effective).date;
  const sameDayToday = p.sameDayEligible && rule.weekdays.includes(weekday(day)) && cal.isWorkingDay(day);
  if (!hasFixedLimit(p.timeLimit))
    return { dueAt: new Date(NO_APPOINTMENT), sameDay: false, rule: 'no fixed time limit (không xác định)' };
  if (sameDayToday || p.timeLimit.unit === 'same_day' || p.timeLimit.amount === null) {
    const r = computeDeadline(cal, { receivedAt, unit: 'same_day' });
    return { dueAt: r.dueAt, sameDay: sameDayToday, rule: sameDayToday ? `same-day service (${r.rule})` : r.rule };
  }
  const r = computeDeadline(cal, { receivedAt, amount: p.timeLimit.amount, unit: p.timeLimit.unit });
  return { dueAt: r.dueAt, sameDay: false, rule: r.rule };
}

/**
 * A period of whole days from a query (the tracking book, the DVCQG export): two calendar dates
 * YYYY-MM-DD, from ≤ to, at most `maxDays` days (`tooLong` says so, 413 RANGE_TOO_LARGE).
 */
export function parseDayPeriod(
  from: unknown,
  to: unknown,
  maxDays: number,
  tooLong: { vi: string; en: string },
): { from: string; to: string } {
  if (typeof from !== 'string' || !isLocalDate(from))
    throw invalid(
      'from',
      '“from” phải là ngày dạng YYYY-MM-DD, ví dụ 2026-11-01.',
      '“from” must be a date like 2026-11-01.',
    );
  if (typeof to !== 'string' || !isLocalDate(to))
    throw invalid('to', '“to” phải là ngày dạng YYYY-MM-DD, ví dụ 2026-11-30.', '“to” must be a date like 2026-11-30.');
  if (to < from)
    throw invalid(
      'to',
      'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
      'The end date must not be before the start date.',
    );
  if (diffDays(from, to) + 1 > maxDays) throw new AppError('RANGE_TOO_LARGE', [{ field: 'to', ...tooLong }]);
  return { from, to };
}

// ---- What a dossier offers: actions, printable forms, apologies (one rule each) ----

/** The statuses in which a dossier is being handled (the list's "open" filter, apologies, stop and extend). */
export const OPEN_STATUSES: readonly Status[] = [2, 4, 5, 6];

export function isOpen(status: number): boolean {
  return (OPEN_STATUSES as readonly number[]).includes(status);
}

/** The facts of an event these rules read. */
export interface EventFact {
  action: string;
  toStatus: number | null;
}

/** A dossier was received (it has a receipt, form 01, and a control slip, form 06): accepted at the desk or online. */
export function wasReceived(events: readonly EventFact[]): boolean {
  return events.some((e) => e.action === 'accept' || (e.action === 'received' && e.toStatus === 2));
}

export type PrintableForm = '01' | '02' | '03' | '04' | '05' | '06';

/**
 * The forms a dossier has — the one rule for the dossier page's links and the forms' routes: 01 and
 * 06 once received (a refusal prints form 03 only, guidance form 02 only — issue 11); 02, 03, 04, 05
 * once their event exists (a supplement request or guidance, a refusal, a re-appointment, a stop).
 */
export function printableForms(events: readonly EventFact[]): PrintableForm[] {
  const has = (a: string) => events.some((e) => e.action === a);
  const received = wasReceived(events);
  const out: PrintableForm[] = [];
  if (received) out.push('01');
  if (has('request_supplement') || has('guide')) out.push('02');
  if (has('refuse')) out.push('03');
  if (has('extend')) out.push('04');
  if (has('stop')) out.push('05');
  if (received) out.push('06');
  return out;
}

/** Re-appointments a dossier has had: its `extend` events (each approved apology makes one; so does a direct extension). */
export function reappointmentCount(events: readonly { action: string }[]): number {
  return events.filter((e) => e.action === 'extend').length;
}

/**
 * Why a dossier cannot get an apology and a new appointment now, or null when it can — the one rule
 * for the page's "draft" form, drafting (console, API, the at-risk watch) and a direct extension:
 * only an open dossier (status 2, 4, 5, 6), and only under the centre's limit of re-appointments.
 */
export function apologyBlocker(
  status: number,
  reappointments: number,
  maxReappointments: number,
): 'closed' | 'limit' | null {
  if (!isOpen(status)) return 'closed';
  if (reappointments >= maxReappointments) return 'limit';
  return null;
}

export function canGetApology(status: number, reappointments: number, maxReappointments: number): boolean {
  return apologyBlocker(status, reappointments, maxReappointments) === null;
}

/**
 * The workflow actions a dossier's page offers a form for: allowed in its status, permitted to the
 * actor (`permitted`), never the direct `extend` (re-appointment goes through the apology letter).
 */
export function offeredActions(status: Status, permitted: (a: DossierAction) => boolean): DossierAction[] {
  return ACTIONS.filter((a) => a !== 'extend' && canTransition(a, status) && permitted(a));
}

/** The step most likely next in each status: its form is shown open. */
const LIKELY_NEXT: Partial<Record<Status, DossierAction>> = {
  1: 'accept',
  2: 'handoff',
  4: 'mark_processed',
  5: 'complete_supplement',
  6: 'confirm_payment',
  9: 'return_result',
};

/** The action form shown open: the one just submitted (re-rendered with its errors), else the likely next step. */
export function openActionOf(
  status: Status,
  offered: readonly DossierAction[],
  submitted: DossierAction | null,
): DossierAction | null {
  if (submitted && offered.includes(submitted)) return submitted;
  const likely = LIKELY_NEXT[status];
  return likely && offered.includes(likely) ? likely : null;
}

export function isAction(s: string): s is DossierAction {
  return (ACTIONS as readonly string[]).includes(s);
}

// ---- The citizen's lookup page ----

/** The lookup shows the appointment while the clock runs or waits for a supplement, and when the result is ready. */
export function showsAppointment(clockState: string | null, status: number): boolean {
  return clockState === 'running' || clockState === 'paused' || status === 9;
}

/** The lookup lists what to bring to collect the result: once it is ready, or while the dossier is still open. */
export function showsWhatToBring(status: number, resultReady: boolean): boolean {
  return status === 9 || (!resultReady && [1, 2, 4, 5, 6].includes(status));
}
