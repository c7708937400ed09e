/**
 * Courtesy letters (thư chúc mừng / thư chia buồn): the pure rules. Kinds and states, which
 * procedure codes trigger which letter by default, names and kinship terms prefilled from a
 * dossier, the shipped templates, placeholder filling and the content of a Decree 30 "thư công"
 * (number, place and date, title, addressee, body, recipients, signature). No I/O.
 */
import Type from 'typebox';
import { schemaCodec } from '../../core/db/json.ts';
import { nfc } from '../../core/text/index.ts';
import { invalid } from '../../core/http/errors.ts';
import { parseLocalDate } from '../../core/calendar/index.ts';

export const LETTER_KINDS = ['congratulation-marriage', 'congratulation-birth', 'condolence'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_STATUSES = ['prepared', 'printed', 'handed_over', 'declined'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const FOLLOWUP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** Kinship terms (danh xưng) a letter may use before a name; '' for none. */
export const TITLES = ['ông', 'bà', 'anh', 'chị', 'cháu', 'em', ''] as const;
export type Title = (typeof TITLES)[number];

export function isKind(v: unknown): v is LetterKind {
  return typeof v === 'string' && (LETTER_KINDS as readonly string[]).includes(v);
}

/** Vietnamese upper case without loading the PDF kit ("Giám đốc" → "GIÁM ĐỐC"). */
export function upperViText(s: string): string {
  return s.normalize('NFC').toLocaleUpperCase('vi');
}

// ---- Triggers ----

export interface Triggers {
  marriage: string[];
  birth: string[];
  death: string[];
}

/**
 * Defaults from the demo catalogue (data/catalog/cam-giang.json): marriage registration (domestic,
 * foreign element); birth registration (plain, the linked birth–residence–health-insurance
 * procedure, foreign element, birth with recognition of a parent); death registration (plain,
 * mobile, the linked death procedure). Re-registrations (đăng ký lại) are not new events.
 */
export const DEFAULT_TRIGGERS: Readonly<Triggers> = {
  marriage: ['1.000894', '2.000806'],
  birth: ['1.001193', '3.000722', '2.000528', '1.000689'],
  death: ['1.000656', '1.000419', '2.002913'],
};

export const DEFAULT_SYMBOL = 'TTPVHCC';

/** Which letter a dossier event prepares, if any: congratulations when the result is returned, condolences when the death registration is received (status 2). */
export function letterFor(
  triggers: Triggers,
  procedureCode: string,
  action: string,
  statusAfter: number,
): LetterKind | null {
  if (action === 'return_result') {
    if (triggers.marriage.includes(procedureCode)) return 'congratulation-marriage';
    if (triggers.birth.includes(procedureCode)) return 'congratulation-birth';
    return null;
  }
  if ((action === 'received' || action === 'accept') && statusAfter === 2 && triggers.death.includes(procedureCode))
    return 'condolence';
  return null;
}

const CODE = /^\d\.\d{6}$/;

/** Validates a list of procedure codes (e.g. "1.000894"), one per line or comma-separated. */
export function parseCodes(v: unknown, field: string): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,;]+/) : null;
  if (!list) throw invalid(field, 'Danh sách mã thủ tục không hợp lệ.', 'The list of procedure codes is not valid.');
  const out: string[] = [];
  for (const x of list) {
    const s = typeof x === 'string' ? x.trim() : '';
    if (!s) continue;
    if (!CODE.test(s))
      throw invalid(
        field,
        `Mã thủ tục “${s.slice(0, 20)}” không đúng dạng (ví dụ 1.000894).`,
        `Procedure code “${s.slice(0, 20)}” is malformed (e.g. 1.000894).`,
      );
    if (!out.includes(s)) out.push(s);
  }
  if (out.length > 50) throw invalid(field, 'Tối đa 50 mã thủ tục.', 'At most 50 procedure codes.');
  return out;
}

// ---- Names and kinship terms ----

export interface Names {
  titleA: Title;
  nameA: string;
  titleB: Title;
  nameB: string;
}

/** Given names borne almost only by women (names common to both, such as Hà, Giang, Phương, Anh, Linh, Ngọc, Xuân, are left out). */
const FEMALE_GIVEN = new Set([
  'hằng',
  'hương',
  'lan',
  'mai',
  'thảo',
  'trang',
  'yến',
  'nga',
  'nhung',
  'hoa',
  'huệ',
  'hạnh',
  'loan',
  'thủy',
  'thúy',
  'tuyết',
  'vân',
  'chi',
  'dung',
  'duyên',
  'hiền',
  'hồng',
  'liên',
  'nhi',
  'oanh',
  'phượng',
  'quyên',
  'thắm',
  'trinh',
  'uyên',
  'diệp',
  'my',
  'nguyệt',
  'thơm',
  'nhàn',
  'ngân',
  'hoài',
  'lụa',
  'cúc',
  'đào',
  'huyền',
  'thu',
  'vy',
]);

