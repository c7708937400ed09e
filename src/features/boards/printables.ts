/**
 * Printed boards of the centre (plan III.1 public posting, III.4 slogans and rules, III.5.2 QR
 * codes): the posting board of procedures, a sheet of QR codes to cut out, the fee table, the
 * staff phone directory and the posters. Pure renderers: data in, PDF bytes out, no I/O.
 *
 * Official postings (board, fee table, directory) carry the Decree 30 national header and its
 * margins; posters use a framed title style. Layout choices: docs/decisions/006-printables.md.
 */
import type { ProcedureData } from '../catalog/index.ts';
import { fold } from '../../core/text/index.ts';
import { timeLimitText } from '../catalog/index.ts';
import type { StaffContact } from '../directory/index.ts';
import type { CenterTexts } from '../commitments/index.ts';
import type { PublicCenter } from '../centers/index.ts';
import {
  balancedWidth,
  createPdf,
  drawQr,
  drawTable,
  drawText,
  fitLines,
  forEachPage,
  hline,
  mm,
  nationalHeader,
  noBreak,
  numberPages,
  pageBody,
  paperScale,
  pdfToBuffer,
  textHeight,
  textWidth,
  titleBlock,
  upperVi,
} from '../../core/documents/pdf.ts';
import type { CellPart, Doc, TableRow, TextStyle } from '../../core/documents/pdf.ts';
import {
  feeAmountText,
  feeLines,
  feeUnit,
  groupByField,
  phonesLine,
  placeOf,
  postable,
  procedureUrl,
  publicContacts,
  publicSiteUrl,
  roman,
  todayVn,
  weekdaysText,
} from './model.ts';

/** Optional for every official posting: the date of the header (default today in Vietnam) and its place name. */
interface Dated {
  date?: string;
  place?: string;
}

const GREY = '#333333';
const SAME_DAY_COLOR = '#1b5e20';
const SAME_DAY_LABEL = 'GIẢI QUYẾT TRONG NGÀY';

function header(doc: Doc, center: PublicCenter, o: Dated, scale: number): number {
  return nationalHeader(doc, {
    parentBody: center.parentBody,
    agency: center.name,
    place: o.place ?? placeOf(center),
    date: o.date ?? todayVn(),
    scale,
  });
}

/** A one-line running head on continuation pages; returns the y under it. */
function runningHead(doc: Doc, text: string, size: number): number {
  const b = pageBody(doc);
  const h = drawText(doc, fitLines(doc, text, b.width, 1, { font: 'serif-italic', size }), b.left, b.top, b.width, {
    font: 'serif-italic',
    size,
    color: GREY,
    align: 'right',
  });
  return b.top + h + size * 0.4;
}

/** Footer text on every page, inside the bottom margin's reserved band. */
function footer(doc: Doc, lines: readonly string[], size: number, reserve: number): void {
  forEachPage(doc, () => {
    const b = pageBody(doc);
    const y0 = b.bottom - reserve + size * 0.4;
    hline(doc, b.left, b.right, y0, 0.5, GREY);
    let y = y0 + size * 0.35;
    for (const l of lines) y += drawText(doc, l, b.left, y, b.width, { size, color: GREY, align: 'center' });
  });
}

function footerHeight(doc: Doc, lines: readonly string[], size: number): number {
  const w = pageBody(doc).width;
  return lines.reduce((h, l) => h + textHeight(doc, l, w, { size, align: 'center' }), 0) + size * 1.2;
}

// ---- Posting board -------------------------------------------------------------------------

export type PostingBoardInput = Dated & {
  center: PublicCenter;
  procedures: readonly ProcedureData[];
  /** One field (lĩnh vực); all fields when absent, one section (starting on a new page) per field. */
  field?: string;
  size: 'A4' | 'A3';
  /** Public site root, e.g. "https://motcua.camgiang.gov.vn". */
  baseUrl: string;
};

/** The posting board's rows: STT, name with code and same-day mark, time limit, fees, QR code. */
function boardRows(procedures: readonly ProcedureData[], fs: number, qr: (code: string) => CellPart[]): TableRow[] {
  return procedures.map((p, i) => {
    const name: CellPart[] = [
      { text: p.name, font: 'serif-bold' },
      { text: `Mã: ${p.code}`, font: 'serif-italic', size: fs * 0.85, color: GREY, gapBefore: fs * 0.15 },
    ];
    if (p.sameDayEligible)
      name.push({ badge: SAME_DAY_LABEL, color: SAME_DAY_COLOR, size: fs * 0.72, gapBefore: fs * 0.35 });
    const time: CellPart[] = [{ text: timeLimitText(p.timeLimit, 'vi') }];
    const fees: CellPart[] = feeLines(p).map((t, j) => ({ text: t, gapBefore: j ? fs * 0.2 : 0 }));
    return { cells: [String(i + 1), name, time, fees, qr(p.code)] };
  });
}

