/**
 * The one-stop forms of a dossier (BRIEF §1.2), filled from the dossier and its event log:
 * 01 receipt and appointment slip, 02 supplement request, 03 refusal, 04 apology and
 * re-appointment (PDF and DOCX), 06 process-control slip. Pure renderers: data in, bytes out,
 * no I/O. Layout follows Decree 30/2020 (national header, Tinos as Times New Roman); the field
 * order follows the Circular 01/2018 templates as rebuilt in the brief.
 *
 * Privacy (BRIEF §13): these forms carry the applicant's full data because they go to the
 * applicant (01–04) or stay in the paper file (06); none of them is published.
 */
import PDFDocument from 'pdfkit';
import { AlignmentType, Packer, Paragraph } from 'docx';
import { centred, closingTable, decree30Document, nationalHeaderTable, run } from '../../../core/documents/docx.ts';
import { markSignatureBox } from '../../../core/documents/signing/box.ts';
import type { Center } from '../../../core/db/schema.ts';
import type { ProcedureData } from '../../catalog/index.ts';
import { timeLimitText } from '../../catalog/index.ts';
import { phonesOf } from '../../centers/index.ts';
import { placeOf, publicSiteUrl } from '../../boards/index.ts';
import { formatInstantVi, localDateOf, parseLocalDate, toLocal } from '../../../core/calendar/index.ts';
import {
  FONT_NAMES,
  PAPER_POINTS,
  PRODUCT_NAME,
  clean,
  primeFontCache,
  createPdf,
  drawQr,
  drawTable,
  drawText,
  fontFile,
  mm,
  nationalHeader,
  noBreak,
  numberPages,
  pageBody,
  pdfToBuffer,
  textHeight,
  textWidth,
  titleBlock,
  upperVi,
} from '../../../core/documents/pdf.ts';
import type { Align, CellPart, Doc, FontName, TableRow, TextStyle } from '../../../core/documents/pdf.ts';
import type { Applicant } from '../model.ts';
import type { DossierEvent, DossierView, GuidanceView, ReceivedComponent } from '../service.ts';
import { feeText } from '../intake/fees.ts';
import { citizenLinks } from '../hooks.ts';

// ---- Inputs --------------------------------------------------------------------------------

export type FormCode = '01' | '02' | '03' | '04' | '05' | '06';
export type FormSize = 'A4' | 'A5';

/**
 * The legal form sets, by the date they apply from (BRIEF §1.2): a dossier prints the set in
 * force on the day it was received, so its paper never changes its legal basis afterwards.
 * `number` is the form's number in that set (the 2018 set numbers the control slip 05 and has
 * no stop notice); `title` is the printed title. Data, not code: a new circular is a new row.
 */
export interface FormSet {
  id: 'tt01-2018' | 'tt03-2025';
  /** First day (YYYY-MM-DD, Vietnam) a dossier received on it prints this set. */
  from: string;
  /** "ban hành kèm theo …" line printed on each form. */
  circular: string;
  /** The decree the one-stop mechanism follows. */
  decree: string;
  forms: Partial<Record<FormCode, { number: string; title: string }>>;
}

