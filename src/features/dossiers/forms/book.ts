/**
 * Mẫu 07 "SỔ THEO DÕI HỒ SƠ" (dossier tracking register, BRIEF §1.2) for a period of receipt
 * dates: one row per dossier received, with its receipt, appointment, transfer, result and return
 * times. An internal register of the centre (staff only: full names and phones are allowed, it is
 * never published). As PDF (A4 landscape) and as an Excel workbook.
 */
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Deps } from '../../../core/deps.ts';
import type { Center } from '../../../core/db/schema.ts';
import { actorId, type Actor } from '../../../core/auth/access.ts';
import { insertAudit } from '../../../core/auth/repo.ts';
import { AppError } from '../../../core/http/errors.ts';
import { addDays, formatHm, formatVi, localDateOf, toLocal } from '../../../core/calendar/index.ts';
import { dropExport, exportPath, type ExportFile } from '../../../core/documents/files.ts';
import {
  PRODUCT_NAME,
  createPdf,
  mm,
  drawText,
  nationalHeader,
  numberPagesAsAdded,
  pageBody,
  pdfToStream,
  primeFontCache,
  tableWriter,
  titleBlock,
  trimLayoutCaches,
} from '../../../core/documents/pdf.ts';
import type { Cell, CellPart, Doc, TableWriter } from '../../../core/documents/pdf.ts';
import { plainRunsWithoutShaping } from '../../../core/documents/pdf-ops.ts';
import { placeOf } from '../../boards/index.ts';
import { catalogOf } from '../../catalog/index.ts';
import * as repo from '../repo.ts';
import { parseDayPeriod, STATUS_LABELS, type Status } from '../model.ts';
import { type BookPlace, type BookView, bookPlacesOf, bookRows } from '../service.ts';
import { feeText, vnd, type DossierFee } from '../intake/fees.ts';
import type { Verdict } from '../workflow/clock.ts';

/** The longest period one register may cover, in days (a year, leap years included). */
export const MAX_BOOK_DAYS = 366;

export interface BookEntry {
  code: string;
  procedureCode: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  address: string;
  phone: string;
  /** Cơ quan chủ trì giải quyết: the first recipient of the dossier, else the procedure's implementing body. */
  leadAgency: string;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  /** First hand-off from the desk to the handling officer or agency. */
  transferredAt: string | null;
  processedAt: string | null;
  returnedAt: string | null;
  status: Status;
  note: string;
  /** Quyển số / Số thứ tự (the same function as forms 01 and 06). */
  place?: BookPlace;
  /** Fee recorded at intake. */
  fee?: DossierFee | null;
  /** The one clock's verdict (clock.ts), judged when the book is printed; null/absent: none. */
  verdict?: Verdict | null;
}

/**
 * "Kết quả giải quyết" of a row, in the register's words, from the clock's verdict: Sớm hạn,
 * Đúng hạn, Trễ hạn, Đang giải quyết (trong hạn / quá hạn), Chờ tiếp nhận; empty for a dossier
 * never received (refused, guided, withdrawn before acceptance: the note says which). Pure.
 */
export function bookVerdictText(verdict: Verdict | null | undefined): string {
  switch (verdict) {
    case 'early':
      return 'Sớm hạn';
    case 'on_time':
      return 'Đúng hạn';
    case 'late':
      return 'Trễ hạn';
    case 'in_time':
      return 'Đang giải quyết (trong hạn)';
    case 'overdue':
      return 'Đang giải quyết (quá hạn)';
    case 'awaiting':
      return 'Chờ tiếp nhận';
    default:
      return '';
  }
}

/** Fees of the entries: paid total and count, unpaid total, exempt count (the book's closing line). */
export function feeTotals(entries: readonly BookEntry[]) {
  const paid = entries.filter((e) => e.fee?.status === 'paid');
  const unpaid = entries.filter((e) => e.fee?.status === 'unpaid');
  const sum = (xs: readonly BookEntry[]) => xs.reduce((n, e) => n + (e.fee?.total ?? 0), 0);
  return {
    paid: { count: paid.length, amount: sum(paid) },
    unpaid: { count: unpaid.length, amount: sum(unpaid) },
    exempt: entries.filter((e) => e.fee?.status === 'exempt').length,
  };
}

export type FeeTotals = ReturnType<typeof feeTotals>;

