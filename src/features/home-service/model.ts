/**
 * Home service for vulnerable people (plan III.3.3; BRIEF §10.3, §13): the closed lists (register
 * categories, consent methods, needs, tasks, outcomes), their labels in Vietnamese and English, and
 * the pure parsing of the register entry, the request and the visit. No I/O.
 */
import { randomInt } from 'node:crypto';
import Type from 'typebox';
import { schemaCodec } from '../../core/db/json.ts';
import type { ErrorDetail } from '../../core/http/errors.ts';
import { fold, nfc } from '../../core/text/index.ts';
import { daysInMonth, isLocalDate } from '../../core/calendar/index.ts';
import { normalisePhone, SECRET_ALPHABET } from '../dossiers/index.ts';

interface L {
  vi: string;
  en: string;
}

export const CARE_CATEGORIES = [
  'elderly',
  'disabled',
  'war_invalid',
  'meritorious',
  'poor_household',
  'seriously_ill',
  'living_alone',
] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<CareCategory, L> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  disabled: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  war_invalid: { vi: 'Thương binh, bệnh binh', en: 'War invalid or sick soldier' },
  meritorious: { vi: 'Người có công với cách mạng', en: 'Person with meritorious services' },
  poor_household: { vi: 'Hộ nghèo, cận nghèo', en: 'Poor or near-poor household' },
  seriously_ill: { vi: 'Người ốm nặng', en: 'Seriously ill' },
  living_alone: { vi: 'Người sống một mình', en: 'Living alone' },
};