export const FORM_SETS: readonly FormSet[] = [
  {
    id: 'tt01-2018',
    from: '2018-12-23',
    circular: 'Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ',
    decree: 'Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ',
    forms: {
      '01': { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      '02': { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      '03': { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      '04': { number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' },
      '06': { number: '05', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' },
    },
  },
  {
    id: 'tt03-2025',
    from: '2025-07-01',
    circular: 'Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ',
    decree: 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ',
    forms: {
      '01': { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      '02': { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      '03': { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      '04': { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ' },
      '05': { number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' },
      '06': { number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' },
    },
  },
];

/** The set in force on a day (YYYY-MM-DD); the oldest set for days before every set. */
export function formSetOn(day: string): FormSet {
  let out: FormSet | undefined;
  for (const s of FORM_SETS) if (!out || s.from <= day) out = s;
  if (!out) throw new Error('FORM_SETS is empty');
  return out;
}

/**
 * The set and entry a dossier's form prints: the set of its receipt day; a form the old set
 * lacks (05, stop notice) comes from the first set that has it.
 */
export function formEntry(form: FormCode, receivedAt: string): { set: FormSet; number: string; title: string } {
  const set = formSetOn(localDateOf(new Date(receivedAt)));
  const own = set.forms[form];
  if (own) return { set, ...own };
  for (const later of FORM_SETS) {
    const e = later.forms[form];
    if (e) return { set: later, ...e };
  }
  throw new Error(`no form set has form ${form}`);
}

/** Titles of the current set (the console's names). */
export const FORM_TITLES: Readonly<Record<FormCode, string>> = Object.fromEntries(
  Object.entries(FORM_SETS.reduce((a, b) => (b.from > a.from ? b : a)).forms).map(([k, v]) => [k, v.title]),
) as Record<FormCode, string>;

/** File name stems, without the dossier code and the extension. */
export const FORM_FILES: Readonly<Record<FormCode, string>> = {
  '01': 'mau-01-giay-tiep-nhan-hen-tra',
  '02': 'mau-02-phieu-yeu-cau-bo-sung',
  '03': 'mau-03-phieu-tu-choi',
  '04': 'mau-04-van-ban-xin-loi-gia-han',
  '05': 'mau-05-thong-bao-dung-giai-quyet',
  '06': 'mau-06-phieu-kiem-soat',
};

export interface FormInput {
  /** The centre row (name, parent body, address, phones, leader for form 04). */
  center: Center;
  dossier: DossierView;
  /** The dossier's events in order (from `getDossier`). */
  events: readonly DossierEvent[];
  /** The procedure version the dossier was received under (time limit, handling agency); optional. */
  procedure?: ProcedureData | null;
  /** Public site root, e.g. "https://motcua.camgiang.gov.vn" (form 01's lookup QR code). */
  baseUrl: string;
  /** The dossier's volume and number in the tracking book (forms 01 and 06). */
  book?: { volume: number; number: number } | null;
}

export interface Form01Options {
  size?: FormSize;
}

/** Wording of the apology of form 04; `{center}` is the centre's name. Tests look for it. */
export const APOLOGY_TEXT =
  'Sự chậm trễ này đã gây phiền hà, tốn kém thời gian của ông/bà. {center} thành thật xin lỗi ông/bà và mong nhận được sự thông cảm của ông/bà.';

export class FormNotApplicable extends Error {
  readonly form: FormCode;
  readonly vi: string;
  readonly en: string;
  /** 'missing': the event has not happened yet (404); 'refused': the dossier's state forbids the form (409). */
  readonly kind: 'missing' | 'refused';
  constructor(form: FormCode, vi: string, en: string, kind: 'missing' | 'refused' = 'missing') {
    super(en);
    this.name = 'FormNotApplicable';
    this.form = form;
    this.vi = vi;
    this.en = en;
    this.kind = kind;
  }
}

/** A receipt (form 01) exists only for a dossier that was received: accepted at the desk or accepted online. */
export function wasReceived(events: readonly DossierEvent[]): boolean {
  return events.some((e) => e.action === 'accept' || (e.action === 'received' && e.toStatus === 2));
}

/** The forms a dossier has: 01 and 06 once received; 02, 03, 04, 05 once their event exists. */
export function applicableForms(events: readonly DossierEvent[]): FormCode[] {
  const has = (a: string) => events.some((e) => e.action === a);
  const out: FormCode[] = [];
  if (wasReceived(events)) out.push('01');
  if (has('request_supplement') || has('guide')) out.push('02');
  if (has('refuse')) out.push('03');
  if (has('extend')) out.push('04');
  if (has('stop')) out.push('05');
  if (wasReceived(events)) out.push('06');
  return out;
}

/** Why a dossier that was not received has no receipt (form 01): the console and the API say it. */
export function noReceipt(events: readonly DossierEvent[]): FormNotApplicable {
  const refused = events.some((e) => e.action === 'refuse');
  return new FormNotApplicable(
    '01',
    refused
      ? 'Hồ sơ đã bị từ chối tiếp nhận (Mẫu 03) nên không có Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).'
      : 'Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).',
    refused
      ? 'The dossier was refused (form 03), so it has no receipt and appointment slip (form 01).'
      : 'The dossier has not been accepted, so it has no receipt and appointment slip (form 01) yet.',
    'refused',
  );
}

/** "Mẫu số 01 – ban hành kèm theo Thông tư …" at the top right, small; returns the y below it. */
function formLabel(doc: Doc, entry: { number: string; set: FormSet }, k: number): number {
  const b = pageBody(doc);
  const h = drawText(doc, `Mẫu số ${entry.number}`, b.left, b.top, b.width, {
    font: 'serif-bold',
    size: 10 * k,
    align: 'right',
  });
  return b.top + h + 2 * k;
}

/** The legal basis line printed at the foot of the content: the decree and the circular of the form set. */
function legalBasis(f: Flow, set: FormSet): void {
  f.gap(4 * f.k);
  f.para(`Căn cứ: ${set.decree}; mẫu ban hành kèm theo ${set.circular}.`, {
    font: 'serif-italic',
    size: 9 * f.k,
    color: GREY,
  });
}

// ---- Small wording helpers -----------------------------------------------------------------

/** What the receipt's QR code encodes: the public lookup page with the dossier code and secret. */
export function lookupUrl(baseUrl: string, slug: string, code: string, secret: string): string {
  return `${publicSiteUrl(baseUrl, slug)}/tra-cuu?ma=${encodeURIComponent(code)}&bi-mat=${encodeURIComponent(secret)}`;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function below1000(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(`${DIGITS[h]} trăm`);
  if (t === 0 && u === 0) return out.join(' ');
  if (t === 0) {
    if (out.length) out.push('linh');
    out.push(DIGITS[u]!);
    return out.join(' ');
  }
  out.push(t === 1 ? 'mười' : `${DIGITS[t]} mươi`);
  if (u === 1) out.push(t === 1 ? 'một' : 'mốt');
  else if (u === 4) out.push(t === 1 ? 'bốn' : 'tư');
  else if (u === 5) out.push('lăm');
  else if (u > 0) out.push(DIGITS[u]!);
  return out.join(' ');
}

/** A whole number in Vietnamese words (0 … 999 999): 3 → "ba", 15 → "mười lăm", 105 → "một trăm linh năm". */
export function numberWordsVi(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberWordsVi: ${n}`);
  if (n === 0) return 'không';
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (th > 0) parts.push(`${below1000(th, false)} nghìn`);
  if (rest > 0) parts.push(below1000(rest, th > 0));
  return parts.join(' ');
}

/** "3 (ba) ngày làm việc"; the procedure's own wording for limits without a number. */
export function timeLimitWords(p: ProcedureData | null | undefined): string {
  if (!p) return 'Theo quy định của thủ tục hành chính';
  const t = p.timeLimit;
  const text = timeLimitText(t, 'vi');
  if (t.unit === 'same_day' || t.amount === null || !Number.isInteger(t.amount)) return text;
  return text.replace(/^\d+/, `${pad2(t.amount)} (${numberWordsVi(t.amount)})`);
}

/** "VĂN BẢN XIN LỖI …" → "Văn bản xin lỗi …" (for citing a form's title in a sentence). */
function sentenceCase(title: string): string {
  const lower = title.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "ngày 05 tháng 01 năm 2026" (Decree 30: leading zero for days below 10 and months 1–2). */
export function dateWords(localDate: string): string {
  const { y, m, d } = parseLocalDate(localDate);
  return `ngày\u00a0${pad2(d)} tháng\u00a0${m <= 2 ? pad2(m) : m} năm\u00a0${y}`;
}

/** "09 giờ 05 phút, ngày 25 tháng 11 năm 2026" in Vietnam time. */
export function timeWords(iso: string): string {
  const { date, minute } = toLocal(new Date(iso));
  return `${pad2(Math.floor(minute / 60))}\u00a0giờ ${pad2(minute % 60)}\u00a0phút, ${dateWords(date)}`;
}

/** "0912 345 678", "0220 3000 001" — for reading aloud; other strings as they are. */
export function phoneText(p: string): string {
  if (/^0\d{9}$/.test(p)) return `${p.slice(0, 4)} ${p.slice(4, 7)} ${p.slice(7)}`;
  if (/^0\d{10}$/.test(p)) return `${p.slice(0, 4)} ${p.slice(4, 8)} ${p.slice(8)}`;
  return p;
}

function partyName(a: Applicant): string {
  return a.kind === 'organization' && a.orgName ? a.orgName : a.fullName;
}

const CHANNEL_TEXT: Record<string, string> = {
  direct: 'Trực tiếp tại Trung tâm',
  online: 'Trực tuyến',
  postal: 'Qua dịch vụ bưu chính công ích',
  home: 'Tiếp nhận tại nhà',
};
const RETURN_TEXT: Record<string, string> = {
  desk: 'Bộ phận Một cửa',
  post: 'Dịch vụ bưu chính công ích',
  home: 'Nhà riêng của người nộp hồ sơ',
  online: 'Trực tuyến (bản điện tử)',
};

function returnPlace(center: Center, d: DossierView): string {
  const desk = `Bộ phận Một cửa – ${center.short_name || center.name}`;
  if (d.returnMethod === 'desk') return desk;
  if (d.returnMethod && RETURN_TEXT[d.returnMethod]) return RETURN_TEXT[d.returnMethod]!;
  if (d.channel === 'postal') return 'Dịch vụ bưu chính công ích, gửi đến địa chỉ của người nộp hồ sơ';
  if (d.channel === 'online') return `Trực tuyến (bản điện tử), hoặc bản giấy tại ${center.name}`;
  return desk;
}

/** The officer who received the dossier: the one who accepted it, else the one who recorded it. */
function receivingOfficer(events: readonly DossierEvent[]): string {
  const e = events.find((x) => x.action === 'accept') ?? events.find((x) => x.action === 'received');
  return e && e.actor !== 'Hệ thống' ? e.actor : '';
}

function lastEvent(events: readonly DossierEvent[], action: string): DossierEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.action === action) return events[i];
  return undefined;
}

function centerPhone(center: Center): string {
  const phones = phonesOf(center);
  const desk = phones.find((p) => /một cửa|tiếp nhận/iu.test(p.label)) ?? phones[0];
  return desk ? phoneText(desk.number) : '';
}

// ---- Page set-up ---------------------------------------------------------------------------

/** A5 portrait in points (ISO 216), the same value pdfkit uses. */
const A5: readonly [number, number] = [419.53, 595.28];

/**
 * A new form: A4 through the shared kit; A5 (the counter slip) with the same fonts, metadata
 * and Decree 30 margins scaled by 1/√2, because the kit's paper sizes start at A4.
 */
function newForm(size: FormSize, title: string, subject: string): Doc {
  if (size === 'A4' || (PAPER_POINTS as Record<string, unknown>)[size])
    return primeFontCache(createPdf({ size: size as 'A4', layout: 'portrait', title, subject }));
  const k = A5[0] / PAPER_POINTS.A4[0];
  const margins = { top: mm(11), bottom: mm(10), left: mm(30) * k, right: mm(15) * k };
  const doc = new PDFDocument({
    size: [A5[0], A5[1]],
    layout: 'portrait',
    margins,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    font: fontFile('serif'),
    info: {
      Title: clean(title),
      Subject: clean(subject),
      Author: PRODUCT_NAME,
      Creator: PRODUCT_NAME,
      Producer: `${PRODUCT_NAME} (pdfkit)`,
    },
  });
  for (const name of FONT_NAMES) doc.registerFont(name, fontFile(name));
  primeFontCache(doc);
  doc.font('serif').fontSize(13).fillColor('black').strokeColor('black');
  return doc;
}

/** Type scale of the receipt (13 pt × k body text): 12 pt on A4, 9.4 pt on A5 (1/√2 of A4, a little more). */
function scaleOf(size: FormSize): number {
  return size === 'A5' ? 0.72 : 0.92;
}

/**
 * A top-to-bottom writer over the pages of a form: measures each block, starts a new page when
 * it does not fit, and keeps track of y.
 */
interface Run {
  text: string;
  font?: FontName;
}
interface RichOptions {
  size?: number;
  align?: Align;
  color?: string;
  lineGap?: number;
  /** first-line indent */ indent?: number;
  /** block indent */ left?: number;
}

interface Flow {
  doc: Doc;
  y: number;
  k: number;
  fs: number;
  ensure(h: number): void;
  gap(h: number): void;
  /** A paragraph of runs in different fonts, wrapped to the body width; long ones continue on the next page. */
  rich(runs: readonly Run[], o?: RichOptions): void;
  para(text: string, o?: RichOptions & { font?: FontName }): void;
  /** "Label: value" on one wrapped paragraph (value bold when asked); dotted blank when empty. */
  field(label: string, value: string, o?: { bold?: boolean }): void;
}

function flow(doc: Doc, y: number, k: number): Flow {
  const fs = 13 * k;
  const f: Flow = {
    doc,
    y,
    k,
    fs,
    ensure(h) {
      const b = pageBody(doc);
      if (f.y + h > b.bottom && f.y > b.top + 1) {
        doc.addPage();
        f.y = pageBody(doc).top;
      }
    },
    gap(h) {
      f.y += h;
    },
    rich(runs, o = {}) {
      const parts = runs.filter((r) => r.text);
      if (!parts.length) return;
      const b = pageBody(doc);
      const size = o.size ?? fs;
      const left = o.left ?? 0;
      const opts = {
        width: b.width - left,
        lineGap: o.lineGap ?? size * 0.1,
        align: o.align ?? 'left',
        indent: o.indent ?? 0,
      };
      // measured in the widest font used (bold), so the estimate never falls short
      const all = clean(parts.map((r) => r.text).join(''));
      doc
        .font(
          parts.some((r) => r.font === 'serif-bold' || r.font === 'serif-bold-italic')
            ? 'serif-bold'
            : (parts[0]!.font ?? 'serif'),
        )
        .fontSize(size);
      const h = doc.heightOfString(all, opts);
      const line = doc.currentLineHeight(true) + opts.lineGap;
      f.ensure(Math.min(h, b.height, line * 2));
      doc.fillColor(o.color ?? 'black');
      parts.forEach((r, i) => {
        doc.font(r.font ?? 'serif').fontSize(size);
        const ro = { ...opts, continued: i < parts.length - 1 };
        if (i === 0) doc.text(clean(r.text), b.left + left, f.y, ro);
        else doc.text(clean(r.text), ro);
      });
      doc.fillColor('black');
      // a paragraph longer than the rest of the page was continued by pdfkit on a new page
      f.y = doc.y;
      doc.x = b.left;
    },
    para(text, o = {}) {
      f.rich([{ text, font: o.font }], o);
    },
    field(label, value, o = {}) {
      f.rich([
        { text: `${label} ` },
        { text: value || '……………………………………', font: o.bold && value ? 'serif-bold' : 'serif' },
      ]);
    },
  };
  return f;
}

function header(doc: Doc, center: Center, date: string, k: number, number?: string, y?: number): number {
  return nationalHeader(doc, {
    y,
    parentBody: center.parent_body,
    agency: center.name,
    place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
    date,
    number,
    scale: k,
  });
}

interface SignatureColumn {
  lines?: string[];
  title: string;
  note?: string;
  name?: string;
}

/** Signature blocks side by side (each centred in its column), kept together on one page. */
function signatures(f: Flow, cols: readonly SignatureColumn[], o: { space?: number; left?: number } = {}): void {
  const { doc, k } = f;
  const b = pageBody(doc);
  const x0 = o.left ?? b.left;
  const w = (b.right - x0) / cols.length;
  const ts: TextStyle = { font: 'serif-bold', size: 13 * k, align: 'center' };
  const ns: TextStyle = { font: 'serif-italic', size: 12 * k, align: 'center' };
  const space = o.space ?? 62 * k;
  const heightOf = (c: SignatureColumn) =>
    (c.lines ?? []).reduce((h, l) => h + textHeight(doc, l, w - 6, ts), 0) +
    textHeight(doc, c.title, w - 6, ts) +
    (c.note ? textHeight(doc, c.note, w - 6, ns) : 0) +
    space +
    (c.name ? textHeight(doc, c.name, w - 6, ts) : 0);
  const h = Math.max(...cols.map(heightOf));
  f.ensure(h);
  cols.forEach((c, i) => {
    const x = x0 + i * w + 3;
    let y = f.y;
    for (const l of c.lines ?? []) y += drawText(doc, l, x, y, w - 6, ts);
    y += drawText(doc, c.title, x, y, w - 6, ts);
    if (c.note) y += drawText(doc, c.note, x, y, w - 6, ns);
    y += space;
    if (c.name) drawText(doc, c.name, x, y, w - 6, ts);
  });
  f.y += h;
}

function title(f: Flow, text: string, sub?: string): void {
  f.y = titleBlock(f.doc, { title: text, subtitle: sub, scale: f.k, y: f.y, rule: true }) + 4 * f.k;
}

/** The applicant's identity lines (the form's own copy: full data). */
function applicantLines(f: Flow, d: DossierView, label = 'Ông/bà'): void {
  const a = d.applicant;
  if (a.kind === 'organization') {
    f.field('Tổ chức:', `${a.orgName}${a.taxCode ? ` (mã số thuế/mã số doanh nghiệp: ${a.taxCode})` : ''}`, {
      bold: true,
    });
    f.field('Người nộp hồ sơ:', a.fullName, { bold: true });
  } else {
    f.field(`${label}:`, a.fullName, { bold: true });
  }
  if (a.idNumber) f.field('Số định danh cá nhân (căn cước):', a.idNumber);
  f.field('Địa chỉ:', a.address);
  f.field(
    'Số điện thoại:',
    [a.phone ? phoneText(a.phone) : '', a.email ? `  Thư điện tử: ${a.email}` : ''].join('').trim(),
  );
}

const GREY = '#444444';

/** "Nội dung yêu cầu giải quyết" and the procedure, without repeating its name when the subject holds it. */
function requestedContent(f: Flow, d: DossierView): void {
  if (d.subject.includes(d.procedureName)) {
    f.field('Nội dung yêu cầu giải quyết:', `${d.subject} (mã thủ tục ${d.procedureCode})`);
  } else {
    f.field('Nội dung yêu cầu giải quyết:', d.subject);
    f.field('Thủ tục hành chính:', `${d.procedureName} (mã ${d.procedureCode})`);
  }
}

// ---- Form 01 -------------------------------------------------------------------------------

/**
 * Mẫu 01 "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ": the applicant's copy of what was received
 * and when the result will be ready, with a QR code to the public lookup page and the lookup
 * code in clear. A5 by default (counter printers), A4 on request.
 */
export async function form01(input: FormInput, o: Form01Options = {}): Promise<Buffer> {
  if (!wasReceived(input.events)) throw noReceipt(input.events);
  const size = o.size ?? 'A5';
  // One sheet at the counter: a dossier with many components or long names is set a little
  // smaller (down to 86 %) before it is allowed to run onto a second page.
  const base = scaleOf(size);
  let doc = layout01(input, size, base);
  for (const shrink of [0.93, 0.86]) {
    if (doc.bufferedPageRange().count === 1) break;
    const smaller = layout01(input, size, base * shrink);
    if (smaller.bufferedPageRange().count < doc.bufferedPageRange().count) doc = smaller;
  }
  numberPages(doc, { size: 12 * base });
  return pdfToBuffer(doc);
}

/** A component's counts for the table: shown items say so instead of counts. */
function countCells(c: ReceivedComponent): [string, string, string] {
  if (c.shown) return ['Xuất trình', '–', '–'];
  return [String(c.originals), String(c.certifiedCopies ?? 0), String(c.copies)];
}

const COUNT_COLUMNS = [
  { header: 'Bản chính', width: 12, align: 'center' as const },
  { header: 'Bản chứng thực', width: 13, align: 'center' as const },
  { header: 'Bản photo', width: 12, align: 'center' as const },
];

function layout01(input: FormInput, size: FormSize, k: number): Doc {
  const { center, dossier: d, events } = input;
  const entry = formEntry('01', d.receivedAt);
  const doc = newForm(
    size,
    `${entry.title} – ${d.code}`,
    `Mẫu ${entry.number} – Giấy tiếp nhận hồ sơ và hẹn trả kết quả`,
  );
  const receivedDate = localDateOf(new Date(d.receivedAt));
  const f = flow(doc, header(doc, center, receivedDate, k, undefined, formLabel(doc, entry, k)), k);
  f.gap((size === 'A5' ? 6 : 10) * k);
  title(f, entry.title, `Mã hồ sơ: ${d.code}`);
  f.gap(6 * k);

  f.para(`${center.name} tiếp nhận hồ sơ của:`);
  applicantLines(f, d);
  if (d.owner && partyName(d.owner) !== partyName(d.applicant)) {
    f.field('Chủ hồ sơ:', `${partyName(d.owner)}${d.owner.address ? ` – ${d.owner.address}` : ''}`);
  }
  f.field('Hình thức nộp:', CHANNEL_TEXT[d.channel] ?? d.channel);
  requestedContent(f, d);
  f.gap(3 * k);

  components01(doc, f, d, k);
  appointment01(f, input);
  f.gap(5 * k);
  lookupBox01(doc, f, input, k);
  bookNote01(f, input.book, entry, k);
  f.gap(6 * k);
  signatures(
    f,
    [
      { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.fullName },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: receivingOfficer(events) },
    ],
    { space: 40 * k },
  );
  return doc;
}

type Entry = ReturnType<typeof formEntry>;

/** Form 01, part 1: the components received, with their counts and tags. */
function components01(doc: Doc, f: Flow, d: DossierView, k: number): void {
  f.para('1. Thành phần hồ sơ nộp gồm:', { font: 'serif-bold' });
  f.gap(2 * k);
  const fs = 12 * k;
  const rows: TableRow[] = d.components.map((c, i) => {
    const tags = [
      c.shown ? 'xuất trình bản chính để đối chiếu, không nộp' : '',
      c.digitised ? 'đã số hóa' : '',
      c.reused ? 'tái sử dụng dữ liệu' : '',
    ].filter(Boolean);
    const name: CellPart[] = [{ text: tags.length ? `${c.name} (${tags.join(', ')})` : c.name }];
    return { cells: [String(i + 1), name, ...countCells(c)] };
  });
  if (!rows.length)
    rows.push({
      span: [{ text: 'Không có thành phần hồ sơ nào được ghi nhận.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  const t = drawTable(doc, {
    columns: [{ header: 'STT', width: 7, align: 'center' }, { header: 'Tên giấy tờ', width: 56 }, ...COUNT_COLUMNS],
    rows,
    fontSize: fs,
    headerFontSize: fs,
    y: f.y,
  });
  f.y = t.y + 4 * k;
}

/** Form 01, parts 2–7: sets, time limit, receipt, appointment (and a re-appointment), return place, fee. */
function appointment01(f: Flow, input: FormInput): void {
  const { center, dossier: d } = input;
  f.field('2. Số lượng hồ sơ:', `${pad2(d.sets)} bộ.`);
  f.field('3. Thời hạn giải quyết theo quy định:', `${timeLimitWords(input.procedure)}.`);
  f.field('4. Thời gian nhận hồ sơ:', `${timeWords(d.receivedAt)}.`);
  f.rich([
    { text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' },
    {
      text: `${timeWords(d.dueAt)}${d.sameDay ? ' – GIẢI QUYẾT TRONG NGÀY' : ''}${d.extendedDueAt ? ';' : '.'}`,
      font: 'serif-bold',
    },
    {
      text: d.extendedDueAt
        ? ` hẹn lại: ${timeWords(d.extendedDueAt)} (theo ${sentenceCase(formEntry('04', d.receivedAt).title)}).`
        : '',
    },
  ]);
  f.field('6. Nhận kết quả tại:', `${returnPlace(center, d)}.`);
  if (d.fee) f.field('7. Phí, lệ phí:', `${feeText(d.fee)}.`);
}

/** Form 01's lookup box: the QR code on the left, the code and URL in clear, a registered second QR code on the right. */
function lookupBox01(doc: Doc, f: Flow, input: FormInput, k: number): void {
  const { center, dossier: d } = input;
  const b = pageBody(doc);
  const url = lookupUrl(input.baseUrl, center.slug, d.code, d.lookupSecret);
  const qr = Math.round(62 * k);
  const pad = 5 * k;
  const textX = b.left + qr + 2 * pad;
  // A second QR code on the right, captioned, when a feature registered one with the desk (the
  // satisfaction survey, issue 6).
  const [extra] = citizenLinks({
    baseUrl: input.baseUrl,
    slug: center.slug,
    code: d.code,
    secret: d.lookupSecret,
    channel: 'qr',
    lang: 'vi',
  });
  const capStyle: TextStyle = { size: 8.5 * k, align: 'center', font: 'serif-bold' };
  const capH = extra ? textHeight(doc, extra.label, qr + 2 * pad, capStyle) : 0;
  const textW = extra ? b.right - textX - 3 * pad - qr : b.right - textX - pad;
  const st: TextStyle = { size: 11 * k };
  const lines: [string, TextStyle][] = [
    ['Quét mã QR hoặc vào địa chỉ dưới đây để tra cứu tình trạng hồ sơ:', st],
    [`Mã tra cứu: ${d.lookupSecret}`, { ...st, font: 'serif-bold', size: 13 * k }],
    [url, { size: 8.5 * k, color: GREY }],
  ];
  const textH = lines.reduce((h, [s, style]) => h + textHeight(doc, s, textW, style) + 1.5 * k, 0);
  const boxH = Math.max(extra ? qr + capH + 2 * k : qr, textH) + 2 * pad;
  f.ensure(boxH);
  doc
    .save()
    .lineWidth(0.6)
    .roundedRect(b.left, f.y, b.width, boxH, 3 * k)
    .stroke('#000000')
    .restore();
  drawQr(doc, url, b.left + pad, f.y + (boxH - qr) / 2, qr);
  if (extra) {
    const sx = b.right - pad - qr;
    const sy = f.y + (boxH - qr - capH - 2 * k) / 2;
    drawQr(doc, extra.url, sx, sy, qr);
    drawText(doc, extra.label, sx - pad, sy + qr + 2 * k, qr + 2 * pad, capStyle);
  }
  let ty = f.y + (boxH - textH) / 2;
  for (const [s, style] of lines) ty += drawText(doc, s, textX, ty, textW, style) + 1.5 * k;
  f.y += boxH + 5 * k;
}

/** Form 01's note: the tracking book's volume and number, the two copies, the legal basis. */
function bookNote01(f: Flow, book: FormInput['book'], entry: Entry, k: number): void {
  f.rich(
    [
      { text: 'Vào Sổ theo dõi hồ sơ, Quyển số: ', font: 'serif-italic' },
      { text: book ? String(book.volume) : '…………', font: 'serif-bold-italic' },
      { text: ', Số thứ tự: ', font: 'serif-italic' },
      { text: book ? String(book.number) : '…………', font: 'serif-bold-italic' },
      {
        text: `. Giấy này được lập thành 02 liên: 01 liên giao người nộp hồ sơ (mang theo khi đến nhận kết quả), 01 liên lưu tại Bộ phận Một cửa kèm Phiếu kiểm soát quá trình giải quyết hồ sơ. Căn cứ: ${entry.set.decree}; mẫu ban hành kèm theo ${entry.set.circular}.`,
        font: 'serif-italic',
      },
    ],
    { size: 10 * k, color: GREY },
  );
}

// ---- Form 02 -------------------------------------------------------------------------------

/** What form 02 prints, from a supplement request on a dossier or from guidance at the counter. */
interface SupplementContent {
  center: Center;
  code: string | null;
  nth: number;
  at: string;
  receivedAt: string | null;
  applicant: Applicant;
  subject: string;
  wanted: string[];
  known: readonly { name: string; originals: number; certifiedCopies?: number; copies: number }[];
  reason: string;
  officer: string;
  /** The form set: by receipt day for a dossier, by the guidance day at the counter. */
  basisDay: string;
}

/** Mẫu 02 "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", from the latest supplement request. */
export async function form02(input: FormInput): Promise<Buffer> {
  const { center, dossier: d, events } = input;
  // A supplement request while processing, or an online submission found incomplete (guide).
  const e = lastEvent(events, 'request_supplement') ?? lastEvent(events, 'guide');
  if (!e)
    throw new FormNotApplicable(
      '02',
      'Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không có Phiếu yêu cầu bổ sung (Mẫu 02).',
      'The dossier has no supplement request, so there is no form 02.',
    );
  const wanted = Array.isArray(e.data.components)
    ? (e.data.components as unknown[]).filter((x): x is string => typeof x === 'string' && x.trim() !== '')
    : [];
  return renderForm02({
    center,
    code: d.code,
    nth: events.filter((x) => x.action === 'request_supplement').length,
    at: e.at,
    receivedAt: e.action === 'guide' ? null : d.receivedAt,
    applicant: d.applicant,
    subject: d.subject,
    wanted,
    known: [...(input.procedure?.components ?? []), ...d.components],
    reason: typeof e.data.reason === 'string' ? e.data.reason : '',
    officer: e.actor !== 'Hệ thống' ? e.actor : '',
    basisDay: localDateOf(new Date(d.receivedAt)),
  });
}

/** Form 02 for guidance at the counter (no dossier; the code only when the centre logs guidance with one). */
export function form02Guidance(center: Center, g: GuidanceView, procedure?: ProcedureData | null): Promise<Buffer> {
  return renderForm02({
    center,
    code: g.code,
    nth: 0,
    at: g.at,
    receivedAt: null,
    applicant: g.applicant,
    subject: g.subject,
    wanted: g.missing,
    known: [...(procedure?.components ?? []), ...g.components],
    reason: g.reason,
    officer: g.actor !== 'Hệ thống' ? g.actor : '',
    basisDay: localDateOf(new Date(g.at)),
  });
}

async function renderForm02(c: SupplementContent): Promise<Buffer> {
  const { center } = c;
  const k = 1;
  const entry = formEntry('02', `${c.basisDay}T05:00:00Z`);
  const doc = newForm(
    'A4',
    `${entry.title}${c.code ? ` – ${c.code}` : ''}`,
    `Mẫu ${entry.number} – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ`,
  );
  const f = flow(doc, header(doc, center, localDateOf(new Date(c.at)), k, undefined, formLabel(doc, entry, k)), k);
  f.gap(12);
  title(
    f,
    entry.title,
    c.code
      ? `Mã hồ sơ: ${c.code}${c.nth > 1 ? ` (lần ${c.nth})` : ''}`
      : 'Hướng dẫn hoàn thiện hồ sơ tại Bộ phận Một cửa',
  );
  f.gap(4);
  party02(f, c);
  f.gap(4);
  f.para('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { font: 'serif-bold' });
  f.gap(3);
  wanted02(doc, f, c);
  f.field('Lý do:', c.reason);
  f.gap(4);
  const phone = centerPhone(center);
  f.para(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với ${c.officer ? `${c.officer}, ` : ''}${center.name}${phone ? `, số điện thoại ${noBreak(phone)}` : ''}${center.website ? `, trang thông tin ${center.website}` : ''} để được hướng dẫn./.`,
    { align: 'justify', indent: mm(10) },
  );
  f.gap(2);
  f.para(
    c.receivedAt
      ? 'Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết; ngày hẹn trả kết quả được tính lại từ khi nhận đủ hồ sơ bổ sung.'
      : 'Hồ sơ chưa được tiếp nhận: khi ông/bà nộp lại hồ sơ đầy đủ, Bộ phận Một cửa tiếp nhận và cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    { font: 'serif-italic', size: 12, align: 'justify', indent: mm(10) },
  );
  legalBasis(f, entry.set);
  f.gap(14);
  signatures(f, [{ title: '' }, { title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: c.officer }]);
  numberPages(doc);
  return pdfToBuffer(doc);
}

/** Form 02: whose dossier (or guidance), what it asks, how to reach them, when it was received. */
function party02(f: Flow, c: SupplementContent): void {
  f.field('Hồ sơ của:', partyName(c.applicant), { bold: true });
  if (c.applicant.kind === 'organization') f.field('Người nộp hồ sơ:', c.applicant.fullName);
  f.field('Nội dung yêu cầu giải quyết:', c.subject);
  f.field('Địa chỉ:', c.applicant.address);
  f.field(
    'Số điện thoại:',
    [
      c.applicant.phone ? phoneText(c.applicant.phone) : '',
      c.applicant.email ? `  Thư điện tử: ${c.applicant.email}` : '',
    ]
      .join('')
      .trim(),
  );
  if (c.receivedAt) f.field('Ngày nhận hồ sơ:', `${timeWords(c.receivedAt)}.`);
  else f.field('Thời gian hướng dẫn:', `${timeWords(c.at)}.`);
}

/** Form 02's table: the documents to supplement, with the counts the dossier recorded for them. */
function wanted02(doc: Doc, f: Flow, c: SupplementContent): void {
  const known = new Map(c.known.map((x) => [x.name.normalize('NFC').toLowerCase(), x]));
  const rows: TableRow[] = c.wanted.map((name, i) => {
    const x = known.get(name.normalize('NFC').toLowerCase());
    return {
      cells: [
        String(i + 1),
        name,
        x ? String(x.originals) : '',
        x ? String(x.certifiedCopies ?? 0) : '',
        x ? String(x.copies) : '',
      ],
    };
  });
  if (!rows.length)
    rows.push({
      span: [{ text: 'Bổ sung, hoàn thiện hồ sơ theo lý do nêu dưới đây.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  const t = drawTable(doc, {
    columns: [
      { header: 'STT', width: 8, align: 'center' },
      { header: 'Tên giấy tờ cần bổ sung, hoàn thiện', width: 55 },
      ...COUNT_COLUMNS,
    ],
    rows,
    fontSize: 12.5,
    y: f.y,
  });
  f.y = t.y + 6;
}

// ---- Form 03 -------------------------------------------------------------------------------

/** Mẫu 03 "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", from the refusal event. */
export async function form03(input: FormInput): Promise<Buffer> {
  const { center, dossier: d, events } = input;
  const e = lastEvent(events, 'refuse');
  if (!e)
    throw new FormNotApplicable(
      '03',
      'Hồ sơ không bị từ chối tiếp nhận nên không có Phiếu từ chối (Mẫu 03).',
      'The dossier was not refused, so there is no form 03.',
    );
  const k = 1;
  const entry = formEntry('03', d.receivedAt);
  const doc = newForm(
    'A4',
    `${entry.title} – ${d.code}`,
    `Mẫu ${entry.number} – Phiếu từ chối tiếp nhận giải quyết hồ sơ`,
  );
  const f = flow(doc, header(doc, center, localDateOf(new Date(e.at)), k, undefined, formLabel(doc, entry, k)), k);
  f.gap(12);
  title(f, entry.title, `Mã hồ sơ: ${d.code}`);
  f.gap(4);
  f.para(`${center.name} tiếp nhận hồ sơ của:`);
  applicantLines(f, d);
  f.field('Nội dung yêu cầu giải quyết:', d.subject);
  f.field('Hình thức nộp:', `${CHANNEL_TEXT[d.channel] ?? d.channel}; ${timeWords(d.receivedAt)}.`);
  f.gap(4);
  f.para(
    `Sau khi xem xét, đối chiếu với quy định của thủ tục hành chính “${d.procedureName}” (mã ${d.procedureCode}), ${center.name} không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    { align: 'justify', indent: mm(10) },
  );
  f.gap(2);
  f.para(String(e.data.reason ?? ''), { font: 'serif-bold', align: 'justify', left: mm(10) });
  f.gap(4);
  const phone = centerPhone(center);
  f.para(
    `Mọi vướng mắc, ông/bà liên hệ ${center.name}${phone ? `, số điện thoại ${noBreak(phone)}` : ''} để được hướng dẫn. Xin thông báo để ông/bà được biết và thực hiện./.`,
    { align: 'justify', indent: mm(10) },
  );
  legalBasis(f, entry.set);
  f.gap(14);
  signatures(f, [
    {
      title: 'NGƯỜI NỘP HỒ SƠ',
      note: '(Ký và ghi rõ họ tên)',
      name: d.channel === 'direct' ? d.applicant.fullName : '',
    },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: e.actor !== 'Hệ thống' ? e.actor : '' },
  ]);
  numberPages(doc);
  return pdfToBuffer(doc);
}

// ---- Forms 04 and 05: letters ---------------------------------------------------------------

/** A letter of the centre to the applicant (forms 04 and 05): same layout in PDF and DOCX. */
interface LetterContent {
  form: '04' | '05';
  entry: { set: FormSet; number: string; title: string };
  number: string;
  date: string;
  place: string;
  addressee: string;
  addresseeLines: string[];
  paragraphs: string[];
  recipients: string[];
  signer: { lines: string[]; title: string; name: string };
}

/**
 * The signer: the head of the body responsible (the one that caused the delay, for form 04) when
 * the event names one, else the centre's leader. "Phó …" signs for the head (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC).
 */
function signerOf(center: Center, data: Record<string, unknown> = {}): LetterContent['signer'] {
  const given = typeof data.signerTitle === 'string' && data.signerTitle.trim() !== '';
  const t = given ? String(data.signerTitle).trim() : (center.leader_title ?? '').trim() || 'Giám đốc';
  const name = given
    ? typeof data.signerName === 'string'
      ? data.signerName.trim()
      : ''
    : (center.leader_name ?? '').trim();
  const m = /^phó\s+(.+)$/iu.exec(t);
  if (m) return { lines: [`KT. ${upperVi(m[1]!)}`], title: upperVi(t), name };
  return { lines: [], title: upperVi(t), name };
}

/** The short name of the responsible unit for "Lưu: VT, <unit>." (the centre's own when none is named). */
function unitOf(center: Center, data: Record<string, unknown> = {}): string {
  const u = typeof data.responsibleUnit === 'string' ? data.responsibleUnit.trim() : '';
  return u || 'Bộ phận Một cửa';
}

function addresseeOf(a: Applicant): { addressee: string; addresseeLines: string[] } {
  const name = partyName(a);
  return {
    addressee: a.kind === 'organization' ? name : `Ông/bà ${name}`,
    addresseeLines: [
      a.address ? `Địa chỉ: ${a.address}` : '',
      [a.phone ? `Điện thoại: ${phoneText(a.phone)}` : '', a.email ? `Thư điện tử: ${a.email}` : '']
        .filter(Boolean)
        .join('; '),
    ].filter(Boolean),
  };
}

function apologyContent(input: FormInput): LetterContent {
  const { center, dossier: d, events } = input;
  const e = lastEvent(events, 'extend');
  if (!e)
    throw new FormNotApplicable(
      '04',
      'Hồ sơ chưa được đề nghị gia hạn thời gian giải quyết nên không có văn bản xin lỗi (Mẫu 04).',
      'The dossier has no extension, so there is no apology letter (form 04).',
    );
  const entry = formEntry('04', d.receivedAt);
  const old = entry.set.id === 'tt01-2018';
  const before = typeof e.data.before === 'string' ? e.data.before : d.dueAt;
  const after = typeof e.data.after === 'string' ? e.data.after : (d.extendedDueAt ?? d.dueAt);
  const unit = unitOf(center, e.data);
  const body =
    typeof e.data.responsibleUnit === 'string' && e.data.responsibleUnit.trim()
      ? e.data.responsibleUnit.trim()
      : center.name;
  const paragraphs = [
    `${body} xin gửi tới ông/bà lời chào trân trọng.`,
    `Ngày ${dateWords(localDateOf(new Date(d.receivedAt))).replace(/^ngày\s/u, '')}, ${center.name} tiếp nhận hồ sơ của ông/bà về việc: ${d.subject}; lĩnh vực: ${d.field}; thủ tục: ${d.procedureName}; mã hồ sơ: ${d.code}. Thời gian hẹn trả kết quả giải quyết hồ sơ: ${timeWords(before)}.`,
    `Tuy nhiên, ${body} không thể trả kết quả giải quyết hồ sơ cho ông/bà đúng hẹn nêu trên. Lý do: ${String(e.data.reason ?? '').replace(/[.\s]+$/, '')}.`,
    APOLOGY_TEXT.replace('{center}', body),
    old
      ? `${body} xin hẹn lại thời gian trả kết quả giải quyết hồ sơ cho ông/bà vào: ${timeWords(after)}.`
      : `${body} đề nghị gia hạn thời gian giải quyết hồ sơ và hẹn trả kết quả cho ông/bà vào: ${timeWords(after)}.`,
    'Xin trân trọng cảm ơn./.',
  ];
  return {
    form: '04',
    entry,
    // The number given when the director approved the apology; blank for hand-filling otherwise.
    number: typeof e.data.number === 'string' && e.data.number ? e.data.number : '\u00a0'.repeat(8) + '/PXL',
    date: localDateOf(new Date(e.at)),
    place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
    ...addresseeOf(d.applicant),
    paragraphs,
    recipients: ['- Như trên;', '- Bộ phận Một cửa;', `- Lưu: VT, ${unit}.`],
    signer: signerOf(center, e.data),
  };
}

const STOP_REASON_HINT =
  'theo đề nghị của người nộp hồ sơ hoặc khi hồ sơ thuộc trường hợp phải dừng giải quyết theo quy định';

function stopContent(input: FormInput): LetterContent {
  const { center, dossier: d, events } = input;
  const e = lastEvent(events, 'stop');
  if (!e)
    throw new FormNotApplicable(
      '05',
      'Hồ sơ không bị dừng giải quyết nên không có Thông báo dừng giải quyết hồ sơ (Mẫu 05).',
      'The dossier was not stopped, so there is no stop notice (form 05).',
    );
  const entry = formEntry('05', d.receivedAt);
  const reason = typeof e.data.reason === 'string' && e.data.reason.trim() ? e.data.reason.trim() : STOP_REASON_HINT;
  return {
    form: '05',
    entry,
    number: typeof e.data.number === 'string' && e.data.number ? e.data.number : '\u00a0'.repeat(8) + '/TB',
    date: localDateOf(new Date(e.at)),
    place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
    ...addresseeOf(d.applicant),
    paragraphs: [
      `Ngày ${dateWords(localDateOf(new Date(d.receivedAt))).replace(/^ngày\s/u, '')}, ${center.name} tiếp nhận hồ sơ của ông/bà về việc: ${d.subject}; lĩnh vực: ${d.field}; thủ tục: ${d.procedureName} (mã ${d.procedureCode}); mã hồ sơ: ${d.code}; thời gian hẹn trả kết quả: ${timeWords(d.extendedDueAt ?? d.dueAt)}.`,
      `${center.name} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${timeWords(e.at)}.`,
      `Lý do dừng giải quyết: ${reason.replace(/[.\s]+$/, '')}.`,
      `Thành phần hồ sơ đã nộp được trả lại cho ông/bà tại Bộ phận Một cửa (trừ giấy tờ phải lưu theo quy định). Mọi vướng mắc, ông/bà liên hệ ${center.name}${centerPhone(center) ? `, số điện thoại ${noBreak(centerPhone(center))}` : ''} để được hướng dẫn.`,
      'Xin thông báo để ông/bà được biết./.',
    ],
    recipients: ['- Như trên;', '- Bộ phận Một cửa;', `- Lưu: VT, ${unitOf(center, e.data)}.`],
    signer: signerOf(center, e.data),
  };
}

async function letterPdf(input: FormInput, c: LetterContent): Promise<Buffer> {
  const { center, dossier: d } = input;
  const doc = newForm('A4', `${c.entry.title} – ${d.code}`, `Mẫu ${c.entry.number} – ${sentenceCase(c.entry.title)}`);
  const f = flow(doc, header(doc, center, c.date, 1, c.number, formLabel(doc, c.entry, 1)), 1);
  f.gap(16);
  title(f, c.entry.title);
  f.gap(8);
  // "Kính gửi: <addressee>" centred as one line (pdfkit cannot centre runs of two fonts)
  const b = pageBody(doc);
  const ks: TextStyle = { size: 14 };
  const kw = textWidth(doc, 'Kính gửi: ', ks);
  const aw = Math.min(textWidth(doc, c.addressee, { ...ks, font: 'serif-bold' }) + 1, b.width * 0.8 - kw);
  const ah = textHeight(doc, c.addressee, aw, { ...ks, font: 'serif-bold' });
  f.ensure(ah);
  const kx = b.left + (b.width - kw - aw) / 2;
  drawText(doc, 'Kính gửi: ', kx, f.y, kw + 1, ks);
  f.y += drawText(doc, c.addressee, kx + kw, f.y, aw, { ...ks, font: 'serif-bold' });
  for (const l of c.addresseeLines) f.para(l, { font: 'serif-italic', size: 12.5, align: 'center' });
  f.gap(10);
  for (const p of c.paragraphs) {
    f.para(p, { align: 'justify', indent: mm(10), size: 14, lineGap: 3 });
    f.gap(6);
  }
  legalBasis(f, c.entry.set);
  f.gap(6);
  // Nơi nhận (left) and the signature (right), kept together
  const leftW = b.width * 0.45;
  const rs: TextStyle = { size: 11 };
  const recH =
    textHeight(doc, 'Nơi nhận:', leftW, { font: 'serif-bold-italic', size: 12 }) +
    c.recipients.reduce((h, r) => h + textHeight(doc, r, leftW, rs), 0);
  const signX = b.left + leftW;
  const signW = b.width - leftW;
  const ts: TextStyle = { font: 'serif-bold', size: 14, align: 'center' };
  const sigH =
    [...c.signer.lines, c.signer.title].reduce((h, l) => h + textHeight(doc, l, signW, ts), 0) +
    70 +
    textHeight(doc, c.signer.name || 'A', signW, ts);
  f.ensure(Math.max(recH, sigH));
  let ly = f.y;
  ly += drawText(doc, 'Nơi nhận:', b.left, ly, leftW, { font: 'serif-bold-italic', size: 12 });
  for (const r of c.recipients) ly += drawText(doc, r, b.left, ly, leftW, rs);
  let ry = f.y;
  for (const l of c.signer.lines) ry += drawText(doc, l, signX, ry, signW, ts);
  ry += drawText(doc, c.signer.title, signX, ry, signW, ts);
  markSignatureBox(doc, { x: signX, y: ry, width: signW, height: 70 });
  ry += 70;
  if (c.signer.name) ry += drawText(doc, c.signer.name, signX, ry, signW, ts);
  f.y = Math.max(ly, ry);
  numberPages(doc);
  return pdfToBuffer(doc);
}

async function letterDocx(input: FormInput, c: LetterContent): Promise<Buffer> {
  const { center } = input;
  const body: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 0 },
      children: [run(`Mẫu số ${c.entry.number}`, { size: 10, bold: true })],
    }),
  ];
  const main: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 240 },
      children: [run(c.entry.title, { size: 14, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 0 },
      children: [run('Kính gửi: ', { size: 14 }), run(c.addressee, { size: 14, bold: true })],
    }),
    ...c.addresseeLines.map((l) => centred([run(l, { size: 12.5, italics: true })])),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    ...c.paragraphs.map(
      (p) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 567 },
          spacing: { after: 120, line: 312 },
          children: [run(p, { size: 14 })],
        }),
    ),
    new Paragraph({
      spacing: { after: 120 },
      children: [
        run(`Căn cứ: ${c.entry.set.decree}; mẫu ban hành kèm theo ${c.entry.set.circular}.`, {
          size: 9,
          italics: true,
        }),
      ],
    }),
  ];
  const doc = decree30Document({
    title: `${c.entry.title} – ${input.dossier.code}`,
    description: `Mẫu ${c.entry.number} – ${sentenceCase(c.entry.title)}`,
    children: [
      ...body,
      nationalHeaderTable({
        parentBody: center.parent_body,
        name: center.name,
        number: c.number,
        place: c.place,
        date: c.date,
      }),
      ...main,
      new Paragraph({ spacing: { after: 120 }, children: [] }),
      closingTable(c.recipients, c.signer),
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Mẫu 04: in the 2025 set "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ" (the
 * 2018 set: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"): Decree 30 letter numbered …/PXL, reason,
 * apology, the new date, Nơi nhận with "Lưu: VT, <unit>", signed by the head of the body responsible.
 */
export async function form04(input: FormInput): Promise<Buffer> {
  return await letterPdf(input, apologyContent(input));
}

/** Form 04 as a Word document (same content) for offices that edit and sign on paper. */
export async function form04Docx(input: FormInput): Promise<Buffer> {
  return await letterDocx(input, apologyContent(input));
}

/** Mẫu 05 "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" (Circular 03/2025), from the stop event (status 8). */
export async function form05(input: FormInput): Promise<Buffer> {
  return await letterPdf(input, stopContent(input));
}

/** Form 05 as a Word document. */
export async function form05Docx(input: FormInput): Promise<Buffer> {
  return await letterDocx(input, stopContent(input));
}

// ---- Form 06 -------------------------------------------------------------------------------

export interface ControlRow {
  giver: string;
  receiver: string;
  at: string;
  actor: string;
  result: 'Trước hạn' | 'Đúng hạn' | 'Quá hạn';
  notes: string[];
}

const DESK = 'Bộ phận Một cửa';

function stepResult(at: string, due: string): ControlRow['result'] {
  const t = new Date(at).getTime();
  const dueT = new Date(due).getTime();
  if (t > dueT) return 'Quá hạn';
  return localDateOf(new Date(at)) < localDateOf(new Date(due)) ? 'Trước hạn' : 'Đúng hạn';
}

function eventNote(e: DossierEvent): string {
  const day = localDateOf(new Date(e.at));
  const when = `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  const reason = typeof e.data.reason === 'string' && e.data.reason ? `: ${e.data.reason}` : '';
  switch (e.action) {
    case 'request_supplement':
      return `Yêu cầu bổ sung hồ sơ ngày ${when}${reason}.`;
    case 'complete_supplement':
      return `Nhận đủ hồ sơ bổ sung ngày ${when}.`;
    case 'request_payment':
      return `Yêu cầu thực hiện nghĩa vụ tài chính ngày ${when}.`;
    case 'confirm_payment':
      return `Đã thực hiện nghĩa vụ tài chính ngày ${when}.`;
    case 'extend':
      return `Hẹn lại ngày trả kết quả: ${typeof e.data.after === 'string' ? formatInstantVi(new Date(e.data.after)) : ''}${reason}.`;
    case 'stop':
      return `Dừng giải quyết ngày ${when}${reason}.`;
    case 'withdraw':
      return `Công dân rút hồ sơ ngày ${when}${reason}.`;
    default:
      return '';
  }
}

/**
 * The rows of the control slip: each hand-off, the return of the result to the desk
 * (mark_processed) and to the applicant (return_result); events in between (supplement
 * requests, extensions, …) become notes of the row before them.
 */
export function controlRows(d: DossierView, events: readonly DossierEvent[]): ControlRow[] {
  const rows: ControlRow[] = [];
  let due = d.dueAt;
  let holder = DESK;
  const pending: string[] = [];
  const verdictText = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;
  for (const e of events) {
    if (e.action === 'handoff') {
      const to = String(e.data.to ?? '');
      let result = stepResult(e.at, due);
      if (e.data.onTime === false) result = 'Quá hạn';
      rows.push({
        giver: String(e.data.from ?? holder),
        receiver: to,
        at: e.at,
        actor: e.actor,
        result,
        notes: typeof e.data.note === 'string' && e.data.note ? [e.data.note] : [],
      });
      holder = to;
    } else if (e.action === 'mark_processed') {
      const v =
        d.verdict === 'early' || d.verdict === 'on_time' || d.verdict === 'late'
          ? verdictText[d.verdict]
          : stepResult(e.at, due);
      rows.push({
        giver: holder === DESK ? 'Bộ phận chuyên môn' : holder,
        receiver: DESK,
        at: e.at,
        actor: e.actor,
        result: v,
        notes: typeof e.data.result === 'string' && e.data.result ? [`Kết quả: ${e.data.result}`] : [],
      });
      holder = DESK;
    } else if (e.action === 'return_result') {
      const how =
        typeof e.data.method === 'string' && RETURN_TEXT[e.data.method]
          ? `Trả kết quả qua: ${RETURN_TEXT[e.data.method]!}.`
          : '';
      rows.push({
        giver: DESK,
        receiver: `Người nộp hồ sơ: ${d.applicant.fullName}`,
        at: e.at,
        actor: e.actor,
        result: stepResult(e.at, d.extendedDueAt ?? d.dueAt),
        notes: how ? [how] : [],
      });
    } else {
      if (e.action === 'extend' && typeof e.data.after === 'string') due = e.data.after;
      const n = eventNote(e);
      if (n) {
        const last = rows[rows.length - 1];
        if (last) last.notes.push(n);
        else pending.push(n);
      }
    }
  }
  if (pending.length && rows[0]) rows[0].notes.unshift(...pending);
  return rows;
}

/**
 * Mẫu 06 "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ": header fields and one row per hand-off
 * with giver and receiver, time, the on-time status at that step and notes.
 */
export async function form06(input: FormInput): Promise<Buffer> {
  const { center, dossier: d, events } = input;
  const entry = formEntry('06', d.receivedAt);
  const doc = newForm(
    'A4',
    `${entry.title} – ${d.code}`,
    `Mẫu ${entry.number} – Phiếu kiểm soát quá trình giải quyết hồ sơ`,
  );
  const f = flow(
    doc,
    header(doc, center, localDateOf(new Date(d.receivedAt)), 1, undefined, formLabel(doc, entry, 1)),
    1,
  );
  f.gap(10);
  title(f, entry.title, `Mã hồ sơ: ${d.code}`);
  f.gap(2);
  const b = pageBody(doc);
  const bk = input.book;
  f.y += drawText(
    doc,
    `Quyển số: ${bk ? bk.volume : '……………'}   Số thứ tự: ${bk ? bk.number : '……………'}`,
    b.left,
    f.y,
    b.width,
    {
      font: 'serif-italic',
      size: 12,
      align: 'center',
    },
  );
  f.gap(6);
  const rows = controlRows(d, events);
  fields06(f, input, rows);
  f.gap(8);
  f.y = table06(doc, f.y, d.code, rows);
  legalBasis(f, entry.set);
  numberPages(doc);
  return pdfToBuffer(doc);
}

/** Form 06's fields: whose dossier, what for, received and due, who handles it and with whom. */
function fields06(f: Flow, input: FormInput, rows: ControlRow[]): void {
  const { dossier: d, procedure } = input;
  const firstTo = rows.find((r) => r.receiver !== DESK)?.receiver;
  f.field('Kèm theo hồ sơ của:', partyName(d.owner ?? d.applicant), { bold: true });
  f.field('Nội dung yêu cầu giải quyết:', d.subject);
  f.field('Ngày, giờ nhận hồ sơ:', timeWords(d.receivedAt));
  f.field('Ngày, giờ hẹn trả kết quả:', `${timeWords(d.dueAt)}${d.sameDay ? ' (giải quyết trong ngày)' : ''}`, {
    bold: true,
  });
  if (d.extendedDueAt) f.field('Hẹn lại ngày trả kết quả:', timeWords(d.extendedDueAt));
  f.field('Cơ quan (bộ phận) giải quyết hồ sơ:', procedure?.implementingBody || firstTo || '');
  f.field(
    'Cơ quan phối hợp giải quyết hồ sơ:',
    procedure?.coordinatingBodies.length ? procedure.coordinatingBodies.join('; ') : 'Không',
  );
}

/** Form 06's table: one row per hand-over (giver, receiver, times, result, notes); returns where it ends. */
function table06(doc: Doc, y: number, code: string, rows: ControlRow[]): number {
  const fs = 11.5;
  const sm = fs * 0.88;
  const tableRows: TableRow[] = rows.map((r) => {
    const names: CellPart[] = [
      { text: `1. Giao: ${r.giver}` },
      { text: `2. Nhận: ${r.receiver}`, gapBefore: fs * 0.4 },
    ];
    const time: CellPart[] = [
      { text: timeWords(r.at) },
      {
        text: `Người giao: ${r.actor !== 'Hệ thống' ? r.actor : '……………'}`,
        font: 'serif-italic',
        size: sm,
        gapBefore: fs * 0.5,
      },
      { text: 'Người nhận (ký):', font: 'serif-italic', size: sm, gapBefore: fs * 0.3 },
      { text: ' ', size: sm, gapBefore: fs * 0.8 },
    ];
    return {
      cells: [
        names,
        time,
        [{ text: r.result, font: 'serif-bold' }],
        r.notes.map((n, i) => ({ text: n, size: sm, gapBefore: i ? 2 : 0 })),
      ],
    };
  });
  if (!tableRows.length)
    tableRows.push({
      span: [{ text: 'Hồ sơ chưa được chuyển giao lần nào.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  const t6 = drawTable(doc, {
    columns: [
      { header: 'TÊN CƠ QUAN', width: 26 },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 28 },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', width: 18, align: 'center' },
      { header: 'GHI CHÚ', width: 28 },
    ],
    rows: tableRows,
    fontSize: fs,
    headerFontSize: 11,
    y,
    onPageAdded: (dd) => {
      const pb = pageBody(dd);
      return (
        pb.top +
        drawText(dd, `${FORM_TITLES['06']} – Mã hồ sơ ${code} (tiếp theo)`, pb.left, pb.top, pb.width, {
          font: 'serif-italic',
          size: 10.5,
          color: GREY,
          align: 'right',
        }) +
        5
      );
    },
  });
  return t6.y;
}

/** Renders one form as PDF by its number. */
export function renderForm(form: FormCode, input: FormInput, o: Form01Options = {}): Promise<Buffer> {
  switch (form) {
    case '01':
      return form01(input, o);
    case '02':
      return form02(input);
    case '03':
      return form03(input);
    case '04':
      return form04(input);
    case '05':
      return form05(input);
    case '06':
      return form06(input);
  }
}
