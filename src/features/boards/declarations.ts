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

interface FormSpec {
  title: string;
  /** Addressee line after "Kính gửi:"; {agency} is the commune People's Committee. */
  to: string;
  /** Procedure codes whose dossiers use this form. */
  procedures: readonly string[];
  /** Relation of the applicant to the person concerned (a blank line), or null. */
  relation: string | null;
  /** Line introducing the request. */
  request: string;
  /** The person or the matter concerned: one dotted line each. */
  lines: readonly string[];
  pledge: string;
}

/** The declaration forms the desk knows, by file name (what the catalogue's `form.file` names). */
export const DECLARATIONS: ReadonlyMap<string, FormSpec> = new Map<string, FormSpec>([
  [
    'to-khai-khai-sinh',
    {
      title: 'TỜ KHAI ĐĂNG KÝ KHAI SINH',
      to: '{agency}',
      procedures: ['1.001193', '1.004884'],
      relation: 'Quan hệ với người được khai sinh',
      request: 'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
      lines: [
        'Họ, chữ đệm, tên',
        'Ngày, tháng, năm sinh (ghi bằng số và bằng chữ)',
        'Giới tính; Dân tộc; Quốc tịch',
        'Nơi sinh',
        'Quê quán',
        'Họ, chữ đệm, tên người mẹ; năm sinh; dân tộc; quốc tịch; nơi cư trú',
        'Họ, chữ đệm, tên người cha; năm sinh; dân tộc; quốc tịch; nơi cư trú',
      ],
      pledge:
        'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
    },
  ],
  [
    'to-khai-khai-tu',
    {
      title: 'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
      to: '{agency}',
      procedures: ['1.000656', '1.000419', '1.005461'],
      relation: 'Quan hệ với người đã chết',
      request: 'Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:',
      lines: [
        'Họ, chữ đệm, tên',
        'Ngày, tháng, năm sinh; Giới tính; Dân tộc; Quốc tịch',
        'Giấy tờ tùy thân (loại, số)',
        'Nơi cư trú cuối cùng',
        'Đã chết vào lúc: giờ, phút, ngày, tháng, năm',
        'Nơi chết',
        'Nguyên nhân chết',
        'Số Giấy báo tử hoặc giấy tờ thay thế; cơ quan cấp; ngày cấp',
      ],
      pledge:
        'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
    },
  ],
  [
    'to-khai-ket-hon',
    {
      title: 'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
      to: '{agency}',
      procedures: ['1.000894', '1.004746'],
      relation: null,
      request: 'Thông tin của hai bên (bên nữ và bên nam cùng khai, cùng ký):',
      lines: [
        'Bên nữ: Họ, chữ đệm, tên',
        'Bên nữ: Ngày, tháng, năm sinh; Dân tộc; Quốc tịch',
        'Bên nữ: Nơi cư trú; Giấy tờ tùy thân (loại, số)',
        'Bên nữ: Kết hôn lần thứ mấy',
        'Bên nam: Họ, chữ đệm, tên',
        'Bên nam: Ngày, tháng, năm sinh; Dân tộc; Quốc tịch',
        'Bên nam: Nơi cư trú; Giấy tờ tùy thân (loại, số)',
        'Bên nam: Kết hôn lần thứ mấy',
      ],
      pledge:
        'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam, và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
    },
  ],
  [
    'phieu-yeu-cau-chung-thuc',
    {
      title: 'PHIẾU YÊU CẦU CHỨNG THỰC HỢP ĐỒNG, GIAO DỊCH',
      to: '{agency}',
      procedures: ['2.001019', '2.001035', '2.000913', '2.001009'],
      relation: null,
      request: 'Yêu cầu chứng thực:',
      lines: [
        'Tên hợp đồng, giao dịch (hoặc di chúc, văn bản thỏa thuận)',
        'Tài sản liên quan (nếu có)',
        'Các bên tham gia hợp đồng, giao dịch',
        'Số bản chứng thực yêu cầu; giấy tờ nộp kèm',
      ],
      pledge:
        'Tôi cam đoan các giấy tờ nộp kèm theo Phiếu yêu cầu là hợp pháp, hợp lệ và chịu trách nhiệm trước pháp luật về nội dung, tính hợp pháp của hợp đồng, giao dịch.',
    },
  ],
]);

/** The declaration form of a procedure, when the desk knows one. */
export function declarationFor(procedureCode: string): string | null {
  for (const [file, spec] of DECLARATIONS) if (spec.procedures.includes(procedureCode)) return file;
  return null;
}

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
