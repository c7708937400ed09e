/**
 * The quarterly report as PDF (pdfkit) and DOCX (docx), in the Decree 30/2020 layout, and the
 * evidence archive (ZIP: the report in both formats, every evidence file under a pseudonymised
 * name, index.csv). HEAVY: load with dynamic import() from routes.
 */
import { zipSync } from 'fflate';
import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow as DocxRow,
  TextRun,
  WidthType,
} from 'docx';
import { centred, closingTable, decree30Document, nationalHeaderTable, run } from '../../core/documents/docx.ts';
import { markSignatureBox } from '../../core/documents/signing/box.ts';
import {
  clean,
  createPdf,
  drawTable,
  drawText,
  hline,
  mm,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  textHeight,
  textWidth,
  titleBlock,
  upperVi,
  type Doc,
  type FontName,
} from '../../core/documents/pdf.ts';
import { formatVi } from '../../core/calendar/index.ts';
import { imageSize } from './files.ts';
import { hasProgress } from './model.ts';
import { barChartPng, SERIES_COLORS } from './png.ts';
import type { ReportData, ReportEvidence, ReportTask } from './report-data.ts';

const SERIES = ['Tiếp nhận', 'Đã giải quyết', 'Đúng hạn'];

export function reportTitle(r: ReportData): { type: string; abstract: string } {
  return {
    type: 'BÁO CÁO',
    abstract: `Kết quả thực hiện Kế hoạch triển khai mô hình “Chính quyền thân thiện” Quý ${r.roman} năm ${r.year}`,
  };
}

function signer(r: ReportData): { lines: string[]; title: string; name: string } {
  const t = r.center.leaderTitle;
  const mt = /^phó\s+(.+)$/iu.exec(t);
  if (mt) return { lines: [`KT. ${upperVi(mt[1]!)}`], title: upperVi(t), name: r.center.leaderName };
  return { lines: [], title: upperVi(t), name: r.center.leaderName };
}

function intro(r: ReportData): string[] {
  return [
    `Thực hiện ${r.planTitle.replace(/^Kế hoạch/u, 'Kế hoạch')} (căn cứ ${r.basis}), theo mục V.1 của Kế hoạch về việc báo cáo kết quả thực hiện (có tài liệu, hình ảnh minh chứng) trước ngày làm việc cuối của Quý, ${r.center.name} báo cáo kết quả thực hiện Quý ${r.roman} năm ${r.year} như sau:`,
  ];
}

function summaryLine(r: ReportData): string {
  const c = r.counts;
  return `Kế hoạch có ${r.total} nhiệm vụ; đến thời điểm báo cáo: ${c.done} nhiệm vụ hoàn thành, ${c.regular} nhiệm vụ thực hiện thường xuyên, ${c.in_progress} nhiệm vụ đang thực hiện, ${c.not_started} nhiệm vụ chưa thực hiện. Tổng số minh chứng trong Quý: ${r.sections.reduce((s, x) => s + x.tasks.reduce((t, y) => t + y.evidence.length, 0), 0)}.`;
}

function conclusion(r: ReportData): string[] {
  const open = r.sections
    .flatMap((s) => s.tasks)
    .filter((t) => t.status === 'not_started' || t.status === 'in_progress');
  const out = [
    `Trong Quý ${r.roman} năm ${r.year}, Trung tâm đã triển khai các nhiệm vụ của Kế hoạch theo đúng chức năng, nhiệm vụ được giao; kết quả và minh chứng của từng nhiệm vụ được tổng hợp tại mục I và Phụ lục kèm theo.`,
  ];
  if (open.length)
    out.push(
      `Các nhiệm vụ cần tiếp tục tập trung thực hiện: ${open.map((t) => `${t.number} (${t.statusLabel.toLocaleLowerCase('vi')}, ${t.progress}%)`).join('; ')}.`,
    );
  out.push(
    'Trung tâm kính đề nghị UBND xã xem xét, tổng hợp kết quả để bổ sung hồ sơ đề nghị thẩm định công nhận xã đạt chuẩn “Chính quyền thân thiện” theo quy định.',
  );
  return out;
}