/**
 * Whether a Vietnamese full name reads as a woman's: the middle name "Thị", or (without "Văn") a
 * given name borne almost only by women. A guess: staff choose the kinship term before printing.
 */
export function looksFemale(fullName: string): boolean {
  const words = nfc(fullName).toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
  if (words.slice(1, -1).includes('thị')) return true;
  if (words.slice(1, -1).includes('văn')) return false;
  return words.length > 1 && FEMALE_GIVEN.has(words[words.length - 1]!);
}

export function cleanName(s: unknown): string {
  return typeof s === 'string' ? nfc(s).replace(/\s+/g, ' ').slice(0, 120) : '';
}

type Person = { fullName?: unknown } | null | undefined;

/**
 * Names prefilled from a dossier. Marriage: the applicant and the other partner (the dossier's
 * "owner"), the man first ("anh … và chị …"); birth: the parent who registered (and the child,
 * the owner, when given); condolence: the relative who registered (addressed "ông/bà … và gia
 * quyến") and the deceased (the owner). A missing name stays empty for staff to complete.
 */
export function initialNames(kind: LetterKind, applicant: Person, owner: Person): Names {
  const a = cleanName(applicant?.fullName);
  const o = cleanName(owner?.fullName);
  const other = o && o.toLocaleLowerCase('vi') !== a.toLocaleLowerCase('vi') ? o : '';
  if (kind === 'congratulation-marriage') {
    const first = { name: a, female: looksFemale(a) };
    const second = { name: other, female: other ? looksFemale(other) : !first.female };
    const [p, q] = first.female && !second.female && second.name ? [second, first] : [first, second];
    return { titleA: p.female ? 'chị' : 'anh', nameA: p.name, titleB: q.female ? 'chị' : 'anh', nameB: q.name };
  }
  if (kind === 'congratulation-birth')
    return { titleA: looksFemale(a) ? 'chị' : 'anh', nameA: a, titleB: 'cháu', nameB: other };
  return {
    titleA: looksFemale(a) ? 'bà' : 'ông',
    nameA: a,
    titleB: other ? (looksFemale(other) ? 'bà' : 'ông') : 'ông',
    nameB: other,
  };
}

/** The names a letter cannot be printed without. */
export function missingNames(kind: LetterKind, n: Pick<Names, 'nameA' | 'nameB'>): ('nameA' | 'nameB')[] {
  const out: ('nameA' | 'nameB')[] = [];
  if (!n.nameA) out.push('nameA');
  if (kind !== 'congratulation-birth' && !n.nameB) out.push('nameB');
  return out;
}

export function parseTitle(v: unknown, field: string): Title {
  const s = typeof v === 'string' ? nfc(v).toLocaleLowerCase('vi') : '';
  if ((TITLES as readonly string[]).includes(s)) return s as Title;
  throw invalid(
    field,
    `Danh xưng: ${TITLES.filter(Boolean).join(', ')} hoặc để trống.`,
    `Kinship term: ${TITLES.filter(Boolean).join(', ')} or empty.`,
  );
}

// ---- Templates ----

export interface Template {
  title: string;
  addressee: string;
  body: string;
  recipients: string;
}

const RECIPIENTS = '- Như trên;\n- Lưu: VT.';

