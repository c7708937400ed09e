/**
 * The administrative procedure (TTHC) as published by a centre: pure types, validation,
 * normalisation and diffing. One version of a procedure is a `ProcedureData` value; the
 * catalogue keeps every published version (effective-dated), never overwriting history.
 */
import Type from 'typebox';
import { jsonCodec, schemaCodec } from '../../core/db/json.ts';
import { nfc } from '../../core/text/index.ts';
import { isLocalDate } from '../../core/calendar/index.ts';

export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const STATUSES = ['in_force', 'amended', 'abolished'] as const;
export type ProcedureStatus = (typeof STATUSES)[number];

export const LEVELS = ['commune', 'province', 'vertical'] as const;
export type ProcedureLevel = (typeof LEVELS)[number];

export interface TimeLimit {
  /** null when the law gives no fixed time (e.g. "immediately"). */
  amount: number | null;
  unit: TimeUnit;
  /** Received after the centre's cut-off (15:00) → counted from the next working day. */
  cutoff: boolean;
  /** Free text as the procedure record words it, e.g. "Ngay trong ngày; nếu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo". */
  note: string;
  /**
   * false: the law gives no fixed amount ("theo thời hạn của cơ quan liên thông", annual reviews):
   * intake asks the officer for the appointment or records it as "không xác định" (decision 020).
   */
  fixed?: boolean;
}

/** Whether a time limit gives an appointment by itself (an amount, or same-day). */
export function hasFixedLimit(t: TimeLimit): boolean {
  return t.fixed !== false && (t.amount !== null || t.unit === 'same_day');
}

export interface FeeItem {
  name: string;
  /** VND; 0 = free. */
  amount: number;
  /** e.g. "đồng/trang", "đồng/bản", "đồng/trường hợp". */
  per: string;
  condition: string;
  legalBasis: string;
  /**
   * A per-page (per-unit) tier of a copy: the item charges the units `from`…`to` (to = null: no
   * upper end) of each copy, e.g. certified copies 2,000 đ for pages 1–2, 1,000 đ from page 3.
   */
  tier?: { from: number; to: number | null };
  /** At most this many đồng per copy for all the tiered items together (certified copies: 200,000). */
  capPerCopy?: number;
}

/** How the checklist treats a component: handed in, handed in when the case applies, or only shown for comparison (xuất trình). */
export const COMPONENT_REQUIREMENTS = ['required', 'optional', 'shown'] as const;
export type ComponentRequirement = (typeof COMPONENT_REQUIREMENTS)[number];

export interface DossierComponent {
  name: string;
  /** required (default) / optional ("trường hợp …", "nếu có") / shown: presented for comparison, not kept. */
  requirement?: ComponentRequirement;
  originals: number;
  /** Copies that must be certified (bản sao có chứng thực); default 0. */
  certifiedCopies?: number;
  /** Other copies (bản photo / bản chụp). */
  copies: number;
  /** Form to fill, if any. */
  /**
   * The form to fill in: its name and code, a link to it elsewhere (`url`), and/or `file`: a blank
   * form the centre prints itself, served at /<centre>/in/<file>.pdf (e.g. "to-khai-khai-sinh").
   */
  form: { name: string; code: string; url: string; file?: string } | null;
  /** Where to get it / notes. */
  note: string;
}

export interface ProcedureData {
  /** National code on CSDLQG về TTHC, e.g. "1.000656". Unique per centre. */
  code: string;
  /** Local published / public-service code, e.g. "1.000656.000.00.00.H26". */
  localCode: string;
  name: string;
  /** Lĩnh vực, e.g. "Hộ tịch". */
  field: string;
  level: ProcedureLevel;
  implementingBody: string;
  coordinatingBodies: string[];
  /** Đối tượng thực hiện. */
  applicants: string;
  timeLimit: TimeLimit;
  fees: FeeItem[];
  components: DossierComponent[];
  /** Số lượng hồ sơ (bộ). */
  sets: number;
  steps: string[];
  /** Cách thức thực hiện: direct, online, postal. */
  channels: ('direct' | 'online' | 'postal')[];
  resultType: string;
  onlineLevel: OnlineLevel;
  legalBasis: string[];
  sameDayEligible: boolean;
  status: ProcedureStatus;
  /** Quyết định công bố: number and date. */
  announcement: { decision: string; date: string } | null;
  /** The version applies from this date (YYYY-MM-DD). */
  effectiveFrom: string | null;
  /** Address of the procedure on the National Public Service Portal; derived from code when empty. */
  portalUrl: string;
  /** Names of fields whose value could not be verified against an official record. */
  unverified: string[];
}

