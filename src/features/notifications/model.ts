/**
 * Citizen notifications: kinds, channels, statuses, the retry schedule, recipients, and the
 * Vietnamese texts (a full text for e-mail, Zalo and the file channel; a short unaccented text
 * for SMS that fits one 160-character GSM message whenever it can). Pure functions, no I/O.
 */
import { stripDiacritics } from '../../core/text/index.ts';
import { formatHm, formatVi, toLocal } from '../../core/calendar/index.ts';
import { maskPhone, normalisePhone, STATUS_LABELS, type Applicant, type Status } from '../dossiers/index.ts';
import { isEmail } from '../../core/text/email.ts';

export const KINDS = ['receipt', 'supplement', 'result_ready', 'apology'] as const;
export type Kind = (typeof KINDS)[number];

export const CHANNELS = ['email', 'sms', 'zalo', 'file'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

export const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof STATUSES)[number];

/** An opt-out covers one channel or every channel ('*'). */
export const OPT_OUT_CHANNELS = ['*', 'email', 'sms', 'zalo', 'file'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

export const isKind = (s: string): s is Kind => (KINDS as readonly string[]).includes(s);
export const isChannel = (s: string): s is NotificationChannel => (CHANNELS as readonly string[]).includes(s);
export const isOptOutChannel = (s: string): s is OptOutChannel => (OPT_OUT_CHANNELS as readonly string[]).includes(s);

// ---- Retry schedule ----

const MINUTE = 60_000;
/** Wait before the next attempt after the 1st, 2nd, … failed attempt. */
export const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE] as const;
export const DEFAULT_MAX_ATTEMPTS = 5;
/**
 * A claimed message is "sending" until this lease ends; a worker that died while sending leaves
 * it behind, and the next pass turns it back into a failed attempt (to be retried). Far longer
 * than a whole batch at the channels' time-outs (20 × 30 s), so a slow but live send is never
 * taken over by another instance.
 */
export const SENDING_LEASE_MS = 30 * MINUTE;

/** When to try again after `attempts` attempts have failed; null when no automatic attempt is left. */
export function nextAttemptAt(now: Date, attempts: number, maxAttempts: number, permanent = false): Date | null {
  if (permanent || attempts >= maxAttempts) return null;
  const wait = BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
  return new Date(now.getTime() + wait);
}

// ---- Recipients ----

export interface Recipient {
  type: 'phone' | 'email';
  value: string;
}

/** A phone (normalised to 0xxxxxxxxx) or an e-mail (lower case); null when it is neither. */
export function parseRecipient(raw: unknown): Recipient | null {
  if (typeof raw !== 'string') return null;
  const s = raw.normalize('NFC').trim();
  if (!s || s.length > 200) return null;
  if (s.includes('@')) return isEmail(s) ? { type: 'email', value: s.toLowerCase() } : null;
  const p = normalisePhone(s);
  return p ? { type: 'phone', value: p } : null;
}

/** Recipients as staff see them in lists: 0912345678 → *******678, an@example.vn → a***@example.vn. */
export function maskRecipient(r: string): string {
  const at = r.indexOf('@');
  if (at > 0) return `${r[0]}***${r.slice(at)}`;
  return maskPhone(r);
}

/** The applicant's contacts, each normalised; the file channel stands in for e-mail and for SMS. */
export function contactsOf(a: Pick<Applicant, 'phone' | 'email'>): Recipient[] {
  const out: Recipient[] = [];
  const email = a.email ? parseRecipient(a.email) : null;
  if (email?.type === 'email') out.push(email);
  const phone = a.phone ? parseRecipient(a.phone) : null;
  if (phone?.type === 'phone') out.push(phone);
  return out;
}

/** Channels configured for a contact type: e-mail needs SMTP, phones SMS and/or Zalo; plus the file channel. */
export function channelsFor(type: Recipient['type'], enabled: ReadonlySet<NotificationChannel>): NotificationChannel[] {
  const real: NotificationChannel[] = type === 'email' ? ['email'] : ['sms', 'zalo'];
  return [...real.filter((c) => enabled.has(c)), ...(enabled.has('file') ? (['file'] as const) : [])];
}

export function isOptedOut(
  optOuts: readonly { recipient: string; channel: string }[],
  recipient: string,
  channel: NotificationChannel,
): boolean {
  return optOuts.some((o) => o.recipient === recipient && (o.channel === '*' || o.channel === channel));
}

