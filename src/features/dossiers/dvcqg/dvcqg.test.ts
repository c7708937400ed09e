/** DVCQG HoSo mapping: dates in Vietnam time, status and channel codes, the process steps, import validation, round trip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHoSo, parsePortalDate, portalDate, readHoSoPayload, toHoSo, type HoSoSource } from './dvcqg.ts';
import type { DossierEvent } from '../service.ts';
import type { Applicant } from '../model.ts';

const CENTER = { name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng' };
const NOW = new Date('2026-11-30T03:00:00Z');

const citizen: Applicant = {
  kind: 'citizen',
  fullName: 'Nguyễn Văn An',
  idNumber: '031086001234',
  phone: '0912345678',
  email: 'an@example.vn',
  address: 'Thôn Đông, xã Cẩm Giàng',
  orgName: '',
  taxCode: '',
};

function source(over: Partial<HoSoSource> = {}): HoSoSource {
  return {
    code: 'H26.99.01-261125-0001',
    status: 2,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    channel: 'direct',
    applicant: citizen,
    owner: null,
    subject: 'Đăng ký khai sinh — Nguyễn Văn An',
    components: [
      { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, digitised: true, reused: false },
      { name: 'Giấy chứng sinh', originals: 1, copies: 0, digitised: false, reused: true },
    ],
    receivedAt: '2026-11-25T02:00:00.000Z', // 09:00 in Vietnam
    dueAt: '2026-11-27T10:00:00.000Z', // 17:00
    processedAt: null,
    returnedAt: null,
    returnMethod: null,
    endedAt: null,
    flags: { digitised: true, reused: true, electronicResult: false, vneidVerified: false },
    ...over,
  };
}

let seq = 0;
const ev = (
  action: string,
  at: string,
  toStatus: number | null,
  data: Record<string, unknown> = {},
  actor = 'Trần Thị Bình',
): DossierEvent => ({ seq: ++seq, action, fromStatus: null, toStatus, actor, at, data });

test('dates are yyyyMMddHHmmss in Vietnam time, whatever the host zone; parsing inverts it', () => {
  assert.equal(portalDate('2026-11-25T02:00:00.000Z'), '20261125090000');
  assert.equal(
    portalDate('2026-11-25T17:30:05.999Z'),
    '20261126003005',
    'after 17:00 UTC it is the next day in Vietnam',
  );
  assert.equal(portalDate(null), '');
  assert.equal(parsePortalDate('20261125090000')!.toISOString(), '2026-11-25T02:00:00.000Z');
  assert.equal(parsePortalDate('20261126003005')!.toISOString(), '2026-11-25T17:30:05.000Z');
  for (const bad of [
    '2026112509000',
    '20261331090000',
    '20260230090000',
    '20261125240000',
    '20261125096000',
    '2026-11-25',
    20261125090000,
    null,
  ])
    assert.equal(parsePortalDate(bad), null, String(bad));
});

test('a desk dossier in process: codes, owner, identity, original appointment, components, no lookup secret', () => {
  const events = [
    ev('received', '2026-11-25T02:00:00.000Z', 2, { channel: 'direct', dueAt: '2026-11-27T10:00:00.000Z' }),
    ev('handoff', '2026-11-25T04:00:00.000Z', 4, { from: 'Bộ phận Một cửa', to: 'Công chức Tư pháp – Hộ tịch' }),
    ev(
      'request_supplement',
      '2026-11-25T08:00:00.000Z',
      5,
      { reason: 'Thiếu giấy chứng sinh', components: ['Giấy chứng sinh'] },
      'Lê Văn Cường',
    ),
    ev('complete_supplement', '2026-11-26T02:00:00.000Z', 4),
    ev(
      'extend',
      '2026-11-27T03:00:00.000Z',
      4,
      { reason: 'Cần xác minh', before: '2026-11-27T10:00:00.000Z', after: '2026-12-01T10:00:00.000Z' },
      'Phạm Giám Đốc',
    ),
  ];
  const h = toHoSo({ ...source({ status: 4 }), lookupSecret: 'SECRET' } as HoSoSource, events, CENTER);
  assert.equal(h.MaHoSo, 'H26.99.01-261125-0001');
  assert.equal(h.MaTTHC, '1.001193');
  assert.equal(h.TenLinhVuc, 'Hộ tịch');
  assert.equal(h.KenhThucHien, '1');
  assert.equal(h.TrangThaiHoSo, '4');
  assert.equal(h.ChuHoSo, 'Nguyễn Văn An');
  assert.equal(h.SoGiayToChuHoSo, '031086001234');
  assert.equal(h.LoaiDoiTuong, '1');
  assert.deepEqual(h.DinhDanhCHS, [{ LoaiDinhDanh: '1', SoDinhDanh: '031086001234' }]);
  assert.equal(h.SoDienThoai, '0912345678');
  assert.equal(h.Email, 'an@example.vn');
  assert.equal(h.NgayNopHoSo, '20261125090000');
  assert.equal(h.NgayTiepNhan, '20261125090000', 'a desk intake is accepted when received');
  assert.equal(h.NgayHenTra, '20261127170000', 'the ORIGINAL appointment, not the extension');
  assert.equal(h.NgayKetThucXuLy, '');
  assert.equal(h.NgayTra, '');
  assert.equal(h.NgayTuChoi, '');
  assert.equal(h.DonViXuLy, CENTER.name);
  assert.equal(h.HoSoCoThanhPhanSoHoa, '1');
  assert.equal(h.TaiKhoanDuocXacThucVoiVNeID, '0');
  assert.equal(h.DuocThanhToanTrucTuyen, '0');
  assert.deepEqual(
    h.TaiLieuNop.map((t) => [t.TenTepDinhKem, t.DuocSoHoa, t.DuocTaiSuDung]),
    [
      ['Tờ khai đăng ký khai sinh', '1', '0'],
      ['Giấy chứng sinh', '0', '1'],
    ],
  );
  assert.deepEqual(
    h.QuaTrinhXuLy.map((q) => q.TrangThai),
    ['2', '4', '5', '4', '4'],
  );
  assert.deepEqual(
    h.QuaTrinhXuLy.map((q) => q.ThoiDiemXuLy),
    ['20261125090000', '20261125110000', '20261125150000', '20261126090000', '20261127100000'],
  );
  assert.ok(h.QuaTrinhXuLy.every((q) => q.MaHoSo === h.MaHoSo));
  assert.equal(h.QuaTrinhXuLy[0]!.NgayKetThucTheoQuyDinh, '20261127170000');
  assert.equal(h.QuaTrinhXuLy[1]!.PhongBanXuLy, 'Công chức Tư pháp – Hộ tịch');
  assert.match(h.QuaTrinhXuLy[2]!.NoiDungXuLy, /Thiếu giấy chứng sinh/);
  assert.equal(
    h.QuaTrinhXuLy[4]!.NgayKetThucTheoQuyDinh,
    '20261201170000',
    'the extension step carries the new appointment',
  );
  assert.match(h.QuaTrinhXuLy[4]!.NoiDungXuLy, /hẹn lại đến 17:00 01\/12\/2026/);
  assert.deepEqual(h.DanhSachHoSoBoSung, [
    {
      HoSoBoSungId: 1,
      NguoiYeuCauBoSung: 'Lê Văn Cường',
      NoiDungBoSung: 'Thiếu giấy chứng sinh. Cần bổ sung: Giấy chứng sinh',
      NgayBoSung: '20261125150000',
      NguoiTiepNhanBoSung: 'Trần Thị Bình',
      NgayTiepNhanBoSung: '20261126090000',
      TrangThaiBoSung: true,
    },
  ]);
  const json = JSON.stringify(h);
  assert.ok(!json.includes('SECRET'), 'the lookup secret is never exported');
  for (const d of [h.NgayNopHoSo, h.NgayTiepNhan, h.NgayHenTra]) assert.match(d, /^\d{14}$/);
});

test('status and channel codes; end of processing, return and refusal dates', () => {
  const returned = toHoSo(
    source({
      status: 10,
      channel: 'postal',
      processedAt: '2026-11-26T08:00:00.000Z',
      returnedAt: '2026-11-27T01:00:00.000Z',
      endedAt: '2026-11-26T08:00:00.000Z',
      returnMethod: 'post',
    }),
    [
      ev('received', '2026-11-25T02:00:00.000Z', 2),
      ev('mark_processed', '2026-11-26T08:00:00.000Z', 9, { result: 'Giấy khai sinh' }),
      ev('return_result', '2026-11-27T01:00:00.000Z', 10, { method: 'post' }),
    ],
    CENTER,
  );
  assert.equal(returned.KenhThucHien, '3');
  assert.equal(returned.TrangThaiHoSo, '10');
  assert.equal(returned.NgayKetThucXuLy, '20261126150000', 'processed counts, not returned');
  assert.equal(returned.NgayTra, '20261127080000');
  assert.equal(returned.HinhThuc, '1');
  assert.equal(returned.ThongTinTra, 'Qua bưu chính công ích');
  assert.match(returned.QuaTrinhXuLy[0]!.NoiDungXuLy, /bưu chính/);
  assert.match(returned.QuaTrinhXuLy[2]!.NoiDungXuLy, /Qua bưu chính công ích/);

  const home = toHoSo(source({ channel: 'home' }), [], CENTER);
  assert.equal(home.KenhThucHien, '1', 'home intake counts as direct');

  // An online submission: not yet accepted → no acceptance, no appointment.
  const online = source({
    status: 1,
    channel: 'online',
    flags: { digitised: false, reused: false, electronicResult: false, vneidVerified: true },
  });
  const submitted = toHoSo(online, [ev('received', '2026-11-25T05:00:00.000Z', 1, {}, 'Hệ thống')], CENTER);
  assert.equal(submitted.KenhThucHien, '2');
  assert.equal(submitted.TrangThaiHoSo, '1');
  assert.equal(submitted.NgayNopHoSo, '20261125090000');
  assert.equal(submitted.NgayTiepNhan, '');
  assert.equal(submitted.NgayHenTra, '');
  assert.equal(submitted.TaiKhoanDuocXacThucVoiVNeID, '1');
  assert.equal(submitted.QuaTrinhXuLy[0]!.NoiDungXuLy, 'Nộp hồ sơ trực tuyến');
  assert.equal(submitted.QuaTrinhXuLy[0]!.ThoiDiemXuLy, '20261125090000', 'the submission step is dated at submission');

  const accepted = toHoSo(
    { ...online, status: 2, dueAt: '2026-11-28T10:00:00.000Z' },
    [
      ev('received', '2026-11-25T05:00:00.000Z', 1),
      ev('accept', '2026-11-25T06:00:00.000Z', 2, { dueAt: '2026-11-28T10:00:00.000Z' }),
    ],
    CENTER,
  );
  assert.equal(accepted.NgayTiepNhan, '20261125130000');
  assert.equal(accepted.NgayHenTra, '20261128170000');

  const refused = toHoSo(
    { ...online, status: 3, endedAt: '2026-11-25T07:00:00.000Z' },
    [
      ev('received', '2026-11-25T05:00:00.000Z', 1),
      ev('refuse', '2026-11-25T07:00:00.000Z', 3, { reason: 'Không thuộc thẩm quyền' }),
    ],
    CENTER,
  );
  assert.equal(refused.TrangThaiHoSo, '3');
  assert.equal(refused.NgayTuChoi, '20261125140000');
  assert.equal(refused.NgayKetThucXuLy, '20261125140000');
  assert.equal(refused.NgayHenTra, '');
  assert.match(refused.QuaTrinhXuLy[1]!.NoiDungXuLy, /Không thuộc thẩm quyền/);
});

test('organisations, representatives, long names and abstracts', () => {
  const org: Applicant = {
    kind: 'organization',
    fullName: 'Đỗ Minh Khang',
    idNumber: '',
    phone: '0987654321',
    email: '',
    address: 'Chợ Cẩm Giàng',
    orgName: 'Hộ kinh doanh Quán ăn Hương Quê',
    taxCode: '0801234567',
  };
  const h = toHoSo(
    source({ applicant: org, subject: 'x'.repeat(1500) }),
    [
      ev(
        'received',
        '2026-11-25T02:00:00.000Z',
        2,
        {},
        'Nguyễn Thị Một Cái Tên Rất Dài Để Kiểm Tra Giới Hạn Năm Mươi Ký Tự Của Cổng',
      ),
    ],
    CENTER,
  );
  assert.equal(h.LoaiDoiTuong, '2');
  assert.equal(h.ChuHoSo, 'Hộ kinh doanh Quán ăn Hương Quê');
  assert.equal(h.SoGiayToChuHoSo, '0801234567');
  assert.deepEqual(h.DinhDanhCHS, [], 'a tax code is not a personal ID');
  assert.match(h.ThongTinKhac, /Đỗ Minh Khang/);
  assert.equal([...h.TrichYeuHoSo].length, 1000);
  assert.equal([...h.QuaTrinhXuLy[0]!.NguoiXuLy].length, 50);
  assert.ok(h.QuaTrinhXuLy[0]!.NguoiXuLy.endsWith('…'));

  const owner: Applicant = { ...citizen, fullName: 'Nguyễn Văn Bé', idNumber: '031223004567', phone: '', email: '' };
  const rep = toHoSo(source({ owner }), [], CENTER);
  assert.equal(rep.ChuHoSo, 'Nguyễn Văn Bé', 'the owner, not the person at the desk');
  assert.equal(rep.SoGiayToChuHoSo, '031223004567');
  assert.equal(rep.SoDienThoai, '0912345678', 'contact falls back to the submitter');
  assert.match(rep.ThongTinKhac, /Người nộp hồ sơ: Nguyễn Văn An/);
});

const portal = (over: Record<string, unknown> = {}) => ({
  MaHoSo: 'G22.99-261124-00012',
  MaTTHC: '1.001193.000.00.00.H26',
  TenTTHC: 'Đăng ký khai sinh',
  KenhThucHien: 2,
  TrangThaiHoSo: '1',
  LoaiDoiTuong: '1',
  ChuHoSo: 'Phạm Thị Dung',
  SoGiayToChuHoSo: '',
  DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '031190007788' }],
  SoDienThoai: '+84 912 000 111',
  Email: 'dung@example.vn',
  DiaChiChuHoSo: 'Thôn Tây',
  TrichYeuHoSo: 'Đăng ký khai sinh cho con',
  NgayNopHoSo: '20261124213000',
  TaiKhoanDuocXacThucVoiVNeID: '1',
  TaiLieuNop: [
    { TenTepDinhKem: 'Tờ khai', DuocSoHoa: '1', DuocTaiSuDung: '0' },
    { TenTepDinhKem: 'Giấy chứng sinh', DuocSoHoa: 1, DuocTaiSuDung: 2 },
    { TenTepDinhKem: 'Bản cũ', IsDeleted: '1' },
  ],
  ...over,
});

test('fromHoSo reads an online submission into intake input', () => {
  const { value, problems } = fromHoSo(portal(), { now: NOW });
  assert.deepEqual(problems, []);
  assert.equal(value!.portalCode, 'G22.99-261124-00012');
  assert.deepEqual(value!.intake, {
    procedureCode: '1.001193',
    applicant: {
      kind: 'citizen',
      fullName: 'Phạm Thị Dung',
      idNumber: '031190007788',
      phone: '0912000111',
      email: 'dung@example.vn',
      address: 'Thôn Tây',
      orgName: '',
      taxCode: '',
    },
    channel: 'online',
    submittedOnline: true,
    receivedAt: '2026-11-24T14:30:00.000Z',
    subject: 'Đăng ký khai sinh cho con',
    components: [
      { name: 'Tờ khai', originals: 0, copies: 0, digitised: true, reused: false },
      { name: 'Giấy chứng sinh', originals: 0, copies: 0, digitised: true, reused: true },
    ],
    vneidVerified: true,
  });
  // Thanh Hóa's dummy ID means "no ID"; an enterprise keeps its tax code.
  assert.equal(
    fromHoSo(portal({ DinhDanhCHS: [{ LoaiDinhDanh: '2', SoDinhDanh: '000000001' }] }), { now: NOW }).value!.intake
      .applicant.idNumber,
    '',
  );
  const org = fromHoSo(
    portal({ LoaiDoiTuong: 2, ChuHoSo: 'Công ty TNHH Hương Quê', SoGiayToChuHoSo: '0801234567', DinhDanhCHS: [] }),
    { now: NOW },
  ).value!;
  assert.equal(org.intake.applicant.kind, 'organization');
  assert.equal(org.intake.applicant.orgName, 'Công ty TNHH Hương Quê');
  assert.equal(org.intake.applicant.taxCode, '0801234567');
});

test('fromHoSo lists every problem with its path, in Vietnamese and English', () => {
  const { value, problems } = fromHoSo(
    {
      MaHoSo: '',
      MaTTHC: 'khai-sinh',
      KenhThucHien: '1',
      TrangThaiHoSo: 4,
      LoaiDoiTuong: 9,
      ChuHoSo: '',
      SoGiayToChuHoSo: '12345',
      SoDienThoai: '12',
      Email: 'x@',
      NgayNopHoSo: '2026-11-24',
      TrichYeuHoSo: 'y'.repeat(1001),
      TaiLieuNop: [{ TenTepDinhKem: '', DuocSoHoa: 3 }],
    },
    { now: NOW, index: 3 },
  );
  assert.equal(value, null);
  assert.deepEqual(problems.map((p) => p.field).sort(), [
    'HoSo[3].ChuHoSo',
    'HoSo[3].Email',
    'HoSo[3].KenhThucHien',
    'HoSo[3].LoaiDoiTuong',
    'HoSo[3].MaHoSo',
    'HoSo[3].MaTTHC',
    'HoSo[3].NgayNopHoSo',
    'HoSo[3].SoDienThoai',
    'HoSo[3].SoGiayToChuHoSo',
    'HoSo[3].TaiLieuNop[0].DuocSoHoa',
    'HoSo[3].TaiLieuNop[0].TenTepDinhKem',
    'HoSo[3].TrangThaiHoSo',
    'HoSo[3].TrichYeuHoSo',
  ]);
  for (const p of problems) {
    assert.ok(p.vi.startsWith(`HoSo[3], ${p.field!.slice('HoSo[3].'.length)}: `), p.vi);
    assert.ok(p.en.startsWith(`HoSo[3], ${p.field!.slice('HoSo[3].'.length)}: `), p.en);
  }
  const future = fromHoSo(portal({ NgayNopHoSo: '20261201090000' }), { now: NOW });
  assert.deepEqual(
    future.problems.map((p) => p.field),
    ['HoSo.NgayNopHoSo'],
  );
  assert.deepEqual(
    fromHoSo('nope', { now: NOW }).problems.map((p) => p.field),
    ['HoSo'],
  );
});

test('readHoSoPayload: the envelope, the size limit and duplicate portal codes', () => {
  assert.deepEqual(
    readHoSoPayload({ hoso: [] }, { now: NOW }).problems.map((p) => p.field),
    ['HoSo'],
  );
  assert.deepEqual(
    readHoSoPayload({ HoSo: [] }, { now: NOW }).problems.map((p) => p.field),
    ['HoSo'],
  );
  assert.deepEqual(
    readHoSoPayload({ HoSo: Array.from({ length: 201 }, () => portal()) }, { now: NOW }).problems.map((p) => p.field),
    ['HoSo'],
  );
  const r = readHoSoPayload({ HoSo: [portal(), portal({ MaHoSo: 'other' }), portal()] }, { now: NOW });
  assert.deepEqual(
    r.problems.map((p) => p.field),
    ['HoSo[2].MaHoSo'],
  );
  const known = readHoSoPayload(
    { HoSo: [portal(), portal({ MaHoSo: 'other', MaTTHC: '2.000815', ChuHoSo: '' })] },
    { now: NOW, hasProcedure: (c) => c === '1.001193' },
  );
  assert.deepEqual(
    known.problems.map((p) => p.field),
    ['HoSo[1].MaTTHC', 'HoSo[1].ChuHoSo'],
    'an unknown procedure is reported with the other problems',
  );
  assert.deepEqual(
    r.items.map((i) => [i.index, i.portalCode]),
    [
      [0, 'G22.99-261124-00012'],
      [1, 'other'],
    ],
  );
});

test('round trip: fromHoSo(toHoSo(x)) keeps the applicant, the procedure, the submission time and the components', () => {
  const online = source({
    status: 1,
    channel: 'online',
    receivedAt: '2026-11-24T14:30:07.000Z',
    flags: { digitised: true, reused: true, electronicResult: false, vneidVerified: true },
  });
  const h = toHoSo(online, [ev('received', '2026-11-25T01:00:00.000Z', 1, {}, 'Hệ thống')], CENTER);
  const { value, problems } = fromHoSo(JSON.parse(JSON.stringify(h)), { now: NOW });
  assert.deepEqual(problems, []);
  assert.equal(value!.portalCode, online.code);
  assert.equal(value!.intake.procedureCode, online.procedureCode);
  assert.deepEqual(value!.intake.applicant, online.applicant);
  assert.equal(value!.intake.receivedAt, online.receivedAt);
  assert.equal(value!.intake.subject, online.subject);
  assert.equal(value!.intake.vneidVerified, true);
  assert.deepEqual(
    value!.intake.components!.map((c) => [c.name, c.digitised, c.reused]),
    online.components.map((c) => [c.name, c.digitised, c.reused]),
  );

  const org: Applicant = {
    kind: 'organization',
    fullName: 'Công ty TNHH Hương Quê',
    idNumber: '',
    phone: '0987654321',
    email: '',
    address: 'Chợ Cẩm Giàng',
    orgName: 'Công ty TNHH Hương Quê',
    taxCode: '0801234567',
  };
  const back = fromHoSo(toHoSo(source({ status: 1, channel: 'online', applicant: org }), [], CENTER), {
    now: NOW,
  }).value!;
  assert.deepEqual(back.intake.applicant, org);
});

test('an online submission older than the import window is refused (back-dating stays an admin permission)', () => {
  const old = fromHoSo(portal({ NgayNopHoSo: '20261001090000' }), { now: NOW });
  assert.equal(old.value, null);
  assert.ok(old.problems.some((p) => p.field?.endsWith('NgayNopHoSo') && p.en.includes('30')));
  assert.ok(fromHoSo(portal({ NgayNopHoSo: '20261125090000' }), { now: NOW }).value);
});

test('the streamed export writes each HoSo with its fields in the response schema’s order (DSKetNoiCSDL last)', async () => {
  const { hoSoJson } = await import('./dvcqg-export.ts');
  const { HoSoSchema } = await import('./dvcqg-schemas.ts');
  const h = toHoSo(source({ flags: { ...source().flags, populationData: true } }), [], CENTER);
  const text = hoSoJson(h);
  const keys = Object.keys(JSON.parse(text) as object);
  assert.deepEqual(keys, [...Object.keys(HoSoSchema.properties), 'DSKetNoiCSDL']);
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(h)));
});
