/** The facility checklist of plan III.2.3 and the spending lines of plan V.2.6: pure rules. */
import { invalid } from '../../core/http/errors.ts';

export const FACILITY_ITEMS = [
  { code: 'citizen_computers', vi: 'Máy tính cho người dân sử dụng', en: 'Computers for citizens' },
  { code: 'citizen_printers', vi: 'Máy in cho người dân sử dụng', en: 'Printers for citizens' },
  { code: 'bookshelf', vi: 'Tủ sách, báo', en: 'Bookshelf with newspapers' },
  { code: 'waiting_chairs', vi: 'Bàn ghế ngồi chờ', en: 'Waiting chairs and tables' },
  { code: 'drinking_water', vi: 'Nước uống', en: 'Drinking water' },
  { code: 'air_conditioning', vi: 'Điều hòa', en: 'Air conditioning' },
  { code: 'free_wifi', vi: 'Internet/wifi miễn phí, không mật khẩu', en: 'Free Wi-Fi without a password' },
  { code: 'photocopier', vi: 'Máy photocopy', en: 'Photocopier' },
  { code: 'scanner', vi: 'Máy scan tài liệu', en: 'Document scanner' },
  { code: 'cameras', vi: 'Camera giám sát', en: 'Surveillance cameras' },
  { code: 'signage', vi: 'Biển hiệu mô hình “4 tại chỗ”', en: '“4 on the spot” signage' },
  {
    code: 'no_barrier',
    vi: 'Không có vách ngăn giữa cán bộ và người dân tại bộ phận một cửa',
    en: 'No barrier between staff and citizens at the one-stop desk',
  },
] as const;
export type FacilityCode = (typeof FACILITY_ITEMS)[number]['code'];

export const FACILITY_STATUSES = ['available', 'partly', 'missing'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];
export const FACILITY_STATUS_VI: Record<FacilityStatus, string> = {
  available: 'Đã có',
  partly: 'Có một phần',
  missing: 'Chưa có',
};
export const FACILITY_STATUS_EN: Record<FacilityStatus, string> = {
  available: 'Available',
  partly: 'Partly',
  missing: 'Missing',
};

export function parseFacilityCode(v: unknown): FacilityCode {
  const hit = FACILITY_ITEMS.find((i) => i.code === v);
  if (!hit)
    throw invalid(
      'code',
      'Hạng mục cơ sở vật chất không có trong danh mục (mục III.2.3 của Kế hoạch).',
      'This facility item is not in the checklist (plan III.2.3).',
    );
  return hit.code;
}

export function parseFacilityStatus(v: unknown): FacilityStatus {
  if (typeof v === 'string' && (FACILITY_STATUSES as readonly string[]).includes(v)) return v as FacilityStatus;
  throw invalid(
    'status',
    'Tình trạng: available (đã có), partly (có một phần) hoặc missing (chưa có).',
    'status: available, partly or missing.',
  );
}

/** Largest accepted amount (10 000 billion đồng): a typo guard, far above a commune's budget. */
export const MAX_AMOUNT = 10_000_000_000_000;

/** An amount in whole đồng: a number, or text like "1.234.567", "1 234 567 đ", "1234567". */
export function parseAmount(v: unknown): number {
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v
      .trim()
      .replace(/\s*(đ|đồng|vnd|vnđ)$/iu, '')
      .replace(/[.\s\u00a0]/g, '');
    if (/^\d{1,16}$/.test(s)) n = Number(s);
  }
  if (n === null || !Number.isSafeInteger(n) || n <= 0 || n > MAX_AMOUNT)
    throw invalid(
      'amount',
      'Số tiền là số nguyên dương tính bằng đồng, ví dụ 1.234.567.',
      'The amount is a positive whole number of đồng, e.g. 1.234.567.',
    );
  return n;
}

export const SOURCES_SUGGESTED = [
  'Ngân sách xã',
  'Ngân sách cấp trên hỗ trợ',
  'Nguồn xã hội hóa',
  'Nguồn hợp pháp khác',
];
