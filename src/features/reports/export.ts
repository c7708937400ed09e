/**
 * Heavy renderers of the report documents (load with dynamic import()): XLSX with exceljs (one
 * sheet per table, rates as real percentages) and PDF with pdfkit (Decree 30 header, tables
 * across pages, charts drawn as vectors from the same geometry as the page SVG).
 */
import ExcelJS from 'exceljs';
import {
  PRODUCT_NAME,
  createPdf,
  drawTable,
  drawText,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  primeFontCache,
  titleBlock,
  type Doc,
  type TableRow,
} from '../../core/documents/pdf.ts';
import { placeOf } from '../boards/index.ts';
import { drawChartPdf, type PdfLike } from './chart.ts';
import { cellText, type ReportDoc } from './documents.ts';

export async function reportXlsx(d: ReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT_NAME;
  wb.title = `${d.title} – ${d.subtitle}`;
  wb.company = d.agency;
  const used = new Set<string>();
  for (const t of d.tables) {
    let name = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    while (used.has(name)) name = `${name.slice(0, 28)} ${used.size}`;
    used.add(name);
    const ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 4 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '4:4',
      },
    });
    ws.getCell('A1').value = d.agency;
    ws.getCell('A1').font = { name: 'Times New Roman', bold: true, size: 12 };
    ws.getCell('A2').value = `${d.title} – ${d.subtitle}`;
    ws.getCell('A2').font = { name: 'Times New Roman', bold: true, size: 13 };
    ws.getCell('A3').value = d.intro.join(' ');
    ws.getCell('A3').font = { name: 'Times New Roman', italic: true, size: 11 };
    ws.columns = t.columns.map((c) => ({ width: Math.max(6, Math.round(c.width * 1.1)) }));
    const head = ws.getRow(4);
    head.values = t.columns.map((c) => c.header);
    head.font = { name: 'Times New Roman', bold: true, size: 11 };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    head.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
    for (const r of t.rows) {
      const row = ws.addRow(r.map((c) => (typeof c === 'object' ? c.rate : c)));
      row.font = { name: 'Times New Roman', size: 11 };
      row.alignment = { vertical: 'top', wrapText: true };
      r.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (typeof c === 'object') cell.numFmt = '0.0%';
        if (t.columns[i]?.align === 'center')
          cell.alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
      });
      if (typeof r[0] === 'string' && r[0].startsWith('§ ')) {
        row.getCell(1).value = r[0].slice(2);
        row.font = { name: 'Times New Roman', size: 11, bold: true };
      }
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

export async function reportPdf(d: ReportDoc): Promise<Buffer> {
  const doc: Doc = primeFontCache(
    createPdf({
      size: 'A4',
      layout: 'landscape',
      title: `${d.title} – ${d.subtitle}`,
      subject: d.title,
      keywords: ['báo cáo', 'QĐ 766'],
    }),
  );
  let y = nationalHeader(doc, {
    parentBody: d.parentBody,
    agency: d.agency,
    place: d.center
      ? placeOf({ parentBody: d.center.parent_body, name: d.center.name, province: d.center.province })
      : (d.place ?? ''),
    date: d.date,
  });
  y = titleBlock(doc, { title: d.title, subtitle: d.subtitle, y: y + 8 });
  const b = pageBody(doc);
  for (const line of d.intro)
    y += 2 + drawText(doc, line, b.left, y + 2, b.width, { font: 'serif-italic', size: 11, align: 'center' });
  for (const t of d.tables) {
    if (y > b.bottom - 80) {
      doc.addPage();
      y = pageBody(doc).top;
    }
    y += 8 + drawText(doc, t.title.toUpperCase(), b.left, y + 8, b.width, { font: 'serif-bold', size: 12 });
    const rows: TableRow[] = t.rows.map((r) =>
      typeof r[0] === 'string' && r[0].startsWith('§ ')
        ? { span: [{ text: r[0].slice(2), font: 'serif-bold' as const }], fill: '#f0f0f0' }
        : { cells: r.map(cellText) },
    );
    const res = drawTable(doc, {
      columns: t.columns.map((c) => ({ header: c.header, width: c.width, align: c.align ?? 'left' })),
      rows,
      fontSize: 9.5,
      headerFontSize: 9.5,
      padding: 3,
      y: y + 4,
    });
    y = res.y;
  }
  for (const c of d.charts) {
    const w = Math.min(b.width, 560);
    const h = (c.height * w) / c.width;
    if (y + h + 12 > pageBody(doc).bottom) {
      doc.addPage();
      y = pageBody(doc).top;
    }
    y = drawChartPdf(doc, c, b.left + (b.width - w) / 2, y + 12, w);
  }
  if (d.sign) {
    const bb = pageBody(doc);
    if (y + 130 > bb.bottom) {
      doc.addPage();
      y = pageBody(doc).top;
    }
    const half = bb.width / 2;
    let ly = y + 16;
    ly += drawText(doc, 'Nơi nhận:', bb.left, ly, half, { font: 'serif-bold-italic', size: 12 });
    for (const r of d.sign.recipients) ly += drawText(doc, `- ${r}`, bb.left, ly, half, { size: 11 });
    let ry = y + 16;
    ry += drawText(doc, d.sign.title, bb.left + half, ry, half, { font: 'serif-bold', size: 13, align: 'center' });
    ry += drawText(doc, '(Ký, ghi rõ họ tên)', bb.left + half, ry, half, {
      font: 'serif-italic',
      size: 12,
      align: 'center',
    });
    if (d.sign.name)
      ry +=
        60 +
        drawText(doc, d.sign.name, bb.left + half, ry + 60, half, { font: 'serif-bold', size: 13, align: 'center' });
    y = Math.max(ly, ry + (d.sign.name ? 0 : 60));
  }
  numberPages(doc);
  return pdfToBuffer(doc);
}
