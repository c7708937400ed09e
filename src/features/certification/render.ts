/**
 * The electronic certified copy as a PDF (heavy: pdfkit + pdf-lib; load with import()): the
 * original's pages (a PDF's own pages, or the scanned image fitted on A4), then the certification
 * statement (lời chứng) with the number in the book, the date, the fee and the certifying
 * officer's signature block, and — Decree 30/2020 Appendix I for signed copies — the seal image,
 * the organisation's name and the signing time (ISO 8601, +07:00) at the top right of page 1.
 */
import { PDFDict, PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { createPdf, drawText, mm, nationalHeader, pageBody, pdfToBuffer, upperVi } from '../../core/documents/pdf.ts';
import { SIGNATURE_BOX_KEY } from '../../core/documents/signing/box.ts';
import { bookVolume, isoVn, money } from './model.ts';

export type OriginalType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface CopyContent {
  organisation: string;
  place: string;
  number: number;
  year: number;
  /** YYYY-MM-DD, Vietnam date of the certification. */
  date: string;
  at: Date;
  documentTitle: string;
  requester: string;
  fee: number;
  certifierTitle: string;
  certifierName: string;
  original: { bytes: Buffer; contentType: OriginalType };
  seal: Buffer | null;
}

/** Pages of an original: a PDF's page count, 1 for an image. Throws on an unreadable PDF. */
export async function originalPages(bytes: Buffer, contentType: OriginalType): Promise<number> {
  if (contentType !== 'application/pdf') return 1;
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}

async function imagePage(bytes: Buffer): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: 'Bản chính',
    margins: { top: 28, bottom: 28, left: 28, right: 28 },
  });
  const b = pageBody(doc);
  doc.image(bytes, b.left, b.top, { fit: [b.width, b.height], align: 'center' });
  return pdfToBuffer(doc);
}

const f2 = (n: number) => n.toFixed(2);

async function statementPage(c: CopyContent, pages: number): Promise<{ pdf: Buffer; box: string }> {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 'Lời chứng' });
  const b = pageBody(doc);
  let y = nationalHeader(doc, { parentBody: '', agency: c.organisation, place: c.place, date: c.date });
  y += 24;
  y += drawText(doc, 'LỜI CHỨNG CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH', b.left, y, b.width, {
    font: 'serif-bold',
    size: 14,
    align: 'center',
  });
  y += 14;
  const body = { size: 14, lineGap: 4 } as const;
  y += drawText(doc, 'Chứng thực bản sao này đúng với bản chính.', b.left + mm(10), y, b.width - mm(10), body);
  y += 6;
  const lines: [string, string][] = [
    ['Giấy tờ, văn bản', c.documentTitle],
    ['Người yêu cầu chứng thực', c.requester],
    ['Số trang của bản sao', String(pages)],
    ['Số chứng thực', `${String(c.number)}, Quyển số ${bookVolume(c.year)}`],
    ['Phí chứng thực', money(c.fee)],
    ['Hình thức', 'Bản sao điện tử được chứng thực từ bản chính, ký số'],
  ];
  for (const [k, v] of lines)
    y += drawText(doc, `${k}: ${v}`, b.left + mm(10), y, b.width - mm(10), { size: 13, lineGap: 3 });
  y += 18;
  const x = b.left + b.width * 0.4;
  const w = b.width * 0.6;
  const ts = { font: 'serif-bold', size: 13, align: 'center' } as const;
  y += drawText(doc, 'NGƯỜI THỰC HIỆN CHỨNG THỰC', x, y, w, ts);
  y += drawText(doc, upperVi(c.certifierTitle), x, y, w, ts);
  const box = `${f2(x)} ${f2(y)} ${f2(w)} 80.00`;
  y += 80;
  drawText(doc, c.certifierName, x, y, w, ts);
  return { pdf: await pdfToBuffer(doc), box };
}

/** The seal (smaller), the organisation's name and the signing time, for the top right of page 1. */
async function copyMark(c: CopyContent): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: 'mark',
    margins: { top: 0, left: 0, right: 0, bottom: 0 },
  });
  const sealSize = mm(18);
  if (c.seal) doc.image(c.seal, 0, 0, { width: sealSize, height: sealSize });
  const tx = c.seal ? sealSize + 4 : 0;
  const tw = mm(70) - tx;
  let y = 6;
  y += drawText(doc, 'BẢN SAO ĐIỆN TỬ', tx, y, tw, { font: 'serif-bold', size: 8, color: '#c00000' });
  y += drawText(doc, c.organisation, tx, y, tw, { size: 8, color: '#c00000' });
  drawText(doc, isoVn(c.at), tx, y, tw, { size: 8, color: '#c00000' });
  return pdfToBuffer(doc);
}

export async function certifiedCopyPdf(c: CopyContent): Promise<{ pdf: Buffer; pages: number }> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const original = await PDFDocument.load(
    c.original.contentType === 'application/pdf' ? c.original.bytes : await imagePage(c.original.bytes),
    { updateMetadata: false },
  );
  const pages = original.getPageCount();
  for (const p of await out.copyPages(original, original.getPageIndices())) out.addPage(p);
  const st = await statementPage(c, pages);
  const stDoc = await PDFDocument.load(st.pdf, { updateMetadata: false });
  for (const p of await out.copyPages(stDoc, stDoc.getPageIndices())) out.addPage(p);

  // the mark at the top right of the first page (pdfkit draws it; pdf-lib places it as a Form XObject)
  const markDoc = await PDFDocument.load(await copyMark(c), { updateMetadata: false });
  const markPage = markDoc.getPage(0);
  const markH = mm(20);
  const mark = await out.embedPage(markPage, {
    left: 0,
    bottom: markPage.getHeight() - markH,
    right: mm(72),
    top: markPage.getHeight(),
  });
  const first = out.getPage(0);
  first.drawPage(mark, { x: first.getWidth() - mm(72) - mm(8), y: first.getHeight() - markH - mm(6) });

  out.setTitle(`Bản sao điện tử – ${c.documentTitle} – số ${String(c.number)}/${String(c.year)}`, {
    showInWindowTitleBar: true,
  });
  out.setAuthor(c.organisation);
  out.setCreator('Một Cửa Thân Thiện');
  out.setProducer('Một Cửa Thân Thiện (pdfkit, pdf-lib)');
  out.setLanguage('vi-VN');
  const infoRef = out.context.trailerInfo.Info;
  const info = infoRef ? out.context.lookup(infoRef) : undefined;
  if (info instanceof PDFDict) info.set(PDFName.of(SIGNATURE_BOX_KEY), PDFString.of(`${String(pages)} ${st.box}`));
  return { pdf: Buffer.from(await out.save({ useObjectStreams: false })), pages };
}
