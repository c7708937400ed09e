/** The plan's pure rules: task statuses, quarters and their reporting deadline, input parsing. */
import {
  addDays,
  daysInMonth,
  formatVi,
  makeLocalDate,
  type LocalDate,
  type WorkCalendar,
} from '../../core/calendar/index.ts';
import { invalid } from '../../core/http/errors.ts';
import { nfc } from '../../core/text/index.ts';
import { jsonCodec } from '../../core/db/json.ts';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'regular'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const STATUS_VI: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  regular: 'Thực hiện thường xuyên',
};
/** A task that needs no more push: done, or carried out as a regular duty. */
export function isSettled(status: TaskStatus): boolean {
  return status === 'done' || status === 'regular';
}

/** Whether a task's progress (%) means anything: not for regular duties. */
export function hasProgress(status: TaskStatus): boolean {
  return status !== 'regular';
}

export const STATUS_EN: Record<TaskStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  regular: 'Ongoing (regular)',
};

export const LINK_KINDS = ['letter', 'home_visit', 'report', 'public_page', 'dossier', 'register_document'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_KIND_VI: Record<LinkKind, string> = {
  letter: 'Thư đã gửi',
  home_visit: 'Chuyến phục vụ tại nhà',
  report: 'Báo cáo',
  public_page: 'Trang công khai',
  dossier: 'Hồ sơ TTHC',
  register_document: 'Văn bản trong sổ công văn',
};
export const LINK_KIND_EN: Record<LinkKind, string> = {
  letter: 'Letter issued',
  home_visit: 'Home visit',
  report: 'Report',
  public_page: 'Public page',
  dossier: 'Dossier',
  register_document: 'Registered document',
};

export type Quarter = 1 | 2 | 3 | 4;
export const MIN_YEAR = 2020;
export const MAX_YEAR = 2100;

export function parseYear(v: unknown, field = 'year'): number {
  const n = typeof v === 'string' && /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR)
    throw invalid(
      field,
      `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
      `The year must be between ${MIN_YEAR} and ${MAX_YEAR}.`,
    );
  return n;
}

export function parseQuarter(v: unknown, field = 'quarter'): Quarter {
  const n = typeof v === 'string' && /^[1-4]$/.test(v.trim()) ? Number(v.trim()) : v;
  if (n !== 1 && n !== 2 && n !== 3 && n !== 4)
    throw invalid(field, 'Quý phải là 1, 2, 3 hoặc 4.', 'The quarter must be 1, 2, 3 or 4.');
  return n;
}

export function parseStatus(v: unknown): TaskStatus {
  if (typeof v === 'string' && (TASK_STATUSES as readonly string[]).includes(v)) return v as TaskStatus;
  throw invalid(
    'status',
    'Trạng thái: not_started (chưa thực hiện), in_progress (đang thực hiện), done (hoàn thành) hoặc regular (thường xuyên).',
    'status: not_started, in_progress, done or regular.',
  );
}

export function parseProgress(v: unknown): number {
  const n = typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100)
    throw invalid(
      'progress',
      'Tiến độ là số nguyên từ 0 đến 100 (%).',
      'progress is a whole number from 0 to 100 (%).',
    );
  return n;
}

export function parseLinkKind(v: unknown): LinkKind {
  if (typeof v === 'string' && (LINK_KINDS as readonly string[]).includes(v)) return v as LinkKind;
  throw invalid('linkKind', `Loại liên kết: ${LINK_KINDS.join(', ')}.`, `linkKind: ${LINK_KINDS.join(', ')}.`);
}

/** A trimmed NFC text of at most `max` characters; `required` rejects an empty one. */
export function text(
  v: unknown,
  field: string,
  max: number,
  required: boolean,
  labelVi: string,
  labelEn: string,
): string {
  if (v !== undefined && v !== null && typeof v !== 'string')
    throw invalid(field, `${labelVi}: phải là văn bản.`, `${labelEn}: must be text.`);
  const s = nfc(typeof v === 'string' ? v : '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
  if (required && !s) throw invalid(field, `Cần nhập ${labelVi.toLocaleLowerCase('vi')}.`, `${labelEn} is required.`);
  if ([...s].length > max)
    throw invalid(field, `${labelVi} dài tối đa ${max} ký tự.`, `${labelEn} is at most ${max} characters.`);
  return s;
}

/**
 * An evidence link: an absolute http(s) URL or a path of this site ('/…'); never a script or
 * another scheme.
 */
export function parseUrl(v: unknown, field = 'url'): string {
  const s = typeof v === 'string' ? v.trim() : '';
  const bad = () =>
    invalid(
      field,
      'Đường dẫn phải bắt đầu bằng http://, https:// hoặc / (trang của hệ thống).',
      'The link must start with http://, https:// or / (a page of this system).',
    );
  if (!s || s.length > 500) throw bad();
  // A site path: one slash then anything but a slash or backslash (browsers read '/\host' and '//host' as
  // another site); backslashes and control characters (tabs and newlines are dropped by browsers, so
  // '/\t/host' is '//host') are refused anywhere.
  if (/[\\\u0000-\u001f\u007f]/.test(s)) throw bad();
  if (/^\/(?:[^/\\]|$)/.test(s)) return s;
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad();
    return u.toString();
  } catch {
    throw bad();
  }
}

export function quarterOfDate(date: LocalDate): Quarter {
  return (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter;
}

/** The quarter a task's forms default to: today's quarter in the task's own year, Q4 for another year. */
export function defaultQuarter(taskYear: number, today: LocalDate): Quarter {
  return Number(today.slice(0, 4)) === taskYear ? quarterOfDate(today) : 4;
}

/** First and last calendar day of a quarter. */
export function quarterRange(year: number, q: Quarter): { from: LocalDate; to: LocalDate } {
  const lastMonth = q * 3;
  return {
    from: makeLocalDate(year, lastMonth - 2, 1),
    to: makeLocalDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

/** The three months of a quarter as day ranges. */
export function quarterMonths(year: number, q: Quarter): { month: number; from: LocalDate; to: LocalDate }[] {
  return [0, 1, 2].map((i) => {
    const m = (q - 1) * 3 + 1 + i;
    return { month: m, from: makeLocalDate(year, m, 1), to: makeLocalDate(year, m, daysInMonth(year, m)) };
  });
}

/**
 * The plan's reporting deadline (V.1: "trước ngày làm việc cuối của Quý"): the last working day
 * of the quarter in the centre's working calendar (holidays, make-up days and notices included).
 */
export function quarterDeadline(cal: WorkCalendar, year: number, q: Quarter): LocalDate {
  const last = quarterRange(year, q).to;
  return cal.isWorkingDay(last) ? last : cal.previousWorkingDay(last);
}

export interface Reminder {
  year: number;
  quarter: Quarter;
  deadline: LocalDate;
  deadlineVi: string;
  workingDaysLeft: number;
  urgent: boolean;
  overdueToday: boolean;
}

/** Working days from `today` (exclusive) to `deadline` (inclusive); 0 on the deadline itself. */
export function workingDaysUntil(cal: WorkCalendar, today: LocalDate, deadline: LocalDate): number {
  if (deadline <= today) return 0;
  let n = 0;
  for (let d = addDays(today, 1); d <= deadline; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

/** Within this many working days the reminder turns urgent (banner, audit entry). */
export const URGENT_WORKING_DAYS = 5;

/** The next quarterly deadline on or after `today` and how many working days remain. */
export function nextReminder(cal: WorkCalendar, today: LocalDate): Reminder {
  const year = Number(today.slice(0, 4));
  let q = quarterOfDate(today);
  let y = year;
  let deadline = quarterDeadline(cal, y, q);
  if (deadline < today) {
    q = (q === 4 ? 1 : q + 1) as Quarter;
    if (q === 1) y++;
    deadline = quarterDeadline(cal, y, q);
  }
  const left = workingDaysUntil(cal, today, deadline);
  return {
    year: y,
    quarter: q,
    deadline,
    deadlineVi: formatVi(deadline),
    workingDaysLeft: left,
    urgent: left <= URGENT_WORKING_DAYS,
    overdueToday: deadline === today,
  };
}

/** Roman numerals for the quarter title ("Quý IV năm 2026"). */
export const ROMAN: Record<Quarter, string> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

const PlanText = Type.String();
const PlanFileSchema = Type.Object({
  format: Type.Literal('motcua-plan/1'),
  title: PlanText,
  basis: PlanText,
  sections: Type.Array(Type.Object({ number: PlanText, title: PlanText })),
  tasks: Type.Array(
    Type.Object({
      number: PlanText,
      title: PlanText,
      content: PlanText,
      lead: PlanText,
      coordinators: PlanText,
      product: PlanText,
      timeframe: PlanText,
      recurring: Type.Boolean(),
    }),
    { minItems: 1 },
  ),
});

/** The plan file's format. */
export type PlanFile = Static<typeof PlanFileSchema>;

const planFileShape = Compile(PlanFileSchema);

/** The plan file's rules beyond its shape: every field filled, numbers unique, each in a known section. */
function checkPlanFile(value: unknown): PlanFile {
  if (!planFileShape.Check(value)) throw new Error('not a motcua-plan/1 file');
  const sections = new Set(value.sections.map((s) => s.number));
  const seen = new Set<string>();
  for (const t of value.tasks) {
    for (const k of ['number', 'title', 'content', 'lead', 'coordinators', 'product', 'timeframe'] as const) {
      if (!t[k].trim()) throw new Error(`plan task ${t.number || '?'}: ${k} is missing`);
    }
    if (seen.has(t.number)) throw new Error(`plan task ${t.number} appears twice`);
    seen.add(t.number);
    if (!sections.has(sectionOf(t.number))) throw new Error(`plan task ${t.number}: no section ${sectionOf(t.number)}`);
  }
  return value;
}

/** The codec of a plan file (data/plan/*.json): parsed and checked, failing loudly on a bad file. */
export const planFileCodec = jsonCodec('data/plan/*.json', checkPlanFile);

/** Reads and checks a plan file (data/plan/*.json). */
export function parsePlanFile(raw: string): PlanFile {
  return planFileCodec.decode(raw);
}

/** An evidence item whose file is in the store (a file with its key and hash). */
export function isStoredEvidence(e: { kind: string; storage_key: string | null; sha256: string | null }): boolean {
  return e.kind === 'file' && !!e.storage_key && !!e.sha256;
}

/** Whether the report reads an evidence file: every stored file for the archive, only photos otherwise. */
export function evidenceToRead(
  e: { kind: string; storage_key: string | null; sha256: string | null; content_type: string | null },
  archive: boolean,
): boolean {
  return isStoredEvidence(e) && (archive || e.content_type === 'image/png' || e.content_type === 'image/jpeg');
}

/** 'III.3.4.b' → 'III.3'; 'III.4' → 'III.4'; 'V.2.5' → 'V.2'. */
export function sectionOf(number: string): string {
  const parts = number.split('.');
  return parts.slice(0, 2).join('.');
}