/** The shipped wording (respectful Vietnamese; placeholders in braces, optional parts in [[…]]). */
export const DEFAULT_TEMPLATES: Readonly<Record<LetterKind, Template>> = {
  'congratulation-marriage': {
    title: 'Thư chúc mừng',
    addressee: '{Nguoi_1} và {nguoi_2}',
    body: [
      'Nhân dịp {nguoi_1} và {nguoi_2} đăng ký kết hôn[[ ngày {ngay_dang_ky}]], {co_quan} trân trọng gửi tới {cap_doi} cùng hai bên gia đình lời chúc mừng tốt đẹp nhất.',
      'Chúc {cap_doi} luôn yêu thương, tôn trọng, sẻ chia và đồng hành cùng nhau, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc và bền vững; cùng chung tay xây dựng quê hương {dia_phuong} ngày càng giàu đẹp, văn minh.',
      'Chúc {cap_doi} trăm năm hạnh phúc!',
    ].join('\n\n'),
    recipients: RECIPIENTS,
  },
  'congratulation-birth': {
    title: 'Thư chúc mừng',
    addressee: 'Gia đình {nguoi_1}',
    body: [
      '{Co_quan} vui mừng được biết gia đình {nguoi_1} vừa đón chào thành viên mới[[ là cháu {ho_ten_2}]], đã được đăng ký khai sinh[[ ngày {ngay_dang_ky}]].',
      'Nhân dịp này, {co_quan} trân trọng gửi tới {nguoi_1} và gia đình lời chúc mừng tốt đẹp nhất. Chúc cháu bé luôn khỏe mạnh, ngoan ngoãn, lớn lên trong tình yêu thương của gia đình và sự quan tâm của cộng đồng; chúc gia đình luôn mạnh khỏe, hạnh phúc, bình an.',
      'Trân trọng!',
    ].join('\n\n'),
    recipients: RECIPIENTS,
  },
  condolence: {
    title: 'Thư chia buồn',
    addressee: '{Nguoi_1} và gia quyến',
    body: [
      '{Co_quan} vô cùng thương tiếc được tin {nguoi_2} đã từ trần.',
      'Trong nỗi đau buồn này, {co_quan} xin gửi tới {nguoi_1} và toàn thể gia quyến lời chia buồn sâu sắc nhất. Mong {danh_xung_1} và gia đình sớm vượt qua nỗi đau mất mát, giữ gìn sức khỏe và vững vàng trong cuộc sống.',
      'Xin thành kính phân ưu cùng gia đình!',
    ].join('\n\n'),
    recipients: RECIPIENTS,
  },
};

/** Placeholders a template may use (a capitalised first letter capitalises the value: {Nguoi_1}). */
export const PLACEHOLDERS = [
  'nguoi_1',
  'danh_xung_1',
  'ho_ten_1',
  'nguoi_2',
  'danh_xung_2',
  'ho_ten_2',
  'cap_doi',
  'co_quan',
  'co_quan_chu_quan',
  'dia_phuong',
  'ngay_dang_ky',
  'ma_ho_so',
  'thu_tuc',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Vars = Record<Placeholder, string>;

const PH = /\{([A-Za-z_0-9]+)\}/g;

function capitalise(s: string): string {
  const [first, ...rest] = [...s];
  return first ? first.toLocaleUpperCase('vi') + rest.join('') : '';
}

function valueOf(key: string, vars: Vars): string | undefined {
  const lower = key.toLowerCase();
  if (!(PLACEHOLDERS as readonly string[]).includes(lower)) return undefined;
  const v = vars[lower as Placeholder];
  return key[0] !== lower[0] ? capitalise(v) : v;
}

/** Fills `{placeholders}`; a `[[…]]` part is dropped when a placeholder inside it is empty. */
export function fill(text: string, vars: Vars): string {
  const withOptional = nfc(text).replace(/\[\[([\s\S]*?)\]\]/g, (_m, part: string) => {
    let empty = false;
    part.replace(PH, (m, k: string) => {
      if (!valueOf(k, vars)) empty = true;
      return m;
    });
    return empty ? '' : part;
  });
  return withOptional.replace(PH, (m, k: string) => valueOf(k, vars) ?? m).replace(/[ \t]{2,}/g, ' ');
}

/** Checks a template: lengths, known placeholders, balanced [[ ]]. */
export function validateTemplate(input: Record<string, unknown>): Template {
  const t: Template = {
    title: typeof input.title === 'string' ? nfc(input.title) : '',
    addressee: typeof input.addressee === 'string' ? nfc(input.addressee) : '',
    body: typeof input.body === 'string' ? input.body.normalize('NFC').replace(/\r\n?/g, '\n').trim() : '',
    recipients:
      typeof input.recipients === 'string' ? input.recipients.normalize('NFC').replace(/\r\n?/g, '\n').trim() : '',
  };
  const limits: Record<keyof Template, number> = { title: 120, addressee: 300, body: 6000, recipients: 600 };
  for (const k of Object.keys(limits) as (keyof Template)[]) {
    if (!t[k] && k !== 'recipients') throw invalid(k, 'Không được để trống.', 'Must not be empty.');
    if (t[k].length > limits[k]) throw invalid(k, `Tối đa ${limits[k]} ký tự.`, `At most ${limits[k]} characters.`);
    for (const m of t[k].matchAll(PH)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!.toLowerCase())) {
        throw invalid(
          k,
          `Không có trường “{${m[1]}}”. Các trường: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
          `Unknown placeholder “{${m[1]}}”. Known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
        );
      }
    }
    if ((t[k].match(/\[\[/g) ?? []).length !== (t[k].match(/\]\]/g) ?? []).length)
      throw invalid(k, 'Các phần tùy chọn [[…]] phải đóng mở đủ cặp.', 'Optional parts [[…]] must be balanced.');
  }
  return t;
}

