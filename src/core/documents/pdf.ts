/**
 * The shared PDF kit: pages in Decree 30/2020/NĐ-CP layout, the embedded Tinos font (metric-
 * compatible with Times New Roman, complete for Vietnamese), the national header block, text that
 * wraps and never runs off a page, tables that split across pages with their header row repeated,
 * vector QR codes and page numbers. Every printable of the project (boards, letters, forms) is
 * built from these pieces. See docs/decisions/006-printables.md.
 *
 * Conventions:
 * - all lengths are PDF points (1/72 inch); `mm()` converts;
 * - every string drawn is normalised to NFC (precomposed Vietnamese letters, one glyph each);
 * - helpers never let pdfkit add a page by itself: text is measured first and drawn inside an
 *   explicit height, and page breaks are taken by `drawTable` or by the caller.
 */
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { parseLocalDate } from '../calendar/index.ts';
import { qrMatrix } from './qr.ts';
import { deflatePagesAt, fillColorOps, flipped, hseg, lineOps, strokeOps, vseg, writeOps } from './pdf-ops.ts';
import type { TextState } from './pdf-ops.ts';

export type Doc = PDFKit.PDFDocument;
export type PaperSize = 'A4' | 'A3' | 'A2';
export type Layout = 'portrait' | 'landscape';
export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
export type FontName = 'serif' | 'serif-bold' | 'serif-italic' | 'serif-bold-italic';
export type Align = 'left' | 'center' | 'right' | 'justify';

export const PRODUCT_NAME = 'Một Cửa Thân Thiện';

// ---- Paper ---------------------------------------------------------------------------------

export const PT_PER_MM = 72 / 25.4;
export function mm(v: number): number {
  return v * PT_PER_MM;
}

/** ISO 216 sizes in points, portrait (width, height) — the same values pdfkit uses. */
export const PAPER_POINTS: Readonly<Record<PaperSize, readonly [number, number]>> = {
  A4: [595.28, 841.89],
  A3: [841.89, 1190.55],
  A2: [1190.55, 1683.78],
};

export function pageDimensions(size: PaperSize, layout: Layout): { width: number; height: number } {
  const [w, h] = PAPER_POINTS[size];
  return layout === 'portrait' ? { width: w, height: h } : { width: h, height: w };
}

/** Linear scale of a paper size against A4: 1 for A4, √2 for A3, 2 for A2. */
export function paperScale(size: PaperSize): number {
  return PAPER_POINTS[size][0] / PAPER_POINTS.A4[0];
}

/**
 * Decree 30 margins: top and bottom 20 mm, left 30 mm (binding side), right 15 mm on A4, in the
 * reading orientation of the page; larger sheets get the same proportions (× √2 on A3, × 2 on A2).
 */
export function decree30Margins(size: PaperSize, _layout: Layout = 'portrait'): Margins {
  const k = paperScale(size);
  return { top: mm(20) * k, bottom: mm(20) * k, left: mm(30) * k, right: mm(15) * k };
}

// ---- Fonts ---------------------------------------------------------------------------------

const FONT_FILES: Readonly<Record<FontName, string>> = {
  serif: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  'serif-bold': '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  'serif-italic': '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  'serif-bold-italic': '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};
export const FONT_NAMES: readonly FontName[] = ['serif', 'serif-bold', 'serif-italic', 'serif-bold-italic'];

// Resolved through the package resolver from this module's URL, so the same code works from
// src/ (tests, `npx motcua`) and from the esbuild bundle in dist/ (packages stay external).
const resolveFromHere = createRequire(import.meta.url).resolve;
const fontPaths = new Map<FontName, string>();

/** Absolute path of one of the embedded Tinos files. */
export function fontFile(name: FontName): string {
  let p = fontPaths.get(name);
  if (!p) {
    p = resolveFromHere(FONT_FILES[name]);
    fontPaths.set(name, p);
  }
  return p;
}

// ---- Document ------------------------------------------------------------------------------

export interface CreatePdfOptions {
  size: PaperSize;
  layout: Layout;
  title: string;
  /** Overrides of the Decree 30 margins, in points. */
  margins?: Partial<Margins>;
  subject?: string;
  keywords?: readonly string[];
  /**
   * Pages written as they are finished instead of kept until the end (a long register): memory
   * stays bounded, but pages cannot be revisited — number them with `numberPagesAsAdded`.
   */
  stream?: boolean;
  /**
   * zlib level of the pages' content streams (1–9; pdfkit's default is 6). A long table's pages
   * compress nearly as well at 1 and several times faster (decision 044).
   */
  deflateLevel?: number;
}

/** Text as drawn: NFC, so that each Vietnamese letter is one precomposed glyph. */
export function clean(s: string): string {
  return s.normalize('NFC');
}

/**
 * A new document: first page added, Tinos registered as 'serif', 'serif-bold', 'serif-italic',
 * 'serif-bold-italic' (and used as the default font, so no PDF standard font is ever loaded),
 * metadata set, pages buffered so that page numbers and footers can be added at the end.
 */
export function createPdf(o: CreatePdfOptions): Doc {
  const margins: Margins = { ...decree30Margins(o.size, o.layout), ...o.margins };
  const info: PDFKit.DocumentInfo = {
    Title: clean(o.title),
    Author: PRODUCT_NAME,
    Creator: PRODUCT_NAME,
    Producer: `${PRODUCT_NAME} (pdfkit)`,
  };
  if (o.subject) info.Subject = clean(o.subject);
  if (o.keywords?.length) info.Keywords = clean(o.keywords.join(', '));
  const doc = new PDFDocument({
    size: o.size,
    layout: o.layout,
    margins,
    bufferPages: o.stream !== true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    font: fontFile('serif'),
    info,
  });
  for (const name of FONT_NAMES) doc.registerFont(name, fontFile(name));
  doc.font('serif').fontSize(13).fillColor('black').strokeColor('black');
  if (o.deflateLevel !== undefined) deflatePagesAt(doc, o.deflateLevel);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.end();
  });
}