function evidenceLine(e: ReportEvidence, baseUrl: string | undefined): string {
  const where =
    e.kind === 'file'
      ? `tệp ${e.archiveName}`
      : e.url
        ? e.url.startsWith('/') && baseUrl
          ? `${baseUrl}${e.url}`
          : e.url
        : '';
  return `${e.code}. ${e.title} (${e.kindLabel}${where ? `: ${where}` : ''})`;
}

// ---- PDF ------------------------------------------------------------------------------------

interface Style {
  font?: FontName;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  indent?: number;
  lineGap?: number;
  x?: number;
}

class Flow {
  y: number;
  readonly doc: Doc;
  constructor(doc: Doc, y: number) {
    this.doc = doc;
    this.y = y;
  }
  body() {
    return pageBody(this.doc);
  }
  newPage(): void {
    this.doc.addPage();
    this.y = this.body().top;
  }
  ensure(h: number): void {
    if (this.y + h > this.body().bottom) this.newPage();
  }
  gap(h: number): void {
    this.y += h;
  }
  private height(text: string, w: number, s: Style): number {
    this.doc.font(s.font ?? 'serif').fontSize(s.size ?? 13);
    return this.doc.heightOfString(clean(text), {
      width: w,
      lineGap: s.lineGap ?? 2,
      align: s.align ?? 'justify',
      indent: s.indent ?? 0,
    });
  }
  private draw(text: string, x: number, w: number, s: Style): void {
    this.doc
      .font(s.font ?? 'serif')
      .fontSize(s.size ?? 13)
      .fillColor('black');
    this.doc.text(clean(text), x, this.y, {
      width: w,
      height: 1e6,
      lineGap: s.lineGap ?? 2,
      align: s.align ?? 'justify',
      indent: s.indent ?? 0,
    });
  }
  /** A paragraph that moves to the next page, or splits between words when longer than what is left. */
  para(text: string, s: Style = {}): void {
    const b = this.body();
    const x = b.left + (s.x ?? 0);
    const w = b.width - (s.x ?? 0);
    let rest = clean(text);
    let style = s;
    while (rest) {
      const h = this.height(rest, w, style);
      if (this.y + h <= b.bottom) {
        this.draw(rest, x, w, style);
        this.y += h;
        return;
      }
      const room = b.bottom - this.y;
      const words = rest.split(' ');
      let lo = 0;
      let hi = words.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (this.height(words.slice(0, mid).join(' '), w, style) <= room) lo = mid;
        else hi = mid - 1;
      }
      if (lo === 0) {
        this.newPage();
        continue;
      }
      this.draw(words.slice(0, lo).join(' '), x, w, { ...style, align: 'left' });
      rest = words.slice(lo).join(' ');
      style = { ...style, indent: 0 };
      this.newPage();
    }
  }
}

function heading(f: Flow, text: string, size = 13.5): void {
  f.ensure(60);
  f.gap(6);
  f.para(text, { font: 'serif-bold', size, align: 'left' });
  f.gap(2);
}

function thumbnails(f: Flow, photos: ReportEvidence[]): void {
  const b = f.body();
  const w = (b.width - mm(10) - 2 * 8) / 3;
  const h = w * 0.72;
  for (let i = 0; i < photos.length; i += 3) {
    f.ensure(h + 18);
    photos.slice(i, i + 3).forEach((p, j) => {
      const x = b.left + mm(10) + j * (w + 8);
      f.doc.save().rect(x, f.y, w, h).lineWidth(0.4).strokeColor('#888888').stroke().restore();
      try {
        f.doc.image(p.bytes!, x + 2, f.y + 2, { fit: [w - 4, h - 4], align: 'center', valign: 'center' });
      } catch {
        drawText(f.doc, '(không hiển thị được ảnh)', x, f.y + h / 2 - 6, w, {
          size: 10,
          align: 'center',
          font: 'serif-italic',
        });
      }
      drawText(f.doc, `${p.code}: ${p.title}`, x, f.y + h + 2, w, { size: 9.5, align: 'center', font: 'serif-italic' });
    });
    f.gap(
      h +
        4 +
        Math.max(...photos.slice(i, i + 3).map((p) => textHeight(f.doc, `${p.code}: ${p.title}`, w, { size: 9.5 }))) +
        6,
    );
  }
}