/**
 * "Bảng niêm yết thủ tục hành chính", landscape: STT, procedure (national code, same-day mark),
 * time limit, fees, QR code to the procedure page. A3 is the A4 layout scaled by √2 (body text
 * 17 pt) so that it reads from 1–2 m.
 */
export async function postingBoard(input: PostingBoardInput): Promise<Buffer> {
  const { center, size } = input;
  const k = paperScale(size);
  const fs = 12 * k;
  const groups = groupByField(postable(input.procedures), input.field);
  const scope = input.field ?? 'Tất cả lĩnh vực';
  const doc = createPdf({
    size,
    layout: 'landscape',
    title: `Bảng niêm yết thủ tục hành chính – ${scope} – ${center.name}`,
    subject: 'Bảng niêm yết thủ tục hành chính',
    keywords: ['niêm yết', 'thủ tục hành chính', center.slug],
  });
  const site = publicSiteUrl(input.baseUrl, center.slug);
  const footLines = [
    [center.name, center.address].filter(Boolean).join(' – '),
    [center.phones.length ? `Điện thoại: ${phonesLine(center)}` : '', `Tra cứu thủ tục, hồ sơ: ${site}`]
      .filter(Boolean)
      .join('  ·  '),
  ];
  const footSize = 9.5 * k;
  // the footer sits in the bottom margin when it fits there, keeping 6 mm of paper edge free
  const reserve = Math.max(0, footerHeight(doc, footLines, footSize) - (doc.page.margins.bottom - mm(6) * k));
  const qrSize = mm(17) * k;
  const weekdays = weekdaysText(center.sameDayWeekdays);

  const sections = groups.length ? groups : [{ field: input.field ?? '', procedures: [] }];
  const sectionStarts: number[] = [];
  sections.forEach((g, gi) => {
    if (gi > 0) doc.addPage();
    sectionStarts.push(doc.bufferedPageRange().count - 1);
    let y = header(doc, center, input, k);
    y = titleBlock(doc, {
      title: 'BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH',
      subtitle: g.field ? `Lĩnh vực: ${g.field}` : undefined,
      scale: k * 1.1,
      y: y + 10 * k,
    });
    if (g.procedures.some((p) => p.sameDayEligible)) {
      const note = `Thủ tục có dấu «${SAME_DAY_LABEL}»: hồ sơ đầy đủ, hợp lệ được giải quyết và trả kết quả trong ngày${weekdays ? ` vào ${weekdays} hằng tuần` : ''}.`;
      const b = pageBody(doc);
      y +=
        4 * k +
        drawText(doc, note, b.left, y + 4 * k, b.width, { font: 'serif-italic', size: 11 * k, align: 'center' });
    }
    const rows = boardRows(g.procedures, fs, (code) => [
      { qr: procedureUrl(input.baseUrl, center.slug, code), size: qrSize },
    ]);
    if (rows.length === 0)
      rows.push({
        span: [{ text: 'Chưa có thủ tục hành chính nào được công bố trong lĩnh vực này.', font: 'serif-italic' }],
        keepWithNext: false,
      });
    const head = `Bảng niêm yết thủ tục hành chính${g.field ? ` – Lĩnh vực ${g.field}` : ''} (tiếp theo)`;
    drawTable(doc, {
      columns: [
        { header: 'STT', width: 5, align: 'center' },
        { header: 'Tên thủ tục hành chính', width: 46 },
        { header: 'Thời hạn giải quyết', width: 17 },
        { header: 'Phí, lệ phí', width: 18 },
        { header: 'Quét mã xem hướng dẫn', width: 14, align: 'center' },
      ],
      rows,
      fontSize: fs,
      headerFontSize: fs,
      y: y + 8 * k,
      bottomReserve: reserve,
      keepLastRows: 2,
      onPageAdded: (d) => runningHead(d, head, 10.5 * k),
    });
  });
  footer(doc, footLines, footSize, reserve);
  numberPages(doc, { size: 13 * k, restartAt: sectionStarts });
  return pdfToBuffer(doc);
}

// ---- QR sheet ------------------------------------------------------------------------------

export interface QrSheetInput {
  center: PublicCenter;
  procedures: readonly ProcedureData[];
  baseUrl: string;
  size: 'A4';
  /** Grid; default 3 columns × 4 rows. */
  columns?: number;
  rows?: number;
}

/**
 * Cards to cut out (dashed lines) and stick at desks: QR code to the procedure page, the name (at
 * most 3 lines) and the national code. 12 per A4 page by default.
 */