/** Ends the document into `out` (a file being written) and resolves once every byte is there. */
export function pdfToStream(doc: Doc, out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Lets go of what a long document has measured so far once it is large: the font engine's
 * per-word layouts (pdfkit keeps every distinct word it ever shaped — codes, names and phone
 * numbers of tens of thousands of dossiers) beyond `MAX_WORDS` per face. Call it between chunks
 * of a long table; the kit's own memos are bounded by themselves (MAX_LAYOUTS, pdf-ops.ts).
 * The glyphs already used stay in the fonts' subsets.
 */
export function trimLayoutCaches(doc: Doc): void {
  const families = (doc as unknown as TextInternals)._fontFamilies;
  for (const f of Object.values(families ?? {}))
    if (f?.layoutCache && Object.keys(f.layoutCache).length > MAX_WORDS) f.layoutCache = Object.create(null) as object;
}

/** Words shaped per face kept at most between chunks (a few MB). */
const MAX_WORDS = 10_000;

/** The writable area of the current page. */
export function pageBody(doc: Doc): {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
} {
  const { width, height, margins } = doc.page;
  return {
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
    width: width - margins.left - margins.right,
    height: height - margins.top - margins.bottom,
  };
}

// ---- Text ----------------------------------------------------------------------------------

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
  align?: Align;
  /** Extra space between lines, in points. */
  lineGap?: number;
  underline?: boolean;
}

function applyStyle(doc: Doc, s: TextStyle): void {
  doc.font(s.font ?? 'serif').fontSize(s.size ?? 13);
}

// Measuring is the costly part of layout (a font shaping pass per call) and tables measure the
// same cells several times: each text's layout (its height and the lines pdfkit's wrapper breaks
// it into) is memoised per document, and drawing replays the lines instead of wrapping again.

/** One line as pdfkit's line wrapper emits it (the fields `_fragment` reads for alignment). */
interface WrappedLine {
  text: string;
  textWidth: number;
  wordCount: number;
  lineWidth: number;
}

interface LaidOut {
  height: number;
  /** Advance from one line's top to the next (pdfkit: line height + line gap). */
  step: number;
  lines: WrappedLine[];
}

/** The pdfkit internals the replay goes through (pdfkit 0.17+: `text` is `_text` with `_line`). */
interface TextInternals {
  _initOptions(x: number | object, y?: number, options?: object): Record<string, unknown> & { lineGap?: number };
  _text(
    text: string,
    x: number,
    y: number,
    options: object,
    lineCallback: (line: string, options: Partial<WrappedLine>) => void,
  ): void;
  _line(text: string, options: object, wrapper: unknown): void;
  _lineGap?: number;
  _wrapper: unknown;
  _textOptions: unknown;
  _fillColor?: readonly unknown[];
  _fontFamilies?: Record<string, { layoutCache?: object } | undefined>;
}

/**
 * Layouts per document, by width, size, line gap and font (number keys: no string is built to
 * look one up), then by the text as given (normalised only when it is laid out).
 */
type Texts = Map<string, LaidOut>;
type ByFont = Map<string, Texts>;
type ByGap = Map<number, ByFont>;
type BySize = Map<number, ByGap>;
type LayoutMemo = Map<number, BySize>;
const layoutCache = new WeakMap<Doc, LayoutMemo>();
/** Laid-out texts kept per document at most; beyond, the memo starts again (memory stays flat). */
const MAX_LAYOUTS = 10_000;
const layoutCount = new WeakMap<Doc, number>();

function layoutsFor(doc: Doc, width: number, s: TextStyle): Map<string, LaidOut> {
  let byWidth = layoutCache.get(doc);
  if (!byWidth) layoutCache.set(doc, (byWidth = new Map<number, BySize>()));
  let bySize = byWidth.get(width);
  if (!bySize) byWidth.set(width, (bySize = new Map<number, ByGap>()));
  const size = s.size ?? 13;
  let byGap = bySize.get(size);
  if (!byGap) bySize.set(size, (byGap = new Map<number, ByFont>()));
  const gap = s.lineGap ?? 0;
  let byFont = byGap.get(gap);
  if (!byFont) byGap.set(gap, (byFont = new Map<string, Texts>()));
  const font = `${s.font ?? 'serif'}${s.align === 'justify' ? '|j' : ''}`;
  let texts = byFont.get(font);
  if (!texts) byFont.set(font, (texts = new Map<string, LaidOut>()));
  return texts;
}

/** `text` wrapped to `width` in style `s`: what `heightOfString` does, recording its lines. */
function layOut(doc: Doc, text: string, width: number, s: TextStyle): LaidOut {
  const cache = layoutsFor(doc, width, s);
  const hit = cache.get(text);
  if (hit) return hit;
  applyStyle(doc, s);
  const d = doc as unknown as TextInternals;
  const { x, y } = doc;
  const options = d._initOptions({ width, lineGap: s.lineGap ?? 0, align: s.align ?? 'left' });
  options.height = Infinity;
  const lineGap = [options.lineGap, d._lineGap].find((g) => g) ?? 0; // as pdfkit: a gap of 0 falls through
  const advance = doc.currentLineHeight(true) + lineGap;
  const lines: WrappedLine[] = [];
  d._text(clean(text), doc.x, doc.y, options, (line, o) => {
    lines.push({ text: line, textWidth: o.textWidth ?? 0, wordCount: o.wordCount ?? 0, lineWidth: o.lineWidth ?? 0 });
    doc.y += advance;
  });
  const laid = { height: doc.y - y, step: advance, lines };
  doc.x = x;
  doc.y = y;
  const n = (layoutCount.get(doc) ?? 0) + 1;
  if (n > MAX_LAYOUTS) layoutCache.delete(doc);
  layoutCount.set(doc, n > MAX_LAYOUTS ? 0 : n);
  cache.set(text, laid);
  return laid;
}

/** Height of `text` wrapped to `width`. */
export function textHeight(doc: Doc, text: string, width: number, s: TextStyle = {}): number {
  if (!text) return 0;
  return layOut(doc, text, width, s).height;
}

/** Width of `text` on one line. */
export function textWidth(doc: Doc, text: string, s: TextStyle = {}): number {
  applyStyle(doc, s);
  return doc.widthOfString(clean(text));
}