function pdfChart(f: Flow, r: ReportData): void {
  const b = f.body();
  const chartH = 150;
  f.ensure(chartH + 80);
  const months = r.kpis.months;
  const max = Math.max(1, ...months.flatMap((x) => [x.received, x.resolved, x.onTime]));
  const x0 = b.left + 30;
  const plotW = b.width - 40;
  drawText(f.doc, 'Biểu đồ: số hồ sơ theo tháng trong Quý', b.left, f.y, b.width, {
    font: 'serif-italic',
    size: 11,
    align: 'center',
  });
  const top = f.y + 30;
  for (let i = 0; i <= 4; i++) {
    const y = top + (chartH * i) / 4;
    hline(f.doc, x0, x0 + plotW, y, 0.3, '#cccccc');
    drawText(f.doc, String(Math.round(max - (max * i) / 4)), b.left, y - 5, 26, { size: 8, align: 'right' });
  }
  const gw = plotW / Math.max(1, months.length);
  months.forEach((mo, gi) => {
    const vals = [mo.received, mo.resolved, mo.onTime];
    const bw = (gw * 0.7) / 3;
    vals.forEach((v, i) => {
      const hh = (v / max) * chartH;
      const x = x0 + gi * gw + gw * 0.15 + i * bw;
      const c = SERIES_COLORS[i]!;
      f.doc
        .save()
        .rect(x, top + chartH - hh, bw - 3, hh)
        .fill(`#${c.map((n) => n.toString(16).padStart(2, '0')).join('')}`)
        .restore();
      drawText(f.doc, String(v), x - 4, top + chartH - hh - 10, bw + 5, { size: 8, align: 'center' });
    });
    drawText(f.doc, mo.label, x0 + gi * gw, top + chartH + 3, gw, { size: 10, align: 'center' });
  });
  hline(f.doc, x0, x0 + plotW, top + chartH, 0.8);
  // legend
  let lx = b.left + b.width / 2 - 150;
  const ly = top + chartH + 18;
  SERIES.forEach((s, i) => {
    const c = SERIES_COLORS[i]!;
    f.doc
      .save()
      .rect(lx, ly + 2, 9, 9)
      .fill(`#${c.map((n) => n.toString(16).padStart(2, '0')).join('')}`)
      .restore();
    drawText(f.doc, s, lx + 12, ly, 90, { size: 10 });
    lx += 105;
  });
  f.y = ly + 20;
}

function signatureBlock(f: Flow, r: ReportData): void {
  const doc = f.doc;
  const b = f.body();
  const leftW = b.width * 0.45;
  const sg = signer(r);
  const ts = { font: 'serif-bold' as const, size: 14, align: 'center' as const };
  const signX = b.left + leftW;
  const signW = b.width - leftW;
  const recH = 16 + r.recipients.length * 14;
  const sigH = (sg.lines.length + 1) * 18 + 70 + 18;
  f.ensure(Math.max(recH, sigH) + 10);
  f.gap(8);
  let ly = f.y;
  ly += drawText(doc, 'Nơi nhận:', b.left, ly, leftW, { font: 'serif-bold-italic', size: 12 });
  for (const x of r.recipients) ly += drawText(doc, x, b.left, ly, leftW, { size: 11 });
  let ry = f.y;
  for (const l of sg.lines) ry += drawText(doc, l, signX, ry, signW, ts);
  ry += drawText(doc, sg.title, signX, ry, signW, ts);
  markSignatureBox(doc, { x: signX, y: ry, width: signW, height: 70 });
  ry += 70;
  if (sg.name) ry += drawText(doc, sg.name, signX, ry, signW, ts);
  f.y = Math.max(ly, ry);
}

/** The resolved place of an evidence item: the archive file, or its link (site paths made absolute). */
function evidenceWhere(e: ReportEvidence, baseUrl: string | undefined): string {
  return e.archiveName ?? (e.url ? (e.url.startsWith('/') && baseUrl ? `${baseUrl}${e.url}` : e.url) : '');
}

function taskStatusLine(task: ReportTask): string {
  return `- Tình trạng: ${task.statusLabel}${hasProgress(task.status) ? ` (tiến độ ${task.progress}%)` : ''}.`;
}

function closingLine(r: ReportData): string {
  return `Trên đây là báo cáo kết quả thực hiện Kế hoạch triển khai mô hình “Chính quyền thân thiện” Quý ${r.roman} năm ${r.year} của ${r.center.name}./.`;
}