function feeLine(t: FeeTotals): string {
  return `Phí, lệ phí đã thu: ${vnd(t.paid.amount)} (${t.paid.count} hồ sơ)${t.unpaid.count ? `; chưa nộp: ${vnd(t.unpaid.amount)} (${t.unpaid.count} hồ sơ)` : ''}${t.exempt ? `; miễn hoặc không thu: ${t.exempt} hồ sơ` : ''}.`;
}

export interface BookInput {
  center: Center;
  /** First and last receipt date of the period, 'YYYY-MM-DD' in Vietnam. */
  from: string;
  to: string;
  entries: readonly BookEntry[];
  /** Date of the header; default the last day of the period. */
  date?: string;
}

/** Validates a period of the book: two calendar dates, from ≤ to, at most MAX_BOOK_DAYS days. */
export const parsePeriod = (from: unknown, to: unknown): { from: string; to: string } =>
  parseDayPeriod(from, to, MAX_BOOK_DAYS, {
    vi: `Sổ theo dõi in tối đa ${MAX_BOOK_DAYS} ngày một lần.`,
    en: `A register covers at most ${MAX_BOOK_DAYS} days.`,
  });

function noteOf(d: BookView): string {
  const parts: string[] = [];
  if (d.status !== 10) parts.push(STATUS_LABELS[d.status].vi);
  if (d.sameDay) parts.push('Giải quyết trong ngày');
  if (d.supplementCount > 0) parts.push(`Bổ sung ${d.supplementCount} lần`);
  if (d.returnMethod === 'post') parts.push('Trả qua bưu chính');
  if (d.returnMethod === 'online') parts.push('Trả kết quả điện tử');
  if (d.returnMethod === 'home') parts.push('Trả tại nhà');
  if (d.channel === 'online') parts.push('Nộp trực tuyến');
  if (d.channel === 'postal') parts.push('Nộp qua bưu chính');
  if (d.fee && (d.fee.total > 0 || d.fee.status !== 'exempt')) parts.push(`Phí: ${feeText(d.fee)}`);
  return parts.join('; ');
}

/** What the book prints above its rows: the period and its totals (counted before the rows are read). */
export interface BookHead {
  center: Center;
  from: string;
  to: string;
  /** Date of the header; default the last day of the period. */
  date?: string;
  total: number;
  returned: number;
  fees: FeeTotals;
  /** Quyển số (receipt years) the period's numbers belong to. */
  volumes: number[];
}

/** The head of a book whose entries are all at hand (tests, short periods). */
export function headOf(input: BookInput): BookHead {
  const vols = [...new Set(input.entries.map((e) => e.place?.volume).filter((v): v is number => v !== undefined))];
  return {
    center: input.center,
    from: input.from,
    to: input.to,
    date: input.date,
    total: input.entries.length,
    returned: input.entries.filter((e) => e.returnedAt).length,
    fees: feeTotals(input.entries),
    volumes: vols,
  };
}

/** Days of receipt read at a time: a week of a busy centre is about a thousand dossiers. */
const WINDOW_DAYS = 7;

type BookRows = Awaited<ReturnType<typeof bookRows>>;

/**
 * The register of the actor's home centre for receipt dates from..to (both included), oldest
 * first, read a week at a time through `bookRows` (which checks dossier.read; the first hand-off
 * of each transferred dossier from its events), so that a year never sits in memory at once.
 * Records the export in the audit log (it holds personal data).
 */
