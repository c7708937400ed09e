/**
 * Demo data for the plan (issue 7): the plan seeded for 2026 with statuses, quarterly notes and a
 * few evidence items (generated placeholder photos, links to the centre's public pages, to a
 * late dossier with its apology and to the register), some register entries, the facility
 * checklist and spending lines. Runs inside loadDemo's transaction (deps.db is the transaction).
 */
import type { Deps } from '../../core/deps.ts';
import { SYSTEM_ACTOR } from '../../core/auth/access.ts';
import { addDoc } from '../register/index.ts';
import { addSpending, setItem } from '../facilities/index.ts';
import type { FacilityCode, FacilityStatus } from '../facilities/index.ts';
import { getCenter } from '../centers/index.ts';
import { firstReappointedDossierCode } from '../dossiers/index.ts';
import { Raster, type Rgb } from './png.ts';
import { addFileEvidence, addLinkEvidence, listPlan, seedPlan, setNote, updateTask } from './service.ts';
import type { Quarter, TaskStatus } from './model.ts';

const YEAR = 2026;

/** A small "photo": a wall, a floor and a few shapes (a notice board, chairs, a screen…), varied by `seed`. */
export function demoPhoto(seed: number): Buffer {
  const r = new Raster(360, 240, [236, 230, 214]);
  let s = seed * 9301 + 49297;
  const rnd = () => (s = (s * 9301 + 49297) % 233280) / 233280;
  r.fill(0, 170, 360, 70, [180, 150, 120]);
  const palette: Rgb[] = [
    [38, 84, 160],
    [200, 40, 40],
    [46, 139, 87],
    [250, 250, 250],
    [90, 90, 90],
    [230, 180, 40],
  ];
  r.fill(30 + rnd() * 40, 30, 160, 100, [250, 250, 245]);
  for (let i = 0; i < 6; i++) r.fill(40 + rnd() * 40, 40 + i * 14, 80 + rnd() * 60, 6, palette[i % 2]!);
  for (let i = 0; i < 5; i++) {
    const c = palette[Math.floor(rnd() * palette.length)]!;
    r.fill(200 + rnd() * 120, 60 + rnd() * 100, 20 + rnd() * 40, 20 + rnd() * 60, c);
  }
  for (let i = 0; i < 4; i++) r.fill(40 + i * 70, 180, 40, 30, [120, 80, 50]);
  return r.png();
}

