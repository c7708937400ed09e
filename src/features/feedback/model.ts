/**
 * Citizen feedback and petitions (phản ánh, kiến nghị — PAKN), pure rules: the legal time limits
 * of the Decision 766 satisfaction group (BRIEF §7.2: 15 working days to handle, 2 to refuse,
 * 5 to request more information, 2 to publish the answer) computed on the centre's working
 * calendar, the tracking code, and the masking of personal data before anything is published
 * (BRIEF §13). No I/O.
 */
import { randomInt } from 'node:crypto';
import { computeDeadline, toLocal, type WorkCalendar } from '../../core/calendar/index.ts';

export const LIMITS = { handle: 15, refuse: 2, requestInfo: 5, publish: 2 } as const;

export const ABOUT = ['procedure', 'conduct', 'other'] as const;
export type About = (typeof ABOUT)[number];
export const ABOUT_LABELS: Record<About, { vi: string; en: string }> = {
  procedure: { vi: 'Về thủ tục hành chính', en: 'About an administrative procedure' },
  conduct: { vi: 'Về thái độ, hành vi của cán bộ, công chức', en: 'About staff conduct' },
  other: { vi: 'Nội dung khác', en: 'Something else' },
};

export const CLASSIFICATIONS = ['tthc', 'behaviour'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASS_LABELS: Record<Classification, { vi: string; en: string }> = {
  tthc: { vi: 'Quy định, thủ tục hành chính', en: 'Administrative procedure (TTHC)' },
  behaviour: { vi: 'Hành vi của cán bộ, công chức', en: 'Staff behaviour' },
};

export const STATUSES = ['received', 'info_requested', 'answered', 'refused'] as const;
export type FeedbackStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<FeedbackStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận, đang xử lý', en: 'Received, being handled' },
  info_requested: { vi: 'Đề nghị bổ sung thông tin', en: 'More information requested' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  refused: { vi: 'Không tiếp nhận xử lý', en: 'Not accepted for handling' },
};

export const OPEN_STATUSES: readonly FeedbackStatus[] = ['received', 'info_requested'];

/** The due instants of a petition received at `receivedAt` (end of business of the n-th working day after the receipt day). */
export function dueDates(cal: WorkCalendar, receivedAt: Date): { handle: Date; refuse: Date; requestInfo: Date } {
  const due = (n: number) => computeDeadline(cal, { receivedAt, amount: n, unit: 'working_days' }).dueAt;
  return { handle: due(LIMITS.handle), refuse: due(LIMITS.refuse), requestInfo: due(LIMITS.requestInfo) };
}

/** When an answer given at `answeredAt` must be published at the latest. */
export function publishDue(cal: WorkCalendar, answeredAt: Date): Date {
  return computeDeadline(cal, { receivedAt: answeredAt, amount: LIMITS.publish, unit: 'working_days' }).dueAt;
}

export function isOverdue(f: { status: string; handle_due_at: string }, now: Date): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(f.status) && new Date(f.handle_due_at).getTime() < now.getTime();
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Tracking code "PA-yyMMdd-XXXXXX": the receipt day in Vietnam and 6 random characters (unguessable: the code alone opens the status page). */
export function feedbackCode(at: Date): string {
  const d = toLocal(at).date.replace(/-/g, '').slice(2);
  let s = '';
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `PA-${d}-${s}`;
}
export const CODE_RE = /^PA-\d{6}-[A-Z0-9]{6}$/;

// ---- Masking (BRIEF §13) ----

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trịnh',
  'Lương',
  'Mai',
  'Cao',
  'Vương',
  'Tạ',
  'Đoàn',
  'Lâm',
  'Tô',
  'Hà',
  'Chu',
  'Quách',
  'Triệu',
  'Thái',
  'Kiều',
  'Tăng',
  'Lại',
  'Trương',
  'Văn',
  'La',
  'Phùng',
  'Đào',
  'Nông',
  'Khổng',
  'Lưu',
  'Mạc',
  'Thân',
  'Lò',
  'Hứa',
  'Tống',
  'Từ',
  'Đàm',
  'Âu',
  'Giang',
  'Doãn',
  'Ninh',
  'Kim',
];
const WORD = '\\p{Lu}\\p{Ll}+';
/** A word of a name after a form of address: Title case (or one capital: "Ông A"), or "thị"/"văn" before a capitalised word ("Phạm thị Hoa"). Not "UBND". */
const NAME_WORD = '(?:\\p{Lu}\\p{Ll}*(?!\\p{L})|(?:thị|văn)(?=\\s+\\p{Lu}))';
const UPPER_WORD = /^\p{Lu}/u;
const FAMILY = new Set(FAMILY_NAMES.map((f) => f.toLocaleLowerCase('vi')));
/**
 * Family names also recognised in a name written all in lower case ("nguyễn văn an"). Left out:
 * those that are also common words ("lại", "từ", "cao", "mai", "lương", "lý", "đoàn", "lưu"…),
 * which would turn ordinary sentences into masks.
 */
