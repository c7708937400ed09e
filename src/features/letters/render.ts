/**
 * Courtesy letters on paper: a Decree 30/2020 "thư công" (national header with number and
 * place-date line, title, "Kính gửi", justified body, "Nơi nhận" and the signature block) as PDF
 * (A4, Tinos ≈ Times New Roman) and as DOCX (Times New Roman) with the same content. Pure
 * renderers: content in, bytes out. Heavy (pdfkit, docx): load with `import()` from routes.
 */
import { AlignmentType, Packer, Paragraph } from 'docx';
import { closingTable, decree30Document, nationalHeaderTable, run } from '../../core/documents/docx.ts';
import { markSignatureBox } from '../../core/documents/signing/box.ts';
import type { Center } from '../../core/db/schema.ts';
import {
  clean,
  createPdf,
  drawText,
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
  type TextStyle,
} from '../../core/documents/pdf.ts';
import type { LetterContent } from './model.ts';

const BODY: TextStyle = { size: 14, align: 'justify', lineGap: 3 };
const INDENT = mm(10);

/** Draws one letter from the top of the current page; returns nothing (pages added as needed). */
function drawLetter(doc: Doc, center: Center, c: LetterContent, draft: boolean): void {
  const b = pageBody(doc);
  if (draft)
    drawText(doc, 'BẢN XEM TRƯỚC – số và ngày của thư được cấp khi in', b.left, Math.max(6, b.top - 30), b.width, {
      font: 'serif-italic',
      size: 10,
      color: '#777777',
      align: 'center',
    });
  let y = nationalHeader(doc, {
    parentBody: center.parent_body,
    agency: center.name,
    place: c.place,
    date: c.date,
    number: c.number,
  });
  y += 22;
  y = titleBlock(doc, { title: c.title, y, rule: true }) + 10;

  // "Kính gửi: <addressee>" centred; the addressee in bold, wrapped when long.
  const ks: TextStyle = { size: 14 };
  const kw = textWidth(doc, 'Kính gửi: ', ks);
  const aw = Math.min(textWidth(doc, c.addressee, { ...ks, font: 'serif-bold' }) + 1, b.width * 0.85 - kw);
  const kx = b.left + (b.width - kw - aw) / 2;
  drawText(doc, 'Kính gửi: ', kx, y, kw + 1, ks);
  y += drawText(doc, c.addressee, kx + kw, y, aw, {
    ...ks,
    font: 'serif-bold',
    align: aw < b.width * 0.85 - kw ? 'left' : 'center',
  });
  y += 14;

  const ensure = (h: number) => {
    if (y + h > pageBody(doc).bottom && y > pageBody(doc).top + 1) {
      doc.addPage();
      y = pageBody(doc).top;
    }
  };
  for (const p of c.paragraphs) {
    doc.font('serif').fontSize(BODY.size!);
    const h = doc.heightOfString(clean(p), { width: b.width, lineGap: BODY.lineGap, align: 'justify', indent: INDENT });
    ensure(Math.min(h, doc.currentLineHeight(true) * 2 + 6));
    doc
      .fillColor('black')
      .text(clean(p), b.left, y, { width: b.width, lineGap: BODY.lineGap, align: 'justify', indent: INDENT });
    y = doc.y + 7;
  }
  y += 8;

  // Nơi nhận (left) and the signature (right), kept together on one page.
  const leftW = b.width * 0.42;
  const rs: TextStyle = { size: 11 };
  const recH =
    textHeight(doc, 'Nơi nhận:', leftW, { font: 'serif-bold-italic', size: 12 }) +
    c.recipients.reduce((hh, r) => hh + textHeight(doc, r, leftW, rs), 0);
  const signX = b.left + leftW;
  const signW = b.width - leftW;
  const ts: TextStyle = { font: 'serif-bold', size: 14, align: 'center' };
  const space = 72;
  const sigH =
    [...c.signer.lines, c.signer.title].reduce((hh, l) => hh + textHeight(doc, l, signW, ts), 0) +
    space +
    textHeight(doc, c.signer.name || 'A', signW, ts);
  ensure(Math.max(recH, sigH));
  let ly = y;
  if (c.recipients.length) {
    ly += drawText(doc, 'Nơi nhận:', b.left, ly, leftW, { font: 'serif-bold-italic', size: 12 });
    for (const r of c.recipients) ly += drawText(doc, r, b.left, ly, leftW, rs);
  }
  let ry = y;
  for (const l of c.signer.lines) ry += drawText(doc, l, signX, ry, signW, ts);
  ry += drawText(doc, c.signer.title, signX, ry, signW, ts);
  markSignatureBox(doc, { x: signX, y: ry, width: signW, height: space });
  ry += space;
  if (c.signer.name) drawText(doc, c.signer.name, signX, ry, signW, ts);
  doc.x = b.left;
}

/** One or several letters in one PDF, each starting on a new page with its own page numbering. */
export async function lettersPdf(
  center: Center,
  letters: readonly { content: LetterContent; draft: boolean }[],
  title: string,
): Promise<Buffer> {
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title,
    subject: 'Thư công (Nghị định 30/2020/NĐ-CP)',
    keywords: ['thư chúc mừng', 'thư chia buồn'],
  });
  const starts: number[] = [];
  letters.forEach((l, i) => {
    if (i > 0) doc.addPage();
    starts.push(doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
    drawLetter(doc, center, l.content, l.draft);
  });
  if (!letters.length)
    drawText(doc, 'Không có thư nào để in.', pageBody(doc).left, pageBody(doc).top, pageBody(doc).width, {
      size: 14,
      align: 'center',
    });
  numberPages(doc, { restartAt: starts });
  return pdfToBuffer(doc);
}

/** The same letter as a Word document (Times New Roman, A4, Decree 30 margins). */
export async function letterDocx(center: Center, c: LetterContent, title: string): Promise<Buffer> {
  const body: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480, after: 240 },
      children: [run(upperVi(c.title), { size: 15, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run('Kính gửi: ', { size: 14 }), run(c.addressee, { size: 14, bold: true })],
    }),
    ...c.paragraphs.map(
      (p) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 567 },
          spacing: { after: 140, line: 312 },
          children: [run(p, { size: 14 })],
        }),
    ),
  ];
  const doc = decree30Document({
    title,
    description: 'Thư công (Nghị định 30/2020/NĐ-CP)',
    children: [
      nationalHeaderTable({
        parentBody: center.parent_body,
        name: center.name,
        number: c.number,
        place: c.place,
        date: c.date,
      }),
      ...body,
      new Paragraph({ spacing: { after: 200 }, children: [] }),
      closingTable(c.recipients, c.signer, { widths: [42, 58], gap: 1500 }),
    ],
  });
  return Packer.toBuffer(doc);
}