export async function openBook(
  deps: Deps,
  actor: Actor | null,
  fromRaw: unknown,
  toRaw: unknown,
  format: 'pdf' | 'xlsx' = 'pdf',
): Promise<{ head: BookHead; chunks: AsyncGenerator<BookEntry[]> }> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const { from, to } = parsePeriod(fromRaw, toRaw);
  const windowEnd = (day: string) => {
    const end = addDays(day, WINDOW_DAYS - 1);
    return end < to ? end : to;
  };
  const first = await bookRows(deps, actor, from, windowEnd(from));
  const { center } = first;
  const t = await repo.bookTotals(deps.db, center.id, from, to);
  const fee = (status: string) => t.fees.find((f) => f.status === status) ?? { count: 0, sum: 0 };
  const head: BookHead = {
    center,
    from,
    to,
    date: localDateOf(deps.now()),
    total: t.total,
    returned: t.returned,
    fees: {
      paid: { count: fee('paid').count, amount: fee('paid').sum },
      unpaid: { count: fee('unpaid').count, amount: fee('unpaid').sum },
      exempt: fee('exempt').count,
    },
    volumes: t.years,
  };
  await insertAudit(deps.db, {
    center_id: center.id,
    actor_user_id: actorId(actor),
    action: 'dossier.book.export',
    subject: `${from}..${to}`,
    detail: JSON.stringify({ format, dossiers: t.total }),
    at: deps.now().toISOString(),
  });
  const catalog = await catalogOf(deps, center);
  async function* chunks(): AsyncGenerator<BookEntry[]> {
    let rows: BookRows | null = first;
    // Numbers follow on from one window to the next (the book's order is the volume's order).
    let last: BookPlace | null = null;
    for (let day = from; day <= to; day = addDays(windowEnd(day), 1)) {
      const { rows: read } = rows ?? (await bookRows(deps, actor, day, windowEnd(day)));
      rows = null;
      if (!read.length) continue;
      const views: BookView[] = read.map((r) => r.view);
      const places = await bookPlacesOf(deps, center.id, views, last);
      last = places.at(-1) ?? last;
      yield read.map(({ view: d, firstHandoff: h }, i) => {
        const a = d.applicant;
        return {
          code: d.code,
          procedureCode: d.procedureCode,
          procedureName: d.procedureName,
          sets: d.sets,
          applicantName: a.kind === 'organization' && a.orgName ? `${a.orgName} (${a.fullName})` : a.fullName,
          address: a.address,
          phone: a.phone,
          leadAgency: h?.to || catalog.byCode.get(d.procedureCode)?.implementingBody || '',
          receivedAt: d.receivedAt,
          dueAt: d.dueAt,
          extendedDueAt: d.extendedDueAt,
          transferredAt: h?.at ?? null,
          processedAt: d.processedAt,
          returnedAt: d.returnedAt,
          status: d.status,
          note: noteOf(d),
          place: places[i],
          fee: d.fee,
          verdict: d.verdict,
        };
      });
    }
  }
  return { head, chunks: chunks() };
}

/** The whole register in memory (short periods, tests); exports use `bookFile`. */
export async function loadBook(
  deps: Deps,
  actor: Actor | null,
  fromRaw: unknown,
  toRaw: unknown,
  format: 'pdf' | 'xlsx' = 'pdf',
): Promise<BookInput> {
  const { head, chunks } = await openBook(deps, actor, fromRaw, toRaw, format);
  const entries: BookEntry[] = [];
  for await (const c of chunks) entries.push(...c);
  return { center: head.center, from: head.from, to: head.to, entries, date: head.date };
}

/**
 * The register written to a temporary file as it is read and laid out (the task pool hands the
 * server its path): memory stays bounded by a week of rows whatever the period.
 */
export async function bookFile(
  deps: Deps,
  actor: Actor | null,
  fromRaw: unknown,
  toRaw: unknown,
  format: 'pdf' | 'xlsx' = 'pdf',
): Promise<ExportFile> {
  const { head, chunks } = await openBook(deps, actor, fromRaw, toRaw, format);
  const path = exportPath(format);
  try {
    const out = createWriteStream(path);
    await (format === 'pdf' ? writeBookPdf(head, chunks, out) : writeBookXlsx(head, chunks, out));
    return {
      fileName: `so-theo-doi-ho-so-${head.center.slug}-${head.from}-${head.to}.${format}`,
      path,
      size: out.bytesWritten,
    };
  } catch (e) {
    await dropExport(path);
    throw e;
  }
}

/**
 * Lets the file catch up with what was produced (the database reads may not yield to it). With
 * a `source` piped into `out` (the PDF document), waits until the source's own buffer is empty
 * too — a pipe moves only about one write buffer per 'drain', and what stays behind in the
 * source accumulated with every chunk (the year PDF's growth by ≈1 MB per 130 dossiers).
 */
async function drained(out: Writable, source?: { readableLength: number }): Promise<void> {
  await new Promise(setImmediate);
  for (;;) {
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    else if (source && source.readableLength > 0) await new Promise(setImmediate);
    else return;
  }
}

async function* once<T>(x: T): AsyncGenerator<T> {
  yield await Promise.resolve(x);
}

/** Collects what `write` writes into one buffer. */
async function collect(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  await write(out);
  return Buffer.concat(parts);
}