const LOWER_FAMILY = new Set([
  'nguyễn',
  'trần',
  'lê',
  'phạm',
  'hoàng',
  'huỳnh',
  'phan',
  'vũ',
  'võ',
  'đặng',
  'bùi',
  'đỗ',
  'hồ',
  'ngô',
  'dương',
  'đinh',
  'trương',
  'đào',
  'quách',
  'kiều',
  'phùng',
  'khổng',
  'doãn',
]);
/** Usual middle names: a lower-case family name counts as a name only when one follows (nguyễn alone needs none). */
const LOWER_MIDDLE = new Set([
  'văn',
  'thị',
  'đức',
  'hữu',
  'đình',
  'ngọc',
  'xuân',
  'thu',
  'minh',
  'quang',
  'thanh',
  'hồng',
  'duy',
  'mạnh',
  'khánh',
  'hoàng',
  'kim',
  'bích',
  'thúy',
  'thùy',
]);
/** Words that make a lower-case family name part of an ordinary word ("vi phạm", "tuyên dương", "đồng hồ"…). */
const NOT_A_NAME_AFTER: Record<string, readonly string[]> = {
  phạm: ['vi'],
  dương: ['tuyên', 'biểu', 'đại', 'tán'],
  hồ: ['đồng', 'mơ', 'ao'],
  hoàng: ['huy', 'kinh'],
  đào: ['anh'],
  bùi: ['ngọt'],
};
/** Particles that may stand lower case inside a capitalised name ("Phạm thị Hoa"). */
const PARTICLES = new Set(['thị', 'văn']);

export const MASKS = {
  email: '[email đã ẩn]',
  phone: '[số điện thoại đã ẩn]',
  id: '[số giấy tờ đã ẩn]',
  name: '[họ tên đã ẩn]',
  address: '[địa chỉ đã ẩn]',
  birth: '[ngày sinh đã ẩn]',
} as const;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const lower = (w: string) => w.toLocaleLowerCase('vi');
const isCaps = (w: string) => w.length > 1 && w === w.toLocaleUpperCase('vi') && w !== lower(w);
const isTitle = (w: string) => /^\p{Lu}/u.test(w) && w.slice(1) === lower(w.slice(1));
const isLower = (w: string) => w === lower(w);

interface Word {
  w: string;
  start: number;
  end: number;
}