export const CONSENT_METHODS = ['written', 'verbal', 'relative', 'phone'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_LABELS: Record<ConsentMethod, L> = {
  written: { vi: 'Ký giấy đồng ý', en: 'Signed a consent form' },
  verbal: { vi: 'Đồng ý bằng lời, trực tiếp với cán bộ', en: 'Said yes in person to an officer' },
  relative: { vi: 'Người thân / người giám hộ đồng ý thay', en: 'A relative or guardian consented for them' },
  phone: { vi: 'Đồng ý qua điện thoại', en: 'Said yes on the phone' },
};

export const NEEDS = ['take_dossier', 'return_result', 'deliver_card', 'other'] as const;
export type Need = (typeof NEEDS)[number];
export const NEED_LABELS: Record<Need, L> = {
  take_dossier: { vi: 'Nhận hồ sơ tại nhà', en: 'Take a dossier at home' },
  return_result: { vi: 'Trả kết quả tại nhà', en: 'Return a result at home' },
  deliver_card: { vi: 'Trao thẻ bảo hiểm y tế', en: 'Deliver a health-insurance card' },
  other: { vi: 'Việc khác', en: 'Other' },
};

export const TASKS = ['take_dossier', 'return_result', 'deliver_card'] as const;
export type Task = (typeof TASKS)[number];

export const RELATIONSHIPS = ['self', 'child', 'spouse', 'relative', 'neighbour', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS: Record<Relationship, L> = {
  self: { vi: 'Chính tôi cần hỗ trợ', en: 'I need the help myself' },
  child: { vi: 'Con, cháu', en: 'Child or grandchild' },
  spouse: { vi: 'Vợ, chồng', en: 'Spouse' },
  relative: { vi: 'Người thân khác', en: 'Other relative' },
  neighbour: { vi: 'Hàng xóm', en: 'Neighbour' },
  other: { vi: 'Khác (tổ trưởng, hội viên …)', en: 'Other (neighbourhood head, association member …)' },
};

export const SLOTS = ['any', 'morning', 'afternoon'] as const;
export type Slot = (typeof SLOTS)[number];
export const SLOT_LABELS: Record<Slot, L> = {
  any: { vi: 'Lúc nào cũng được', en: 'Any time' },
  morning: { vi: 'Buổi sáng', en: 'Morning' },
  afternoon: { vi: 'Buổi chiều', en: 'Afternoon' },
};

export const SOURCES = ['public', 'phone', 'dossier'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, L> = {
  public: { vi: 'Biểu mẫu trực tuyến', en: 'Online form' },
  phone: { vi: 'Qua điện thoại', en: 'By phone' },
  dossier: { vi: 'Từ hồ sơ', en: 'From a dossier' },
};

export const REQUEST_STATUSES = ['new', 'scheduled', 'done', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, L> = {
  new: { vi: 'Chờ xếp lịch', en: 'Waiting to be scheduled' },
  scheduled: { vi: 'Đã xếp lịch', en: 'Scheduled' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const OUTCOMES = ['done', 'not_home', 'postponed', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const VISIT_STATUS_LABELS: Record<'scheduled' | Outcome, L> = {
  scheduled: { vi: 'Chưa đi', en: 'Not yet visited' },
  done: { vi: 'Đã làm xong', en: 'Done' },
  not_home: { vi: 'Không có nhà', en: 'Not at home' },
  postponed: { vi: 'Hoãn lại', en: 'Postponed' },
  cancelled: { vi: 'Hủy', en: 'Cancelled' },
};

export const CONFIRM_KINDS = ['typed', 'paper'] as const;
export type ConfirmKind = (typeof CONFIRM_KINDS)[number];

/** Public form: how long a relative must at least take (a person cannot fill it faster) and how long the form stays valid. */
export const MIN_FILL_MS = 3_000;
export const FORM_TTL_MS = 2 * 60 * 60 * 1000;
/** Public form: submissions per IP address in the window (people behind one carrier NAT share an address). */
/** Accepted public requests per address: 5 in 10 minutes (rejected attempts do not count). */
export const PUBLIC_RATE_ACCEPTED = { max: 5, windowMs: 10 * 60_000 } as const;

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isIn<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? nfc(v).slice(0, max) : '';
}

/** A list of choices from a form (a single value or repeated) or JSON (an array): known values only, no duplicates. */
export function choices<T extends string>(list: readonly T[], v: unknown): { values: T[]; unknown: boolean } {
  const raw = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  const values: T[] = [];
  let unknown = false;
  for (const x of raw) {
    if (isIn(list, x)) {
      if (!values.includes(x)) values.push(x);
    } else unknown = true;
  }
  return { values, unknown };
}

function phoneOf(v: unknown, field: string, required: boolean, problems: ErrorDetail[]): string {
  const s = text(v, 30);
  if (!s) {
    if (required)
      problems.push({
        field,
        vi: 'Cần số điện thoại để Trung tâm gọi lại.',
        en: 'A phone number is needed so the centre can call back.',
      });
    return '';
  }
  const p = normalisePhone(s);
  if (!p)
    problems.push({
      field,
      vi: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).',
      en: 'Invalid phone number (e.g. 0912 345 678).',
    });
  return p ?? '';
}

// ---- Register entry ----

export interface PersonInput {
  fullName: string;
  birthYear: number | null;
  address: string;
  phone: string;
  categories: CareCategory[];
  carerName: string;
  carerRelation: string;
  carerPhone: string;
  notes: string;
  consentDate: string;
  consentMethod: ConsentMethod;
  consentGivenBy: string;
}

export function parsePerson(
  o: Record<string, unknown>,
  today: string,
): { value: PersonInput; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const fullName = text(o.fullName, 120);
  if (!fullName) problems.push({ field: 'fullName', vi: 'Cần nhập họ và tên.', en: 'The full name is required.' });
  let birthYear: number | null = null;
  if (o.birthYear !== undefined && o.birthYear !== null && o.birthYear !== '') {
    const y = Number(o.birthYear);
    const thisYear = Number(today.slice(0, 4));
    if (!Number.isInteger(y) || y < 1900 || y > thisYear)
      problems.push({
        field: 'birthYear',
        vi: `Năm sinh từ 1900 đến ${thisYear}.`,
        en: `Birth year between 1900 and ${thisYear}.`,
      });
    else birthYear = y;
  }
  const address = text(o.address, 300);
  if (!address)
    problems.push({
      field: 'address',
      vi: 'Cần địa chỉ nơi ở để cán bộ đến nhà.',
      en: 'The home address is required.',
    });
  const phone = phoneOf(o.phone, 'phone', false, problems);
  const cats = choices(CARE_CATEGORIES, o.categories);
  if (cats.unknown) problems.push({ field: 'categories', vi: 'Nhóm đối tượng không hợp lệ.', en: 'Unknown category.' });
  if (!cats.values.length)
    problems.push({ field: 'categories', vi: 'Chọn ít nhất một nhóm đối tượng.', en: 'Choose at least one category.' });
  const carerPhone = phoneOf(o.carerPhone, 'carerPhone', false, problems);
  const consentDate = text(o.consentDate, 10);
  if (!isLocalDate(consentDate) || consentDate > today)
    problems.push({
      field: 'consentDate',
      vi: 'Ngày đồng ý phải là một ngày hợp lệ, không sau hôm nay.',
      en: 'The consent date must be a valid date, not after today.',
    });
  const consentMethod = o.consentMethod;
  if (!isIn(CONSENT_METHODS, consentMethod))
    problems.push({
      field: 'consentMethod',
      vi: 'Chọn cách người dân đồng ý.',
      en: 'Choose how the person consented.',
    });
  const consentGivenBy = text(o.consentGivenBy, 120);
  if (!consentGivenBy)
    problems.push({
      field: 'consentGivenBy',
      vi: 'Ghi ai đã đồng ý (chính người đó hoặc người giám hộ).',
      en: 'Say who consented (the person or their guardian).',
    });
  return {
    value: {
      fullName,
      birthYear,
      address,
      phone,
      categories: cats.values,
      carerName: text(o.carerName, 120),
      carerRelation: text(o.carerRelation, 60),
      carerPhone,
      notes: text(o.notes, 1000),
      consentDate,
      consentMethod: isIn(CONSENT_METHODS, consentMethod) ? consentMethod : 'written',
      consentGivenBy,
    },
    problems,
  };
}

/** Name folded for search without diacritics, spaces collapsed. */
export function foldName(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

// ---- Request ----

export interface RequestInput {
  personName: string;
  relationship: Relationship;
  requesterName: string;
  phone: string;
  address: string;
  needs: Need[];
  needsOther: string;
  preferredDate: string | null;
  preferredSlot: Slot;
  notes: string;
}

/** Validates a request (public form or staff); `today` is the Vietnam date, preferred dates before it are refused. */
export function parseRequest(
  o: Record<string, unknown>,
  today: string,
  opts: { requireConsent: boolean },
): { value: RequestInput; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const personName = text(o.personName, 120);
  if (!personName)
    problems.push({
      field: 'personName',
      vi: 'Cần họ tên người cần hỗ trợ.',
      en: 'The name of the person who needs help is required.',
    });
  const relationship = isIn(RELATIONSHIPS, o.relationship) ? o.relationship : null;
  if (!relationship)
    problems.push({
      field: 'relationship',
      vi: 'Chọn quan hệ của người gửi với người cần hỗ trợ.',
      en: 'Choose your relationship to the person.',
    });
  const requesterName = text(o.requesterName, 120);
  if (relationship && relationship !== 'self' && !requesterName)
    problems.push({ field: 'requesterName', vi: 'Cần họ tên người gửi yêu cầu.', en: 'Your name is required.' });
  const phone = phoneOf(o.phone, 'phone', true, problems);
  const address = text(o.address, 300);
  if (!address)
    problems.push({ field: 'address', vi: 'Cần địa chỉ nơi cán bộ sẽ đến.', en: 'The address to visit is required.' });
  const needs = choices(NEEDS, o.needs);
  if (needs.unknown) problems.push({ field: 'needs', vi: 'Việc cần làm không hợp lệ.', en: 'Unknown need.' });
  if (!needs.values.length)
    problems.push({ field: 'needs', vi: 'Chọn ít nhất một việc cần làm.', en: 'Choose at least one thing to do.' });
  const needsOther = text(o.needsOther, 500);
  if (needs.values.includes('other') && !needsOther)
    problems.push({ field: 'needsOther', vi: 'Ghi rõ việc khác cần làm.', en: 'Describe the other need.' });
  const pd = text(o.preferredDate, 10);
  let preferredDate: string | null = null;
  if (pd) {
    if (!isLocalDate(pd) || pd < today)
      problems.push({
        field: 'preferredDate',
        vi: 'Ngày mong muốn phải từ hôm nay trở đi.',
        en: 'The preferred date must be today or later.',
      });
    else preferredDate = pd;
  }
  const slot = o.preferredSlot === undefined || o.preferredSlot === '' ? 'any' : o.preferredSlot;
  if (!isIn(SLOTS, slot))
    problems.push({ field: 'preferredSlot', vi: 'Buổi mong muốn không hợp lệ.', en: 'Unknown time of day.' });
  if (opts.requireConsent && !(o.consent === true || o.consent === 'yes' || o.consent === 'on' || o.consent === '1')) {
    problems.push({
      field: 'consent',
      vi: 'Cần đánh dấu đồng ý để Trung tâm dùng thông tin này liên hệ và đến nhà.',
      en: 'Tick the consent box so the centre may use these details to call and visit.',
    });
  }
  return {
    value: {
      personName,
      relationship: relationship ?? 'other',
      requesterName: relationship === 'self' ? requesterName || personName : requesterName,
      phone,
      address,
      needs: needs.values,
      needsOther,
      preferredDate,
      preferredSlot: isIn(SLOTS, slot) ? slot : 'any',
      notes: text(o.notes, 1000),
    },
    problems,
  };
}

/** A request's tracking code: "HT-" and six characters without look-alikes (about 10⁹ values). */
export function trackingCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return `HT-${s}`;
}

export function isTrackingCode(s: unknown): s is string {
  return typeof s === 'string' && /^HT-[A-Z2-9]{6}$/.test(s);
}

// ---- Visit ----

export interface ScheduleInput {
  officerId: number;
  date: string;
  time: string;
  address: string;
  tasks: Task[];
  dossierCode: string | null;
  notes: string;
}

export function parseSchedule(
  o: Record<string, unknown>,
  today: string,
): { value: ScheduleInput; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const officerId = Number(o.officerId);
  if (!Number.isInteger(officerId) || officerId <= 0)
    problems.push({ field: 'officerId', vi: 'Chọn cán bộ đi.', en: 'Choose the officer.' });
  const date = text(o.date, 10);
  if (!isLocalDate(date) || date < today)
    problems.push({
      field: 'date',
      vi: 'Ngày đến nhà phải từ hôm nay trở đi (dd/mm/yyyy).',
      en: 'The visit date must be today or later.',
    });
  const time = text(o.time, 5);
  if (!HM.test(time))
    problems.push({
      field: 'time',
      vi: 'Giờ đến có dạng HH:mm, ví dụ 08:30.',
      en: 'The time looks like HH:mm, e.g. 08:30.',
    });
  const address = text(o.address, 300);
  if (!address) problems.push({ field: 'address', vi: 'Cần địa chỉ đến.', en: 'The address is required.' });
  const tasks = choices(TASKS, o.tasks);
  if (tasks.unknown || !tasks.values.length)
    problems.push({
      field: 'tasks',
      vi: 'Chọn ít nhất một việc: nhận hồ sơ, trả kết quả, trao thẻ BHYT.',
      en: 'Choose at least one task: take a dossier, return a result, deliver a card.',
    });
  const dossierCode = text(o.dossierCode, 40) || null;
  if (tasks.values.includes('return_result') && !dossierCode)
    problems.push({
      field: 'dossierCode',
      vi: 'Trả kết quả tại nhà cần mã hồ sơ.',
      en: 'Returning a result needs the dossier code.',
    });
  return {
    value: { officerId, date, time, address, tasks: tasks.values, dossierCode, notes: text(o.notes, 1000) },
    problems,
  };
}

export interface RecordInput {
  outcome: Outcome;
  time: string;
  notes: string;
  confirmKind: ConfirmKind | null;
  confirmName: string;
  takenCodes: string[];
  resultReturned: boolean;
  cardDelivered: boolean;
}

const yes = (v: unknown) => v === true || v === 'yes' || v === 'on' || v === '1' || v === 'true';

export function parseRecord(o: Record<string, unknown>): { value: RecordInput; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const outcome = isIn(OUTCOMES, o.outcome) ? o.outcome : null;
  if (!outcome)
    problems.push({
      field: 'outcome',
      vi: 'Chọn kết quả: đã làm xong, không có nhà, hoãn, hủy.',
      en: 'Choose the outcome: done, not at home, postponed, cancelled.',
    });
  const time = text(o.time, 5);
  // The actual time matters when the officer went there; a postponed or cancelled visit has none.
  if (outcome !== 'postponed' && outcome !== 'cancelled' && !HM.test(time))
    problems.push({ field: 'time', vi: 'Giờ đến thực tế có dạng HH:mm.', en: 'The actual time looks like HH:mm.' });
  const rawCodes = Array.isArray(o.takenCodes)
    ? o.takenCodes
    : typeof o.takenCodes === 'string'
      ? o.takenCodes.split(/[\s,;]+/)
      : [];
  const takenCodes = [
    ...new Set(
      rawCodes
        .filter((x): x is string => typeof x === 'string')
        .map((x) => nfc(x))
        .filter(Boolean),
    ),
  ].slice(0, 20);
  if (takenCodes.some((c) => c.length > 40))
    problems.push({ field: 'takenCodes', vi: 'Mã hồ sơ không hợp lệ.', en: 'Invalid dossier code.' });
  let confirmKind: ConfirmKind | null = null;
  const confirmName = text(o.confirmName, 120);
  if (outcome === 'done') {
    if (o.confirmKind === 'paper') confirmKind = 'paper';
    else if (o.confirmKind === 'typed' || o.confirmKind === undefined || o.confirmKind === '') {
      confirmKind = 'typed';
      if (!confirmName || !yes(o.confirmed))
        problems.push({
          field: 'confirmName',
          vi: 'Người dân xác nhận: gõ họ tên và đánh dấu ô xác nhận, hoặc chọn “ký trên giấy”.',
          en: 'The citizen confirms: type their name and tick the box, or choose “signed on paper”.',
        });
    } else problems.push({ field: 'confirmKind', vi: 'Cách xác nhận không hợp lệ.', en: 'Unknown confirmation kind.' });
  }
  return {
    value: {
      outcome: outcome ?? 'done',
      time,
      notes: text(o.notes, 1000),
      confirmKind,
      confirmName: confirmKind === 'typed' ? confirmName : '',
      takenCodes,
      resultReturned: yes(o.resultReturned),
      cardDelivered: yes(o.cardDelivered),
    },
    problems,
  };
}

// ---- JSON columns (one codec each: checked on read, a bad row fails loudly) ----

/** care_person.categories: the register's categories of the person. */
export const categoriesJson = schemaCodec('care_person.categories', Type.Array(Type.Enum(CARE_CATEGORIES)));
/** home_request.needs: what the request asks for. */
export const needsJson = schemaCodec('home_request.needs', Type.Array(Type.Enum(NEEDS)));
/** home_visit.tasks: what the officer does at the visit. */
export const tasksJson = schemaCodec('home_visit.tasks', Type.Array(Type.Enum(TASKS)));
/** home_visit.taken_codes: the codes of dossiers taken at home. */
export const takenCodesJson = schemaCodec('home_visit.taken_codes', Type.Array(Type.String()));

// ---- Rules the pages and the service ask (named predicates; no page re-derives them) ----

/** A request still waiting for its visit (new or scheduled): it may be scheduled or cancelled. */
export const isOpenRequest = (r: { status: RequestStatus }): boolean => r.status === 'new' || r.status === 'scheduled';

/** A visit whose outcome is not yet recorded. */
export const isPendingVisit = (v: { status: 'scheduled' | Outcome }): boolean => v.status === 'scheduled';

/** The visit has this task. */
export const hasTask = (v: { tasks: readonly Task[] }, task: Task): boolean => v.tasks.includes(task);

/** A dossier's result can be returned at this visit: the task, and the dossier it is for. */
export const canReturnResult = (v: { tasks: readonly Task[]; dossierCode: string | null }): boolean =>
  hasTask(v, 'return_result') && !!v.dossierCode;

/** The person asking is someone else than the person helped (and gave a name): it is shown beside the person. */
export const showsRequester = (r: { relationship: Relationship; requesterName: string }): boolean =>
  r.relationship !== 'self' && r.requesterName !== '';

/** The officer went to the house (done, or nobody at home): the visit counts and has a time. */
export const wentToHome = (outcome: Outcome): boolean => outcome === 'done' || outcome === 'not_home';

/** What becomes of the request after a visit's outcome: done and cancelled close it; otherwise it waits again. */
export function requestStatusAfter(outcome: Outcome): RequestStatus {
  if (outcome === 'done') return 'done';
  if (outcome === 'cancelled') return 'cancelled';
  return 'new';
}

/** A status that closes a request. */
export const closesRequest = (s: RequestStatus): boolean => s === 'done' || s === 'cancelled';

/** The tasks a visit for these needs starts with ("other" is not a task). */
export const tasksFor = (needs: readonly Need[]): Task[] => needs.filter((n): n is Task => n !== 'other');

/** The time a new visit is proposed at: 14:00 for an afternoon request, 08:30 otherwise. */
export const proposedTime = (slot: Slot): string => (slot === 'afternoon' ? '14:00' : '08:30');

/** The statuses a console/API filter of requests means ("open" = new or scheduled; unknown = all). */
export function statusesOf(filter: string | undefined): RequestStatus[] | undefined {
  if (filter === 'open') return ['new', 'scheduled'];
  return filter && isIn(REQUEST_STATUSES, filter) ? [filter] : undefined;
}

/** The first and last day of the month of a Vietnam date (YYYY-MM-DD). */
export function monthOf(date: string): { from: string; to: string; label: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const from = `${date.slice(0, 8)}01`;
  const last = daysInMonth(y, m);
  return {
    from,
    to: `${date.slice(0, 8)}${String(last).padStart(2, '0')}`,
    label: `${date.slice(5, 7)}/${date.slice(0, 4)}`,
  };
}