// ---- Which message an event produces ----

export interface DossierFacts {
  code: string;
  status: Status;
  procedureName: string;
  applicant: Pick<Applicant, 'kind' | 'fullName' | 'orgName' | 'phone' | 'email'>;
  dueAt: string;
  extendedDueAt: string | null;
  lookupSecret: string;
}

export interface DossierEventInput {
  action: string;
  data?: Record<string, unknown> | null;
}

export interface Plan {
  kind: Kind;
  /** The appointment the message states (the new one for an apology). */
  appointment: string;
  before?: string;
  reason?: string;
  components?: string[];
}

const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

/**
 * received (accepted at the desk) and accept (an online submission accepted) → receipt;
 * request_supplement → supplement; mark_processed → result ready; extend → apology with the old
 * and new appointments. Anything else (and an online submission not yet accepted) → nothing.
 */
export function planFor(d: DossierFacts, event: DossierEventInput): Plan | null {
  const data = event.data ?? {};
  const current = d.extendedDueAt ?? d.dueAt;
  switch (event.action) {
    case 'received':
      if (d.status === 1) return null; // online registration: the receipt follows acceptance
      return { kind: 'receipt', appointment: text(data.dueAt) || current };
    case 'accept':
      return { kind: 'receipt', appointment: text(data.dueAt) || current };
    case 'request_supplement':
      return {
        kind: 'supplement',
        appointment: current,
        reason: text(data.reason),
        components: Array.isArray(data.components) ? data.components.map(text).filter(Boolean) : [],
      };
    case 'mark_processed':
      return { kind: 'result_ready', appointment: current };
    case 'extend':
      return {
        kind: 'apology',
        appointment: text(data.after) || current,
        before: text(data.before) || d.dueAt,
        reason: text(data.reason),
      };
    default:
      return null;
  }
}

// ---- Texts ----

export interface CenterFacts {
  name: string;
  shortName: string;
  address: string;
  phone: string | null;
  slug: string;
}

export interface Compose {
  center: CenterFacts;
  dossier: DossierFacts;
  plan: Plan;
  /** The lookup link with code and secret, or null when the public address is unknown. */
  lookupLink: string | null;
  optOutLink: string | null;
}

/** dd/MM/yyyy HH:mm in Vietnam. */
export function when(iso: string): string {
  const l = toLocal(new Date(iso));
  return `${formatVi(l.date)} ${formatHm(l.minute)}`;
}