/** How many words from `i` on form a full name starting with a family name (0: none). */
function nameLength(s: string, words: Word[], i: number, shouting: boolean): number {
  const f = words[i]!.w;
  const fl = lower(f);
  if (!FAMILY.has(fl)) return 0;
  // The next word, when only spaces separate it from the previous one.
  const at = (k: number): string | null =>
    k < words.length && /^[^\S\n]+$/u.test(s.slice(words[k - 1]!.end, words[k]!.start)) ? words[k]!.w : null;
  let n = 1;
  if (isCaps(f) && !shouting) {
    // NGUYỄN VĂN AN inside ordinary text
    while (n < 4 && at(i + n) !== null && (isCaps(at(i + n)!) || /^\p{Lu}$/u.test(at(i + n)!))) n++;
    return n >= 2 ? n : 0;
  }
  if (isTitle(f)) {
    // Nguyễn Văn An, Phạm thị Hoa
    while (n < 4) {
      const w = at(i + n);
      if (w === null) break;
      if (isTitle(w)) n++;
      else if (PARTICLES.has(w) && n < 3 && at(i + n + 1) !== null && isTitle(at(i + n + 1)!)) n += 2;
      else break;
    }
    return n >= 2 ? n : 0;
  }
  // A text written all in capitals is read like one in lower case ("HỒ SƠ", "THÁI ĐỘ" are no names).
  const sameCase = isCaps(f) ? (w: string) => isCaps(w) || /^\p{Lu}$/u.test(w) : isLower;
  if (!sameCase(f) || !LOWER_FAMILY.has(fl)) return 0;
  // nguyễn văn an, phạm thị hoa, nguyễn an: a middle name from the list (nguyễn: optional), then the given name.
  const prev = i > 0 ? (at(i) !== null ? lower(words[i - 1]!.w) : null) : null;
  if (prev !== null && NOT_A_NAME_AFTER[fl]?.includes(prev)) return 0;
  let middles = 0;
  while (middles < 2 && at(i + n) !== null && sameCase(at(i + n)!) && LOWER_MIDDLE.has(lower(at(i + n)!))) {
    n++;
    middles++;
  }
  if (middles === 0 && fl !== 'nguyễn') return 0;
  const given = at(i + n);
  if (given !== null && (sameCase(given) || isTitle(given))) n++;
  else if (middles < 2) return 0;
  return n >= 2 ? n : 0;
}