/** A minimal valid one-page PDF (a scanned letter's stand-in). */
function demoPdf(label: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = `%PDF-1.4\n% ${label}\n`;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Plan {
  status: TaskStatus;
  progress: number;
  notes: Partial<Record<Quarter, string>>;
}

const TASKS: Record<string, Plan> = {
  'III.1.1': {
    status: 'regular',
    progress: 100,
    notes: {
      3: 'Rà soát 03 quyết định công bố TTHC của tỉnh; cập nhật Bảng niêm yết và trang công khai.',
      4: 'Cập nhật 05 TTHC mới công bố, sửa đổi trong tháng 10–11 lên Bảng niêm yết và trang công khai của Trung tâm; công khai số điện thoại Giám đốc và công chức tại Trung tâm; camera giám sát hoạt động liên tục tại khu vực một cửa.',
    },
  },
  'III.1.2': {
    status: 'regular',
    progress: 100,
    notes: {
      4: 'Rà soát bảng phí, lệ phí theo danh mục TTHC hiện hành; bảng phí, lệ phí niêm yết tại Trung tâm và công khai trên trang của Trung tâm khớp nhau.',
    },
  },
  'III.1.3': {
    status: 'regular',
    progress: 100,
    notes: {
      4: 'Kết quả giải quyết TTHC được công khai trên bảng kết quả điện tử của Trung tâm (đã ẩn thông tin cá nhân theo quy định bảo vệ dữ liệu cá nhân).',
    },
  },
  'III.1.4': {
    status: 'done',
    progress: 100,
    notes: {
      2: 'Hoàn thành niêm yết tại Trung tâm và trên Cổng thông tin điện tử xã.',
      4: 'Duy trì hai hình thức công khai; bổ sung mã QR tại Bảng niêm yết dẫn tới trang thủ tục.',
    },
  },
  'III.1.5': {
    status: 'in_progress',
    progress: 80,
    notes: {
      1: 'Tham mưu UBND xã ban hành Kế hoạch kiểm soát TTHC năm 2026.',
      4: 'Theo dõi tiến độ giải quyết hằng ngày trên hệ thống; các hồ sơ có nguy cơ quá hạn được nhắc trước 01 ngày làm việc. Đang xây dựng phương án đơn giản hóa 02 TTHC lĩnh vực hộ tịch.',
    },
  },
  'III.2.1': {
    status: 'regular',
    progress: 100,
    notes: { 4: 'Duy trì vệ sinh hằng ngày, bổ sung cây xanh tại khu vực chờ.' },
  },
  'III.2.2': {
    status: 'regular',
    progress: 100,
    notes: { 4: 'Sắp xếp lại hồ sơ lưu trữ tại các quầy; bố trí sơ đồ quầy tại lối vào.' },
  },
  'III.2.3': {
    status: 'in_progress',
    progress: 75,
    notes: {
      3: 'Lắp đặt wifi miễn phí không mật khẩu và 02 máy tính cho người dân.',
      4: 'Đã có 9/12 hạng mục; máy in cho người dân và máy scan đang chờ kinh phí; đã đề nghị Phòng Kinh tế bố trí kinh phí trong Quý IV.',
    },
  },
  'III.3.1': {
    status: 'regular',
    progress: 100,
    notes: { 4: 'Tiếp nhận và trả kết quả trong ngày vào thứ Ba và thứ Sáu hằng tuần đối với 12 TTHC thuộc mô hình.' },
  },
  'III.3.2': {
    status: 'in_progress',
    progress: 70,
    notes: {
      4: 'Tiếp nhận đề nghị hỗ trợ tại nhà qua trang công khai của Trung tâm; thực hiện các chuyến tiếp nhận, trả kết quả tại nhà cho người cao tuổi, người khuyết tật.',
    },
  },
  'III.3.3': {
    status: 'in_progress',
    progress: 60,
    notes: {
      4: 'Đoàn Thanh niên cử đoàn viên trực hỗ trợ tại Bộ phận Một cửa vào các buổi sáng thứ Hai, thứ Tư; hướng dẫn cài đặt VNeID và nộp hồ sơ trực tuyến.',
    },
  },
  'III.3.4.a': {
    status: 'regular',
    progress: 100,
    notes: { 4: 'Trao giấy chứng nhận kết hôn, giấy khai sinh kèm thư chúc mừng cho công dân đến nhận kết quả.' },
  },
  'III.3.4.b': {
    status: 'in_progress',
    progress: 40,
    notes: {
      4: 'Đã lập danh sách đối tượng chính sách có nhu cầu nhận thẻ BHYT tại nhà; đang phối hợp với Bảo hiểm xã hội để trao thẻ năm 2027.',
    },
  },
  'III.3.4.c': {
    status: 'regular',
    progress: 100,
    notes: { 4: 'Gửi thư chia buồn đến gia đình công dân khi đến đăng ký khai tử.' },
  },
  'III.3.4.d': {
    status: 'regular',
    progress: 100,
    notes: {
      4: 'Hồ sơ giải quyết quá hạn đều có Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) được Giám đốc ký và gửi cho công dân.',
    },
  },
  'III.4': {
    status: 'done',
    progress: 100,
    notes: {
      1: 'Treo pa nô “4 xin, 4 luôn, 5 không”, biển mô hình “4 tại chỗ” và Nội quy làm việc.',
      4: 'Duy trì thực hiện; cam kết phục vụ được công khai trên trang của Trung tâm.',
    },
  },
  'III.5.1': {
    status: 'in_progress',
    progress: 85,
    notes: {
      4: 'Hướng dẫn công dân nộp hồ sơ trực tuyến tại Trung tâm; số hóa hồ sơ khi tiếp nhận; theo dõi tỷ lệ hằng tháng trên hệ thống.',
    },
  },
  'III.5.2': {
    status: 'done',
    progress: 100,
    notes: { 2: 'In và dán mã QR thủ tục tại Bảng niêm yết.', 4: 'Cập nhật mã QR cho các TTHC mới công bố.' },
  },
  'V.2.5': { status: 'regular', progress: 100, notes: { 4: 'Vào sổ đầy đủ công văn đi, đến liên quan đến mô hình.' } },
  'V.2.6': {
    status: 'in_progress',
    progress: 70,
    notes: {
      4: 'Đã chi mua sắm bàn ghế chờ, điều hòa, thiết bị wifi và biển hiệu; đang đề nghị bố trí kinh phí máy in, máy scan cho người dân.',
    },
  },
};

const FACILITIES: [FacilityCode, FacilityStatus, string, boolean][] = [
  ['citizen_computers', 'available', '02 máy tính tại khu vực chờ', true],
  ['citizen_printers', 'missing', 'Đang đề nghị bố trí kinh phí', false],
  ['bookshelf', 'available', 'Tủ sách pháp luật và báo hằng ngày', false],
  ['waiting_chairs', 'available', '24 ghế chờ, 02 bàn viết', true],
  ['drinking_water', 'available', 'Bình nước lọc và cốc giấy', false],
  ['air_conditioning', 'available', '02 điều hòa khu vực chờ', false],
  ['free_wifi', 'available', 'Wifi “TTPVHCC-CamGiang”, không mật khẩu', false],
  ['photocopier', 'available', '', false],
  ['scanner', 'partly', 'Dùng máy scan của bộ phận một cửa; chưa có máy riêng cho người dân', false],
  ['cameras', 'available', '04 camera khu vực một cửa', false],
  ['signage', 'available', 'Biển mô hình “4 tại chỗ” tại lối vào', true],
  ['no_barrier', 'available', 'Quầy mở, không vách kính ngăn cách', false],
];

/** The register's demo entries: the commune's plan (incoming, with its scan) and the centre's own letters. */
function registerEntries(): Parameters<typeof addDoc>[3][] {
  return [
    {
      direction: 'in',
      date: '2026-01-30',
      symbol: '56/KH-UBND',
      party: 'UBND xã Cẩm Giàng',
      abstract: 'Kế hoạch thực hiện mô hình “Chính quyền thân thiện” trên địa bàn xã Cẩm Giàng năm 2026',
      assignee: 'Nguyễn Thị Hà (Giám đốc)',
      status: 'done',
    },
    {
      direction: 'out',
      date: '2026-02-05',
      symbol: '03/KH-TTPVHCC',
      party: 'Các bộ phận thuộc Trung tâm',
      abstract: 'Kế hoạch triển khai thực hiện mô hình “Chính quyền thân thiện” tại Trung tâm Phục vụ hành chính công',
      assignee: 'Văn thư',
      status: 'done',
    },
    {
      direction: 'out',
      date: '2026-03-20',
      symbol: '07/TTPVHCC',
      party: 'Đoàn Thanh niên xã',
      abstract: 'V/v cử đoàn viên trực hỗ trợ người dân tại Bộ phận Một cửa',
      assignee: 'Công chức hướng dẫn TTHC',
      status: 'done',
    },
    {
      direction: 'in',
      date: '2026-10-12',
      symbol: '215/UBND-VP',
      party: 'UBND xã Cẩm Giàng',
      abstract: 'V/v báo cáo kết quả thực hiện mô hình “Chính quyền thân thiện” Quý IV năm 2026',
      assignee: 'Công chức kiểm soát TTHC',
      deadline: '2026-12-31',
      status: 'processing',
    },
    {
      direction: 'out',
      date: '2026-11-10',
      symbol: '21/TTPVHCC',
      party: 'Phòng Kinh tế xã',
      abstract: 'V/v đề nghị bố trí kinh phí mua máy in, máy scan phục vụ người dân',
      assignee: 'Kế toán',
      deadline: '2026-12-15',
      status: 'processing',
    },
  ];
}

/** Facility spending lines of the demo year. */
const SPENDING: Parameters<typeof addSpending>[3][] = [
  {
    date: '2026-03-15',
    item: 'Biển hiệu mô hình “4 tại chỗ”, pa nô “4 xin, 4 luôn, 5 không”',
    amount: 6_500_000,
    source: 'Ngân sách xã',
  },
  {
    date: '2026-06-10',
    item: 'Bàn ghế ngồi chờ (24 ghế, 02 bàn viết)',
    amount: 18_400_000,
    source: 'Ngân sách xã',
  },
  {
    date: '2026-08-22',
    item: 'Thiết bị wifi và 02 máy tính cho người dân',
    amount: 27_850_000,
    source: 'Ngân sách cấp trên hỗ trợ',
  },
  {
    date: '2026-10-05',
    item: 'Điều hòa khu vực chờ (02 bộ)',
    amount: 24_990_000,
    source: 'Nguồn xã hội hóa',
  },
];

type DemoEvidence =
  | ({ task: string; kind: 'file'; photo: number } & Omit<Parameters<typeof addFileEvidence>[4], 'file'>)
  | ({ task: string; kind: 'link' } & Parameters<typeof addLinkEvidence>[4]);

/** The quarter-4 evidence, in order; `late` is the re-appointed dossier's code (when the demo has one). */
// eslint-disable-next-line max-lines-per-function -- data table
function evidenceItems(slug: string, incomingId: number, late: string | null): DemoEvidence[] {
  return [
    {
      task: 'III.1.1',
      kind: 'file',
      quarter: 4,
      title: 'Bảng niêm yết TTHC tại Trung tâm sau cập nhật tháng 11/2026',
      name: 'bang-niem-yet.png',
      photo: 1,
    },
    {
      task: 'III.1.1',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Danh mục TTHC công khai trên trang của Trung tâm',
      url: `/${slug}/thu-tuc`,
    },
    {
      task: 'III.1.1',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Danh bạ điện thoại Giám đốc và công chức Trung tâm',
      url: `/${slug}/danh-ba`,
    },
    {
      task: 'III.1.2',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Bảng phí, lệ phí TTHC công khai',
      url: `/${slug}/le-phi`,
    },
    {
      task: 'III.1.3',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Bảng công khai kết quả giải quyết TTHC',
      url: `/${slug}/ket-qua`,
    },
    {
      task: 'III.2.1',
      kind: 'file',
      quarter: 4,
      title: 'Khu vực chờ “Sáng, xanh, sạch, đẹp, an toàn”',
      name: 'khu-vuc-cho.png',
      photo: 2,
    },
    {
      task: 'III.2.3',
      kind: 'file',
      quarter: 4,
      title: 'Máy tính và wifi miễn phí cho người dân tại khu vực chờ',
      name: 'may-tinh-nguoi-dan.png',
      photo: 3,
    },
    {
      task: 'III.2.3',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Danh mục cơ sở vật chất (mục III.2.3) trong hệ thống',
      url: '/console/facilities',
    },
    {
      task: 'III.3.2',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Trang đề nghị hỗ trợ tại nhà của Trung tâm',
      url: `/${slug}/ho-tro-tai-nha`,
    },
    {
      task: 'III.3.3',
      kind: 'file',
      quarter: 4,
      title: 'Đoàn viên hỗ trợ người dân cài đặt VNeID',
      name: 'doan-vien-ho-tro.png',
      photo: 4,
    },
    {
      task: 'III.3.4.a',
      kind: 'link',
      quarter: 4,
      linkKind: 'letter',
      title: 'Thư chúc mừng kết hôn, khai sinh đã phát hành trong Quý (sổ thư của Trung tâm)',
      url: '/console/letters',
    },
    {
      task: 'III.3.4.c',
      kind: 'link',
      quarter: 4,
      linkKind: 'letter',
      title: 'Thư chia buồn đã gửi gia đình công dân đăng ký khai tử (sổ thư của Trung tâm)',
      url: '/console/letters',
    },
    {
      task: 'III.3.2',
      kind: 'link',
      quarter: 4,
      linkKind: 'home_visit',
      title: 'Các chuyến tiếp nhận, trả kết quả tại nhà trong Quý',
      url: '/console/home-service',
    },
    ...(late
      ? [
          {
            task: 'III.3.4.d',
            kind: 'link' as const,
            quarter: 4,
            linkKind: 'dossier',
            title: `Hồ sơ ${late} giải quyết quá hạn: Phiếu xin lỗi và hẹn lại (Mẫu 04)`,
            ref: late,
          },
        ]
      : []),
    {
      task: 'III.4',
      kind: 'file',
      quarter: 4,
      title: 'Pa nô “4 xin, 4 luôn, 5 không” tại Bộ phận Một cửa',
      name: 'pa-no.png',
      photo: 5,
    },
    {
      task: 'III.4',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Cam kết phục vụ công khai trên trang của Trung tâm',
      url: `/${slug}/cam-ket`,
    },
    {
      task: 'III.5.1',
      kind: 'link',
      quarter: 4,
      linkKind: 'report',
      title: 'Báo cáo thống kê hằng tháng của Trung tâm',
      url: '/console/reports',
    },
    {
      task: 'III.5.2',
      kind: 'link',
      quarter: 4,
      linkKind: 'public_page',
      title: 'Trang thủ tục có mã QR tại Bảng niêm yết',
      url: `/${slug}/thu-tuc`,
    },
    {
      task: 'V.2.5',
      kind: 'link',
      quarter: 4,
      linkKind: 'register_document',
      title: 'Công văn đến số 56/KH-UBND của UBND xã',
      ref: String(incomingId),
    },
    {
      task: 'V.2.6',
      kind: 'file',
      quarter: 4,
      title: 'Điều hòa khu vực chờ đã lắp đặt',
      name: 'dieu-hoa.png',
      photo: 6,
    },
  ];
}

/** Statuses and quarterly notes of the plan's tasks (TASKS). */
async function seedTaskProgress(deps: Deps, slug: string, byNumber: Map<string, { id: number }>): Promise<void> {
  const a = SYSTEM_ACTOR;
  for (const [number, p] of Object.entries(TASKS)) {
    const t = byNumber.get(number);
    if (!t) continue;
    await updateTask(deps, a, slug, t.id, { status: p.status, progress: p.progress });
    for (const [q, note] of Object.entries(p.notes)) await setNote(deps, a, slug, t.id, Number(q), note);
  }
}

/** The facility checklist (some items with a photo) and the year's spending. */
async function seedFacilities(deps: Deps, slug: string): Promise<void> {
  const a = SYSTEM_ACTOR;
  let photo = 100;
  for (const [code, status, note, withPhoto] of FACILITIES) {
    await setItem(deps, a, slug, code, {
      status,
      note,
      ...(withPhoto ? { photo: demoPhoto(photo++), photoName: `${code}.png` } : {}),
    });
  }
  for (const line of SPENDING) await addSpending(deps, a, slug, line);
}

export async function seedPlanDemo(deps: Deps, slug: string): Promise<void> {
  const a = SYSTEM_ACTOR;
  await seedPlan(deps, a, slug, YEAR);
  const [first, ...rest] = registerEntries();
  const incoming = await addDoc(deps, a, slug, { ...first, file: demoPdf('56/KH-UBND'), fileName: '56-KH-UBND.pdf' });
  for (const d of rest) await addDoc(deps, a, slug, d);
  await seedFacilities(deps, slug);
  const { tasks } = await listPlan(deps, a, slug, YEAR);
  const byNumber = new Map(tasks.map((t) => [t.number, t]));
  await seedTaskProgress(deps, slug, byNumber);
  const center = await getCenter(deps, slug);
  const late = await firstReappointedDossierCode(deps, center.id);
  for (const { task, ...e } of evidenceItems(slug, incoming.id, late)) {
    const taskId = byNumber.get(task)!.id;
    if (e.kind === 'file') {
      const { kind: _k, photo, ...input } = e;
      await addFileEvidence(deps, a, slug, taskId, { ...input, file: demoPhoto(photo) });
    } else {
      const { kind: _k, ...input } = e;
      await addLinkEvidence(deps, a, slug, taskId, input);
    }
  }
}
