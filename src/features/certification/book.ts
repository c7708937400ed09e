/** The certification book (sổ chứng thực bản sao điện tử) as PDF and XLSX (heavy: load with import()). */
import ExcelJS from 'exceljs';
import { formatVi } from '../../core/calendar/index.ts';
import {
  createPdf,
  drawTable,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  type TableRow,
} from '../../core/documents/pdf.ts';
import { bookVolume, money } from './model.ts';
import type { CopyView } from './service.ts';

const STATUS_VI: Record<CopyView['status'], string> = {
  signed: 'Đã ký số',
  pending: 'Chờ ký',
  rejected: 'Người ký từ chối',
  expired: 'Hết hạn ký',
  failed: 'Lỗi ký',
  none: '—',
};

const HEAD = [
  'Số chứng thực',
  'Ngày',
  'Người yêu cầu',
  'Giấy tờ, văn bản',
  'Số trang',
  'Phí',
  'Người thực hiện',
  'Mã hồ sơ',
  'Ký số',
];

function row(c: CopyView): string[] {
  return [
    String(c.number),
    formatVi(c.certifiedOn),
    c.requester,
    c.documentTitle,
    String(c.pages),
    money(c.fee),
    `${c.certifierName} (${c.certifierTitle})`,
    c.dossierCode ?? '',
    STATUS_VI[c.status],
  ];
}

export async function bookXlsx(organisation: string, year: number, copies: CopyView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa Thân Thiện';
  const ws = wb.addWorksheet(`So chung thuc ${String(year)}`, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([organisation.toLocaleUpperCase('vi')]).font = { bold: true };
  ws.addRow([`SỔ CHỨNG THỰC BẢN SAO ĐIỆN TỬ TỪ BẢN CHÍNH – Quyển số ${bookVolume(year)}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([]);
  const header = ws.addRow(HEAD);
  header.font = { bold: true };
  for (const c of copies)
    ws.addRow([
      c.number,
      formatVi(c.certifiedOn),
      c.requester,
      c.documentTitle,
      c.pages,
      c.fee,
      `${c.certifierName} (${c.certifierTitle})`,
      c.dossierCode ?? '',
      STATUS_VI[c.status],
    ]);
  [12, 12, 26, 40, 9, 12, 32, 22, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(6).numFmt = '#,##0" đ"';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function bookPdf(
  organisation: string,
  place: string,
  today: string,
  year: number,
  copies: CopyView[],
): Promise<Buffer> {
  const doc = createPdf({ size: 'A4', layout: 'landscape', title: `Sổ chứng thực bản sao điện tử ${String(year)}` });
  let y = nationalHeader(doc, { parentBody: '', agency: organisation, place, date: today });
  const b = pageBody(doc);
  y += 12;
  doc
    .font('serif-bold')
    .fontSize(14)
    .text(`SỔ CHỨNG THỰC BẢN SAO ĐIỆN TỬ TỪ BẢN CHÍNH`, b.left, y, { width: b.width, align: 'center' });
  y = doc.y + 2;
  doc
    .font('serif-italic')
    .fontSize(12)
    .text(`Quyển số ${bookVolume(year)} – năm ${String(year)}`, b.left, y, { width: b.width, align: 'center' });
  y = doc.y + 10;
  const rows: TableRow[] = copies.map((c) => ({ cells: row(c) }));
  drawTable(doc, {
    y,
    columns: [
      { header: 'Số', width: 0.07, align: 'center' },
      { header: 'Ngày', width: 0.09, align: 'center' },
      { header: 'Người yêu cầu', width: 0.14 },
      { header: 'Giấy tờ, văn bản', width: 0.2 },
      { header: 'Số trang', width: 0.06, align: 'center' },
      { header: 'Phí', width: 0.08, align: 'right' },
      { header: 'Người thực hiện', width: 0.17 },
      { header: 'Mã hồ sơ', width: 0.11 },
      { header: 'Ký số', width: 0.08 },
    ],
    rows: rows.length ? rows : [{ span: 'Chưa có bản sao nào trong năm.' }],
    fontSize: 10,
  });
  numberPages(doc);
  return pdfToBuffer(doc);
}