// ---- Content of the letter ----

export interface Signer {
  lines: string[];
  title: string;
  name: string;
}
export interface SignSettings {
  prefix: string;
  authority: string;
}

/**
 * The signature block: the centre's leader (settings) with the authority prefix. Auto: a
 * "Phó …" signs for the head (KT. GIÁM ĐỐC); TM. signs on behalf of a collective body (TM. ỦY
 * BAN NHÂN DÂN); KT. names the head signed for; none: the title alone.
 */
export function signerOf(
  leader: { name: string | null; title: string | null; parentBody: string },
  s: SignSettings,
): Signer {
  const title = (leader.title ?? '').trim() || 'Giám đốc';
  const name = (leader.name ?? '').trim();
  const authority = s.authority.trim();
  if (s.prefix === 'TM.')
    return { lines: [`TM. ${upperViText(authority || 'Ủy ban nhân dân')}`], title: upperViText(title), name };
  if (s.prefix === 'KT.') {
    const head = authority || (/^phó\s+(.+)$/iu.exec(title)?.[1] ?? 'Giám đốc');
    return { lines: [`KT. ${upperViText(head)}`], title: upperViText(title), name };
  }
  if (s.prefix === 'none') return { lines: [], title: upperViText(title), name };
  const m = /^phó\s+(.+)$/iu.exec(title);
  return m
    ? { lines: [`KT. ${upperViText(m[1]!)}`], title: upperViText(title), name }
    : { lines: [], title: upperViText(title), name };
}

export const SIGN_PREFIXES = ['', 'none', 'TM.', 'KT.'] as const;

export interface LetterContent {
  /** "05/TTPVHCC"; a blank number before the first print. */
  number: string;
  date: string;
  place: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  recipients: string[];
  signer: Signer;
}