export function lookupLink(baseUrl: string, slug: string, code: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${slug}/tra-cuu?${new URLSearchParams({ ma: code, 'bi-mat': secret }).toString()}`;
}

export const optOutPath = (slug: string) => `/${slug}/tu-choi-nhan-tin`;

function addressee(a: DossierFacts['applicant']): string {
  return a.kind === 'organization' && a.orgName ? a.orgName : `Ông/Bà ${a.fullName}`;
}

const SUBJECTS: Record<Kind, string> = {
  receipt: 'Đã tiếp nhận hồ sơ {code}',
  supplement: 'Hồ sơ {code} cần bổ sung giấy tờ',
  result_ready: 'Hồ sơ {code} đã có kết quả',
  apology: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}',
};

/** The full Vietnamese message (e-mail, Zalo, file channel). */
export function composeFull(c: Compose): { subject: string; body: string } {
  const { center, dossier: d, plan: p } = c;
  const subject = `${SUBJECTS[p.kind].replace('{code}', d.code)} - ${center.shortName}`;
  const facts = [`Mã hồ sơ: ${d.code}`, `Thủ tục: ${d.procedureName}`];
  const lookup = c.lookupLink
    ? [`Tra cứu tình trạng hồ sơ: ${c.lookupLink}`]
    : [`Tra cứu tình trạng hồ sơ trên trang của Trung tâm với mã hồ sơ ${d.code} và mã tra cứu ${d.lookupSecret}.`];
  let lines: string[];
  switch (p.kind) {
    case 'receipt':
      lines = [
        `${center.name} đã tiếp nhận hồ sơ của ${addressee(d.applicant)}.`,
        '',
        ...facts,
        `Ngày hẹn trả kết quả: ${when(p.appointment)}`,
        '',
        ...lookup,
      ];
      break;
    case 'supplement':
      lines = [
        `Hồ sơ dưới đây cần được bổ sung, hoàn thiện trước khi tiếp tục giải quyết.`,
        '',
        ...facts,
        `Nội dung cần bổ sung: ${p.reason || 'xin liên hệ Trung tâm'}`,
        ...(p.components?.length ? ['Giấy tờ cần bổ sung:', ...p.components.map((x) => `  - ${x}`)] : []),
        '',
        `Kính mời ${addressee(d.applicant)} mang giấy tờ bổ sung đến ${center.name} (${center.address}) trong giờ làm việc. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.`,
        '',
        ...lookup,
      ];
      break;
    case 'result_ready':
      lines = [
        `Hồ sơ của ${addressee(d.applicant)} đã có kết quả.`,
        '',
        ...facts,
        '',
        `Kính mời ${addressee(d.applicant)} đến nhận kết quả tại ${center.name} (${center.address}) trong giờ làm việc, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả và giấy tờ tùy thân.`,
        '',
        ...lookup,
        ...(c.lookupLink
          ? [
              '',
              `Đánh giá sự hài lòng về việc giải quyết hồ sơ: ${c.lookupLink.replace('/tra-cuu?', '/danh-gia?')}&buoc=tra-ket-qua&kenh=link`,
            ]
          : []),
      ];
      break;
    case 'apology':
      lines = [
        `${center.name} thành thật xin lỗi ${addressee(d.applicant)} vì hồ sơ dưới đây chưa được giải quyết đúng hẹn.`,
        '',
        ...facts,
        `Tình trạng: ${STATUS_LABELS[d.status].vi}`,
        `Lý do: ${p.reason || 'cần thêm thời gian xác minh'}`,
        ...(p.before ? [`Ngày hẹn trước: ${when(p.before)}`] : []),
        `Ngày hẹn lại trả kết quả: ${when(p.appointment)}`,
        '',
        `Trung tâm sẽ trả kết quả đúng ngày hẹn mới. Mong ${addressee(d.applicant)} thông cảm.`,
        '',
        ...lookup,
      ];
      break;
  }
  const body = [
    `Kính gửi ${addressee(d.applicant)},`,
    '',
    ...lines,
    '',
    ...(center.phone ? [`Mọi thắc mắc xin liên hệ: ${center.phone}.`, ''] : []),
    'Trân trọng,',
    center.name,
    '',
    '---',
    'Đây là thông báo tự động, vui lòng không trả lời.',
    ...(c.optOutLink ? [`Không muốn nhận thông báo qua thư điện tử hoặc tin nhắn: ${c.optOutLink}`] : []),
  ].join('\n');
  return { subject, body };
}

// ---- SMS: unaccented, one GSM message when possible ----

const TYPOGRAPHY: Record<string, string> = {
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '\u00a0': ' ',
  '•': '-',
  '`': "'",
};