/** " STT là số thứ tự trong Quyển số 2026." — the volumes the period's numbers belong to. */
function volumesLine(vols: readonly number[]): string {
  return vols.length ? ` STT là số thứ tự trong Quyển số ${vols.join(', ')}.` : '';
}

// ---- Columns -------------------------------------------------------------------------------

interface Column {
  header: string;
  pdfWidth: number;
  xlsxWidth: number;
}

export const BOOK_COLUMNS: readonly Column[] = [
  { header: 'STT', pdfWidth: 30, xlsxWidth: 6 },
  { header: 'Mã hồ sơ', pdfWidth: 58, xlsxWidth: 24 },
  { header: 'Tên TTHC', pdfWidth: 92, xlsxWidth: 40 },
  { header: 'Số lượng hồ sơ (bộ)', pdfWidth: 30, xlsxWidth: 10 },
  { header: 'Tên cá nhân, tổ chức', pdfWidth: 72, xlsxWidth: 26 },
  { header: 'Địa chỉ, số điện thoại', pdfWidth: 88, xlsxWidth: 36 },
  { header: 'Cơ quan chủ trì giải quyết', pdfWidth: 64, xlsxWidth: 28 },
  { header: 'Ngày nhận hồ sơ', pdfWidth: 50, xlsxWidth: 17 },
  { header: 'Ngày hẹn trả kết quả', pdfWidth: 50, xlsxWidth: 17 },
  { header: 'Ngày chuyển hồ sơ', pdfWidth: 50, xlsxWidth: 17 },
  { header: 'Ngày có kết quả', pdfWidth: 50, xlsxWidth: 17 },
  { header: 'Ngày trả kết quả', pdfWidth: 50, xlsxWidth: 17 },
  { header: 'Kết quả giải quyết', pdfWidth: 52, xlsxWidth: 18 },
  { header: 'Ký nhận', pdfWidth: 34, xlsxWidth: 14 },
  { header: 'Ghi chú', pdfWidth: 56, xlsxWidth: 30 },
];

function phoneText(p: string): string {
  return /^0\d{9}$/.test(p) ? `${p.slice(0, 4)}\u00a0${p.slice(4, 7)}\u00a0${p.slice(7)}` : p;
}

// ---- PDF -----------------------------------------------------------------------------------

/** A register is bound on its long side: narrower margins than a letter leave room for 15 columns. */
const LANDSCAPE_MARGINS = { top: mm(15), bottom: mm(12), left: mm(20), right: mm(12) };

/** "H26.99.01-261102-0001" on two lines at its first hyphen (codes never break inside a number). */
function codeParts(code: string): CellPart[] {
  const i = code.indexOf('-');
  return i > 0 ? [{ text: code.slice(0, i + 1) }, { text: code.slice(i + 1), gapBefore: 0 }] : [{ text: code }];
}

/** The register as PDF, A4 landscape, header row repeated on every page, pages numbered. */
export async function bookPdf(input: BookInput): Promise<Buffer> {
  return collect((out) => writeBookPdf(headOf(input), once(input.entries), out));
}

/** Body text size of the register's table, and of its second lines (times, codes, notes). */
const FS = 8.6;
const SMALL = FS * 0.92;

const ALIGNS = [
  'center',
  'left',
  'left',
  'center',
  'left',
  'left',
  'left',
  'center',
  'center',
  'center',
  'center',
  'center',
  'center',
  'center',
  'left',
] as const;

/** Date over time, "dd/MM/yyyy" and a smaller "HH:mm" (Vietnam), or an empty cell. */
function when(iso: string | null): CellPart[] {
  if (!iso) return [];
  const { date, minute } = toLocal(new Date(iso));
  return [{ text: formatVi(date) }, { text: formatHm(minute), size: SMALL, gapBefore: 0.5 }];
}

