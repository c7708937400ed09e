/**
 * Small, realistic data for the printables' tests and previews (not shipped data: the demo
 * catalogue lives in data/catalog/). Codes and fees follow BRIEF §10; contacts are demo values.
 */
import type { FeeItem, ProcedureData } from '../catalog/index.ts';
import { portalUrlFor } from '../catalog/index.ts';
import type { PublicCenter } from '../centers/index.ts';
import type { StaffContact } from '../directory/index.ts';

export const CENTER: PublicCenter = {
  slug: 'cam-giang',
  name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
  shortName: 'Trung tâm PVHCC xã Cẩm Giàng',
  parentBody: 'UBND xã Cẩm Giàng',
  province: 'Thành phố Hải Phòng',
  agencyCode: 'H26.99.01',
  address: 'Trụ sở UBND xã Cẩm Giàng, xã Cẩm Giàng, thành phố Hải Phòng',
  phones: [
    { label: 'Bộ phận Một cửa', number: '0220 3000 001' },
    { label: 'Giám đốc Trung tâm', number: '0900 000 001' },
  ],
  email: 'trungtam.camgiang@example.gov.vn',
  website: null,
  workingSessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  sameDayCutoff: '15:00',
  sameDayWeekdays: [2, 5],
};

export const BASE_URL = 'https://motcua.example.gov.vn';

export function proc(p: Partial<ProcedureData> & Pick<ProcedureData, 'code' | 'name' | 'field'>): ProcedureData {
  return {
    localCode: '',
    level: 'commune',
    implementingBody: 'UBND xã Cẩm Giàng',
    coordinatingBodies: [],
    applicants: 'Công dân Việt Nam',
    timeLimit: { amount: 3, unit: 'working_days', cutoff: false, note: '' },
    fees: [],
    components: [],
    sets: 1,
    steps: [],
    channels: ['direct', 'online'],
    resultType: '',
    onlineLevel: 'partial',
    legalBasis: [],
    sameDayEligible: false,
    status: 'in_force',
    announcement: null,
    effectiveFrom: null,
    portalUrl: portalUrlFor(p.code),
    unverified: [],
    ...p,
  };
}

const fee = (name: string, amount: number, per: string, condition = '', legalBasis = ''): FeeItem => ({
  name,
  amount,
  per,
  condition,
  legalBasis,
});
const sameDay = { amount: null, unit: 'same_day' as const, cutoff: true, note: '' };

export const PROCEDURES: ProcedureData[] = [
  proc({
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    timeLimit: { amount: null, unit: 'working_days', cutoff: false, note: 'Ngay trong ngày tiếp nhận hồ sơ' },
    fees: [
      fee(
        'Lệ phí đăng ký khai sinh',
        0,
        'đồng/trường hợp',
        'Miễn lệ phí khi đăng ký đúng hạn',
        'Luật Hộ tịch 2014; Thông tư 85/2019/TT-BTC',
      ),
    ],
    sameDayEligible: true,
  }),
  proc({
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'Hộ tịch',
    timeLimit: { amount: 5, unit: 'working_days', cutoff: false, note: '' },
    fees: [
      fee(
        'Lệ phí đăng ký kết hôn',
        0,
        'đồng/trường hợp',
        'Miễn đối với công dân Việt Nam cư trú trong nước',
        'Luật Hộ tịch 2014',
      ),
    ],
  }),
  proc({
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'Hộ tịch',
    timeLimit: { amount: 3, unit: 'working_days', cutoff: false, note: '' },
    sameDayEligible: true,
  }),
  proc({
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch, bản sao Giấy khai sinh',
    field: 'Hộ tịch',
    timeLimit: sameDay,
    fees: [fee('Phí cấp bản sao trích lục', 8000, 'đồng/bản', '', 'Thông tư 281/2016/TT-BTC')],
    sameDayEligible: true,
  }),
  proc({
    code: '2.002913',
    name: 'Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất (trợ cấp tuất và trợ cấp mai táng), hỗ trợ chi phí mai táng, hưởng mai táng phí',
    field: 'Hộ tịch',
    timeLimit: { amount: 10, unit: 'working_days', cutoff: false, note: '' },
  }),
  proc({
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: 'Chứng thực',
    timeLimit: sameDay,
    fees: [
      fee('Trang thứ nhất, trang thứ hai', 2000, 'đồng/trang', '', 'Thông tư 226/2016/TT-BTC'),
      fee(
        'Từ trang thứ ba trở lên',
        1000,
        'đồng/trang',
        'Tối đa không quá 200.000 đồng/bản',
        'Thông tư 226/2016/TT-BTC',
      ),
    ],
    sameDayEligible: true,
  }),
  proc({
    code: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    field: 'Chứng thực',
    timeLimit: sameDay,
    fees: [fee('Phí chứng thực chữ ký', 10000, 'đồng/trường hợp', '', 'Thông tư 226/2016/TT-BTC')],
    sameDayEligible: true,
  }),
  proc({ code: '2.000908', name: 'Cấp bản sao từ sổ gốc', field: 'Chứng thực', timeLimit: sameDay }),
  proc({
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    timeLimit: { amount: 3, unit: 'working_days', cutoff: false, note: '' },
    fees: [
      fee(
        'Lệ phí đăng ký hộ kinh doanh',
        100000,
        'đồng/lần',
        'Miễn khi đăng ký qua mạng điện tử',
        'Nghị quyết của HĐND thành phố Hải Phòng',
      ),
    ],
  }),
];

export const CONTACTS: StaffContact[] = [
  {
    id: 1,
    name: 'Nguyễn Thị Hà',
    title: 'Giám đốc Trung tâm',
    counter: '',
    fields: [],
    phone: '0900 000 001',
    email: '',
    isPublic: true,
    sortOrder: 1,
  },
  {
    id: 2,
    name: 'Trần Văn Bình',
    title: 'Công chức kiểm soát thủ tục hành chính',
    counter: 'Bàn hướng dẫn',
    fields: [],
    phone: '0900 000 002',
    email: '',
    isPublic: true,
    sortOrder: 2,
  },
  {
    id: 3,
    name: 'Lê Thị Thu Hương',
    title: 'Công chức tiếp nhận và trả kết quả',
    counter: 'Quầy 1 – Tiếp nhận, trả kết quả',
    fields: ['Hộ tịch', 'Chứng thực'],
    phone: '0900 000 003',
    email: '',
    isPublic: true,
    sortOrder: 3,
  },
  {
    id: 4,
    name: 'Phạm Minh Đức',
    title: 'Công chức Tư pháp – Hộ tịch',
    counter: 'Quầy 2 – Tư pháp, Hộ tịch, Chứng thực',
    fields: ['Hộ tịch', 'Chứng thực', 'Nuôi con nuôi'],
    phone: '0900 000 004',
    email: '',
    isPublic: true,
    sortOrder: 4,
  },
  {
    id: 5,
    name: 'Hoàng Thị Lan',
    title: 'Văn thư',
    counter: '',
    fields: [],
    phone: '0900 000 005',
    email: '',
    isPublic: false,
    sortOrder: 5,
  },
];

/** A catalogue of `n` procedures over several fields, with long names, for pagination tests. */
export function bigCatalogue(n: number): ProcedureData[] {
  const fields = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Bảo trợ xã hội'];
  return Array.from({ length: n }, (_, i) => {
    const base = PROCEDURES[i % PROCEDURES.length]!;
    return {
      ...base,
      code: `1.${String(100000 + i).padStart(6, '0')}`,
      field: fields[i % fields.length]!,
      name: `${base.name} (trường hợp ${i + 1})`,
    };
  });
}