function appendixNote(r: ReportData): string {
  return `(Kèm theo Báo cáo số ${r.number.trim() || '…'} ngày ${formatVi(r.date)} của ${r.center.name})`;
}

const PDF_BODY = { size: 13.5, indent: mm(10), align: 'justify' as const, lineGap: 2.5 };
const PDF_SMALL = { size: 12.5, align: 'justify' as const, x: mm(10), lineGap: 1.5 };

/** National header, title, "Kính gửi" centred as one line, and the opening paragraph. */
function pdfOpening(doc: Doc, r: ReportData): Flow {
  const t = reportTitle(r);
  const y0 = nationalHeader(doc, {
    parentBody: r.center.parentBody,
    agency: r.center.name,
    place: r.center.place,
    date: r.date,
    number: r.number,
  });
  const f = new Flow(doc, y0 + 16);
  f.y = titleBlock(doc, { title: t.type, subtitle: t.abstract, y: f.y });
  f.gap(8);
  const b = f.body();
  const kw = textWidth(doc, 'Kính gửi: ', { size: 14 });
  const addressee = `Ủy ban nhân dân ${r.center.parentBody.replace(/^UBND\s+/iu, '')}`;
  const aw = Math.min(textWidth(doc, addressee, { size: 14, font: 'serif-bold' }) + 1, b.width * 0.8 - kw);
  const kx = b.left + (b.width - kw - aw) / 2;
  drawText(doc, 'Kính gửi: ', kx, f.y, kw + 1, { size: 14 });
  f.y += drawText(doc, addressee, kx + kw, f.y, aw, { size: 14, font: 'serif-bold' });
  f.gap(10);
  for (const p of intro(r)) {
    f.para(p, PDF_BODY);
    f.gap(4);
  }
  return f;
}

function pdfTask(f: Flow, r: ReportData, task: ReportTask, baseUrl: string | undefined): void {
  f.ensure(70);
  f.gap(3);
  f.para(`${task.number}. ${task.title}`, { font: 'serif-bold-italic', size: 13, align: 'justify', indent: mm(10) });
  const small = PDF_SMALL;
  f.para(`- Chủ trì: ${task.lead}. Phối hợp: ${task.coordinators}.`, small);
  f.para(`- Sản phẩm: ${task.product}. Thời gian thực hiện: ${task.timeframe}.`, small);
  f.para(taskStatusLine(task), { ...small, font: 'serif-bold' });
  f.para(
    `- Kết quả Quý ${r.roman}: ${task.note || 'Chưa có báo cáo kết quả trong Quý.'}`,
    task.note ? small : { ...small, font: 'serif-italic' },
  );
  if (!task.evidence.length) {
    f.para('- Minh chứng: chưa có.', { ...small, font: 'serif-italic' });
    return;
  }
  f.para('- Minh chứng:', small);
  for (const e of task.evidence) f.para(evidenceLine(e, baseUrl), { ...small, x: mm(16), size: 12, align: 'left' });
  const photos = task.evidence.filter(
    (e) => e.bytes && (e.contentType === 'image/png' || e.contentType === 'image/jpeg'),
  );
  if (photos.length) {
    f.gap(4);
    thumbnails(f, photos);
  }
}

function pdfTasks(f: Flow, r: ReportData, baseUrl: string | undefined): void {
  heading(f, 'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH');
  f.para(summaryLine(r), PDF_BODY);
  for (const s of r.sections) {
    heading(f, `${s.number}. ${s.title}`, 13.5);
    for (const task of s.tasks) pdfTask(f, r, task, baseUrl);
  }
}

function pdfKpis(f: Flow, r: ReportData): void {
  heading(f, `II. CÁC CHỈ SỐ CỦA QUÝ ${r.roman} NĂM ${r.year}`);
  f.ensure(120);
  const kpiTable = drawTable(f.doc, {
    y: f.y,
    fontSize: 12,
    headerFill: '#eeeeee',
    columns: [
      { header: 'STT', width: 1.5, align: 'center' },
      { header: 'Chỉ tiêu', width: 7.5 },
      { header: 'Kết quả', width: 4.2, align: 'center' },
      { header: 'Mục tiêu', width: 2.5, align: 'center' },
    ],
    rows: r.kpis.kpis.map((k, i) => ({ cells: [String(i + 1), k.label, k.value, k.target ?? ''] })),
  });
  f.y = kpiTable.y + 4;
  f.para('Nguồn số liệu: báo cáo thống kê hằng tháng của hệ thống (theo công thức của báo cáo tháng).', {
    size: 11,
    font: 'serif-italic',
    align: 'left',
  });
  f.gap(10);
  pdfChart(f, r);
}