/**
 * The operators that draw `text` wrapped to `width` with its top at `y` (colour not included), in
 * text space (see pdf-ops.ts `flipped`), and its height; `ops` null when pdfkit must draw it
 * itself (justified, right-aligned or underlined text, a glyph with an offset).
 */
function textRun(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  s: TextStyle,
  state: TextState = { tf: '' },
): { ops: string | null; height: number } {
  if (!text) return { ops: '', height: 0 };
  const laid = layOut(doc, text, width, s);
  const align = s.align ?? 'left';
  if ((align !== 'left' && align !== 'center') || s.underline || !(width > 0))
    return { ops: null, height: laid.height };
  applyStyle(doc, s);
  const lines = laid.lines.map((l) => ({ text: l.text, textWidth: l.textWidth, lineWidth: l.lineWidth }));
  return { ops: lineOps(doc, state, lines, x, y, laid.step, align), height: laid.height };
}

/**
 * Draws `text` wrapped to `width` with its top at `y`; returns the height used. Never adds a
 * page: the caller has measured (textHeight) and made room. The lines measured are drawn with
 * the operators pdfkit's `text` would write (pdf-ops.ts), without wrapping the text a second time.
 */
export function drawText(doc: Doc, text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
  if (!text) return 0;
  const run = textRun(doc, text, x, y, width, s);
  const color = fillColorOps(doc, s.color ?? 'black');
  if (run.ops !== null && color !== null) writeOps(doc, flipped(doc, color + run.ops));
  else pdfkitText(doc, clean(text), x, y, width, s);
  if ((doc as unknown as TextInternals)._fillColor?.[0] !== 'black') doc.fillColor('black');
  doc.x = x;
  doc.y = y + run.height;
  return run.height;
}

/** pdfkit's own text path (justified text): `doc.text` with the kit's options. */
function pdfkitText(doc: Doc, t: string, x: number, y: number, width: number, s: TextStyle): void {
  applyStyle(doc, s);
  doc.fillColor(s.color ?? 'black');
  doc.text(t, x, y, {
    width,
    height: 1e6,
    lineGap: s.lineGap ?? 0,
    align: s.align ?? 'left',
    underline: s.underline ?? false,
  });
}

/** Number of lines `text` takes at `width`. */
export function lineCount(doc: Doc, text: string, width: number, s: TextStyle = {}): number {
  if (!text) return 0;
  applyStyle(doc, s);
  const one = doc.currentLineHeight(true) + (s.lineGap ?? 0);
  return Math.round(textHeight(doc, text, width, s) / one);
}

/** `text` cut at a word boundary (with "…") so that it takes at most `maxLines` lines. */
export function fitLines(doc: Doc, text: string, width: number, maxLines: number, s: TextStyle = {}): string {
  const t = clean(text).trim();
  if (lineCount(doc, t, width, s) <= maxLines) return t;
  const words = t.split(/\s+/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (lineCount(doc, `${words.slice(0, mid).join(' ')}…`, width, s) <= maxLines) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) {
    // a single word longer than the space: cut by characters
    const chars = [...(words[0] ?? '')];
    let clo = 1;
    let chi = chars.length;
    while (clo < chi) {
      const mid = Math.ceil((clo + chi) / 2);
      if (lineCount(doc, `${chars.slice(0, mid).join('')}…`, width, s) <= maxLines) clo = mid;
      else chi = mid - 1;
    }
    return `${chars.slice(0, clo).join('')}…`;
  }
  return `${words
    .slice(0, lo)
    .join(' ')
    .replace(/[,;:.–-]+$/, '')}…`;
}

/**
 * The narrowest width (≤ maxWidth) that keeps `text` on as few lines as at maxWidth: wrapped
 * at that width, the lines come out balanced instead of one long line and a short tail.
 */
export function balancedWidth(doc: Doc, text: string, maxWidth: number, s: TextStyle = {}): number {
  const lines = lineCount(doc, text, maxWidth, s);
  if (lines <= 1) return Math.min(maxWidth, textWidth(doc, text, s) + 1);
  let lo = maxWidth / lines;
  let hi = maxWidth;
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    if (lineCount(doc, text, mid, s) <= lines) hi = mid;
    else lo = mid;
  }
  return Math.min(maxWidth, hi + 1);
}

/** Vietnamese upper case ("UBND xã Cẩm Giàng" → "UBND XÃ CẨM GIÀNG"). */
export function upperVi(s: string): string {
  return clean(s).toLocaleUpperCase('vi');
}

/** Keeps a phone number on one line (no-break spaces). */
export function noBreak(s: string): string {
  return s.replace(/ /g, '\u00a0');
}

// ---- Decree 30 header ----------------------------------------------------------------------

/**
 * The place-and-date line of Decree 30 (Appendix I): days below 10 and the months January and
 * February take a leading zero — "Cẩm Giàng, ngày 05 tháng 01 năm 2026",
 * "Cẩm Giàng, ngày 15 tháng 3 năm 2026". `date` is 'YYYY-MM-DD', or 'YYYY' alone to leave the
 * day and month blank for a hand-written date ("ngày      tháng      năm 2026").
 */