export function numberText(n: number | null, symbol: string): string {
  return n === null ? `${'\u00a0'.repeat(6)}/${symbol}` : `${n < 10 ? `0${n}` : n}/${symbol}`;
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy'. */
export function dmy(date: string): string {
  const { y, m, d } = parseLocalDate(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

export function varsOf(o: {
  names: Names;
  centerName: string;
  parentBody: string;
  place: string;
  eventDate: string;
  dossierCode: string;
  procedureName: string;
}): Vars {
  const { names: n } = o;
  const person = (t: string, name: string) => (name ? (t ? `${t} ${name}` : name) : '');
  return {
    nguoi_1: person(n.titleA, n.nameA),
    danh_xung_1: n.titleA,
    ho_ten_1: n.nameA,
    nguoi_2: person(n.titleB, n.nameB),
    danh_xung_2: n.titleB,
    ho_ten_2: n.nameB,
    cap_doi: n.titleA && n.titleA === n.titleB ? `hai ${n.titleA}` : [n.titleA, n.titleB].filter(Boolean).join(' '),
    co_quan: o.centerName,
    co_quan_chu_quan: o.parentBody,
    dia_phuong: o.place,
    ngay_dang_ky: o.eventDate ? dmy(o.eventDate) : '',
    ma_ho_so: o.dossierCode,
    thu_tuc: o.procedureName,
  };
}

export function composeLetter(
  t: Template,
  vars: Vars,
  o: { number: string; date: string; place: string; signer: Signer },
): LetterContent {
  return {
    number: o.number,
    date: o.date,
    place: o.place,
    title: fill(t.title, vars),
    addressee: fill(t.addressee, vars),
    paragraphs: fill(t.body, vars)
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean),
    recipients: fill(t.recipients, vars)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    signer: o.signer,
  };
}

// ---- Page rules (named predicates: the pages and the service ask these, never re-derive them) ----

/** What the rules below need of a letter. */
export interface LetterState {
  kind: LetterKind;
  status: LetterStatus;
  missing: readonly string[];
  number: string | null;
}

/** The family declined: never printed, handed over or signed. */
export const isDeclined = (l: Pick<LetterState, 'status'>): boolean => l.status === 'declined';

/** Names may still be corrected and the letter (re)printed: prepared or printed, not handed over or declined. */
export const isEditable = (l: Pick<LetterState, 'status'>): boolean =>
  l.status === 'prepared' || l.status === 'printed';

/** The handover section shows: the letter is still with the centre (prepared or printed). */
export const awaitsHandover = isEditable;

/** The handover may be recorded: printed, not yet handed over. */
export const canRecordHandover = (l: Pick<LetterState, 'status'>): boolean => l.status === 'printed';

/** Printable now: every name the kind needs is there. */
export const hasCompleteNames = (l: Pick<LetterState, 'missing'>): boolean => l.missing.length === 0;

/** A letter waiting in the print queue: prepared, names complete (the batch print takes these). */
export function isWaitingToPrint(l: { kind: LetterKind; status: string; nameA: string; nameB: string }): boolean {
  return l.status === 'prepared' && missingNames(l.kind, l).length === 0;
}

/** The queue flags missing names on letters that may still be printed. */
export const flagsMissingNames = (l: Pick<LetterState, 'missing' | 'status'>): boolean =>
  !hasCompleteNames(l) && !isDeclined(l);

/** A digital signature may be asked for: the letter has its number (it was printed). */
export const canSignDigitally = (l: Pick<LetterState, 'number'>): boolean => l.number !== null;

/** The badge class of a status on the console. */
export function statusBadgeClass(status: LetterStatus): string {
  if (status === 'handed_over') return 'badge ok';
  if (status === 'declined') return 'badge late';
  if (status === 'printed') return 'badge warn';
  return 'badge';
}

/** The message key part of a kind's two people ("person_a_marriage"…). */
export function kindKeyOf(kind: LetterKind): 'marriage' | 'birth' | 'condolence' {
  if (kind === 'congratulation-marriage') return 'marriage';
  if (kind === 'congratulation-birth') return 'birth';
  return 'condolence';
}

/** File name of a letter without extension: thu-chuc-mung-<code> or thu-chia-buon-<code>. */
export const letterFileBase = (l: { kind: LetterKind; dossierCode: string }): string =>
  `thu-${l.kind === 'condolence' ? 'chia-buon' : 'chuc-mung'}-${l.dossierCode}`;

function person(title: string, name: string): string {
  return name ? [title, name].filter(Boolean).join(' ') : '';
}

/** Whom the queue lists a letter for: the couple, the mother or father, the family (and the deceased). */
export function addresseeOf(l: { kind: LetterKind; names: Names }): string {
  const n = l.names;
  if (l.kind === 'congratulation-marriage')
    return [person(n.titleA, n.nameA), person(n.titleB, n.nameB)].filter(Boolean).join(' – ');
  if (l.kind === 'condolence') return `${person(n.titleA, n.nameA)}${n.nameB ? ` (${person(n.titleB, n.nameB)})` : ''}`;
  return person(n.titleA, n.nameA);
}

/** A console status filter: a known status, else none (all letters). */
export function statusFilter(v: unknown): LetterStatus | null {
  return typeof v === 'string' && (LETTER_STATUSES as readonly string[]).includes(v) ? (v as LetterStatus) : null;
}

/** Ids of a batch print link ("3,5,8"): at most 200 well-formed ids, in order. */
export function parseIdList(raw: string): number[] {
  return raw
    .split(',')
    .filter((x) => /^\d{1,12}$/.test(x))
    .map(Number)
    .slice(0, 200);
}

// ---- JSON columns (one codec each: checked on read, a bad row fails loudly) ----

const Strings = Type.Array(Type.String());

/** courtesy_letter.snapshot: the text frozen at the first print. */
export const snapshotJson = schemaCodec(
  'courtesy_letter.snapshot',
  Type.Object({
    number: Type.String(),
    date: Type.String(),
    place: Type.String(),
    title: Type.String(),
    addressee: Type.String(),
    paragraphs: Strings,
    recipients: Strings,
    signer: Type.Object({ lines: Strings, title: Type.String(), name: Type.String() }),
  }),
);

/** letter_settings.{marriage,birth,death}_codes: the procedure codes that prepare a letter. */
export const triggerCodesJson = {
  marriage: schemaCodec('letter_settings.marriage_codes', Strings),
  birth: schemaCodec('letter_settings.birth_codes', Strings),
  death: schemaCodec('letter_settings.death_codes', Strings),
} as const;