/** Vietnamese without diacritics, case kept ("Đăng ký khai sinh" → "Dang ky khai sinh"), ASCII only. */
export function unaccent(s: string): string {
  return stripDiacritics(s)
    .replace(/[–—‘’“”…\u00a0•`]/g, (ch) => TYPOGRAPHY[ch] ?? '')
    .replace(/[^\x20-\x7e\n]/g, '')
    .replace(/[ \t]{2,}/g, ' ');
}

const GSM_EXTENSION = new Set(['[', ']', '\\', '^', '{', '}', '|', '~', '€']);
const GSM_BASIC_ASCII = /^[\n\r A-Za-z0-9@$_!"#%&'()*+,\-./:;<=>?]$/;

/** Length in GSM 03.38 septets (extension characters count 2); null when the text needs UCS-2. */
export function gsmLength(s: string): number | null {
  let n = 0;
  for (const ch of s) {
    if (GSM_EXTENSION.has(ch)) n += 2;
    else if (GSM_BASIC_ASCII.test(ch)) n += 1;
    else return null;
  }
  return n;
}

export const SMS_LIMIT = 160;

function fits(s: string): boolean {
  const n = gsmLength(s);
  return n !== null && n <= SMS_LIMIT;
}

/** Cuts `s` so that `template(s)` fits, ending with "..."; null when even a few words do not fit. */
function squeeze(template: (x: string) => string, s: string, min = 12): string | null {
  if (fits(template(s))) return template(s);
  const room = SMS_LIMIT - (gsmLength(template('')) ?? SMS_LIMIT) - 3;
  if (room < min) return null;
  const cut = s.slice(0, room).replace(/\s+\S*$/, '');
  const out = template(`${cut || s.slice(0, room)}...`);
  return fits(out) ? out : null;
}

/**
 * The SMS text: the richest variant that fits one message (prefix, procedure and phone are
 * dropped first, then wording is shortened; the lookup link is kept longest); when nothing fits
 * (a very long public address) the leanest variant, sent as a multi-part SMS.
 */
export function composeSms(c: Compose): string {
  const { center, dossier: d, plan: p } = c;
  const P = unaccent(center.shortName);
  const proc = unaccent(d.procedureName);
  const phone = center.phone ? ` LH ${unaccent(center.phone)}` : '';
  const look = c.lookupLink ? `Tra cuu: ${c.lookupLink}` : `Ma tra cuu: ${d.lookupSecret}`;
  const look2 = c.lookupLink ? c.lookupLink : `Ma tra cuu ${d.lookupSecret}`;
  const at = when(p.appointment);
  const reason = unaccent(p.reason ?? '');
  const variants: (string | null)[] = [];
  switch (p.kind) {
    case 'receipt':
      variants.push(
        `${P}: da tiep nhan ho so ${d.code} (${proc}), hen tra ket qua ${at}. ${look}.${phone}`,
        `${P}: da tiep nhan ho so ${d.code}, hen tra ket qua ${at}. ${look}`,
        `Da tiep nhan ho so ${d.code}, hen tra ket qua ${at}. ${look}`,
        `Da nhan HS ${d.code}, hen tra ${at}. ${look2}`,
        `Da nhan ho so, hen tra ket qua ${at}. ${look}`,
        `Da nhan HS, hen tra ${at}: ${look2}`,
      );
      break;
    case 'supplement':
      variants.push(
        squeeze((r) => `${P}: ho so ${d.code} (${proc}) can bo sung: ${r}. ${look}.${phone}`, reason),
        squeeze((r) => `${P}: ho so ${d.code} can bo sung: ${r}. ${look}`, reason),
        squeeze((r) => `Ho so ${d.code} can bo sung: ${r}. ${look2}`, reason),
        squeeze((r) => `HS can bo sung: ${r}. ${look2}`, reason),
        `Ho so ${d.code} can bo sung giay to. ${look}`,
        `HS can bo sung giay to: ${look2}`,
      );
      break;
    case 'result_ready':
      variants.push(
        `${P}: ho so ${d.code} (${proc}) da co ket qua, moi Ong/Ba den nhan tai Trung tam. ${look}.${phone}`,
        `${P}: ho so ${d.code} da co ket qua, moi Ong/Ba den nhan. ${look}`,
        `Ho so ${d.code} da co ket qua, moi Ong/Ba den nhan. ${look}`,
        `HS ${d.code} da co ket qua, moi den nhan. ${look2}`,
        `Ho so da co ket qua, moi Ong/Ba den nhan. ${look}`,
        `HS da co ket qua: ${look2}`,
      );
      break;
    case 'apology': {
      const before = p.before ? when(p.before) : null;
      variants.push(
        squeeze(
          (r) =>
            `${P} xin loi: ho so ${d.code} (${proc}) chua giai quyet kip, hen lai ${at}${before ? ` (hen cu ${before})` : ''}. Ly do: ${r}.${phone} ${look}`,
          reason,
        ),
        `${P} xin loi: ho so ${d.code} chua giai quyet kip, hen lai tra ket qua ${at}. ${look}`,
        `Xin loi: ho so ${d.code} chua giai quyet kip, hen lai ${at}. ${look}`,
        `Xin loi, HS ${d.code} hen lai ${at}. ${look2}`,
        `Xin loi: ho so chua giai quyet kip, hen lai ${at}. ${look}`,
        `Xin loi, HS hen lai ${at}: ${look2}`,
      );
      break;
    }
  }
  const candidates = variants.filter((v): v is string => v !== null).map((v) => v.replace(/\.{4,}/g, '...'));
  return candidates.find(fits) ?? candidates[candidates.length - 1]!;
}

/** The flashes the outbox page knows (?ok=…): anything else shows none. */
const OK_FLASHES = ['retried', 'added', 'exists', 'removed'] as const;
export type OkFlash = (typeof OK_FLASHES)[number];
export function okFlash(ok: string): OkFlash | null {
  return (OK_FLASHES as readonly string[]).includes(ok) ? (ok as OkFlash) : null;
}