function pdfSpending(f: Flow, r: ReportData): void {
  f.para(`Kinh phí đầu tư cơ sở vật chất từ đầu năm đến hết Quý ${r.roman}:`, { size: 12.5, align: 'left' });
  f.gap(2);
  f.ensure(60);
  const st = drawTable(f.doc, {
    y: f.y,
    fontSize: 11.5,
    headerFill: '#eeeeee',
    columns: [
      { header: 'Ngày', width: 2.2, align: 'center' },
      { header: 'Nội dung chi', width: 6 },
      { header: 'Số tiền', width: 3, align: 'right' },
      { header: 'Nguồn kinh phí', width: 4 },
    ],
    rows: [
      ...r.spending.map((s) => ({ cells: [formatVi(s.date), s.item, s.amountText, s.source] })),
      {
        cells: [
          '',
          [{ text: 'Tổng cộng', font: 'serif-bold' as const }],
          [{ text: r.spendingTotal, font: 'serif-bold' as const }],
          '',
        ],
      },
    ],
  });
  f.y = st.y + 6;
}

/** The facility photos as evidence thumbnails (codes CSVC-01, …). */
function facilityPhotos(r: ReportData): ReportEvidence[] {
  return r.facilities
    .filter((x) => x.photo)
    .map((x, i) => ({
      code: `CSVC-${String(i + 1).padStart(2, '0')}`,
      title: x.label,
      kind: 'file',
      kindLabel: 'Hình ảnh',
      url: null,
      contentType: x.photoType,
      bytes: x.photo,
      archiveName: null,
      sha256: null,
      addedAt: '',
    }));
}

function pdfFacilities(f: Flow, r: ReportData): void {
  heading(f, 'III. CƠ SỞ VẬT CHẤT VÀ KINH PHÍ (mục III.2.3 và V.2.6 của Kế hoạch)');
  f.ensure(100);
  const ft = drawTable(f.doc, {
    y: f.y,
    fontSize: 11.5,
    headerFill: '#eeeeee',
    columns: [
      { header: 'STT', width: 1.5, align: 'center' },
      { header: 'Hạng mục', width: 7 },
      { header: 'Tình trạng', width: 3, align: 'center' },
      { header: 'Ghi chú', width: 6 },
    ],
    rows: r.facilities.map((x, i) => ({ cells: [String(i + 1), x.label, x.status, x.note] })),
  });
  f.y = ft.y + 8;
  if (r.spending.length) pdfSpending(f, r);
  const photos = facilityPhotos(r);
  if (photos.length) {
    f.gap(4);
    thumbnails(f, photos);
  }
}

function pdfConclusion(f: Flow, r: ReportData): void {
  heading(f, 'IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ');
  for (const p of conclusion(r)) f.para(p, PDF_BODY);
  f.gap(4);
  f.para(closingLine(r), PDF_BODY);
  signatureBlock(f, r);
}

/** Appendix: the evidence list, on a page of its own. */
function pdfAppendix(f: Flow, r: ReportData, baseUrl: string | undefined): void {
  const all = r.sections.flatMap((s) => s.tasks.flatMap((t) => t.evidence.map((e) => ({ t, e }))));
  f.newPage();
  f.y = titleBlock(f.doc, {
    title: 'PHỤ LỤC',
    subtitle: `Danh mục tài liệu, hình ảnh minh chứng Quý ${r.roman} năm ${r.year}`,
    note: appendixNote(r),
    y: f.y,
  });
  f.gap(6);
  if (!all.length) {
    f.para('Chưa có minh chứng trong Quý.', { font: 'serif-italic', align: 'center' });
    return;
  }
  drawTable(f.doc, {
    y: f.y,
    fontSize: 11,
    headerFill: '#eeeeee',
    columns: [
      { header: 'Mã', width: 2, align: 'center' },
      { header: 'Nhiệm vụ', width: 2.2, align: 'center' },
      { header: 'Tên minh chứng', width: 7 },
      { header: 'Loại', width: 3 },
      { header: 'Tệp / đường dẫn', width: 6 },
    ],
    rows: all.map(({ t, e }) => ({ cells: [e.code, t.number, e.title, e.kindLabel, evidenceWhere(e, baseUrl)] })),
  });
}

