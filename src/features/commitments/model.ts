/**
 * The centre's service commitments and rules (plan III.4): "4 xin, 4 luôn, 5 không", the
 * "4 tại chỗ" model and the working rules. Wording is per centre (settings), with defaults
 * taken from the Cẩm Giàng plan. Pure.
 */
import { jsonCodec } from '../../core/db/json.ts';
import { nfc } from '../../core/text/index.ts';
import { invalid } from '../../core/http/errors.ts';

export interface CenterTexts {
  /** Motto line, e.g. "Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân". */
  motto: string;
  fourPlease: string[];
  fourAlways: string[];
  fiveNo: string[];
  fourOnSpot: string[];
  rules: string[];
}

export const DEFAULT_TEXTS: CenterTexts = {
  motto: 'Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân',
  fourPlease: ['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép'],
  fourAlways: ['Luôn mỉm cười', 'Luôn nhẹ nhàng', 'Luôn lắng nghe', 'Luôn giúp đỡ'],
  fiveNo: [
    'Không cửa quyền, hách dịch, gây khó khăn, phiền hà',
    'Không quan liêu, vô cảm, vô trách nhiệm',
    'Không tham nhũng, lãng phí, lợi ích nhóm',
    'Không xu nịnh, chạy chọt, gian dối',
    'Không lợi dụng chức vụ, quyền hạn trong thực thi công vụ',
  ],
  fourOnSpot: ['Tiếp nhận tại chỗ', 'Thẩm định tại chỗ', 'Phê duyệt tại chỗ', 'Trả kết quả tại chỗ'],
  rules: [
    'Cán bộ, công chức đeo thẻ, mặc trang phục đúng quy định; có mặt tại quầy đúng giờ làm việc.',
    'Tiếp đón niềm nở, hướng dẫn tận tình, đầy đủ, một lần; không yêu cầu thêm giấy tờ ngoài quy định.',
    'Tiếp nhận hồ sơ theo thứ tự; ưu tiên người cao tuổi, người khuyết tật, phụ nữ có thai, người có công.',
    'Hồ sơ chậm hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả.',
    'Công dân có quyền phản ánh, kiến nghị về thủ tục và thái độ phục vụ qua hòm thư, đường dây nóng, trang thông tin.',
    'Không hút thuốc lá, không gây mất trật tự tại Trung tâm.',
  ],
};

export function parseTexts(o: Record<string, unknown>): CenterTexts {
  const list = (k: keyof CenterTexts, min: number, max: number): string[] => {
    const v = o[k];
    const items = (
      Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : typeof v === 'string'
          ? v.split('\n')
          : []
    )
      .map(nfc)
      .filter(Boolean);
    if (items.length < min || items.length > max)
      throw invalid(k, `Cần từ ${min} đến ${max} dòng.`, `Between ${min} and ${max} lines are required.`);
    if (items.some((s) => s.length > 300))
      throw invalid(k, 'Mỗi dòng tối đa 300 ký tự.', 'Each line has at most 300 characters.');
    return items;
  };
  const motto = typeof o.motto === 'string' ? nfc(o.motto) : '';
  if (motto.length > 300) throw invalid('motto', 'Tối đa 300 ký tự.', 'At most 300 characters.');
  return {
    motto,
    fourPlease: list('fourPlease', 1, 8),
    fourAlways: list('fourAlways', 1, 8),
    fiveNo: list('fiveNo', 1, 10),
    fourOnSpot: list('fourOnSpot', 1, 8),
    rules: list('rules', 1, 30),
  };
}

/**
 * center_texts.texts: the centre's own commitments and rules, through the same rule as the edit
 * form; fields missing from an older row take the defaults.
 */
export const textsJson = jsonCodec('center_text.texts', (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected an object');
  return parseTexts({ ...DEFAULT_TEXTS, ...(v as Record<string, unknown>) });
});
