/**
 * What the printed boards say, as pure functions (no PDF here): which procedures are posted and
 * in which groups, how a fee reads, where a QR code points, the place name of the date line.
 * printables.ts lays these out on paper.
 */
import type { FeeItem, ProcedureData } from '../catalog/index.ts';
import type { PublicCenter } from '../centers/index.ts';
import type { StaffContact } from '../directory/index.ts';
import { formatVnd, weekdayName } from '../../core/text/index.ts';
import { fromLocal, localDateOf } from '../../core/calendar/index.ts';

/**
 * Public address of a centre's site: `${baseUrl}/${slug}` (no trailing slash). A printed code
 * must work from any phone, so the base must be an absolute http(s) address.
 */
export function publicSiteUrl(baseUrl: string, slug: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/i.test(base))
    throw new RangeError(`The public base URL must be absolute (https://…), got ${JSON.stringify(baseUrl)}`);
  return `${base}/${encodeURIComponent(slug)}`;
}

/** What every printed QR code of a procedure encodes: `${baseUrl}/${slug}/thu-tuc/${code}`. */
export function procedureUrl(baseUrl: string, slug: string, code: string): string {
  return `${publicSiteUrl(baseUrl, slug)}/thu-tuc/${encodeURIComponent(code)}`;
}

/** Procedures that may be posted: everything but abolished ones, in the catalogue's order. */
export function postable(procedures: readonly ProcedureData[]): ProcedureData[] {
  return procedures.filter((p) => p.status !== 'abolished');
}

export interface FieldGroup {
  field: string;
  procedures: ProcedureData[];
}

const sameField = (a: string, b: string) =>
  a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi');

/** Groups by field (lĩnh vực), fields in order of first appearance; `only` keeps one field. */
export function groupByField(procedures: readonly ProcedureData[], only?: string): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const p of procedures) {
    if (only !== undefined && !sameField(p.field, only)) continue;
    const g = groups.find((x) => sameField(x.field, p.field));
    if (g) g.procedures.push(p);
    else groups.push({ field: p.field.normalize('NFC').trim(), procedures: [p] });
  }
  return groups;
}

/** The unit of a fee without the currency: "đồng/trang" → "trang", "đ/bản" → "bản", "đồng" → "". */
export function feeUnit(per: string): string {
  return per
    .normalize('NFC')
    .trim()
    .replace(/^(đồng|đ|vnđ|vnd)\s*(\/\s*)?/i, '')
    .replace(/^\/\s*/, '')
    .trim();
}

/** One fee amount as posted: "8.000 đ/bản", "2.000 đ/trang", "Miễn" for 0. */
export function feeAmountText(f: FeeItem): string {
  if (f.amount <= 0) return 'Miễn';
  const unit = feeUnit(f.per);
  return unit ? `${formatVnd(f.amount)}/${unit}` : formatVnd(f.amount);
}

/**
 * The fee cell of the posting board: "Không thu" when the procedure has no fee item, "Miễn" when
 * every item is 0, the amount alone for a single item, otherwise one "name: amount" line per item.
 */
export function feeLines(p: ProcedureData): string[] {
  if (p.fees.length === 0) return ['Không thu'];
  if (p.fees.every((f) => f.amount <= 0)) return ['Miễn'];
  const first = p.fees[0];
  if (p.fees.length === 1 && first) return [feeAmountText(first)];
  return p.fees.map((f) => (f.name ? `${f.name}: ${feeAmountText(f)}` : feeAmountText(f)));
}

/** True when the procedure collects nothing (no fee item at all). */
export function hasNoFee(p: ProcedureData): boolean {
  return p.fees.length === 0;
}

/**
 * Place name of the date line: the commune's own name, taken from the parent body
 * ("UBND xã Cẩm Giàng" → "Cẩm Giàng"); falls back to the province.
 */
export function placeOf(center: Pick<PublicCenter, 'parentBody' | 'name' | 'province'>): string {
  const unit = /(?:^|\s)(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu;
  for (const s of [center.parentBody, center.name]) {
    const m = unit.exec(s.normalize('NFC').trim());
    if (m?.[1]) return m[1].trim();
  }
  return center.province
    .normalize('NFC')
    .replace(/^(?:tỉnh|thành phố)\s+/iu, '')
    .trim();
}

/** Today's date in Vietnam, 'YYYY-MM-DD'. */
export function todayVn(now: Date = new Date()): string {
  return localDateOf(now);
}

/** "Thứ Ba, Thứ Sáu" from [2, 5]. */
export function weekdaysText(days: readonly number[]): string {
  return days
    .map((d) => weekdayName(d, 'vi'))
    .filter(Boolean)
    .join(', ');
}

const ROMAN: readonly [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
export function roman(n: number): string {
  let out = '';
  let r = n;
  for (const [v, s] of ROMAN) {
    while (r >= v) {
      out += s;
      r -= v;
    }
  }
  return out;
}

/** The centre's phones as one line: "Bộ phận Một cửa: 0220 3000 001; Giám đốc Trung tâm: 0900 000 001". */
export function phonesLine(center: Pick<PublicCenter, 'phones'>): string {
  return center.phones.map((p) => (p.label ? `${p.label}: ${p.number}` : p.number)).join('; ');
}

/** Contacts that may be printed: public ones only, by sort order then name (Vietnamese collation). */
export function publicContacts(contacts: readonly StaffContact[]): StaffContact[] {
  return contacts
    .filter((c) => c.isPublic)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'));
}

/** The paper a document is printed on when the request names none (posting board A4, poster A3). */
export const DEFAULT_PAPER: Readonly<Record<string, string>> = { 'bang-niem-yet': 'A4', 'khau-hieu': 'A3' };

/** The paper a request for `kind` asked for or gets by default ('' for documents of one size). */
export function effectivePaper(kind: string, size: string): string {
  return (size || DEFAULT_PAPER[kind]) ?? '';
}

/**
 * The posting boards rendered ahead of any request once a catalogue is published: the whole
 * catalogue's board and each field's, on the default paper (the options the console links to).
 */
export function boardsToPrerender(fields: readonly { slug: string }[]): { field?: string; size: string }[] {
  return [{ size: 'A4' }, ...fields.map((f) => ({ field: f.slug, size: 'A4' }))];
}

/**
 * The base address printed in the QR codes of a board rendered ahead: the configured public
 * address, else that of the request that published; none (no ahead rendering) without either.
 */
export function prerenderBase(publicUrl: string | undefined, origin: string | null): string | null {
  return publicUrl ?? origin;
}

/**
 * The kept documents that print the day's date (in the header: "Cẩm Giàng, ngày … tháng … năm …"),
 * so a new day makes them stale. The QR sheet prints no date: its file stays good across days.
 */
export const DATED_KINDS: ReadonlySet<string> = new Set(['bang-niem-yet', 'bang-phi']);

/** One board as a citizen asks for it, whatever its inputs: kind, field, paper as printed, poster, base address. */
export function boardIdentity(kind: string, opts: { field?: string; size?: string; poster?: string }, base: string) {
  const paper = effectivePaper(kind, (opts.size ?? '').toUpperCase());
  return JSON.stringify([kind, opts.field ?? '', paper, opts.poster ?? '', base]);
}

/** Milliseconds from `now` to the next midnight in Vietnam (UTC+7 all year), whatever the host's zone. */
export function msToNextVnDay(now: Date): number {
  return fromLocal(localDateOf(now), 1440).getTime() - now.getTime();
}