export async function reportPdf(r: ReportData, baseUrl?: string): Promise<Buffer> {
  const t = reportTitle(r);
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: `${t.type} ${t.abstract}`,
    subject: `Báo cáo Quý ${r.roman}/${r.year} – ${r.center.name}`,
    keywords: ['Chính quyền thân thiện', 'báo cáo quý', r.center.slug],
  });
  const f = pdfOpening(doc, r);
  pdfTasks(f, r, baseUrl);
  pdfKpis(f, r);
  pdfFacilities(f, r);
  pdfConclusion(f, r);
  pdfAppendix(f, r, baseUrl);
  numberPages(doc);
  return pdfToBuffer(doc);
}

// ---- DOCX -----------------------------------------------------------------------------------

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const gridBorders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
const bodyPara = (
  text: string,
  o: { bold?: boolean; italics?: boolean; indent?: boolean; left?: number; size?: number } = {},
) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: o.indent === false ? 0 : 567, left: o.left ?? 0 },
    spacing: { after: 80, line: 300 },
    children: [run(text, { size: o.size ?? 13.5, bold: o.bold, italics: o.italics })],
  });
const headingPara = (text: string) =>
  new Paragraph({
    spacing: { before: 160, after: 80 },
    keepNext: true,
    children: [run(text, { size: 13.5, bold: true })],
  });

function gridTable(headers: string[], widths: number[], rows: string[][]): Table {
  const cell = (text: string, w: number, bold = false) =>
    new TableCell({
      width: { size: w, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [run(text, { size: 11.5, bold })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: gridBorders,
    rows: [
      new DocxRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i]!, true)) }),
      ...rows.map((r) => new DocxRow({ children: r.map((c, i) => cell(c, widths[i]!)) })),
    ],
  });
}

function imageRun(bytes: Buffer, type: string, maxW: number, maxH: number): ImageRun | null {
  const size = imageSize(bytes);
  if (!size || (type !== 'image/png' && type !== 'image/jpeg')) return null;
  const k = Math.min(maxW / size.width, maxH / size.height, 1);
  return new ImageRun({
    type: type === 'image/png' ? 'png' : 'jpg',
    data: bytes,
    transformation: {
      width: Math.max(1, Math.round(size.width * k)),
      height: Math.max(1, Math.round(size.height * k)),
    },
  });
}

function docxOpening(r: ReportData): (Paragraph | Table)[] {
  const t = reportTitle(r);
  return [
    nationalHeaderTable({
      parentBody: r.center.parentBody,
      name: r.center.name,
      number: r.number,
      place: r.center.place,
      date: r.date,
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [run(t.type, { size: 14, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [run(t.abstract, { size: 14, bold: true })],
    }),
    centred([run('\u2014\u2014\u2014\u2014\u2014', { size: 12 })], 200),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [
        run('Kính gửi: ', { size: 14 }),
        run(`Ủy ban nhân dân ${r.center.parentBody.replace(/^UBND\s+/iu, '')}`, { size: 14, bold: true }),
      ],
    }),
    ...intro(r).map((p) => bodyPara(p)),
  ];
}

const DOCX_SMALL = { indent: false, left: 567, size: 12.5 };

function docxEvidence(task: ReportTask, baseUrl: string | undefined): Paragraph[] {
  if (!task.evidence.length) return [bodyPara('- Minh chứng: chưa có.', { ...DOCX_SMALL, italics: true })];
  const out = [bodyPara('- Minh chứng:', DOCX_SMALL)];
  for (const e of task.evidence) out.push(bodyPara(evidenceLine(e, baseUrl), { indent: false, left: 907, size: 12 }));
  const imgs = task.evidence
    .map((e) => (e.bytes && e.contentType ? imageRun(e.bytes, e.contentType, 190, 140) : null))
    .filter((x): x is ImageRun => x !== null);
  if (imgs.length)
    out.push(
      new Paragraph({
        indent: { left: 567 },
        spacing: { after: 80 },
        children: imgs.flatMap((im, i) => (i ? [new TextRun({ text: '  ' }), im] : [im])),
      }),
    );
  return out;
}

function docxTask(r: ReportData, task: ReportTask, baseUrl: string | undefined): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 567 },
      keepNext: true,
      spacing: { before: 80, after: 40 },
      children: [run(`${task.number}. ${task.title}`, { size: 13, bold: true, italics: true })],
    }),
    bodyPara(`- Chủ trì: ${task.lead}. Phối hợp: ${task.coordinators}.`, DOCX_SMALL),
    bodyPara(`- Sản phẩm: ${task.product}. Thời gian thực hiện: ${task.timeframe}.`, DOCX_SMALL),
    bodyPara(taskStatusLine(task), { ...DOCX_SMALL, bold: true }),
    bodyPara(`- Kết quả Quý ${r.roman}: ${task.note || 'Chưa có báo cáo kết quả trong Quý.'}`, {
      ...DOCX_SMALL,
      italics: !task.note,
    }),
    ...docxEvidence(task, baseUrl),
  ];
}