/** The 15 cells of one dossier's row (`n`: its number when it has no place in a volume). */
function bookPdfCells(e: BookEntry, n: number): Cell[] {
  const due: CellPart[] = when(e.dueAt);
  if (e.extendedDueAt)
    due.push({
      text: `Hẹn lại: ${formatVi(localDateOf(new Date(e.extendedDueAt)))}`,
      font: 'serif-italic',
      size: SMALL,
      gapBefore: 1.5,
    });
  const late = e.verdict === 'late' || e.verdict === 'overdue';
  return [
    String(e.place?.number ?? n),
    codeParts(e.code),
    [
      { text: e.procedureName },
      { text: `Mã: ${e.procedureCode}`, font: 'serif-italic', size: SMALL, color: '#444444', gapBefore: 1 },
    ],
    String(e.sets),
    [{ text: e.applicantName, font: 'serif-bold' }],
    [{ text: e.address }, ...(e.phone ? [{ text: `ĐT: ${phoneText(e.phone)}`, gapBefore: 1 }] : [])],
    e.leadAgency,
    when(e.receivedAt),
    due,
    when(e.transferredAt),
    when(e.processedAt),
    when(e.returnedAt),
    [{ text: bookVerdictText(e.verdict), size: SMALL, font: late ? 'serif-bold' : 'serif' }],
    '',
    [{ text: e.note, size: SMALL }],
  ];
}

/**
 * The register's document with its first page drawn down to the table's top (national header,
 * title, period, totals); returns it with the y where the table starts.
 */
function startBookPdf(head: BookHead, period: string): { doc: Doc; y: number } {
  const { center, to } = head;
  const doc: Doc = primeFontCache(
    createPdf({
      size: 'A4',
      layout: 'landscape',
      title: `Sổ theo dõi hồ sơ – ${center.name} – ${period}`,
      subject: 'Mẫu 07 – Sổ theo dõi hồ sơ',
      keywords: ['sổ theo dõi hồ sơ', center.slug],
      margins: LANDSCAPE_MARGINS,
      stream: true,
      deflateLevel: 1,
    }),
  );
  plainRunsWithoutShaping(doc);
  numberPagesAsAdded(doc);
  let y = nationalHeader(doc, {
    parentBody: center.parent_body,
    agency: center.name,
    place: placeOf({ parentBody: center.parent_body, name: center.name, province: center.province }),
    date: head.date ?? to,
  });
  y = titleBlock(doc, { title: 'SỔ THEO DÕI HỒ SƠ', subtitle: period, y: y + 8 });
  const b = pageBody(doc);
  const returned = head.total ? `; đã trả kết quả: ${String(head.returned)}` : '';
  const totals = `Tổng số: ${String(head.total)} hồ sơ${returned}. ${feeLine(head.fees)}${volumesLine(head.volumes)}`;
  y += 2 + drawText(doc, totals, b.left, y + 2, b.width, { font: 'serif-italic', size: 11.5, align: 'center' });
  return { doc, y: y + 6 };
}

/** The register's table: its columns, and the running head of each continuation page. */
function bookTable(doc: Doc, y: number, runningHead: string): TableWriter {
  return tableWriter(doc, {
    columns: BOOK_COLUMNS.map((c, i) => ({ header: c.header, width: c.pdfWidth, align: ALIGNS[i] })),
    fontSize: FS,
    headerFontSize: 8.4,
    padding: 2.6,
    y,
    onPageAdded: (d) => {
      const pb = pageBody(d);
      const style = { font: 'serif-italic', size: 10, color: '#444444', align: 'right' } as const;
      return pb.top + 4 + drawText(d, runningHead, pb.left, pb.top, pb.width, style);
    },
  });
}

/**
 * Writes the register as PDF into `out` as its rows come: each page goes out as soon as the
 * next one starts (pages are numbered as they are added), and the document's own buffer is
 * let drain into `out` after each chunk, so memory does not grow with the period.
 */
export async function writeBookPdf(
  head: BookHead,
  chunks: AsyncIterable<readonly BookEntry[]>,
  out: Writable,
): Promise<void> {
  const period = `Từ ngày ${formatVi(head.from)} đến ngày ${formatVi(head.to)}`;
  const { doc, y } = startBookPdf(head, period);
  doc.pipe(out);
  const table = bookTable(doc, y, `Sổ theo dõi hồ sơ – ${head.center.name} – ${period} (tiếp theo)`);
  let n = 0;
  for await (const entries of chunks) {
    for (const e of entries) table.add({ cells: bookPdfCells(e, ++n) });
    trimLayoutCaches(doc);
    await drained(out, doc);
  }
  if (!n)
    table.add({
      span: [{ text: 'Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.', font: 'serif-italic' }],
      keepWithNext: false,
    });
  table.end();
  await pdfToStream(doc, out);
  if (!out.writableFinished) await new Promise((resolve) => out.once('finish', resolve));
}

// ---- XLSX ----------------------------------------------------------------------------------