/** Full names that start with a family name, in any case: Title Case, ALL CAPS or all lower case. */
function maskFullNames(s: string): string {
  const words: Word[] = [...s.matchAll(/\p{L}+/gu)].map((m) => ({
    w: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const letters = s.replace(/[^\p{L}]/gu, '');
  const shouting = letters.length >= 20 && (letters.match(/\p{Lu}/gu)?.length ?? 0) > letters.length * 0.6;
  let out = '';
  let pos = 0;
  for (let i = 0; i < words.length;) {
    const n = nameLength(s, words, i, shouting);
    if (n >= 2) {
      out += s.slice(pos, words[i]!.start) + MASKS.name;
      pos = words[i + n - 1]!.end;
      i += n;
    } else i++;
  }
  return out + s.slice(pos);
}

// A date of birth: dd/mm/yyyy (or with - .), mm/yyyy, or a year.
const BIRTH_DATE =
  '(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*(?:19|20)\\d{2}|\\d{1,2}\\s*[/.-]\\s*(?:19|20)\\d{2}|(?:19|20)\\d{2})(?!\\d)';

/**
 * Hides personal data in a text before it is published: e-mail addresses, phone numbers, ID
 * numbers (any run of 8+ digits), names written after a form of address ("ông", "bà", "anh",
 * "chị"… or "tên là", "tôi là"), full names that start with a Vietnamese family name (Title Case,
 * ALL CAPS, or lower case with a usual middle name: "nguyễn văn an"), the names the sender gave
 * (`known`), dates of birth ("sinh năm 1980", "ngày sinh 12/03/1980", a date right after a name),
 * and addresses introduced by "số nhà", "thôn", "xóm", "tổ", "ngõ", "đường"… Deliberately eager:
 * a masked word too many is better than a name published. Other dates ("nộp ngày 12/11/2026") stay.
 */
export function maskPersonal(text: string, known: (string | null | undefined)[] = []): string {
  let s = text.normalize('NFC');
  s = s.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, MASKS.email);
  // Digit runs (separators allowed): phones (+84…, or 0 and 10–11 digits), anything else of 8+ digits is an ID number.
  s = s.replace(/(?<![\d\w])(\+84[\s.-]?)?\d(?:[\s.-]?\d){7,}(?!\d)/g, (m) => {
    const digits = m.replace(/\D/g, '');
    return m.startsWith('+84') || (digits.startsWith('0') && (digits.length === 10 || digits.length === 11))
      ? MASKS.phone
      : MASKS.id;
  });
  for (const k of known) {
    const name = (k ?? '').normalize('NFC').trim();
    if (name.length >= 2) s = s.replace(new RegExp(escapeRe(name), 'giu'), MASKS.name);
  }
  // Addresses: a keyword followed by a number or capitalised words.
  s = s.replace(
    new RegExp(
      `(số nhà|Số nhà|thôn|Thôn|xóm|Xóm|ấp|Ấp|tổ dân phố|Tổ dân phố|tổ|Tổ|khu phố|Khu phố|khu dân cư|Khu dân cư|ngõ|Ngõ|ngách|Ngách|hẻm|Hẻm|đường|Đường|phố|Phố|số|Số)\\s+(\\d+[\\w/]*|${WORD})(\\s+(\\d+[\\w/]*|${WORD}))*`,
      'gu',
    ),
    (m, kw: string, first: string) => {
      // "số" alone only introduces an address when a number follows ("số 12 …").
      if (/^số$/i.test(kw) && !/^\d/.test(first)) return m;
      if (/^(đường|phố)$/i.test(kw) && !UPPER_WORD.test(first) && !/^\d/.test(first)) return m;
      return MASKS.address;
    },
  );
  // Dates of birth introduced as such: "sinh năm 1980", "năm sinh: 1980", "ngày sinh 12/03/1980", "SN 1980".
  s = s.replace(
    new RegExp(
      `(?<!\\p{L})(ngày,? tháng,? năm sinh|ngày sinh|năm sinh|sinh ngày|sinh năm|sinh tháng|sn|ns)(\\s*:?\\s*)${BIRTH_DATE}`,
      'giu',
    ),
    (_m, kw: string, sep: string) => `${kw}${sep}${MASKS.birth}`,
  );
  // Names after a form of address or an introduction.
  s = s.replace(
    new RegExp(
      `(?<!\\p{L})(ông|bà|anh|chị|cô|chú|bác|em|cháu|công chức|cán bộ|tên là|tôi là|Ông|Bà|Anh|Chị|Cô|Chú|Bác|Em|Cháu|Công chức|Cán bộ|Tên là|Tôi là)(\\s+${NAME_WORD}){1,4}`,
      'gu',
    ),
    (m, who: string) => `${who} ${MASKS.name}`,
  );
  // Full names starting with a family name (2–4 words, any case).
  s = maskFullNames(s);
  // A full date right after a (masked) name is a date of birth: "[họ tên], 12/03/1980", "[họ tên] (1980)".
  s = s.replace(
    new RegExp(
      `(${escapeRe(MASKS.name)}\\s*[,(–-]?\\s*(?:sinh\\s*)?)(\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*(?:19|20)\\d{2}|\\(\\s*(?:19|20)\\d{2}\\s*\\))(?!\\d)`,
      'gu',
    ),
    (_m, before: string, date: string) => `${before}${date.startsWith('(') ? `(${MASKS.birth})` : MASKS.birth}`,
  );
  return s;
}

/** The citizen ticked "anonymous" (a checkbox's "on"/"1", JSON true or "true"). */
export function isAnonymousChoice(v: unknown): boolean {
  return v === true || v === 'on' || v === '1' || v === 'true';
}

/** The classification a new petition starts with: conduct → behaviour, procedure → tthc, otherwise none yet. */
export function initialClassification(about: string): 'behaviour' | 'tthc' | null {
  return about === 'conduct' ? 'behaviour' : about === 'procedure' ? 'tthc' : null;
}

/** Still to be handled: received or waiting for the citizen's information (OPEN_STATUSES). */
export function isOpenFeedback(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
