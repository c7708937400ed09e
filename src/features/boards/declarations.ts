/**
 * Declaration forms (tờ khai, phiếu yêu cầu) the citizen fills in, as A4 PDFs (issue 12):
 * blank from the public site (`/<centre>/in/<form>.pdf`, linked from the catalogue's components),
 * or pre-filled from a dossier at the desk with what the desk knows (the applicant's name, ID
 * number, address and phone; the receiving centre; the dossier code) — the rest is left as dotted
 * lines for the citizen's hand and signature.
 *
 * The layout follows the forms issued with Circular 04/2020/TT-BTP (civil status) and Circular
 * 01/2020/TT-BTP (certification request, Mẫu số 01/PYC) as the project knows them [verify the
 * wording against the official text before a centre adopts them for filing]. Pure: data in, PDF out.
 */
import type { PublicCenter } from '../centers/index.ts';
import { createPdf, drawText, hline, pageBody, pdfToBuffer, textWidth, type Doc } from '../../core/documents/pdf.ts';

import { DECLARATIONS } from './declaration-specs.ts';

export { DECLARATIONS, declarationFor } from './declaration-specs.ts';

export interface DeclarationInput {
  center: PublicCenter;
  /** A file name of DECLARATIONS. */
  form: string;
  /** Known at the desk; absent for the blank form. */
  applicant?: { fullName: string; idNumber: string; address: string; phone: string } | null;
  dossierCode?: string | null;
}

const FS = 13;

/** "Label: value" with the value in bold, or the label followed by a dotted line to the margin. */
function field(doc: Doc, label: string, value: string, y: number): number {
  const b = pageBody(doc);
  const text = `${label}: `;
  if (value) {
    return drawText(doc, `${text}${value}`, b.left, y, b.width, { size: FS }) + 4;
  }
  const h = drawText(doc, text, b.left, y, b.width, { size: FS });
  const x = b.left + Math.min(textWidth(doc, text, { size: FS }), b.width - 40);
  dots(doc, x, b.right, y + FS);
  return h + 6;
}

function dots(doc: Doc, x1: number, x2: number, y: number): void {
  doc.save().lineWidth(0.6).dash(0.6, { space: 2.4 }).moveTo(x1, y).lineTo(x2, y).stroke('#555555').undash().restore();
}

/** Renders a declaration form, blank or pre-filled. Throws on an unknown form name. */
export async function declarationPdf(input: DeclarationInput): Promise<Buffer> {
  const spec = DECLARATIONS.get(input.form);
  if (!spec) throw new Error(`unknown declaration form ${input.form}`);
  const doc = createPdf({
    size: 'A4',
    layout: 'portrait',
    title: `${spec.title} – ${input.center.name}`,
    subject: spec.title,
  });
  const b = pageBody(doc);
  let y = b.top;
  const center = (text: string, font: 'serif' | 'serif-bold' | 'serif-italic', size: number) => {
    y += drawText(doc, text, b.left, y, b.width, { font, size, align: 'center' });
  };
  center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'serif-bold', 13);
  center('Độc lập - Tự do - Hạnh phúc', 'serif-bold', 14);
  const motto = textWidth(doc, 'Độc lập - Tự do - Hạnh phúc', { font: 'serif-bold', size: 14 });
  hline(doc, b.left + (b.width - motto) / 2, b.left + (b.width + motto) / 2, y + 1, 0.6);
  y += 22;
  center(spec.title, 'serif-bold', 15);
  y += 8;
  center(`Kính gửi: ${spec.to.replace('{agency}', input.center.parentBody || input.center.name)}`, 'serif', FS);
  if (input.dossierCode) center(`(Hồ sơ số ${input.dossierCode}, nhận tại ${input.center.name})`, 'serif-italic', 11);
  y += 12;
  const a = input.applicant ?? null;
  y += field(doc, 'Họ, chữ đệm, tên người yêu cầu', a?.fullName ?? '', y);
  y += field(doc, 'Nơi cư trú', a?.address ?? '', y);
  y += field(doc, 'Giấy tờ tùy thân (số định danh cá nhân)', a?.idNumber ?? '', y);
  y += field(doc, 'Số điện thoại liên hệ', a?.phone ?? '', y);
  if (spec.relation) y += field(doc, spec.relation, '', y);
  y += 6;
  y += drawText(doc, spec.request, b.left, y, b.width, { font: 'serif-bold', size: FS }) + 6;
  for (const l of spec.lines) {
    y += field(doc, l, '', y);
    dots(doc, b.left, b.right, y + FS);
    y += FS + 8;
  }
  y += 6;
  y += drawText(doc, spec.pledge, b.left, y, b.width, { size: FS, align: 'justify' }) + 18;
  const colX = b.left + b.width / 2;
  const colW = b.width / 2;
  const sign = (text: string, font: 'serif' | 'serif-bold' | 'serif-italic') => {
    y += drawText(doc, text, colX, y, colW, { font, size: FS, align: 'center' });
  };
  sign('Làm tại: ……………………, ngày …… tháng …… năm ……', 'serif-italic');
  sign(spec.procedures.includes('1.000894') ? 'Hai bên nam, nữ' : 'Người yêu cầu', 'serif-bold');
  sign('(Ký, ghi rõ họ, chữ đệm, tên)', 'serif-italic');
  y += 48;
  if (a?.fullName) sign(a.fullName, 'serif-bold');
  return pdfToBuffer(doc);
}
