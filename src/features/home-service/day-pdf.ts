/**
 * The officer's day list as a printable A4 landscape PDF (Decree 30 header, one row per visit with
 * a box for the citizen's signature, page numbers). Pure renderer: data in, bytes out. Loaded with
 * a dynamic import from the routes (pdfkit stays out of the idle server).
 */
import {
  createPdf,
  drawTable,
  drawText,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  titleBlock,
  type TableRow,
} from '../../core/documents/pdf.ts';
import { formatVi } from '../../core/calendar/index.ts';
import type { Center } from '../../core/db/schema.ts';
import { NEED_LABELS, RELATIONSHIP_LABELS, VISIT_STATUS_LABELS, isPendingVisit, showsRequester } from './model.ts';
import type { VisitView } from './service.ts';

export interface DayListInput {
  center: Pick<Center, 'name' | 'parent_body' | 'short_name'>;
  date: string;
  today: string;
  officer: { id: number; name: string } | null;
  visits: VisitView[];
}

function placeOf(c: DayListInput['center']): string {
  const m = /(?:xã|phường|thị trấn)\s+(.+)$/i.exec(c.parent_body);
  return m ? m[1]!.trim() : c.short_name;
}

/** One row per visit: time and code, the person (and who asked), address, tasks, officer, outcome, a box to sign. */
function visitRows(i: DayListInput): TableRow[] {
  const rows: TableRow[] = i.visits.map((v, n) => ({
    cells: [
      String(n + 1),
      [
        { text: v.time, font: 'serif-bold' },
        { text: v.requestCode, size: 9 },
      ],
      [
        { text: v.personName, font: 'serif-bold' },
        { text: `ĐT: ${v.phone}` },
        ...(showsRequester(v)
          ? [{ text: `Người gửi: ${v.requesterName} (${RELATIONSHIP_LABELS[v.relationship].vi})`, size: 9 }]
          : []),
      ],
      v.address,
      [
        { text: v.tasks.map((x) => NEED_LABELS[x].vi).join('; ') },
        ...(v.dossierCode ? [{ text: `Hồ sơ: ${v.dossierCode}`, size: 9 }] : []),
        ...(v.notes ? [{ text: v.notes, size: 9, font: 'serif-italic' as const }] : []),
      ],
      ...(i.officer ? [] : [v.officer.name]),
      isPendingVisit(v) ? '' : VISIT_STATUS_LABELS[v.status].vi,
      '',
    ],
  }));
  if (!rows.length) rows.push({ span: 'Không có chuyến nào trong ngày.' });
  return rows;
}

/** The note on recording results and the officer's signature block, on a new page when needed. */
function drawFooter(doc: ReturnType<typeof createPdf>, i: DayListInput, y: number): void {
  const b = pageBody(doc);
  let y2 = y + 14;
  if (y2 + 60 > b.bottom) {
    doc.addPage();
    y2 = b.top;
  }
  drawText(
    doc,
    'Ghi kết quả: đã làm xong / không có nhà / hoãn / hủy. Nhập kết quả vào hệ thống trong ngày.',
    b.left,
    y2,
    b.width * 0.6,
    { size: 10, font: 'serif-italic' },
  );
  const right = { x: b.left + b.width * 0.65, w: b.width * 0.35 };
  drawText(doc, 'CÁN BỘ THỰC HIỆN', right.x, y2, right.w, { font: 'serif-bold', size: 12, align: 'center' });
  drawText(doc, '(Ký, ghi rõ họ tên)', right.x, y2 + 16, right.w, { font: 'serif-italic', size: 11, align: 'center' });
  if (i.officer)
    drawText(doc, i.officer.name, right.x, y2 + 70, right.w, { font: 'serif-bold', size: 12, align: 'center' });
}

export async function dayListPdf(i: DayListInput): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    layout: 'landscape',
    title: `Lịch phục vụ tại nhà ngày ${formatVi(i.date)}`,
    margins: { top: 42, bottom: 42, left: 56, right: 42 },
  });
  let y = nationalHeader(doc, {
    parentBody: i.center.parent_body,
    agency: i.center.name,
    place: placeOf(i.center),
    date: i.today,
  });
  y = titleBlock(doc, {
    title: 'Lịch phục vụ tại nhà',
    subtitle: `Ngày ${formatVi(i.date)}${i.officer ? ` — Cán bộ: ${i.officer.name}` : ' — Tất cả cán bộ'}`,
    y: y + 12,
  });
  const rows = visitRows(i);
  const columns = [
    { header: 'TT', width: 3, align: 'center' as const },
    { header: 'Giờ', width: 9 },
    { header: 'Người cần hỗ trợ', width: 18 },
    { header: 'Địa chỉ', width: 20 },
    { header: 'Việc cần làm', width: 18 },
    ...(i.officer ? [] : [{ header: 'Cán bộ', width: 11 }]),
    { header: 'Kết quả', width: 9 },
    { header: 'Người dân ký, ghi rõ họ tên', width: 15 },
  ];
  const t = drawTable(doc, { columns, rows, fontSize: 10.5, headerFontSize: 10, y: y + 6 });
  drawFooter(doc, i, t.y);
  numberPages(doc);
  return pdfToBuffer(doc);
}