export function placeDateLine(place: string, date: string): string {
  const p = clean(place).trim();
  if (/^\d{4}$/.test(date))
    return `${p}, ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 năm ${date}`;
  const { y, m, d } = parseLocalDate(date);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${p}, ngày ${day} tháng ${month} năm ${y}`;
}

export interface NationalHeaderOptions {
  /** Parent body, e.g. "UBND xã Cẩm Giàng" (set in upper case). Empty to omit. */
  parentBody: string;
  /** Issuing agency, e.g. "Trung tâm Phục vụ hành chính công xã Cẩm Giàng" (upper case, bold). */
  agency: string;
  /** Place name of the date line, e.g. "Cẩm Giàng". */
  place: string;
  /** 'YYYY-MM-DD', or 'YYYY' for a blank day and month. */
  date: string;
  /** Number and symbol without "Số:", e.g. "12/TB-TTPVHCC"; omitted when absent. */
  number?: string;
  /** Font scale against the A4 sizes (√2 for an A3 sheet). Default 1. */
  scale?: number;
  /** Top of the block; default the top margin. */
  y?: number;
}

/**
 * Draws the Decree 30/2020 header: on the left the parent body (upper case, regular) and the
 * issuing agency (upper case, bold) with a short rule under it, then "Số: …" when given; on the
 * right "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold), "Độc lập - Tự do - Hạnh phúc" (bold) with a
 * rule as long as the text, then the italic place-and-date line. Returns the y under the block.
 */
export function nationalHeader(doc: Doc, o: NationalHeaderOptions): number {
  const k = o.scale ?? 1;
  const body = pageBody(doc);
  const top = o.y ?? body.top;
  const gap = 10 * k;
  const leftW = Math.round(body.width * 0.4);
  const leftTextW = leftW - 6 * k;
  const rightX = body.left + leftW + gap;
  const rightW = body.right - rightX;
  const leftX = body.left;

  // Right column: national title 13 pt, motto 14 pt when they fit, otherwise 12 / 13.
  const title = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  let titleSize = 13 * k;
  if (textWidth(doc, title, { font: 'serif-bold', size: titleSize }) > rightW) titleSize = 12 * k;
  while (titleSize > 6 && textWidth(doc, title, { font: 'serif-bold', size: titleSize }) > rightW) titleSize -= 0.5;
  const mottoSize = titleSize + 1 * k;
  let ry = top;
  ry += drawText(doc, title, rightX, ry, rightW, { font: 'serif-bold', size: titleSize, align: 'center' });
  const mottoH = drawText(doc, motto, rightX, ry, rightW, { font: 'serif-bold', size: mottoSize, align: 'center' });
  const mottoW = textWidth(doc, motto, { font: 'serif-bold', size: mottoSize });
  doc.font('serif-bold').fontSize(mottoSize);
  const mottoRuleY = ry + doc.currentLineHeight(false) + 2.5 * k;
  hline(doc, rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, mottoRuleY, 0.6 * k);
  ry += mottoH;

  // Left column.
  let ly = top;
  const agencySize = 12 * k;
  if (o.parentBody.trim()) {
    const pb = upperVi(o.parentBody);
    const w = balancedWidth(doc, pb, leftTextW, { size: agencySize });
    ly += drawText(doc, pb, leftX + (leftW - w) / 2, ly, w, { size: agencySize, align: 'center' });
  }
  const agency = upperVi(o.agency);
  const aw = balancedWidth(doc, agency, leftTextW, { font: 'serif-bold', size: agencySize });
  ly += drawText(doc, agency, leftX + (leftW - aw) / 2, ly, aw, {
    font: 'serif-bold',
    size: agencySize,
    align: 'center',
  });
  // the short rule: 40 % of the agency line, centred (Decree 30: 1/3 to 1/2 of its length)
  const agencyLineW = Math.min(aw, textWidth(doc, agency, { font: 'serif-bold', size: agencySize }));
  const ruleW = agencyLineW * 0.4;
  hline(doc, leftX + (leftW - ruleW) / 2, leftX + (leftW + ruleW) / 2, ly + 2.5 * k, 0.6 * k);
  ly += 4 * k;

  // Number (left) and place-date (right) share one line, under the taller column.
  const lineY = Math.max(ly, ry) + 8 * k;
  const dateText = placeDateLine(o.place, o.date);
  const dateH = drawText(doc, dateText, rightX, lineY, rightW, {
    font: 'serif-italic',
    size: 13.5 * k,
    align: 'center',
  });
  let numH = 0;
  if (o.number) numH = drawText(doc, `Số: ${o.number}`, leftX, lineY, leftW, { size: 13 * k, align: 'center' });
  const bottom = lineY + Math.max(dateH, numH);
  doc.x = body.left;
  doc.y = bottom;
  return bottom;
}

export interface TitleBlockOptions {
  /** Document type or poster title, e.g. "BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH". */
  title: string;
  /** Abstract under it (bold), e.g. "Lĩnh vực: Hộ tịch". */
  subtitle?: string;
  /** Smaller italic line under the subtitle. */
  note?: string;
  scale?: number;
  y?: number;
  /** Draw the short rule under the block (Decree 30 abstract). Default true. */
  rule?: boolean;
  color?: string;
}

/** Centred title block (type in upper case bold, abstract bold, short rule). Returns the y under it. */
export function titleBlock(doc: Doc, o: TitleBlockOptions): number {
  const k = o.scale ?? 1;
  const body = pageBody(doc);
  let y = o.y ?? doc.y;
  y += drawText(doc, upperVi(o.title), body.left, y, body.width, {
    font: 'serif-bold',
    size: 15 * k,
    align: 'center',
    color: o.color,
  });
  if (o.subtitle)
    y +=
      2 * k +
      drawText(doc, o.subtitle, body.left, y + 2 * k, body.width, {
        font: 'serif-bold',
        size: 14 * k,
        align: 'center',
        color: o.color,
      });
  if (o.note)
    y +=
      2 * k +
      drawText(doc, o.note, body.left, y + 2 * k, body.width, {
        font: 'serif-italic',
        size: 12.5 * k,
        align: 'center',
      });
  if (o.rule ?? true) {
    const w = mm(25) * k;
    hline(doc, body.left + (body.width - w) / 2, body.left + (body.width + w) / 2, y + 4 * k, 0.6 * k);
    y += 8 * k;
  }
  doc.y = y;
  return y;
}

// ---- Drawing -------------------------------------------------------------------------------

export function hline(doc: Doc, x1: number, x2: number, y: number, width = 0.5, color = 'black'): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

export function vline(doc: Doc, x: number, y1: number, y2: number, width = 0.5, color = 'black'): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x, y1).lineTo(x, y2).stroke().restore();
}

/**
 * Draws a QR code as vector squares, `size` points wide including a quiet zone of `quietZone`
 * modules (default 2: enough on white paper inside a table cell; the symbol itself is drawn
 * exactly, error correction M).
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number, quietZone = 2): void {
  const m = qrMatrix(text);
  const n = m.size + 2 * quietZone;
  const unit = size / n;
  doc.save().rect(x, y, size, size).fill('white');
  doc.fillColor('black');
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < m.size && m.isDark(r, end + 1)) end++;
      // runs of dark modules as one rectangle, slightly overlapping to avoid hairline gaps
      doc.rect(x + (quietZone + c) * unit, y + (quietZone + r) * unit, (end - c + 1) * unit + 0.05, unit + 0.05);
      c = end + 1;
    }
  }
  doc.fill('black').restore();
}

// ---- Tables --------------------------------------------------------------------------------

export type TextPart = TextStyle & { text: string; gapBefore?: number };
/** A QR code of `size` points (at most the cell width), centred in the cell. */
export interface QrPart {
  qr: string;
  size: number;
  gapBefore?: number;
}
/** A short label in a rounded box (e.g. "GIẢI QUYẾT TRONG NGÀY"). */
export interface BadgePart {
  badge: string;
  font?: FontName;
  size?: number;
  color?: string;
  gapBefore?: number;
}
export type CellPart = TextPart | QrPart | BadgePart;
export type Cell = string | readonly CellPart[];

export interface TableColumn {
  header: string;
  /** Relative width; the columns are scaled to the table width. */
  width: number;
  align?: Align;
}

export type TableRow =
  | {
      cells: readonly Cell[];
      /**
       * Per column: true when this cell continues the cell above (a merged cell, e.g. the
       * procedure name spanning its fee items). No border is drawn between them; when the row
       * starts a new page the content of the cell above is repeated.
       */
      continues?: readonly boolean[];
    }
  | {
      /** One cell across the whole table (a group heading or a note). */
      span: Cell;
      fill?: string;
      /** Keep it on the same page as the next row (for headings). Default true. */
      keepWithNext?: boolean;
    };

export interface TableOptions {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Body text size. */
  fontSize: number;
  headerFontSize?: number;
  /** Cell padding (horizontal); vertical padding is 60 % of it. Default fontSize × 0.45. */
  padding?: number;
  lineWidth?: number;
  headerFill?: string;
  x?: number;
  width?: number;
  /** Top of the table; default doc.y. */
  y?: number;
  /** Space kept free above the bottom margin on every page (for a footer). */
  bottomReserve?: number;
  /** Called after each page the table adds; draws what repeats above the table, returns its y. */
  onPageAdded?: (doc: Doc) => number;
  /**
   * Widow control: the last this-many rows stay together, so that a table running onto a new page
   * never leaves a lone row there (they move together when they do not all fit). Default 1 (off).
   */
  keepLastRows?: number;
}

export interface TableResult {
  /** Pages added by the table. */
  pagesAdded: number;
  /** How many times the header row was drawn (1 + one per continuation page). */
  headerRows: number;
  /** Body rows drawn, counting each piece of a row split across pages. */
  rowPieces: number;
  /** y under the table. */
  y: number;
  /** For each input row, the page (0-based document index) where it begins. */
  rowPages: number[];
}

const isText = (p: CellPart): p is TextPart => 'text' in p;
const isQr = (p: CellPart): p is QrPart => 'qr' in p;

function partsOf(c: Cell): readonly CellPart[] {
  return typeof c === 'string' ? (c ? [{ text: c }] : []) : c;
}

/**
 * Draws a table whose rows wrap their text; when a row does not fit in what is left of the page
 * it moves to the next page under a repeated header row; a row taller than a whole page is split
 * between lines. Never lets text overflow a cell or the page.
 */
export function drawTable(doc: Doc, o: TableOptions): TableResult {
  const w = tableWriter(doc, o);
  for (const r of o.rows) w.add(r);
  return w.end();
}

/** A table drawn as its rows come (a long register read in chunks): `add` each row, then `end`. */
export interface TableWriter {
  add(row: TableRow): void;
  end(): TableResult;
}

/** The rows of `drawTable` given one by one: only the few rows layout looks ahead to are held. */
export function tableWriter(doc: Doc, o: Omit<TableOptions, 'rows'>): TableWriter {
  const t = new TableLayout(doc, o);
  return {
    add: (row) => {
      t.add(row);
    },
    end: () => t.end(),
  };
}

/** Where the columns are and the table's spacing, in points. */
interface Geometry {
  x0: number;
  totalW: number;
  widths: number[];
  xs: number[];
  fs: number;
  pad: number;
  vpad: number;
  lw: number;
  partGap: number;
}

function geometryOf(doc: Doc, o: Omit<TableOptions, 'rows'>): Geometry {
  const body = pageBody(doc);
  const x0 = o.x ?? body.left;
  const totalW = o.width ?? body.right - x0;
  const weights = o.columns.reduce((s, c) => s + c.width, 0);
  const widths = o.columns.map((c) => (c.width / weights) * totalW);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), x0);
  const fs = o.fontSize;
  const pad = o.padding ?? fs * 0.45;
  return {
    x0,
    totalW,
    widths,
    xs,
    fs,
    pad,
    vpad: pad * 0.6,
    lw: o.lineWidth ?? Math.max(0.5, fs / 24),
    partGap: fs * 0.25,
  };
}

const textStyleOf = (p: TextPart, align: Align | undefined, fs: number): TextStyle => ({
  font: p.font,
  size: p.size ?? fs,
  color: p.color,
  align: p.align ?? align,
  lineGap: p.lineGap ?? fs * 0.12,
  underline: p.underline,
});
const badgeStyleOf = (p: BadgePart, fs: number): TextStyle => ({
  font: p.font ?? 'serif-bold',
  size: p.size ?? fs * 0.8,
  lineGap: 0,
});

/**
 * The operators of one row (or header) collected for one write: its texts in one text-space
 * block, then its rules as one stroked path (pdf-ops.ts). Anything pdfkit draws itself (a QR
 * code, a badge, a fill, justified text) flushes what was collected first, so order is kept.
 */
class RowOps {
  private text = '';
  private color: string | null = null;
  private segs = '';
  private readonly state: TextState = { tf: '' };
  private readonly doc: Doc;
  private readonly lw: number;

  constructor(doc: Doc, lw: number) {
    this.doc = doc;
    this.lw = lw;
  }

  /** Draws `s`-styled text; returns its height. */
  draw(text: string, x: number, y: number, w: number, s: TextStyle): number {
    const run = textRun(this.doc, text, x, y, w, s, this.state);
    const key = s.color ?? 'black';
    const color = fillColorOps(this.doc, key);
    if (run.ops === null || color === null) {
      this.flush();
      drawText(this.doc, text, x, y, w, s);
    } else if (run.ops) {
      if (this.color !== key) this.text += color;
      this.color = key;
      this.text += run.ops;
    }
    return run.height;
  }

  hline(x1: number, x2: number, y: number): void {
    this.segs += hseg(x1, x2, y);
  }

  vline(x: number, y1: number, y2: number): void {
    this.segs += vseg(x, y1, y2);
  }

  flush(): void {
    writeOps(this.doc, flipped(this.doc, this.text) + strokeOps(this.segs, this.lw));
    this.text = '';
    this.segs = '';
    this.color = null;
    this.state.tf = '';
  }
}

type Prepared =
  | { kind: 'cells'; parts: (readonly CellPart[])[]; cont: boolean[]; h?: number }
  | { kind: 'span'; parts: readonly CellPart[]; fill: string | undefined; keep: boolean; h?: number };

/** The layout of `tableWriter`: page breaks, repeated header, split rows, widow control. */
class TableLayout {
  private readonly doc: Doc;
  private readonly o: Omit<TableOptions, 'rows'>;
  private readonly g: Geometry;
  private readonly result: TableResult = { pagesAdded: 0, headerRows: 0, rowPieces: 0, y: 0, rowPages: [] };
  private y: number;
  private onThisPage = 0;
  private readonly origins: (readonly CellPart[])[];
  // Rows wait in `pending` until the rows they depend on are known: the next one (a heading stays
  // with it) and, for widow control, the last `keep` ones (they move together).
  private readonly pending: Prepared[] = [];
  private readonly keep: number;
  private started = false;
  private index = 0;
  /** Rows in the whole table, once `end` knows it. */
  private total = -1;
  private headerHeights: number[] | null = null;

  constructor(doc: Doc, o: Omit<TableOptions, 'rows'>) {
    this.doc = doc;
    this.o = o;
    this.g = geometryOf(doc, o);
    this.y = o.y ?? doc.y;
    this.origins = o.columns.map(() => []);
    this.keep = Math.max(1, o.keepLastRows ?? 1);
  }

  add(row: TableRow): void {
    this.pending.push(this.prepare(row));
    while (this.pending.length > this.keep) {
      if (!this.started) this.start(this.pending[0]);
      const r = this.pending.shift();
      if (r) this.drawOne(r);
    }
  }

  end(): TableResult {
    this.total = this.index + this.pending.length;
    if (!this.started) this.start(this.pending[0]);
    for (let r = this.pending.shift(); r; r = this.pending.shift()) this.drawOne(r);
    this.closePage();
    this.result.y = this.y;
    this.doc.x = this.g.x0;
    this.doc.y = this.y;
    return this.result;
  }

  // ---- measuring

  private limit(): number {
    return pageBody(this.doc).bottom - (this.o.bottomReserve ?? 0);
  }

  private inner(i: number): number {
    return (this.g.widths[i] ?? 0) - 2 * this.g.pad;
  }

  private gapOf(p: CellPart, i: number): number {
    return i === 0 ? 0 : (p.gapBefore ?? this.g.partGap);
  }

  private partHeight(p: CellPart, w: number, align: Align | undefined): number {
    const { doc, g } = this;
    if (isText(p)) return textHeight(doc, p.text, w, textStyleOf(p, align, g.fs));
    if (isQr(p)) return Math.min(p.size, w);
    const s = badgeStyleOf(p, g.fs);
    const bp = (s.size ?? g.fs) * 0.35;
    return textHeight(doc, p.badge, w - 2 * bp, s) + 2 * bp * 0.8;
  }

  private cellHeight(parts: readonly CellPart[], w: number, align: Align | undefined): number {
    return parts.reduce((h, p, i) => h + this.gapOf(p, i) + this.partHeight(p, w, align), 0);
  }

  /** Height of each header cell's text (the same on every page). */
  private headerTexts(): number[] {
    this.headerHeights ??= this.o.columns.map((c, i) =>
      textHeight(this.doc, c.header, this.inner(i), {
        font: 'serif-bold',
        size: this.o.headerFontSize ?? this.g.fs,
        align: 'center',
      }),
    );
    return this.headerHeights;
  }

  private headerHeight(): number {
    return Math.max(...this.headerTexts()) + 2 * this.g.vpad;
  }

  /** Height available for rows on a continuation page (approximate: without a running head). */
  private freshCapacity(): number {
    return this.limit() - pageBody(this.doc).top - this.headerHeight();
  }

  private prepare(r: TableRow): Prepared {
    return 'span' in r
      ? { kind: 'span', parts: partsOf(r.span), fill: r.fill, keep: r.keepWithNext ?? true }
      : {
          kind: 'cells',
          parts: this.o.columns.map((_, i) => partsOf(r.cells[i] ?? '')),
          cont: this.o.columns.map((_, i) => r.continues?.[i] === true),
        };
  }

  /** Parts actually shown for a row at this position (merged cells repeat at a page top). */
  private shown(r: Prepared): (readonly CellPart[])[] {
    return r.kind === 'span'
      ? [r.parts]
      : r.parts.map((p, i) => (r.cont[i] ? (this.onThisPage === 0 ? (this.origins[i] ?? []) : []) : p));
  }

  private shownHeight(r: Prepared, parts: (readonly CellPart[])[]): number {
    const { g, o } = this;
    if (r.kind === 'span') return this.cellHeight(parts[0] ?? [], g.totalW - 2 * g.pad, 'left') + 2 * g.vpad;
    return Math.max(...parts.map((p, i) => this.cellHeight(p, this.inner(i), o.columns[i]?.align))) + 2 * g.vpad;
  }

  /** A row's height where it stands (memoised unless a merged cell makes it depend on the page). */
  private rowHeight(r: Prepared): number {
    if (r.h !== undefined) return r.h;
    const h = this.shownHeight(r, this.shown(r));
    if (r.kind === 'span' || !r.cont.includes(true)) r.h = h;
    return h;
  }

  // ---- drawing

  private drawParts(ops: RowOps, parts: readonly CellPart[], x: number, y: number, w: number, a: Align | undefined) {
    let cy = y;
    parts.forEach((p, i) => {
      cy += this.gapOf(p, i);
      if (isText(p)) cy += ops.draw(p.text, x, cy, w, textStyleOf(p, a, this.g.fs));
      else if (isQr(p)) {
        ops.flush();
        const size = Math.min(p.size, w);
        drawQr(this.doc, p.qr, x + (w - size) / 2, cy, size);
        cy += size;
      } else {
        ops.flush();
        cy += this.drawBadge(p, x, cy, w, a);
      }
    });
  }

  private drawBadge(p: BadgePart, x: number, cy: number, w: number, align: Align | undefined): number {
    const { doc } = this;
    const s = badgeStyleOf(p, this.g.fs);
    const size = s.size ?? this.g.fs;
    const bp = size * 0.35;
    const innerW = Math.min(w - 2 * bp, textWidth(doc, p.badge, s) + 1);
    const th = textHeight(doc, p.badge, innerW, s);
    const bw = innerW + 2 * bp;
    const bx = align === 'center' ? x + (w - bw) / 2 : align === 'right' ? x + w - bw : x;
    const color = p.color ?? 'black';
    doc
      .save()
      .lineWidth(Math.max(0.6, size / 14))
      .roundedRect(bx, cy, bw, th + 2 * bp * 0.8, size * 0.3)
      .stroke(color)
      .restore();
    drawText(doc, p.badge, bx + bp, cy + bp * 0.8, innerW, { ...s, color, align: 'left' });
    return th + 2 * bp * 0.8;
  }

  private drawHeader(): void {
    const { doc, g, o } = this;
    const heights = this.headerTexts();
    const h = this.headerHeight();
    const y = this.y;
    doc
      .save()
      .rect(g.x0, y, g.totalW, h)
      .fill(o.headerFill ?? '#e8e8e8')
      .restore();
    const ops = new RowOps(doc, g.lw);
    const style: TextStyle = { font: 'serif-bold', size: o.headerFontSize ?? g.fs, align: 'center' };
    o.columns.forEach((c, i) => {
      const x = g.xs[i] ?? 0;
      ops.draw(c.header, x + g.pad, y + (h - (heights[i] ?? 0)) / 2, this.inner(i), style);
      ops.vline(x, y, y + h);
    });
    ops.vline(g.x0 + g.totalW, y, y + h);
    ops.hline(g.x0, g.x0 + g.totalW, y);
    ops.hline(g.x0, g.x0 + g.totalW, y + h);
    ops.flush();
    this.y += h;
    this.result.headerRows++;
    this.onThisPage = 0;
  }

  private closePage(): void {
    const ops = new RowOps(this.doc, this.g.lw);
    ops.hline(this.g.x0, this.g.x0 + this.g.totalW, this.y);
    ops.flush();
  }

  private addPage(): void {
    this.doc.addPage();
    this.result.pagesAdded++;
    this.y = this.o.onPageAdded ? this.o.onPageAdded(this.doc) : pageBody(this.doc).top;
  }

  private newPage(): void {
    this.closePage();
    this.addPage();
    this.drawHeader();
  }

  private drawRow(r: Prepared, parts: (readonly CellPart[])[], h: number): void {
    const { doc, g, o, y } = this;
    if (r.kind === 'span' && r.fill) doc.save().rect(g.x0, y, g.totalW, h).fill(r.fill).restore();
    const ops = new RowOps(doc, g.lw);
    if (r.kind === 'span') {
      this.drawParts(ops, parts[0] ?? [], g.x0 + g.pad, y + g.vpad, g.totalW - 2 * g.pad, 'left');
      ops.hline(g.x0, g.x0 + g.totalW, y);
      ops.vline(g.x0, y, y + h);
    } else {
      o.columns.forEach((c, i) => {
        const cx = g.xs[i] ?? 0;
        this.drawParts(ops, parts[i] ?? [], cx + g.pad, y + g.vpad, this.inner(i), c.align);
        if (!(r.cont[i] && this.onThisPage > 0)) ops.hline(cx, cx + (g.widths[i] ?? 0), y);
        ops.vline(cx, y, y + h);
      });
    }
    ops.vline(g.x0 + g.totalW, y, y + h);
    ops.flush();
    this.y += h;
    this.onThisPage++;
    this.result.rowPieces++;
  }

  // ---- placing

  private start(first: Prepared | undefined): void {
    this.started = true;
    // Start: room for the header and the first row (or a few lines of it), else a new page.
    const firstH = first ? this.rowHeight(first) : 0;
    if (this.y + this.headerHeight() + Math.min(firstH, this.freshCapacity() * 0.5) > this.limit()) this.addPage();
    this.drawHeader();
  }

  /** Draws `r` (taken off the front of `pending`; `pending[0]` is the row after it). */
  private drawOne(r: Prepared): void {
    const { o, g } = this;
    const keepLast = this.total < 0 ? 1 : Math.min(o.keepLastRows ?? 1, this.total - 1);
    if (keepLast > 1 && this.index === this.total - keepLast && this.onThisPage > 0) {
      const tail = [r, ...this.pending].reduce((sum, x) => sum + this.rowHeight(x), 0);
      if (this.y + tail > this.limit() && tail <= this.freshCapacity()) this.newPage();
    }
    this.index++;
    let h = this.rowHeight(r);
    let need = h;
    const next = this.pending[0];
    if (r.kind === 'span' && r.keep && next) {
      // a heading stays with the whole next row when that row fits on a page, else with 3 lines
      const nh = this.rowHeight(next);
      need += nh <= this.freshCapacity() ? nh : g.fs * 4;
    }
    // a row taller than any page starts where it is (if a few lines fit) and is split
    const startHere = h > this.freshCapacity() && this.limit() - this.y > g.fs * 5;
    if (this.y + need > this.limit() && this.onThisPage > 0 && !startHere) {
      this.newPage();
      h = this.rowHeight(r);
    }
    const range = this.doc.bufferedPageRange();
    this.result.rowPages.push(range.start + range.count - 1);
    if (this.y + h <= this.limit()) this.drawRow(r, this.shown(r), h);
    else this.drawSplit(r);
    if (r.kind === 'cells')
      r.parts.forEach((p, i) => {
        if (!r.cont[i]) this.origins[i] = p;
      });
  }

  /** A row taller than the rest of a fresh page: split between lines, as often as needed. */
  private drawSplit(r: Prepared): void {
    const { g, o } = this;
    const widthOf = (i: number) => (r.kind === 'span' ? g.totalW - 2 * g.pad : this.inner(i));
    const alignOf = (i: number) => (r.kind === 'span' ? 'left' : o.columns[i]?.align);
    let rest = this.shown(r);
    for (let guard = 0; guard < 1000; guard++) {
      const avail = this.limit() - this.y - 2 * g.vpad;
      const split = rest.map((p, i) => this.splitParts(p, widthOf(i), alignOf(i), avail));
      const heads = split.map((s) => s[0]);
      const tails = split.map((s) => s[1]);
      const progressed = heads.some((hp) => hp.length > 0);
      const done = tails.every((t) => t.length === 0);
      if (!progressed && this.onThisPage === 0) {
        // nothing fits even on an empty page (cannot happen with text): draw it as it is
        this.drawRow(r, rest, this.shownHeight(r, rest));
        return;
      }
      if (progressed) {
        const hh = Math.max(...heads.map((p, i) => this.cellHeight(p, widthOf(i), alignOf(i)))) + 2 * g.vpad;
        this.drawRow(r, heads, done ? hh : this.limit() - this.y);
      }
      if (done) return;
      rest = tails;
      this.newPage();
    }
  }

  /** Splits parts so that the head fits in `avail` points; text parts split between words. */
  private splitParts(
    parts: readonly CellPart[],
    w: number,
    align: Align | undefined,
    avail: number,
  ): [CellPart[], CellPart[]] {
    const head: CellPart[] = [];
    let used = 0;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const gap = head.length === 0 ? 0 : (p.gapBefore ?? this.g.partGap);
      const h = this.partHeight(p, w, align);
      if (used + gap + h <= avail) {
        head.push(p);
        used += gap + h;
        continue;
      }
      const words = isText(p) ? this.wordsThatFit(p, w, align, avail - used - gap) : 0;
      if (isText(p) && words > 0) {
        const all = clean(p.text).split(/ +/);
        head.push({ ...p, text: all.slice(0, words).join(' ') });
        return [head, [{ ...p, text: all.slice(words).join(' '), gapBefore: 0 }, ...parts.slice(i + 1)]];
      }
      return [head, parts.slice(i)];
    }
    return [head, []];
  }

  /** How many of `p`'s words fit in `avail` points (binary search on the wrapped height). */
  private wordsThatFit(p: TextPart, w: number, align: Align | undefined, avail: number): number {
    const words = clean(p.text).split(/ +/);
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (textHeight(this.doc, words.slice(0, mid).join(' '), w, textStyleOf(p, align, this.g.fs)) <= avail) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

// ---- Page furniture ------------------------------------------------------------------------

/**
 * Calls `fn` on every page of the document (pages are buffered), with the page index (0-based)
 * and the page count. Use it for footers and page numbers once the content is laid out.
 */
export function forEachPage(doc: Doc, fn: (index: number, count: number) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    fn(i, count);
  }
}

export interface PageNumberOptions {
  /** First page that shows its number (Decree 30: the first page is not numbered). Default 2. */
  from?: number;
  /** Font size; default 13.5 (Decree 30: 13–14). */
  size?: number;
  /** Page indices (0-based) where the numbering starts again at 1 (one section per posting). */
  restartAt?: readonly number[];
}

/** Page numbers centred in the top margin, from page 2 on (Decree 30). */
export function numberPages(doc: Doc, o: PageNumberOptions = {}): void {
  const from = o.from ?? 2;
  const size = o.size ?? 13.5;
  const restarts = new Set(o.restartAt ?? []);
  let n = 0;
  forEachPage(doc, (i) => {
    n = restarts.has(i) ? 1 : n + 1;
    if (n < from) return;
    const { width, margins } = doc.page;
    doc.font('serif').fontSize(size);
    const lh = doc.currentLineHeight(false);
    drawText(doc, String(n), margins.left, Math.max(2, (margins.top - lh) / 2), width - margins.left - margins.right, {
      size,
      align: 'center',
    });
  });
}

/**
 * Page numbers for a streamed document (`createPdf({ stream: true })`): drawn on each page as it
 * is added, the same place and size as `numberPages` (no restarts). Call it right after
 * `createPdf`, before anything adds a page.
 */
export function numberPagesAsAdded(doc: Doc, o: Omit<PageNumberOptions, 'restartAt'> = {}): void {
  const from = o.from ?? 2;
  const size = o.size ?? 13.5;
  let n = 1;
  doc.on('pageAdded', () => {
    n++;
    if (n < from) return;
    const { width, margins } = doc.page;
    const keep = { x: doc.x, y: doc.y };
    doc.font('serif').fontSize(size);
    const lh = doc.currentLineHeight(false);
    drawText(doc, String(n), margins.left, Math.max(2, (margins.top - lh) / 2), width - margins.left - margins.right, {
      size,
      align: 'center',
    });
    doc.x = keep.x;
    doc.y = keep.y;
  });
}

/**
 * pdfkit caches a font under the name it was first loaded by: the kit loads Tinos by file path
 * in the constructor, so every later `doc.font('serif')` misses the cache and re-reads and
 * re-parses the TTF file (≈ 0.4 ms each, most of the time of a long table). Registering each
 * name once in the cache makes the switches free.
 */
export function primeFontCache(doc: Doc): Doc {
  const d = doc as unknown as { _font: unknown; _fontFamilies: Record<string, unknown> };
  const keep = d._font;
  for (const name of FONT_NAMES) {
    if (d._fontFamilies[name]) continue;
    doc.font(name);
    d._fontFamilies[name] = d._font;
  }
  d._font = keep;
  return doc;
}