function docxTasks(r: ReportData, baseUrl: string | undefined): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    headingPara('I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH'),
    bodyPara(summaryLine(r)),
  ];
  for (const s of r.sections) {
    out.push(headingPara(`${s.number}. ${s.title}`));
    for (const task of s.tasks) out.push(...docxTask(r, task, baseUrl));
  }
  return out;
}

function docxKpis(r: ReportData): (Paragraph | Table)[] {
  const chart = barChartPng(r.kpis.months.map((m) => ({ values: [m.received, m.resolved, m.onTime] })));
  return [
    headingPara(`II. CÁC CHỈ SỐ CỦA QUÝ ${r.roman} NĂM ${r.year}`),
    gridTable(
      ['STT', 'Chỉ tiêu', 'Kết quả', 'Mục tiêu'],
      [7, 53, 20, 20],
      r.kpis.kpis.map((k, i) => [String(i + 1), k.label, k.value, k.target ?? '']),
    ),
    bodyPara('Nguồn số liệu: báo cáo thống kê hằng tháng của hệ thống (theo công thức của báo cáo tháng).', {
      indent: false,
      italics: true,
      size: 11,
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      children: [new ImageRun({ type: 'png', data: chart, transformation: { width: 540, height: 216 } })],
    }),
    centred(
      [
        run(
          `Biểu đồ: số hồ sơ theo tháng (${r.kpis.months.map((m) => m.label).join(', ')}); cột: ${SERIES.map((s, i) => `${s} (${['xanh lam', 'xanh lục', 'cam'][i]})`).join(', ')}.`,
          { size: 11, italics: true },
        ),
      ],
      80,
    ),
    gridTable(
      ['Tháng', ...SERIES],
      [25, 25, 25, 25],
      r.kpis.months.map((m) => [m.label, String(m.received), String(m.resolved), String(m.onTime)]),
    ),
  ];
}

function docxFacilities(r: ReportData): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    headingPara('III. CƠ SỞ VẬT CHẤT VÀ KINH PHÍ (mục III.2.3 và V.2.6 của Kế hoạch)'),
    gridTable(
      ['STT', 'Hạng mục', 'Tình trạng', 'Ghi chú'],
      [7, 43, 17, 33],
      r.facilities.map((x, i) => [String(i + 1), x.label, x.status, x.note]),
    ),
  ];
  if (r.spending.length)
    out.push(
      bodyPara(`Kinh phí đầu tư cơ sở vật chất từ đầu năm đến hết Quý ${r.roman}:`, { indent: false, size: 12.5 }),
      gridTable(
        ['Ngày', 'Nội dung chi', 'Số tiền', 'Nguồn kinh phí'],
        [14, 40, 20, 26],
        [
          ...r.spending.map((s) => [formatVi(s.date), s.item, s.amountText, s.source]),
          ['', 'Tổng cộng', r.spendingTotal, ''],
        ],
      ),
    );
  return out;
}

