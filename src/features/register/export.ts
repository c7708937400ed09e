/** The register as an XLSX workbook (heavy: exceljs; load with dynamic import()). */
import ExcelJS from 'exceljs';
import { formatVi } from '../../core/calendar/index.ts';
import { DIRECTION_VI, DOC_STATUS_VI, type DocView } from './service.ts';

export async function registerXlsx(centerName: string, docs: DocView[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Một Cửa Thân Thiện';
  for (const dir of ['in', 'out'] as const) {
    const ws = wb.addWorksheet(dir === 'in' ? 'Cong van den' : 'Cong van di', {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.addRow([centerName.toLocaleUpperCase('vi')]).font = { bold: true };
    ws.addRow([`SỔ ${DIRECTION_VI[dir].toLocaleUpperCase('vi')} – ${title}`]).font = { bold: true, size: 13 };
    ws.addRow([]);
    const header = ws.addRow([
      'Số đến/đi',
      'Năm',
      'Ngày văn bản',
      'Số, ký hiệu',
      dir === 'in' ? 'Nơi gửi' : 'Nơi nhận',
      'Trích yếu',
      'Người xử lý',
      'Hạn xử lý',
      'Trạng thái',
      'Tệp',
    ]);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    for (const d of docs.filter((x) => x.direction === dir).sort((a, b) => a.year - b.year || a.number - b.number)) {
      const r = ws.addRow([
        d.number,
        d.year,
        formatVi(d.date),
        d.symbol,
        d.party,
        d.abstract,
        d.assignee,
        d.deadline ? formatVi(d.deadline) : '',
        DOC_STATUS_VI[d.status],
        d.file ? d.file.name : '',
      ]);
      r.eachCell((c) => {
        c.border = {
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        };
        c.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    [10, 7, 12, 16, 28, 50, 20, 12, 12, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
