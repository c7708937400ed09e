/**
 * The declaration forms the desk knows (tờ khai, phiếu yêu cầu): their texts and the procedures
 * that use them. Data only, apart from the renderer (./declarations.ts), so that pages can ask
 * which form a procedure has without loading the PDF kit.
 */
export interface FormSpec {
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