export async function qrSheet(input: QrSheetInput): Promise<Buffer> {
  const { center } = input;
  const cols = input.columns ?? 3;
  const rowsPerPage = input.rows ?? 4;
  const margin = mm(10);
  const doc = createPdf({
    size: input.size,
    layout: 'portrait',
    title: `Mã QR tra cứu thủ tục hành chính – ${center.name}`,
    subject: 'Mã QR thủ tục hành chính',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
  });
  const list = postable(input.procedures);
  const perPage = cols * rowsPerPage;
  const pages = Math.max(1, Math.ceil(list.length / perPage));
  for (let pg = 0; pg < pages; pg++) {
    if (pg > 0) doc.addPage();
    const b = pageBody(doc);
    let y = b.top;
    y += drawText(doc, 'MÃ QR TRA CỨU THỦ TỤC HÀNH CHÍNH', b.left, y, b.width, {
      font: 'serif-bold',
      size: 13,
      align: 'center',
    });
    y += drawText(doc, `${center.name}  ·  ${publicSiteUrl(input.baseUrl, center.slug)}`, b.left, y, b.width, {
      size: 10,
      align: 'center',
    });
    y += drawText(doc, `Cắt theo đường nét đứt${pages > 1 ? `  ·  Tờ ${pg + 1}/${pages}` : ''}`, b.left, y, b.width, {
      font: 'serif-italic',
      size: 9,
      color: GREY,
      align: 'center',
    });
    y += 6;
    const cellW = b.width / cols;
    const cellH = (b.bottom - y) / rowsPerPage;
    const slice = list.slice(pg * perPage, (pg + 1) * perPage);
    const usedRows = Math.max(1, Math.ceil(slice.length / cols));
    slice.forEach((p, i) => {
      const cx = b.left + (i % cols) * cellW;
      const cy = y + Math.floor(i / cols) * cellH;
      card(doc, p, center, input.baseUrl, cx, cy, cellW, cellH);
    });
    if (slice.length === 0)
      drawText(doc, 'Chưa có thủ tục hành chính nào được công bố.', b.left, y + 20, b.width, {
        font: 'serif-italic',
        size: 12,
        align: 'center',
      });
    // dashed cutting grid over the used rows
    const gridBottom = y + usedRows * cellH;
    doc.save().lineWidth(0.6).dash(4, { space: 3 }).strokeColor('#555555');
    for (let r = 0; r <= usedRows; r++) doc.moveTo(b.left, y + r * cellH).lineTo(b.right, y + r * cellH);
    for (let c = 0; c <= cols; c++) doc.moveTo(b.left + c * cellW, y).lineTo(b.left + c * cellW, gridBottom);
    doc.stroke().undash().restore();
  }
  return pdfToBuffer(doc);
}

function card(
  doc: Doc,
  p: ProcedureData,
  center: PublicCenter,
  baseUrl: string,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const pad = 9;
  const innerW = w - 2 * pad;
  const nameStyle: TextStyle = { font: 'serif-bold', size: 10.5, align: 'center', lineGap: 0.5 };
  const codeStyle: TextStyle = { size: 9.5, align: 'center' };
  const headStyle: TextStyle = { size: 8, color: GREY, align: 'center' };
  const nameLinesH = textHeight(doc, 'A\nA\nA', innerW, nameStyle);
  const headH = textHeight(doc, 'A', innerW, headStyle);
  const codeH = textHeight(doc, 'A', innerW, codeStyle);
  const qr = Math.min(innerW * 0.8, h - 2 * pad - headH - nameLinesH - codeH - 10);
  let cy = y + pad;
  cy +=
    drawText(
      doc,
      fitLines(doc, center.shortName || center.name, innerW, 1, headStyle),
      x + pad,
      cy,
      innerW,
      headStyle,
    ) + 2;
  drawQr(doc, procedureUrl(baseUrl, center.slug, p.code), x + (w - qr) / 2, cy, qr);
  cy += qr + 4;
  cy += drawText(doc, fitLines(doc, p.name, innerW, 3, nameStyle), x + pad, cy, innerW, nameStyle) + 2;
  drawText(doc, `Mã thủ tục: ${p.code}`, x + pad, cy, innerW, codeStyle);
}

// ---- Fee table -----------------------------------------------------------------------------

export type FeeTableInput = Dated & { center: PublicCenter; procedures: readonly ProcedureData[] };