export const FIELDS_ORDER: (keyof ProcedureData)[] = [
  'code',
  'localCode',
  'name',
  'field',
  'level',
  'implementingBody',
  'coordinatingBodies',
  'applicants',
  'timeLimit',
  'fees',
  'components',
  'sets',
  'steps',
  'channels',
  'resultType',
  'onlineLevel',
  'legalBasis',
  'sameDayEligible',
  'status',
  'announcement',
  'effectiveFrom',
  'portalUrl',
  'unverified',
];

export const CODE_RE = /^\d\.\d{6}$/;

export function portalUrlFor(code: string): string {
  return `https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=${encodeURIComponent(code)}`;
}

export interface Problem {
  path: string;
  vi: string;
  en: string;
}

export class ProcedureValidationError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.en}`).join('; '));
    this.name = 'ProcedureValidationError';
    this.problems = problems;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the fields of one object of untrusted input, recording every problem (with its path) in `bad`. */
interface Reader {
  o: Obj;
  bad: (k: string, vi: string, en: string) => void;
}

function readStr(r: Reader, k: string, opts: { required?: boolean; max?: number } = {}): string {
  const v = r.o[k];
  if (v === undefined || v === null || v === '') {
    if (opts.required) r.bad(k, 'Bắt buộc phải có.', 'Required.');
    return '';
  }
  if (typeof v !== 'string') {
    r.bad(k, 'Phải là chuỗi ký tự.', 'Must be a string.');
    return '';
  }
  const s = nfc(v);
  if (opts.max && s.length > opts.max) r.bad(k, `Tối đa ${opts.max} ký tự.`, `At most ${opts.max} characters.`);
  return s;
}

function readStrList(r: Reader, k: string): string[] {
  const v = r.o[k];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v.split('\n').map(nfc).filter(Boolean);
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    r.bad(k, 'Phải là danh sách chuỗi.', 'Must be a list of strings.');
    return [];
  }
  return v.map((x) => nfc(x)).filter(Boolean);
}

function readOneOf<T extends string>(r: Reader, k: string, allowed: readonly T[], dflt: T): T {
  const v = r.o[k];
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    r.bad(k, `Phải là một trong: ${allowed.join(', ')}.`, `Must be one of: ${allowed.join(', ')}.`);
    return dflt;
  }
  return v as T;
}

function readInt(r: Reader, v: unknown, k: string, dflt: number, max = 1_000_000_000): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'string' ? Number(v.replace(/[.\s]/g, '')) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
    r.bad(k, `Phải là số nguyên từ 0 đến ${max}.`, `Must be an integer from 0 to ${max}.`);
    return dflt;
  }
  return n;
}

function readBool(r: Reader, k: string, dflt: boolean): boolean {
  const v = r.o[k];
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1' || v === 'x' || v === 'có') return true;
  if (v === 'false' || v === '0' || v === 'không') return false;
  r.bad(k, 'Phải là true/false.', 'Must be true or false.');
  return dflt;
}

function readDate(r: Reader, v: unknown, k: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !isLocalDate(v)) {
    r.bad(k, 'Phải là ngày dạng YYYY-MM-DD.', 'Must be a date as YYYY-MM-DD.');
    return null;
  }
  return v;
}

const textOf = (v: unknown): string => (typeof v === 'string' ? nfc(v) : '');

function readTimeLimit(r: Reader): TimeLimit {
  const tl = r.o.timeLimit;
  if (!isObj(tl)) {
    r.bad('timeLimit', 'Bắt buộc: { amount, unit, cutoff, note }.', 'Required: { amount, unit, cutoff, note }.');
    return { amount: null, unit: 'working_days', cutoff: false, note: '' };
  }
  const unitRaw = tl.unit;
  const unit =
    typeof unitRaw === 'string' && (TIME_UNITS as readonly string[]).includes(unitRaw) ? (unitRaw as TimeUnit) : null;
  if (!unit)
    r.bad(
      'timeLimit.unit',
      `Phải là một trong: ${TIME_UNITS.join(', ')}.`,
      `Must be one of: ${TIME_UNITS.join(', ')}.`,
    );
  let amount: number | null = null;
  if (tl.amount !== undefined && tl.amount !== null && tl.amount !== '') {
    const n = typeof tl.amount === 'string' ? Number(tl.amount.replace(',', '.')) : tl.amount;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 3650)
      r.bad('timeLimit.amount', 'Phải là số từ 0 đến 3650.', 'Must be a number from 0 to 3650.');
    else if (unit !== 'working_hours' && !Number.isInteger(n))
      r.bad('timeLimit.amount', 'Số ngày phải là số nguyên.', 'Days must be a whole number.');
    else amount = n;
  }
  if (unit === 'same_day') amount = 1;
  const note = typeof tl.note === 'string' ? nfc(tl.note) : '';
  if (amount === null && unit !== 'same_day' && !note)
    r.bad('timeLimit', 'Cần số lượng hoặc ghi chú thời hạn.', 'An amount or a note is required.');
  const timeLimit: TimeLimit = {
    amount,
    unit: unit ?? 'working_days',
    cutoff: tl.cutoff === true || tl.cutoff === 'true',
    note,
  };
  if (tl.fixed === false || tl.fixed === 'false' || (amount === null && unit !== 'same_day')) timeLimit.fixed = false;
  return timeLimit;
}

function readFee(r: Reader, f: Obj, i: number): FeeItem {
  const name = textOf(f.name);
  if (!name) r.bad(`fees[${i}].name`, 'Bắt buộc phải có.', 'Required.');
  const item: FeeItem = {
    name,
    amount: readInt(r, f.amount, `fees[${i}].amount`, 0),
    per: textOf(f.per),
    condition: textOf(f.condition),
    legalBasis: textOf(f.legalBasis),
  };
  if (f.tier !== undefined && f.tier !== null) {
    const t = isObj(f.tier) ? f.tier : {};
    const from = readInt(r, t.from, `fees[${i}].tier.from`, 1, 100_000);
    const to = t.to === undefined || t.to === null ? null : readInt(r, t.to, `fees[${i}].tier.to`, 0, 100_000);
    if (from < 1 || (to !== null && to < from))
      r.bad(`fees[${i}].tier`, 'Bậc trang: từ ≥ 1 và đến ≥ từ.', 'Tier: from ≥ 1 and to ≥ from.');
    item.tier = { from, to };
  }
  if (f.capPerCopy !== undefined && f.capPerCopy !== null)
    item.capPerCopy = readInt(r, f.capPerCopy, `fees[${i}].capPerCopy`, 0);
  return item;
}

/** The items of a list field (`fees`, `components`): each object read by `one`, other entries a problem. */
function readObjects<T>(r: Reader, k: string, one: (o: Obj, i: number) => T): T[] {
  const out: T[] = [];
  const list = r.o[k];
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) {
    r.bad(k, 'Phải là danh sách.', 'Must be a list.');
    return out;
  }
  list.forEach((x: unknown, i) => {
    if (!isObj(x)) r.bad(`${k}[${i}]`, 'Phải là đối tượng.', 'Must be an object.');
    else out.push(one(x, i));
  });
  return out;
}

function readForm(r: Reader, raw: unknown, i: number): DossierComponent['form'] {
  if (!isObj(raw)) return null;
  const form: NonNullable<DossierComponent['form']> = {
    name: textOf(raw.name),
    code: textOf(raw.code),
    url: typeof raw.url === 'string' ? raw.url.trim() : '',
  };
  if (form.url && !/^https?:\/\//.test(form.url))
    r.bad(`components[${i}].form.url`, 'Địa chỉ phải bắt đầu bằng http(s)://.', 'Must start with http(s)://.');
  if (typeof raw.file === 'string' && raw.file.trim()) {
    const file = raw.file.trim();
    if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(file) && file.length <= 60) form.file = file;
    else
      r.bad(
        `components[${i}].form.file`,
        'Tên mẫu chỉ gồm a-z, 0-9 và dấu gạch ngang (ví dụ to-khai-khai-sinh).',
        'A form file name uses a-z, 0-9 and dashes (e.g. to-khai-khai-sinh).',
      );
  }
  return form;
}

function readComponent(r: Reader, c: Obj, i: number): DossierComponent {
  const name = textOf(c.name);
  if (!name) r.bad(`components[${i}].name`, 'Bắt buộc phải có.', 'Required.');
  const form = readForm(r, c.form, i);
  const requirement =
    c.requirement === undefined || c.requirement === null || c.requirement === '' ? 'required' : c.requirement;
  if (!(COMPONENT_REQUIREMENTS as readonly unknown[]).includes(requirement))
    r.bad(
      `components[${i}].requirement`,
      'Chỉ gồm required (bắt buộc), optional (tùy trường hợp), shown (xuất trình để đối chiếu).',
      'One of required, optional, shown (presented for comparison).',
    );
  // The defaults (required, no certified copies) are left out, so older records stay as they were.
  const certifiedCopies = readInt(r, c.certifiedCopies, `components[${i}].certifiedCopies`, 0, 100);
  return {
    name,
    ...(requirement === 'optional' || requirement === 'shown' ? { requirement } : {}),
    originals: readInt(r, c.originals, `components[${i}].originals`, 0, 100),
    ...(certifiedCopies > 0 ? { certifiedCopies } : {}),
    copies: readInt(r, c.copies, `components[${i}].copies`, 0, 100),
    form,
    note: textOf(c.note),
  };
}

function readChannels(r: Reader): ProcedureData['channels'] {
  const raw = r.o.channels;
  if (raw === undefined || raw === null) return ['direct'];
  const list = typeof raw === 'string' ? raw.split(/[,;|\s]+/).filter(Boolean) : raw;
  if (!Array.isArray(list) || !list.every((c) => c === 'direct' || c === 'online' || c === 'postal')) {
    r.bad('channels', 'Chỉ gồm direct, online, postal.', 'Only direct, online, postal.');
    return ['direct'];
  }
  return [...new Set(list as ProcedureData['channels'])];
}

function readAnnouncement(r: Reader): ProcedureData['announcement'] {
  const raw = r.o.announcement;
  if (!isObj(raw)) return null;
  const decision = textOf(raw.decision);
  const d = readDate(r, raw.date, 'announcement.date');
  if (decision && d) return { decision, date: d };
  if (decision || d)
    r.bad('announcement', 'Cần cả số quyết định và ngày.', 'Both the decision number and its date are required.');
  return null;
}

/**
 * Validates and normalises one procedure from untrusted input (JSON import, CSV row, console
 * form). Text is NFC-trimmed; optional fields get defaults. Throws ProcedureValidationError
 * listing every problem with its path (in the order the fields are read).
 */
export function parseProcedure(input: unknown, path = ''): ProcedureData {
  const problems: Problem[] = [];
  if (!isObj(input))
    throw new ProcedureValidationError([
      { path: path || '(root)', vi: 'Thủ tục phải là một đối tượng JSON.', en: 'A procedure must be a JSON object.' },
    ]);
  const r: Reader = {
    o: input,
    bad: (k, vi, en) => problems.push({ path: path ? `${path}.${k}` : k, vi, en }),
  };
  const o = input;
  const code = readStr(r, 'code', { required: true, max: 20 });
  if (code && !CODE_RE.test(code))
    r.bad('code', 'Mã thủ tục quốc gia có dạng 1.000656.', 'A national procedure code looks like 1.000656.');
  const timeLimit = readTimeLimit(r);
  const fees = readObjects(r, 'fees', (f, i) => readFee(r, f, i));
  const components = readObjects(r, 'components', (c, i) => readComponent(r, c, i));
  const channels = readChannels(r);
  const announcement = readAnnouncement(r);
  const result: ProcedureData = {
    code,
    localCode: readStr(r, 'localCode', { max: 60 }),
    name: readStr(r, 'name', { required: true, max: 500 }),
    field: readStr(r, 'field', { required: true, max: 120 }),
    level: readOneOf(r, 'level', LEVELS, 'commune'),
    implementingBody: readStr(r, 'implementingBody', { max: 300 }),
    coordinatingBodies: readStrList(r, 'coordinatingBodies'),
    applicants: readStr(r, 'applicants', { max: 1000 }),
    timeLimit,
    fees,
    components,
    sets: readInt(r, o.sets, 'sets', 1, 20),
    steps: readStrList(r, 'steps'),
    channels,
    resultType: readStr(r, 'resultType', { max: 500 }),
    onlineLevel: readOneOf(r, 'onlineLevel', ONLINE_LEVELS, 'none'),
    legalBasis: readStrList(r, 'legalBasis'),
    sameDayEligible: readBool(r, 'sameDayEligible', false),
    status: readOneOf(r, 'status', STATUSES, 'in_force'),
    announcement,
    effectiveFrom: readDate(r, o.effectiveFrom, 'effectiveFrom'),
    portalUrl: readStr(r, 'portalUrl', { max: 500 }) || (code ? portalUrlFor(code) : ''),
    unverified: readStrList(r, 'unverified'),
  };
  if (result.portalUrl && !/^https?:\/\//.test(result.portalUrl))
    r.bad('portalUrl', 'Địa chỉ phải bắt đầu bằng http(s)://.', 'Must start with http(s)://.');
  if (problems.length) throw new ProcedureValidationError(problems);
  return result;
}

/** Stable JSON of a procedure (fixed key order) — what is stored and compared. */
export function canonicalJson(p: ProcedureData): string {
  const ordered: Record<string, unknown> = {};
  for (const k of FIELDS_ORDER) ordered[k] = p[k];
  return JSON.stringify(ordered);
}

/** Names of the top-level fields that differ between two versions. */
export function changedFields(before: ProcedureData, after: ProcedureData): (keyof ProcedureData)[] {
  return FIELDS_ORDER.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Total fee of the first (main) item, for lists; null when free. */
export function mainFee(p: ProcedureData): number | null {
  const f = p.fees.find((x) => x.amount > 0);
  return f ? f.amount : null;
}

/** Time limit in words, Vietnamese or English, e.g. "3 ngày làm việc". */
export function timeLimitText(t: TimeLimit, lang: 'vi' | 'en'): string {
  if (t.unit === 'same_day') {
    return lang === 'vi'
      ? `Trong ngày${t.cutoff ? ' (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)' : ''}`
      : `Same day${t.cutoff ? ' (received after 15:00: next working day)' : ''}`;
  }
  if (t.amount === null) return t.note;
  const n = String(t.amount).replace('.', lang === 'vi' ? ',' : '.');
  const unit = {
    working_days: lang === 'vi' ? 'ngày làm việc' : t.amount === 1 ? 'working day' : 'working days',
    working_hours: lang === 'vi' ? 'giờ làm việc' : t.amount === 1 ? 'working hour' : 'working hours',
    calendar_days: lang === 'vi' ? 'ngày' : t.amount === 1 ? 'day' : 'days',
  }[t.unit];
  return `${n} ${unit}`;
}

// ---- Catalogue diff ----

export type DiffKind = 'new' | 'changed' | 'abolished' | 'unchanged';

export interface DiffItem {
  code: string;
  kind: DiffKind;
  /** The version to publish (null only for unchanged). */
  data: ProcedureData | null;
  before: ProcedureData | null;
  changedFields: (keyof ProcedureData)[];
  /** True when an abolition comes from the procedure missing in a full-catalogue file. */
  missing: boolean;
}

export type DiffSummary = Record<DiffKind, number>;

/**
 * Compares an incoming catalogue with the published one. In a full-catalogue import a
 * published procedure missing from the file is proposed as abolished.
 */
export function diffCatalog(
  current: ReadonlyMap<string, ProcedureData>,
  incoming: readonly ProcedureData[],
  full: boolean,
): DiffItem[] {
  const items: DiffItem[] = [];
  const seen = new Set<string>();
  for (const next of incoming) {
    seen.add(next.code);
    const before = current.get(next.code) ?? null;
    if (!before) {
      items.push({
        code: next.code,
        kind: next.status === 'abolished' ? 'unchanged' : 'new',
        data: next.status === 'abolished' ? null : next,
        before: null,
        changedFields: [],
        missing: false,
      });
      continue;
    }
    const fields = changedFields(before, next);
    if (fields.length === 0)
      items.push({ code: next.code, kind: 'unchanged', data: null, before, changedFields: [], missing: false });
    else if (next.status === 'abolished' && before.status !== 'abolished')
      items.push({ code: next.code, kind: 'abolished', data: next, before, changedFields: fields, missing: false });
    else items.push({ code: next.code, kind: 'changed', data: next, before, changedFields: fields, missing: false });
  }
  if (full) {
    for (const [code, before] of current) {
      if (seen.has(code) || before.status === 'abolished') continue;
      const data: ProcedureData = { ...before, status: 'abolished' };
      items.push({ code, kind: 'abolished', data, before, changedFields: ['status'], missing: true });
    }
  }
  return items;
}

export function summarize(items: readonly DiffItem[]): DiffSummary {
  const s: DiffSummary = { new: 0, changed: 0, abolished: 0, unchanged: 0 };
  for (const i of items) s[i.kind]++;
  return s;
}

/** Duplicate codes in an incoming list, which make an import ambiguous. */
export function duplicateCodes(list: readonly ProcedureData[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const p of list) (seen.has(p.code) ? dup : seen).add(p.code);
  return [...dup];
}

// ---- JSON columns (one codec each; stored values are held to the rule that let them in) ----

/** procedure_version.data and catalog_import_item.data: a procedure, through the import validator. */
export const procedureJson = jsonCodec('procedure_version.data', (v) => parseProcedure(v), canonicalJson);
/** The changed field names of a version or an import item. */
export const changedFieldsJson = schemaCodec('procedure_version.changed_fields', Type.Array(Type.String()));
const count = Type.Integer({ minimum: 0 });
/** catalog_import.summary: how many procedures of each kind an import holds. */
export const diffSummaryJson = schemaCodec(
  'catalog_import.summary',
  Type.Object({ new: count, changed: count, abolished: count, unchanged: count }),
);

// ---- Rules of the console's review page (named so pages and tests share them) ----

/** An item of a draft as the review page reads it. */
export interface ReviewedItem {
  kind: DiffItem['kind'];
  changedFields: readonly string[];
  before: ProcedureData | null;
  stale: boolean;
}

/** A draft can be published or discarded: still a draft, by someone allowed to publish. */
export const canDecideImport = (status: string, canPublish: boolean): boolean => status === 'draft' && canPublish;

/** The item changed after the draft was made (only worth saying while it is a draft). */
export const isStaleWarning = (i: ReviewedItem, status: string): boolean => i.stale && status === 'draft';

/** The review shows a before/after table: a changed procedure, or an abolished one with more than its status changed. */
export const showsFieldChanges = (i: ReviewedItem): boolean =>
  i.kind === 'changed' || (i.kind === 'abolished' && i.changedFields.length > 1);

/** An abolition proposed only because a full catalogue file left the procedure out. */
export const isMissingFromFile = (i: ReviewedItem): boolean =>
  i.kind === 'abolished' && i.before !== null && i.changedFields.length === 1;

// ---- Rules of the public procedure page ----

export const isAbolished = (p: Pick<ProcedureData, 'status'>): boolean => p.status === 'abolished';

/** A procedure in force that the centre settles the same day: the page says on which days. */
export const showsSameDayBox = (p: Pick<ProcedureData, 'status' | 'sameDayEligible'>): boolean =>
  p.sameDayEligible && !isAbolished(p);

/** When an abolished procedure was abolished (its abolishing version's publication), else null. */
export function abolitionDate(
  p: Pick<ProcedureData, 'status'>,
  history: readonly { changeKind: string; publishedAt: string }[],
): string | null {
  if (!isAbolished(p)) return null;
  return history.find((h) => h.changeKind === 'abolished')?.publishedAt ?? null;
}