/** An instant as an Excel date showing the Vietnam wall-clock time (Excel dates have no zone). */
export function excelWallTime(iso: string): Date {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000);
}

/**
 * The register as an Excel workbook: header row bold and frozen, column widths set, times as real
 * Excel dates (dd/mm/yyyy hh:mm, Vietnam wall time), print set to A4 landscape with the header
 * row repeated.
 */
export async function bookXlsx(input: BookInput): Promise<Buffer> {
  return collect((out) => writeBookXlsx(headOf(input), once(input.entries), out));
}

const XLSX_DATE = 'dd/mm/yyyy hh:mm';
const XLSX_FONT = { name: 'Times New Roman', size: 11 };

/** The register's sheet: print setup, frozen and filtered header row (committed). */
function bookSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, center: Center, period: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&BSỔ THEO DÕI HỒ SƠ – ${center.name.replace(/&/g, '&&')} – ${period}`,
      oddFooter: '&CTrang &P/&N',
    },
  });
  ws.columns = BOOK_COLUMNS.map((c, i) => ({ header: c.header, key: `c${String(i)}`, width: c.xlsxWidth }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: BOOK_COLUMNS.length } };
  const head1 = ws.getRow(1);
  head1.font = { ...XLSX_FONT, bold: true };
  head1.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head1.height = 32;
  const thin = { style: 'thin' } as const;
  head1.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = { top: thin, bottom: thin, left: thin, right: thin };
  });
  head1.commit();
  return ws;
}

/** The 15 values of one dossier's row (`n`: its number when it has no place in a volume). */
function bookXlsxValues(e: BookEntry, n: number): ExcelJS.CellValue[] {
  const d = (iso: string | null) => (iso ? excelWallTime(iso) : null);
  const ext = e.extendedDueAt ? new Date(e.extendedDueAt) : null;
  const again = ext ? `Hẹn lại: ${formatVi(localDateOf(ext))} ${formatHm(toLocal(ext).minute)}` : '';
  return [
    e.place?.number ?? n,
    e.code,
    e.procedureName,
    e.sets,
    e.applicantName,
    [e.address, e.phone ? `ĐT: ${e.phone}` : ''].filter(Boolean).join(' – '),
    e.leadAgency,
    d(e.receivedAt),
    d(e.dueAt),
    d(e.transferredAt),
    d(e.processedAt),
    d(e.returnedAt),
    bookVerdictText(e.verdict),
    '',
    [again, e.note].filter(Boolean).join('; '),
  ];
}

function addXlsxRow(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[]): void {
  const row = ws.addRow(values);
  row.font = XLSX_FONT;
  row.alignment = { vertical: 'top', wrapText: true };
  for (const col of [8, 9, 10, 11, 12]) row.getCell(col).numFmt = XLSX_DATE;
  row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
  row.getCell(4).alignment = { vertical: 'top', horizontal: 'center' };
  row.commit();
}

/**
 * Writes the workbook into `out` by exceljs's streaming writer: each row is committed (turned
 * into XML and zipped) as it comes, so a year's register never sits in memory (decision 040).
 */
export async function writeBookXlsx(
  head: BookHead,
  chunks: AsyncIterable<readonly BookEntry[]>,
  out: Writable,
): Promise<void> {
  const { center, from, to } = head;
  const period = `từ ${formatVi(from)} đến ${formatVi(to)}`;
  // Loaded here, not with the module: the PDF book's child never needs the workbook writer.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = PRODUCT_NAME;
  wb.title = `Sổ theo dõi hồ sơ – ${center.name} – ${period}`;
  wb.subject = 'Mẫu 07 – Sổ theo dõi hồ sơ';
  wb.company = center.name;
  const ws = bookSheet(wb, center, period);
  let n = 0;
  for await (const entries of chunks) {
    for (const e of entries) addXlsxRow(ws, bookXlsxValues(e, ++n));
    // The rows go through the zip's deflate (on libuv's threads) before they reach the file:
    // give the pipeline a moment to take them, or they pile up in its buffers.
    await drained(out);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (n) {
    const total = ws.addRow([]);
    total.getCell(2).value = `${feeLine(head.fees)}${volumesLine(head.volumes)}`;
    total.font = { ...XLSX_FONT, italic: true };
    total.commit();
  }
  ws.commit();
  await wb.commit();
  if (!out.writableFinished) await new Promise((resolve) => out.once('finish', resolve));
}