/** A fee item that collects nothing and says only that ("Không thu phí", "Miễn lệ phí", or nothing). */
const isPlainFree = (f: ProcedureData['fees'][number]) =>
  f.amount <= 0 &&
  /^(khong thu|mien)?( phi| le phi)*$/.test(
    fold(f.condition)
      .replace(/[^a-z ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/** True when every fee item of the procedure is 0 đ: it goes into the field's compact "free" paragraph. */
function collectsNothing(p: ProcedureData): boolean {
  return p.fees.every((f) => f.amount <= 0);
}

/**
 * What tells a procedure's fee items apart: nothing for a single item (its name repeats the
 * procedure's), else each name without the words all of them share ("Phí chứng thực bản sao – trang
 * thứ nhất…", "… – từ trang thứ ba…" → "trang thứ nhất…", "từ trang thứ ba…").
 */
export function itemLabels(names: readonly string[]): string[] {
  if (names.length < 2) return names.map(() => '');
  const words = names.map((x) => x.normalize('NFC').trim().split(/\s+/));
  let k = 0;
  while (words.every((w) => k < w.length && w[k] === words[0]?.[k])) k++;
  // cut only where every name goes on with a dash or a parenthesis (or ends): else keep the names whole
  const cutsAt = (j: number) => words.every((w) => j === w.length || /^[–—(-]/.test(w[j] ?? ''));
  while (k > 0 && !cutsAt(k)) k--;
  if (k === 0) return names.map((x) => x.normalize('NFC').trim());
  return words.map((w) => {
    const rest = w
      .slice(k)
      .join(' ')
      .replace(/^[–—-]\s*/, '')
      .replace(/^\((.*)\)$/, '$1');
    return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
  });
}

const formatAmount = (amount: number) => feeAmountText({ name: '', amount, per: '', condition: '', legalBasis: '' });

/** Numbers the distinct legal bases of a field in order of first use: "(1)", "(2)"… */
function basisNumbers(ps: readonly ProcedureData[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of ps)
    for (const f of p.fees) {
      const b = f.legalBasis.normalize('NFC').trim();
      if (b && !out.has(b)) out.set(b, out.size + 1);
    }
  return out;
}

const basisRef = (nums: ReadonlyMap<string, number>, basis: string) => {
  const n = nums.get(basis.normalize('NFC').trim());
  return n === undefined ? '' : `(${n})`;
};

/**
 * "Bảng công khai phí, lệ phí", A4 landscape at 11 pt, grouped by field. A procedure that collects
 * something has one row per fee item (its name merged over its items); the legal basis is a number
 * "(1)" pointing to the field's numbered note under its rows (the text of a basis once per field,
 * not on every row). Procedures that collect nothing are one paragraph per field ("Không thu phí,
 * lệ phí hoặc được miễn"), with their condition where it says more than "free". The demo's 56
 * procedures fit in 4 pages (issue 12; 16 pages when the basis repeated on every row).
 */
export async function feeTable(input: FeeTableInput): Promise<Buffer> {
  const { center } = input;
  const fs = 11;
  const doc = createPdf({
    size: 'A4',
    layout: 'landscape',
    title: `Bảng công khai phí, lệ phí – ${center.name}`,
    subject: 'Bảng công khai phí, lệ phí thủ tục hành chính',
  });
  let y = header(doc, center, input, 1);
  y = titleBlock(doc, {
    title: 'BẢNG CÔNG KHAI PHÍ, LỆ PHÍ',
    subtitle: `Các thủ tục hành chính thực hiện tại ${center.name}`,
    y: y + 8,
  });
  const groups = groupByField(postable(input.procedures));
  const rows: TableRow[] = [];
  let n = 0;
  groups.forEach((g, gi) => {
    rows.push({
      span: [{ text: `${roman(gi + 1)}. LĨNH VỰC ${upperVi(g.field)}`, font: 'serif-bold' }],
      fill: '#f3f3f3',
    });
    const nums = basisNumbers(g.procedures);
    n = pushFeeRows(rows, g.procedures, nums, n);
    rows.push(...fieldNotes(g.procedures, nums));
  });
  if (rows.length === 0)
    rows.push({
      span: [{ text: 'Chưa có thủ tục hành chính nào được công bố.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  drawTable(doc, {
    columns: [
      { header: 'TT', width: 3.6, align: 'center' },
      { header: 'Tên thủ tục hành chính (mã)', width: 47.4 },
      { header: 'Mức thu', width: 15, align: 'right' },
      { header: 'Khoản thu, đối tượng, điều kiện áp dụng (căn cứ)', width: 34 },
    ],
    rows,
    fontSize: fs,
    padding: fs * 0.3,
    y: y + 6,
  });
  numberPages(doc);
  return pdfToBuffer(doc);
}

/** A cell with single line spacing: the fee table holds about a fifth more rows a page. */
const tight = (text: string): CellPart[] => (text ? [{ text, lineGap: 0.5 }] : []);

/** One row per fee of each procedure of a field that collects something; returns the last number used. */
function pushFeeRows(
  rows: TableRow[],
  procedures: readonly ProcedureData[],
  nums: ReturnType<typeof basisNumbers>,
  n: number,
): number {
  for (const p of procedures.filter((x) => !collectsNothing(x))) {
    n++;
    const labels = itemLabels(p.fees.map((f) => f.name));
    p.fees.forEach((f, fi) => {
      const first = fi === 0;
      const ref = basisRef(nums, f.legalBasis);
      const what = [[labels[fi], f.condition.trim()].filter(Boolean).join(': '), ref].filter(Boolean).join(' ');
      const unit = feeUnit(f.per);
      rows.push({
        cells: [
          tight(first ? String(n) : ''),
          tight(first ? `${p.name} (${p.code})` : ''),
          tight(f.amount > 0 ? `${noBreak(formatAmount(f.amount))}${unit ? `/${unit}` : ''}` : 'Miễn'),
          tight(what),
        ],
        continues: first ? undefined : [true, true, false, false],
      });
    });
  }
  return n;
}

/** Under a field's rows: the procedures that collect nothing (one paragraph) and the numbered legal bases. */
function fieldNotes(procedures: readonly ProcedureData[], nums: ReturnType<typeof basisNumbers>): TableRow[] {
  const rows: TableRow[] = [];
  const free = procedures.filter(collectsNothing);
  if (free.length) {
    const entries = free.map((p) => {
      const said = p.fees.filter((f) => !isPlainFree(f)).map((f) => f.condition.trim().replace(/[.;]+$/, ''));
      const refs = [...new Set(p.fees.map((f) => basisRef(nums, f.legalBasis)).filter(Boolean))].join(', ');
      return `${p.name} (${p.code})${said.length ? `: ${said.join('; ')}` : ''}${refs ? ` ${refs}` : ''}`;
    });
    rows.push({
      span: [
        {
          text: `Không thu phí, lệ phí hoặc được miễn (${free.length} thủ tục): ${entries.join('; ')}.`,
          lineGap: 0.5,
        },
      ],
      keepWithNext: false,
    });
  }
  if (nums.size) {
    rows.push({
      span: [
        {
          text: `Căn cứ pháp lý: ${[...nums].map(([b, i]) => `(${i}) ${b.replace(/[.;]+$/, '')}`).join('; ')}.`,
          font: 'serif-italic',
          lineGap: 0.5,
        },
      ],
      keepWithNext: false,
    });
  }
  return rows;
}

// ---- Staff directory -----------------------------------------------------------------------

export type StaffDirectoryInput = Dated & { center: PublicCenter; contacts: readonly StaffContact[] };

/**
 * "Danh bạ điện thoại cán bộ, công chức", A4 portrait: the centre's own phones, address and hours
 * first (plan III.1.1 publishes the Director's and staff phones), then every public contact.
 */
export async function staffDirectory(input: StaffDirectoryInput): Promise<Buffer> {
  // A short list that would leave a few rows on a second page is set at 11 pt on one page instead.
  const first = layoutDirectory(input, 12);
  const spill = first.pages > 1 ? first.rowPages.filter((pg) => pg === first.pages - 1).length : 0;
  if (spill > 0 && spill <= 3) {
    const second = layoutDirectory(input, 11);
    if (second.pages < first.pages) return pdfToBuffer(second.doc);
  }
  return pdfToBuffer(first.doc);
}

/** The directory's rows: STT, name, title, counter and fields, phone. */
function contactRows(contacts: ReturnType<typeof publicContacts>, fs: number): TableRow[] {
  return contacts.map((c, i) => {
    const where: CellPart[] = [];
    if (c.counter) where.push({ text: c.counter });
    if (c.fields.length)
      where.push({ text: `Lĩnh vực: ${c.fields.join(', ')}`, font: 'serif-italic', size: fs * 0.92, gapBefore: 2 });
    return {
      cells: [
        String(i + 1),
        [{ text: c.name, font: 'serif-bold' }],
        c.title,
        where,
        [{ text: c.phone ? noBreak(c.phone) : '—', font: 'serif-bold' }],
      ],
    };
  });
}

function layoutDirectory(input: StaffDirectoryInput, fs: number): { doc: Doc; pages: number; rowPages: number[] } {
  const { center } = input;
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: `Danh bạ điện thoại cán bộ, công chức – ${center.name}`,
    subject: 'Danh bạ điện thoại',
  });
  let y = header(doc, center, input, 1);
  y = titleBlock(doc, { title: 'DANH BẠ ĐIỆN THOẠI CÁN BỘ, CÔNG CHỨC', subtitle: center.name, y: y + 10 });
  const b = pageBody(doc);

  y += 10;
  y +=
    drawText(doc, 'I. ĐIỆN THOẠI, ĐỊA CHỈ LIÊN HỆ CỦA TRUNG TÂM', b.left, y, b.width, {
      font: 'serif-bold',
      size: 13,
    }) + 4;
  if (center.phones.length) {
    const r = drawTable(doc, {
      columns: [
        { header: 'Đầu mối liên hệ', width: 60 },
        { header: 'Số điện thoại', width: 40, align: 'center' },
      ],
      rows: center.phones.map((p) => ({
        cells: [p.label, [{ text: noBreak(p.number), font: 'serif-bold', size: 13 }]],
      })),
      fontSize: fs,
      y,
    });
    y = r.y + 6;
  }
  const sessions = center.workingSessions.map((s) => `${s.start}–${s.end}`).join(', ');
  const infoLines = [
    center.address ? `Địa chỉ: ${center.address}` : '',
    center.email ? `Thư điện tử: ${center.email}` : '',
    center.website ? `Trang thông tin điện tử: ${center.website}` : '',
    sessions ? `Giờ làm việc: ${sessions} các ngày làm việc trong tuần.` : '',
  ].filter(Boolean);
  for (const l of infoLines) y += drawText(doc, l, b.left, y, b.width, { size: fs }) + 2;

  y += 10;
  const contacts = publicContacts(input.contacts);
  const title2 = 'II. CÁN BỘ, CÔNG CHỨC, NGƯỜI LAO ĐỘNG TẠI TRUNG TÂM';
  if (y + textHeight(doc, title2, b.width, { font: 'serif-bold', size: 13 }) + fs * 8 > b.bottom) {
    doc.addPage();
    y = pageBody(doc).top;
  }
  y += drawText(doc, title2, b.left, y, b.width, { font: 'serif-bold', size: 13 }) + 4;
  const rows = contactRows(contacts, fs);
  if (rows.length === 0)
    rows.push({
      span: [{ text: 'Chưa có số điện thoại cán bộ, công chức được công khai.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  const table = drawTable(doc, {
    columns: [
      { header: 'STT', width: 8, align: 'center' },
      { header: 'Họ và tên', width: 20 },
      { header: 'Chức vụ', width: 22.5 },
      { header: 'Quầy, lĩnh vực phụ trách', width: 31.5 },
      { header: 'Điện thoại', width: 18, align: 'center' },
    ],
    rows,
    fontSize: fs,
    y,
    keepLastRows: 3,
  });
  numberPages(doc);
  const range = doc.bufferedPageRange();
  return { doc, pages: range.start + range.count, rowPages: table.rowPages };
}

// ---- Posters -------------------------------------------------------------------------------

export type PosterKind = 'commitments' | 'four-on-spot' | 'rules';
export interface PosterInput {
  center: PublicCenter;
  texts: CenterTexts;
  kind: PosterKind;
  size: 'A3' | 'A2';
}

const ACCENT = '#9b1c1c';
const TINT = '#fbf1ec';

interface Block {
  height: number;
  draw: (y: number) => void;
  keepWithNext?: boolean;
}
interface Frame {
  left: number;
  right: number;
  width: number;
  top: number;
  bottom: number;
}

/** The poster's double frame with diamonds at the inner corners (every sheet). */
function drawPosterFrame(doc: Doc, k: number): void {
  const { width, height } = doc.page;
  const o = mm(8) * k;
  const i = mm(11) * k;
  doc
    .save()
    .lineWidth(3.2 * k)
    .rect(o, o, width - 2 * o, height - 2 * o)
    .stroke(ACCENT)
    .restore();
  doc
    .save()
    .lineWidth(0.9 * k)
    .rect(i, i, width - 2 * i, height - 2 * i)
    .stroke(ACCENT)
    .restore();
  for (const [cx, cy] of [
    [i, i],
    [width - i, i],
    [i, height - i],
    [width - i, height - i],
  ] as const) {
    const d = 5 * k;
    doc
      .save()
      .polygon([cx, cy - d], [cx + d, cy], [cx, cy + d], [cx - d, cy])
      .fill(ACCENT)
      .restore();
  }
}

/**
 * Posters in large type for the walls (plan III.4): "4 XIN – 4 LUÔN – 5 KHÔNG", "MÔ HÌNH 4 TẠI
 * CHỖ" and "NỘI QUY LÀM VIỆC". The centre's name heads the sheet; all wording comes from
 * `texts` (the counts in the titles follow the lists). Type shrinks to fit one sheet; a list too
 * long even at the smallest size continues on a second sheet.
 */
export async function poster(input: PosterInput): Promise<Buffer> {
  const { center, texts, kind, size } = input;
  const k = paperScale(size) / paperScale('A3');
  const margin = mm(12) * k;
  const title =
    kind === 'commitments'
      ? `${texts.fourPlease.length} XIN – ${texts.fourAlways.length} LUÔN – ${texts.fiveNo.length} KHÔNG`
      : kind === 'four-on-spot'
        ? `MÔ HÌNH “${texts.fourOnSpot.length} TẠI CHỖ”`
        : 'NỘI QUY LÀM VIỆC';
  const doc = createPdf({
    size,
    layout: 'portrait',
    title: `${title} – ${center.name}`,
    subject: 'Pa nô, khẩu hiệu',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
  });

  /** Frame, centre name, title; returns the content area. Drawn on every sheet. */
  const furniture = (continued: boolean): Frame => {
    drawPosterFrame(doc, k);
    const { width, height } = doc.page;
    const left = mm(22) * k;
    const right = width - mm(22) * k;
    const w = right - left;
    let y = mm(22) * k;
    if (center.parentBody) {
      const pb = upperVi(center.parentBody);
      y += drawText(doc, pb, left, y, w, { size: 17 * k, align: 'center' });
    }
    const name = upperVi(center.name);
    const nw = balancedWidth(doc, name, w * 0.85, { font: 'serif-bold', size: 20 * k });
    y += drawText(doc, name, left + (w - nw) / 2, y, nw, {
      font: 'serif-bold',
      size: 20 * k,
      align: 'center',
      color: ACCENT,
    });
    hline(doc, left + w * 0.38, right - w * 0.38, y + 7 * k, 1.2 * k, ACCENT);
    y += 22 * k;
    const tStyle: TextStyle = { font: 'serif-bold', size: 50 * k, align: 'center', color: ACCENT };
    while ((tStyle.size ?? 0) > 24 * k && textWidth(doc, title, tStyle) > w) tStyle.size = (tStyle.size ?? 0) - k;
    y += drawText(doc, title, left, y, w, tStyle);
    if (continued)
      y += drawText(doc, '(tiếp theo)', left, y, w, { font: 'serif-italic', size: 16 * k, align: 'center' });
    let bottom = height - mm(22) * k;
    if (texts.motto) {
      const mStyle: TextStyle = { font: 'serif-bold-italic', size: 19 * k, align: 'center', color: ACCENT };
      const mh = textHeight(doc, `“${texts.motto}”`, w, mStyle);
      drawText(doc, `“${texts.motto}”`, left, bottom - mh, w, mStyle);
      hline(doc, left + w * 0.3, right - w * 0.3, bottom - mh - 10 * k, 0.9 * k, ACCENT);
      bottom -= mh + 22 * k;
    }
    return { left, right, width: w, top: y + 24 * k, bottom };
  };

  const first = furniture(false);
  const build = (s: number): Block[] => {
    const f = first;
    if (kind === 'commitments') {
      return [
        ...groupBlocks(doc, f, `${texts.fourPlease.length} XIN`, texts.fourPlease, s * k),
        ...groupBlocks(doc, f, `${texts.fourAlways.length} LUÔN`, texts.fourAlways, s * k),
        ...groupBlocks(doc, f, `${texts.fiveNo.length} KHÔNG`, texts.fiveNo, s * k),
      ];
    }
    if (kind === 'four-on-spot') return stepBlocks(doc, f, texts.fourOnSpot, s * k);
    return ruleBlocks(doc, f, texts.rules, s * k);
  };
  const maxScale = kind === 'four-on-spot' ? 1.5 : kind === 'rules' ? 1.25 : 1.15;
  placeBlocks(doc, first, build, maxScale, () => {
    doc.addPage();
    return furniture(true);
  });
  return pdfToBuffer(doc);
}

/**
 * Finds the largest type scale (1 down to 0.5) at which the blocks fit the area, spreads the
 * spare height between them, and draws them; at the smallest scale, continues on new sheets.
 */
function placeBlocks(
  doc: Doc,
  area: Frame,
  build: (scale: number) => Block[],
  maxScale: number,
  nextSheet: () => Frame,
): void {
  const avail = area.bottom - area.top;
  const total = (bs: Block[]) => bs.reduce((h, b) => h + b.height, 0);
  // leave about a tenth of the area as air between the blocks
  const fits = (bs: Block[]) => total(bs) <= avail * 0.9;
  let blocks = build(maxScale);
  if (!fits(blocks)) {
    let lo = 0.5;
    let hi = maxScale;
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (fits(build(mid))) lo = mid;
      else hi = mid;
    }
    blocks = build(lo);
  }
  const sum = total(blocks);
  if (sum <= avail) {
    const spare = avail - sum;
    const gap = Math.min(spare / (blocks.length + 1), avail * 0.04);
    let y = area.top + (spare - gap * (blocks.length - 1)) / 2;
    for (const b of blocks) {
      b.draw(y);
      y += b.height + gap;
    }
    return;
  }
  // Too long for one sheet even in the smallest type: flow over several sheets.
  let f = area;
  let y = f.top;
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    const need = b.height + (b.keepWithNext && next ? next.height : 0);
    if (y + need > f.bottom && y > f.top) {
      f = nextSheet();
      y = f.top;
    }
    b.draw(y);
    y += b.height;
  });
}

function diamond(doc: Doc, cx: number, cy: number, r: number): void {
  doc
    .save()
    .polygon([cx, cy - r], [cx + r, cy], [cx, cy + r], [cx - r, cy])
    .fill(ACCENT)
    .restore();
}

/** A group of the commitments poster: a coloured band with its label, then its items (two columns when short). */
function groupBlocks(doc: Doc, f: Frame, label: string, items: readonly string[], s: number): Block[] {
  const labelStyle: TextStyle = { font: 'serif-bold', size: 30 * s, align: 'center', color: 'white' };
  const itemStyle: TextStyle = { font: 'serif-bold', size: 25 * s, lineGap: 2 * s };
  const bandPad = 7 * s;
  const labelH = textHeight(doc, label, f.width, labelStyle);
  const blocks: Block[] = [
    {
      height: labelH + 2 * bandPad + 12 * s,
      keepWithNext: true,
      draw: (y) => {
        doc
          .save()
          .roundedRect(f.left, y, f.width, labelH + 2 * bandPad, 6 * s)
          .fill(ACCENT)
          .restore();
        drawText(doc, label, f.left, y + bandPad, f.width, labelStyle);
      },
    },
  ];
  const bullet = 26 * s;
  const colGap = 20 * s;
  const half = (f.width - colGap) / 2 - bullet;
  const twoCols = items.length > 1 && items.every((t) => textWidth(doc, t, itemStyle) <= half);
  const rowGap = 10 * s;
  if (twoCols) {
    for (let r = 0; r < items.length; r += 2) {
      const pair = items.slice(r, r + 2);
      const h = Math.max(...pair.map((t) => textHeight(doc, t, half, itemStyle)));
      blocks.push({
        height: h + rowGap,
        draw: (y) => {
          pair.forEach((t, j) => {
            const x = f.left + j * (half + bullet + colGap) + f.width * 0.06;
            diamond(doc, x + bullet * 0.35, y + (itemStyle.size ?? 0) * 0.55, 6 * s);
            drawText(doc, t, x + bullet, y, half - f.width * 0.06, itemStyle);
          });
        },
      });
    }
  } else {
    const w = f.width - bullet - f.width * 0.03;
    for (const t of items) {
      const st: TextStyle = { ...itemStyle, font: 'serif', size: 23 * s };
      const h = textHeight(doc, t, w, st);
      blocks.push({
        height: h + rowGap,
        draw: (y) => {
          diamond(doc, f.left + f.width * 0.03 + bullet * 0.35, y + (st.size ?? 0) * 0.55, 6 * s);
          drawText(doc, t, f.left + f.width * 0.03 + bullet, y, w, st);
        },
      });
    }
  }
  const last = blocks[blocks.length - 1];
  if (last) last.height += 14 * s;
  return blocks;
}

/** The "4 tại chỗ" steps: numbered discs and boxed labels, with an arrow between steps. */
function stepBlocks(doc: Doc, f: Frame, items: readonly string[], s: number): Block[] {
  const style: TextStyle = { font: 'serif-bold', size: 34 * s, align: 'center', color: 'black' };
  const disc = 34 * s;
  const boxX = f.left + f.width * 0.07;
  const boxW = f.width * 0.86;
  const textX = boxX + disc * 2 + 16 * s;
  const textW = boxX + boxW - textX - 16 * s;
  const arrow = 40 * s;
  // one line per step when the type can stay above 70 % of its size; otherwise balanced lines
  const longest = Math.max(...items.map((t) => textWidth(doc, upperVi(t), style)));
  if (longest > textW) style.size = Math.max((style.size ?? 0) * (textW / longest) * 0.98, 34 * s * 0.7);
  return items.map((raw, i) => {
    const t = upperVi(raw);
    const tw = balancedWidth(doc, t, textW, style);
    const th = textHeight(doc, t, tw, style);
    const boxH = Math.max(th, disc * 2) + 28 * s;
    const last = i === items.length - 1;
    return {
      height: boxH + (last ? 0 : arrow),
      draw: (y) => {
        doc
          .save()
          .lineWidth(2 * s)
          .roundedRect(boxX, y, boxW, boxH, 10 * s)
          .fillAndStroke(TINT, ACCENT)
          .restore();
        const cx = boxX + disc + 12 * s;
        const cy = y + boxH / 2;
        doc.save().circle(cx, cy, disc).fill(ACCENT).restore();
        const numStyle: TextStyle = { font: 'serif-bold', size: 36 * s, align: 'center', color: 'white' };
        const nh = textHeight(doc, String(i + 1), disc * 2, numStyle);
        drawText(doc, String(i + 1), cx - disc, cy - nh / 2, disc * 2, numStyle);
        drawText(doc, t, textX + (textW - tw) / 2, y + (boxH - th) / 2, tw, style);
        if (!last) {
          const ax = f.left + f.width / 2;
          const ay = y + boxH + 6 * s;
          const ah = arrow - 12 * s;
          doc
            .save()
            .rect(ax - 5 * s, ay, 10 * s, ah * 0.5)
            .fill(ACCENT)
            .restore();
          doc
            .save()
            .polygon([ax - 16 * s, ay + ah * 0.5], [ax + 16 * s, ay + ah * 0.5], [ax, ay + ah])
            .fill(ACCENT)
            .restore();
        }
      },
    };
  });
}

/** Numbered rules with a hanging indent. */
function ruleBlocks(doc: Doc, f: Frame, items: readonly string[], s: number): Block[] {
  const style: TextStyle = { size: 25 * s, lineGap: 3 * s };
  const numStyle: TextStyle = { font: 'serif-bold', size: 25 * s, color: ACCENT };
  const numW = textWidth(doc, `${items.length}.`, numStyle) + 14 * s;
  const x = f.left + f.width * 0.03;
  const w = f.width * 0.94 - numW;
  return items.map((t, i) => {
    const h = textHeight(doc, t, w, style);
    return {
      height: h + 14 * s,
      draw: (y) => {
        drawText(doc, `${i + 1}.`, x, y, numW, numStyle);
        drawText(doc, t, x + numW, y, w, style);
      },
    };
  });
}