function docxConclusion(r: ReportData): (Paragraph | Table)[] {
  return [
    headingPara('IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ'),
    ...conclusion(r).map((p) => bodyPara(p)),
    bodyPara(closingLine(r)),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    closingTable(r.recipients, signer(r)),
  ];
}

function docxAppendix(r: ReportData, baseUrl: string | undefined): (Paragraph | Table)[] {
  const all = r.sections.flatMap((s) => s.tasks.flatMap((tk) => tk.evidence.map((e) => ({ tk, e }))));
  return [
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      children: [run('PHỤ LỤC', { size: 14, bold: true })],
    }),
    centred([run(`Danh mục tài liệu, hình ảnh minh chứng Quý ${r.roman} năm ${r.year}`, { size: 14, bold: true })]),
    centred([run(appendixNote(r), { size: 12.5, italics: true })], 200),
    all.length
      ? gridTable(
          ['Mã', 'Nhiệm vụ', 'Tên minh chứng', 'Loại', 'Tệp / đường dẫn'],
          [10, 12, 36, 14, 28],
          all.map(({ tk, e }) => [e.code, tk.number, e.title, e.kindLabel, evidenceWhere(e, baseUrl)]),
        )
      : bodyPara('Chưa có minh chứng trong Quý.', { italics: true }),
  ];
}

export async function reportDocx(r: ReportData, baseUrl?: string): Promise<Buffer> {
  const t = reportTitle(r);
  const children = [
    ...docxOpening(r),
    ...docxTasks(r, baseUrl),
    ...docxKpis(r),
    ...docxFacilities(r),
    ...docxConclusion(r),
    ...docxAppendix(r, baseUrl),
  ];
  // Decree 30: page numbers centred in the top margin from the second page on.
  const doc = decree30Document({
    title: `${t.type} ${t.abstract}`,
    description: `Báo cáo Quý ${r.roman}/${r.year} – ${r.center.name}`,
    children,
    pageNumbers: true,
  });
  return Packer.toBuffer(doc);
}

// ---- Evidence archive -----------------------------------------------------------------------

function csvCell(v: string): string {
  return /[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** index.csv of the archive (UTF-8 with BOM so spreadsheet programs read the Vietnamese right). */
export function indexCsv(r: ReportData, baseUrl?: string): string {
  const rows = [
    [
      'ma',
      'nhiem_vu',
      'ten_nhiem_vu',
      'quy',
      'loai',
      'ten_minh_chung',
      'tep_trong_ho_so',
      'duong_dan',
      'sha256',
      'thoi_diem_them',
    ],
  ];
  for (const s of r.sections) {
    for (const t of s.tasks) {
      for (const e of t.evidence) {
        rows.push([
          e.code,
          t.number,
          t.title,
          `Q${r.quarter}/${r.year}`,
          e.kindLabel,
          e.title,
          e.archiveName ?? '',
          e.url ? (e.url.startsWith('/') && baseUrl ? `${baseUrl}${e.url}` : e.url) : '',
          e.sha256 ?? '',
          e.addedAt,
        ]);
      }
    }
  }
  return '\ufeff' + rows.map((x) => x.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The archive: report PDF and DOCX, every evidence file (pseudonymised names), index.csv. */
export async function evidenceZip(r: ReportData, baseUrl?: string): Promise<Buffer> {
  const [pdf, docx] = await Promise.all([reportPdf(r, baseUrl), reportDocx(r, baseUrl)]);
  const files: Record<string, Uint8Array> = {
    [`${r.fileBase}.pdf`]: pdf,
    [`${r.fileBase}.docx`]: docx,
    'index.csv': Buffer.from(indexCsv(r, baseUrl), 'utf8'),
  };
  for (const s of r.sections)
    for (const t of s.tasks) for (const e of t.evidence) if (e.bytes && e.archiveName) files[e.archiveName] = e.bytes;
  // mtime fixed to the report date so that the same data gives the same archive
  const mtime = new Date(`${r.date}T08:00:00+07:00`);
  return Buffer.from(
    zipSync(
      Object.fromEntries(
        Object.entries(files).map(([k, v]) => [
          k,
          [v, { mtime, level: k.endsWith('.png') || k.endsWith('.jpg') || k.endsWith('.docx') ? 0 : 6 }],
        ]),
      ),
    ),
  );
}
