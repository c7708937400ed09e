/** The request and response schemas of the DVCQG exchange API (OpenAPI; notes in docs/dvcqg.md). */
import Type from 'typebox';
import { MAX_HOSO_PER_IMPORT } from './dvcqg.ts';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }),
});
export const Obj = Type.Object({}, { additionalProperties: true });
const S = (description: string) => Type.String({ description });
const DateS = (description: string) =>
  Type.String({ description: `${description} (yyyyMMddHHmmss, Vietnam time; "" when none)` });

/** The HoSo object as exported (BRIEF §11.1; notes in docs/dvcqg.md). */
export const HoSoSchema = Type.Object(
  {
    MaHoSo: S('Dossier code {agency}-{yyMMdd}-{nnnn}'),
    MaTTHC: S('National procedure code, e.g. 1.000656'),
    TenTTHC: S('Procedure name'),
    TenLinhVuc: S('Field (lĩnh vực) name'),
    KenhThucHien: S('1 direct, 2 online, 3 public postal service'),
    ChuHoSo: S('Owner: the person, or the organisation’s name'),
    SoGiayToChuHoSo: S('Owner’s 12-digit ID, or the organisation’s tax code'),
    LoaiDoiTuong: S('1 citizen, 2 enterprise/organisation'),
    DinhDanhCHS: Type.Array(Type.Object({ LoaiDinhDanh: S('1 = 12-digit personal ID'), SoDinhDanh: S('ID number') })),
    DiaChiChuHoSo: S('Owner’s address (extension, not in the Thanh Hóa payload)'),
    ThongTinKhac: S('Other information: who submitted on the owner’s behalf, contact person'),
    SoDienThoai: S('Phone'),
    Email: S('E-mail'),
    TrichYeuHoSo: S('Abstract, ≤ 1000 characters'),
    NgayNopHoSo: DateS('Submission'),
    NgayTiepNhan: DateS('Acceptance'),
    NgayHenTra: DateS('Original appointment'),
    NgayTra: DateS('Result returned'),
    NgayKetThucXuLy: DateS('End of processing'),
    NgayTuChoi: DateS('Refusal'),
    TrangThaiHoSo: S('1–10'),
    HinhThuc: S('Return method code [unverified]: 0 desk, 1 post, 2 online'),
    ThongTinTra: S('Return method in words'),
    DonViXuLy: S('Handling unit'),
    HoSoCoThanhPhanSoHoa: S('0/1'),
    TaiKhoanDuocXacThucVoiVNeID: S('0/1'),
    DuocThanhToanTrucTuyen: S('0 (online payment is not recorded yet)'),
    TaiLieuNop: Type.Array(Obj, {
      description: 'Submitted documents: TenTepDinhKem, DuocSoHoa 0/1, DuocTaiSuDung 0/1, …',
    }),
    DanhSachHoSoBoSung: Type.Array(Obj, { description: 'Supplement rounds' }),
    QuaTrinhXuLy: Type.Array(Obj, {
      description: 'Process steps: MaHoSo, NguoiXuLy (≤ 50), ThoiDiemXuLy, NoiDungXuLy, TrangThai, …',
    }),
  },
  { additionalProperties: true },
);

const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const exportPeriodSchema = {
  operationId: 'exportDvcqgDossiers',
  tags: ['dossiers', 'dvcqg'],
  summary:
    'Dossiers received from..to (Vietnam dates, at most 93 days) in the national portal’s HoSo shape, for the provincial system (staff with dossier.read; recorded in the audit log)',
  security: [{ bearer: [] }],
  params: Slug,
  querystring: Type.Object({
    from: Day('First receipt day, YYYY-MM-DD'),
    to: Day('Last receipt day, YYYY-MM-DD (included)'),
  }),
  response: {
    200: Type.Object({ HoSo: Type.Array(HoSoSchema) }),
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const exportOneSchema = {
  operationId: 'getDvcqgDossier',
  tags: ['dossiers', 'dvcqg'],
  summary: 'One dossier in the national portal’s HoSo shape (staff of its centre)',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
  response: { 200: HoSoSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const importSchema = {
  operationId: 'importDvcqgDossiers',
  tags: ['dossiers', 'dvcqg'],
  summary: `Import online submissions { "HoSo": [...] } (at most ${String(MAX_HOSO_PER_IMPORT)}) as status-1 dossiers for the desk to accept (dossier.intake). All are validated first (400 lists every problem with its path); one already imported is skipped`,
  security: [{ bearer: [] }],
  params: Slug,
  body: Type.Object(
    {
      HoSo: Type.Array(Obj, {
        description:
          'HoSo objects. Read: MaHoSo, MaTTHC, ChuHoSo, SoGiayToChuHoSo or DinhDanhCHS, LoaiDoiTuong, SoDienThoai, Email, DiaChiChuHoSo, TrichYeuHoSo, NgayNopHoSo (required, yyyyMMddHHmmss), TaiLieuNop, TaiKhoanDuocXacThucVoiVNeID; KenhThucHien must be 2 and TrangThaiHoSo 1 when given',
      }),
    },
    { additionalProperties: true },
  ),
  response: {
    201: Type.Object({
      imported: Type.Array(Type.Object({ portalCode: Type.String(), code: Type.String(), status: Type.Integer() })),
      skipped: Type.Array(
        Type.Object({
          portalCode: Type.String(),
          code: Type.String({ description: 'Our dossier already holding this submission' }),
          reason: Type.String(),
        }),
      ),
    }),
    400: ErrorSchema,
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};
