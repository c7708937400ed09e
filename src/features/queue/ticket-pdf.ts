/**
 * The queue ticket as a PDF for an 80 mm receipt printer (width 80 mm, content 74 mm), Tinos
 * embedded, QR code as vectors. Heavy (pdfkit): load this module with a dynamic import().
 */
import PDFDocument from 'pdfkit';
import {
  FONT_NAMES,
  clean,
  drawQr,
  drawText,
  fontFile,
  mm,
  pdfToBuffer,
  textHeight,
  upperVi,
  PRODUCT_NAME,
} from '../../core/documents/pdf.ts';
import { formatInstantVi } from '../../core/calendar/index.ts';
import { translator, type Lang } from '../../core/http/i18n.ts';
import { queueMessages } from './messages.ts';
import { PRIORITY_LABELS } from './model.ts';
import type { TicketView } from './service.ts';

export const TICKET_WIDTH_MM = 80;

export async function ticketPdf(o: {
  lang: Lang;
  centerName: string;
  ticket: TicketView;
  ahead: number;
  estimateMinutes: number;
  phoneUrl: string;
}): Promise<Buffer> {
  const t = translator(queueMessages, o.lang);
  const k = o.ticket;
  const margin = mm(3);
  const width = mm(TICKET_WIDTH_MM) - 2 * margin;
  const lines: { text: string; size: number; font: 'serif' | 'serif-bold'; gap: number }[] = [
    { text: upperVi(o.centerName), size: 9, font: 'serif-bold', gap: 0 },
    { text: t('ticketHeading'), size: 11, font: 'serif-bold', gap: 6 },
    { text: k.code, size: 46, font: 'serif-bold', gap: 0 },
    { text: o.lang === 'vi' ? k.groupName : k.groupNameEn, size: 14, font: 'serif-bold', gap: 0 },
    ...(k.priorityReason
      ? [
          {
            text: t('ticketPriority', { reason: PRIORITY_LABELS[k.priorityReason][o.lang] }),
            size: 11,
            font: 'serif-bold' as const,
            gap: 3,
          },
        ]
      : []),
    { text: o.ahead > 0 ? t('ticketAhead', { n: o.ahead }) : t('ticketAheadNone'), size: 11, font: 'serif', gap: 4 },
    ...(o.ahead > 0
      ? [{ text: t('ticketEstimate', { n: o.estimateMinutes }), size: 11, font: 'serif' as const, gap: 0 }]
      : []),
    { text: t('ticketIssued', { at: formatInstantVi(new Date(k.issuedAt)) }), size: 10, font: 'serif', gap: 2 },
  ];
  const qr = mm(30);
  const after = [
    { text: t('ticketQr'), size: 9, font: 'serif' as const, gap: 2 },
    { text: o.phoneUrl, size: 7, font: 'serif' as const, gap: 1 },
    { text: t('ticketNote'), size: 8.5, font: 'serif' as const, gap: 4 },
  ];
  // Measure first: the page is exactly as long as the ticket.
  const probe = new PDFDocument({ size: [mm(TICKET_WIDTH_MM), mm(200)], margin, font: fontFile('serif') });
  for (const n of FONT_NAMES) probe.registerFont(n, fontFile(n));
  const h = (l: { text: string; size: number; font: 'serif' | 'serif-bold'; gap: number }) =>
    l.gap + textHeight(probe, l.text, width, { size: l.size, font: l.font, align: 'center' });
  const height = margin * 2 + lines.reduce((s, l) => s + h(l), 0) + 6 + qr + after.reduce((s, l) => s + h(l), 0);

  const doc = new PDFDocument({
    size: [mm(TICKET_WIDTH_MM), height],
    margin,
    font: fontFile('serif'),
    pdfVersion: '1.7',
    lang: o.lang === 'vi' ? 'vi-VN' : 'en',
    info: { Title: clean(`${k.code} — ${o.centerName}`), Author: PRODUCT_NAME, Creator: PRODUCT_NAME },
  });
  for (const n of FONT_NAMES) doc.registerFont(n, fontFile(n));
  let y = margin;
  for (const l of lines) {
    y += l.gap;
    y += drawText(doc, l.text, margin, y, width, { size: l.size, font: l.font, align: 'center' });
  }
  y += 6;
  drawQr(doc, o.phoneUrl, (mm(TICKET_WIDTH_MM) - qr) / 2, y, qr);
  y += qr;
  for (const l of after) {
    y += l.gap;
    y += drawText(doc, l.text, margin, y, width, { size: l.size, font: l.font, align: 'center' });
  }
  return pdfToBuffer(doc);
}
