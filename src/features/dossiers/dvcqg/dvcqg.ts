/**
 * The national portal's dossier JSON (DVCQG "HoSo", BRIEF §11.1, as implemented by Thanh Hóa):
 * `toHoSo` maps a dossier and its events to it, `fromHoSo` reads an online submission from it
 * into validated `intake` input. Pure: no I/O, no clock (the caller passes `now`).
 *
 * Wire conventions follow the Thanh Hóa implementation: every scalar is a string (codes too:
 * "1", not 1); every date is `yyyyMMddHHmmss` in Vietnam time; a missing date is "". On import,
 * codes may be numbers or strings. Field-by-field notes and what is not mapped: docs/dvcqg.md.
 */
import { formatInstantVi, fromLocal, isLocalDate, toLocal, HOUR_MS, MINUTE_MS } from '../../../core/calendar/index.ts';
import type { ErrorDetail } from '../../../core/http/errors.ts';
import { nfc } from '../../../core/text/index.ts';
import { deskMessages } from '../messages.ts';
import { CHANNEL_CODE, parseApplicant, type Applicant, type ReturnMethod } from '../model.ts';
import type { DossierEvent, DossierView } from '../service.ts';
import { isNoAppointment } from '../workflow/clock.ts';

// ---- Types ----

/** What `toHoSo` reads from a dossier (a `DossierView` fits; the lookup secret is never read). */
export type HoSoSource = Pick<
  DossierView,
  | 'code'
  | 'status'
  | 'procedureCode'
  | 'procedureName'
  | 'field'
  | 'channel'
  | 'applicant'
  | 'owner'
  | 'subject'
  | 'components'
  | 'receivedAt'
  | 'dueAt'
  | 'processedAt'
  | 'returnedAt'
  | 'returnMethod'
  | 'endedAt'
  | 'flags'
>;

export interface DinhDanhCHS {
  LoaiDinhDanh: string;
  SoDinhDanh: string;
}

export interface TaiLieuNop {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: string;
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  DuocSoHoa: string;
  DuocTaiSuDung: string;
  DuocLayTuKhoDMQG: string;
  MaKetQuaThayThe: string;
}

export interface QuaTrinhXuLy {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/** A supplement round (types as in the Thanh Hóa class: id a number, state a boolean). */
export interface HoSoBoSung {
  HoSoBoSungId: number;
  NguoiYeuCauBoSung: string;
  NoiDungBoSung: string;
  NgayBoSung: string;
  NguoiTiepNhanBoSung: string;
  NgayTiepNhanBoSung: string;
  TrangThaiBoSung: boolean;
}

export interface HoSo {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  TenLinhVuc: string;
  KenhThucHien: string;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  LoaiDoiTuong: string;
  DinhDanhCHS: DinhDanhCHS[];
  /** Extension (not in the Thanh Hóa payload): the owner's address, so an import keeps it. */
  DiaChiChuHoSo: string;
  ThongTinKhac: string;
  SoDienThoai: string;
  Email: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayTra: string;
  NgayKetThucXuLy: string;
  NgayTuChoi: string;
  TrangThaiHoSo: string;
  HinhThuc: string;
  ThongTinTra: string;
  DonViXuLy: string;
  HoSoCoThanhPhanSoHoa: string;
  TaiKhoanDuocXacThucVoiVNeID: string;
  DuocThanhToanTrucTuyen: string;
  /** Databases connected (MaCSDL): the national population database when it was consulted (4.5a). */
  DSKetNoiCSDL: { MaCSDL: string }[];
  TaiLieuNop: TaiLieuNop[];
  DanhSachHoSoBoSung: HoSoBoSung[];
  QuaTrinhXuLy: QuaTrinhXuLy[];
}

// ---- Dates: yyyyMMddHHmmss in Vietnam time ----

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7); "" for no date. Milliseconds are dropped. */
export function portalDate(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return '';
  const { date, ms } = toLocal(d);
  return `${date.replace(/-/g, '')}${pad2(Math.floor(ms / HOUR_MS))}${pad2(Math.floor((ms % HOUR_MS) / MINUTE_MS))}${pad2(Math.floor((ms % MINUTE_MS) / 1000))}`;
}

/** The instant of a `yyyyMMddHHmmss` Vietnam-time string; null when malformed or impossible. */
export function parsePortalDate(s: unknown): Date | null {
  const m = typeof s === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s.trim()) : null;
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (!isLocalDate(date) || h > 23 || mi > 59 || sec > 59) return null;
  return new Date(fromLocal(date, h * 60 + mi).getTime() + sec * 1000);
}

// ---- Codes ----

/** LoaiDoiTuong: 1 citizen, 2 enterprise, 3 state agency, 4 organisation/other. We export 1 or 2. */
export const LOAI_DOI_TUONG = { citizen: '1', organization: '2' } as const;

/**
 * HinhThuc (return method). [unverified] The Thanh Hóa payload sends its own HinhThucTra code and
 * the brief gives no list; 0 = at the desk, 1 = by post is the reading of several provincial
 * integrations. Confirm with the provincial system; ThongTinTra always carries the method in words.
 */
export const HINH_THUC: Record<ReturnMethod, string> = { desk: '0', home: '0', post: '1', online: '2' };

const TH_DUMMY_ID = '000000001'; // Thanh Hóa fills a missing owner ID with this (BRIEF §11.1)
const MAX_NGUOI_XU_LY = 50;
const MAX_TRICH_YEU = 1000;

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const bit = (b: boolean) => (b ? '1' : '0');

// ---- Export ----

function ownerOf(v: HoSoSource): Applicant {
  return v.owner ?? v.applicant;
}

function otherInfo(v: HoSoSource): string {
  const a = v.applicant;
  const parts: string[] = [];
  if (v.owner)
    parts.push(
      `Người nộp hồ sơ: ${a.fullName}${a.idNumber ? `, số định danh ${a.idNumber}` : ''}${a.phone ? `, điện thoại ${a.phone}` : ''}`,
    );
  else if (a.kind === 'organization' && a.fullName && a.fullName !== a.orgName)
    parts.push(`Người đại diện, liên hệ: ${a.fullName}`);
  return parts.join('; ');
}

function eventText(v: HoSoSource, e: DossierEvent): string {
  const t = deskMessages.vi as Record<string, string>;
  const d = e.data;
  const s = (k: string) => (typeof d[k] === 'string' ? d[k] : '');
  let text = t[`ev_${e.action}`] ?? e.action;
  if (e.action === 'received' && v.channel === 'online') text = 'Nộp hồ sơ trực tuyến';
  if (e.action === 'received' && v.channel === 'postal') text = 'Tiếp nhận hồ sơ qua bưu chính công ích';
  if (e.action === 'handoff' && s('to')) text = `${text} đến ${s('to')}`;
  const extra: string[] = [];
  if (s('reason')) extra.push(`lý do: ${s('reason')}`);
  if (Array.isArray(d.components) && d.components.length)
    extra.push(`cần bổ sung: ${(d.components as unknown[]).filter((x) => typeof x === 'string').join(', ')}`);
  if (typeof d.amount === 'number') extra.push(`số tiền: ${d.amount.toLocaleString('vi-VN')} đồng`);
  if (s('result')) extra.push(`kết quả: ${s('result')}`);
  if (s('method')) extra.push(`hình thức trả: ${t[`method_${s('method')}`] ?? s('method')}`);
  if (s('reference')) extra.push(`mã giao dịch: ${s('reference')}`);
  if (e.action === 'extend' && s('after')) extra.push(`hẹn lại đến ${formatInstantVi(new Date(s('after')))}`);
  if (s('note')) extra.push(s('note'));
  return clip(extra.length ? `${text}: ${extra.join('; ')}` : text, 2000);
}

function processSteps(v: HoSoSource, events: DossierEvent[]): QuaTrinhXuLy[] {
  return events.map((e) => {
    const due = e.action === 'extend' ? e.data.after : e.data.dueAt;
    return {
      MaHoSo: v.code,
      NguoiXuLy: clip(e.actor || 'Cán bộ một cửa', MAX_NGUOI_XU_LY),
      ChucDanh: '',
      // The submission step is dated when the citizen submitted, not when it was recorded here.
      ThoiDiemXuLy: portalDate(e.action === 'received' ? v.receivedAt : e.at),
      PhongBanXuLy: e.action === 'handoff' && typeof e.data.to === 'string' ? e.data.to : '',
      NoiDungXuLy: eventText(v, e),
      TrangThai: String(e.toStatus ?? v.status),
      NgayBatDau: '',
      NgayKetThucTheoQuyDinh: typeof due === 'string' && !isNoAppointment(due) ? portalDate(due) : '',
    };
  });
}

function supplements(events: DossierEvent[]): HoSoBoSung[] {
  const out: HoSoBoSung[] = [];
  for (const e of events) {
    if (e.action === 'request_supplement') {
      const components = Array.isArray(e.data.components)
        ? (e.data.components as unknown[]).filter((x) => typeof x === 'string')
        : [];
      const reason = typeof e.data.reason === 'string' ? e.data.reason : '';
      out.push({
        HoSoBoSungId: out.length + 1,
        NguoiYeuCauBoSung: clip(e.actor, MAX_NGUOI_XU_LY),
        NoiDungBoSung: [reason, components.length ? `Cần bổ sung: ${components.join(', ')}` : '']
          .filter(Boolean)
          .join('. '),
        NgayBoSung: portalDate(e.at),
        NguoiTiepNhanBoSung: '',
        NgayTiepNhanBoSung: '',
        TrangThaiBoSung: false,
      });
    }
    const open = out[out.length - 1];
    if (e.action === 'complete_supplement' && open && !open.TrangThaiBoSung) {
      open.NguoiTiepNhanBoSung = clip(e.actor, MAX_NGUOI_XU_LY);
      open.NgayTiepNhanBoSung = portalDate(e.at);
      open.TrangThaiBoSung = true;
    }
  }
  return out;
}

/**
 * MaCSDL of the national population database (Cơ sở dữ liệu quốc gia về dân cư) in DSKetNoiCSDL.
 * [verify] against the DVCQG specification; the code is configuration-free here on purpose.
 */
export const MA_CSDL_DAN_CU = 'CSDLQGDC';

/**
 * DuocThanhToanTrucTuyen from the recorded payment: '1' paid on the national portal's payment
 * platform (data.gateway = 'dvcqg'), '2' paid online through a local gateway, '0' otherwise.
 * The monthly report's online-payment figure reads the same events (reports/repo.ts ONLINE_PAID).
 */
export function onlinePayment(events: readonly DossierEvent[]): '0' | '1' | '2' {
  let out: '0' | '1' | '2' = '0';
  for (const e of events) {
    if (e.action !== 'confirm_payment' && e.action !== 'pay' && e.action !== 'complete_supplement') continue;
    if (e.data.online !== true && e.data.method !== 'online') continue;
    if (e.data.gateway === 'dvcqg') return '1';
    out = '2';
  }
  return out;
}

/**
 * The HoSo object of one dossier (a staff export: nothing is masked, but the receipt's lookup
 * secret is never included). `events` are the dossier's events in order; `center` names the
 * handling unit. NgayHenTra is the ORIGINAL appointment (an apology extension never moves it,
 * as Decision 766 judges against it); an online submission not yet accepted has no NgayTiepNhan
 * and no NgayHenTra.
 */
export function toHoSo(v: HoSoSource, events: DossierEvent[], center: { name: string }): HoSo {
  const owner = ownerOf(v);
  const org = owner.kind === 'organization';
  const ownerId = org ? owner.taxCode : owner.idNumber;
  const received = events.find((e) => e.action === 'received');
  const submittedOnly = received ? received.toStatus === 1 : v.status === 1;
  const acceptedAt = submittedOnly ? (events.find((e) => e.action === 'accept')?.at ?? null) : v.receivedAt;
  const refusedAt = events.find((e) => e.action === 'refuse')?.at ?? (v.status === 3 ? v.endedAt : null);
  const method = v.returnMethod as ReturnMethod | null;
  const t = deskMessages.vi as Record<string, string>;
  return {
    MaHoSo: v.code,
    MaTTHC: v.procedureCode,
    TenTTHC: v.procedureName,
    TenLinhVuc: v.field,
    KenhThucHien: String(CHANNEL_CODE[v.channel]),
    ChuHoSo: org ? owner.orgName || owner.fullName : owner.fullName,
    SoGiayToChuHoSo: ownerId,
    LoaiDoiTuong: org ? LOAI_DOI_TUONG.organization : LOAI_DOI_TUONG.citizen,
    DinhDanhCHS: !org && /^\d{12}$/.test(ownerId) ? [{ LoaiDinhDanh: '1', SoDinhDanh: ownerId }] : [],
    DiaChiChuHoSo: owner.address || v.applicant.address,
    ThongTinKhac: otherInfo(v),
    SoDienThoai: owner.phone || v.applicant.phone,
    Email: owner.email || v.applicant.email,
    TrichYeuHoSo: clip(v.subject, MAX_TRICH_YEU),
    NgayNopHoSo: portalDate(v.receivedAt),
    NgayTiepNhan: portalDate(acceptedAt),
    NgayHenTra: acceptedAt && !isNoAppointment(v.dueAt) ? portalDate(v.dueAt) : '',
    NgayTra: portalDate(v.returnedAt),
    NgayKetThucXuLy: portalDate(v.processedAt ?? v.endedAt),
    NgayTuChoi: portalDate(refusedAt),
    TrangThaiHoSo: String(v.status),
    HinhThuc: method && method in HINH_THUC ? HINH_THUC[method] : '',
    ThongTinTra: method ? (t[`method_${method}`] ?? method) : '',
    DonViXuLy: center.name,
    HoSoCoThanhPhanSoHoa: bit(v.flags.digitised),
    TaiKhoanDuocXacThucVoiVNeID: bit(v.flags.vneidVerified),
    DuocThanhToanTrucTuyen: onlinePayment(events),
    DSKetNoiCSDL: v.flags.populationData ? [{ MaCSDL: MA_CSDL_DAN_CU }] : [],
    TaiLieuNop: v.components.map((c) => ({
      TepDinhKemId: '',
      TenTepDinhKem: c.name,
      IsDeleted: '0',
      MaThanhPhanHoSo: '',
      DuongDanTaiTepTin: '',
      DuocSoHoa: bit(c.digitised),
      DuocTaiSuDung: bit(c.reused),
      DuocLayTuKhoDMQG: bit(v.flags.citizenStore === true),
      MaKetQuaThayThe: '',
    })),
    DanhSachHoSoBoSung: supplements(events),
    QuaTrinhXuLy: processSteps(v, events),
  };
}

// ---- Import ----

/** A portal submission read into `intake` input (an online submission: status 1, channel online). */
export interface ImportedHoSo {
  /** Position in the imported list (for error paths); 0 for a single HoSo. */
  index: number;
  /** MaHoSo as the portal numbered it; our own code is given at intake. */
  portalCode: string;
  submittedAt: Date;
  intake: {
    procedureCode: string;
    applicant: Applicant;
    channel: 'online';
    submittedOnline: true;
    receivedAt: string;
    subject?: string;
    components?: { name: string; originals: number; copies: number; digitised: boolean; reused: boolean }[];
    vneidVerified: boolean;
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A code sent as a number or a numeric string; undefined when absent or empty, NaN when not a whole number. */
function codeOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v)) return Number(v);
  return NaN;
}

const APPLICANT_FIELD: Record<string, string> = {
  fullName: 'ChuHoSo',
  orgName: 'ChuHoSo',
  idNumber: 'SoGiayToChuHoSo',
  taxCode: 'SoGiayToChuHoSo',
  phone: 'SoDienThoai',
  email: 'Email',
};

export const MAX_HOSO_PER_IMPORT = 200;

export interface ReadOptions {
  now: Date;
  hasProcedure?: (code: string) => boolean;
}

/** How old an imported online submission may be. */
export const MAX_IMPORT_AGE_DAYS = 30;

/** A HoSo being read: its fields, a string reader, and where its problems go (each step adds its own). */
interface HoSoReader {
  o: Obj;
  str: (k: string) => string;
  add: (path: string, vi: string, en: string) => void;
}

type Components = ImportedHoSo['intake']['components'];

const SCALAR_FIELDS = [
  'MaHoSo',
  'MaTTHC',
  'ChuHoSo',
  'SoGiayToChuHoSo',
  'SoDienThoai',
  'Email',
  'DiaChiChuHoSo',
  'DiaChi',
  'TrichYeuHoSo',
  'NgayNopHoSo',
] as const;

function checkScalars({ o, add }: HoSoReader): void {
  for (const k of SCALAR_FIELDS)
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string' && typeof o[k] !== 'number')
      add(k, 'phải là chuỗi ký tự.', 'must be a string.');
}

function readPortalCode({ str, add }: HoSoReader): string {
  const portalCode = str('MaHoSo');
  if (!portalCode) add('MaHoSo', 'cần có mã hồ sơ của Cổng.', 'the portal’s dossier code is required.');
  else if (portalCode.length > 60)
    add('MaHoSo', 'mã hồ sơ dài quá 60 ký tự.', 'the dossier code is longer than 60 characters.');
  return portalCode;
}

/** MaTTHC: the national code "1.000656", or a local published code that starts with it. */
function readProcedureCode({ str, add }: HoSoReader, hasProcedure: ReadOptions['hasProcedure']): string {
  const maTTHC = str('MaTTHC');
  const code = /^(\d\.\d{6})(\.[0-9A-Za-z.]*)?$/.exec(maTTHC)?.[1] ?? '';
  if (!maTTHC) add('MaTTHC', 'cần có mã thủ tục.', 'the procedure code is required.');
  else if (!code)
    add(
      'MaTTHC',
      `“${maTTHC.slice(0, 40)}” không phải mã thủ tục dạng 1.000656.`,
      `“${maTTHC.slice(0, 40)}” is not a procedure code like 1.000656.`,
    );
  else if (hasProcedure && !hasProcedure(code))
    add(
      'MaTTHC',
      `thủ tục ${code} không có trong danh mục đang công khai của Trung tâm.`,
      `procedure ${code} is not in the centre’s published catalogue.`,
    );
  return code;
}

/** Only new online submissions are imported: KenhThucHien 2 and TrangThaiHoSo 1 when given. */
function checkOnlineAndNew({ o, add }: HoSoReader): void {
  const kenh = codeOf(o.KenhThucHien);
  if (kenh !== undefined && kenh !== 2)
    add(
      'KenhThucHien',
      'chỉ nhập hồ sơ nộp trực tuyến (KenhThucHien = 2).',
      'only online submissions (KenhThucHien = 2) can be imported.',
    );
  const trangThai = codeOf(o.TrangThaiHoSo);
  if (trangThai !== undefined && trangThai !== 1) {
    add(
      'TrangThaiHoSo',
      'chỉ nhập hồ sơ mới đăng ký (TrangThaiHoSo = 1); hồ sơ đã được xử lý ở hệ thống khác thì tiếp tục xử lý ở đó.',
      'only new submissions (TrangThaiHoSo = 1) can be imported; a dossier already handled elsewhere stays there.',
    );
  }
}

/** LoaiDoiTuong (1 citizen, else an organisation), checked. */
function readIsOrganisation({ o, add }: HoSoReader): boolean {
  const loai = codeOf(o.LoaiDoiTuong) ?? 1;
  if (![1, 2, 3, 4].includes(loai))
    add(
      'LoaiDoiTuong',
      'phải là 1 (công dân), 2 (doanh nghiệp), 3 (cơ quan nhà nước) hoặc 4 (tổ chức khác).',
      'must be 1 (citizen), 2 (enterprise), 3 (state agency) or 4 (other organisation).',
    );
  return loai !== 1;
}

/** The owner's ID: SoGiayToChuHoSo, else the first DinhDanhCHS; Thanh Hóa's dummy "000000001" means none. */
function readOwnerId({ o, str, add }: HoSoReader): string {
  let ownerId = str('SoGiayToChuHoSo').replace(/\s/g, '');
  if (o.DinhDanhCHS !== undefined && o.DinhDanhCHS !== null && !Array.isArray(o.DinhDanhCHS))
    add('DinhDanhCHS', 'phải là danh sách.', 'must be a list.');
  if (!ownerId && Array.isArray(o.DinhDanhCHS)) {
    const first = o.DinhDanhCHS.find(
      (x): x is Obj => isObj(x) && (typeof x.SoDinhDanh === 'string' || typeof x.SoDinhDanh === 'number'),
    );
    if (first) ownerId = String(first.SoDinhDanh).replace(/\s/g, '');
  }
  return ownerId === TH_DUMMY_ID ? '' : ownerId;
}

/** The owner as the desk's applicant, checked by the desk's own rule (its problems under the portal's names). */
function readApplicant(r: HoSoReader, org: boolean, ownerId: string): Applicant {
  const { str, add } = r;
  const name = str('ChuHoSo');
  const max = org ? 300 : 120;
  if (!name) add('ChuHoSo', 'cần có tên chủ hồ sơ.', 'the owner’s name is required.');
  else if ([...name].length > max)
    add('ChuHoSo', `tên dài quá ${String(max)} ký tự.`, `the name is longer than ${String(max)} characters.`);
  const raw = {
    kind: org ? 'organization' : 'citizen',
    fullName: name,
    orgName: org ? name : '',
    idNumber: org ? '' : ownerId,
    taxCode: org ? ownerId : '',
    phone: str('SoDienThoai'),
    email: str('Email'),
    address: str('DiaChiChuHoSo') || str('DiaChi'),
  };
  const { applicant, problems } = parseApplicant(raw, 'a');
  for (const p of problems) {
    const k = p.field?.replace(/^a\./, '') ?? '';
    if (k === 'fullName' || k === 'orgName') continue; // reported above as ChuHoSo
    add(APPLICANT_FIELD[k] ?? k, p.vi, p.en);
  }
  return applicant;
}

/** NgayNopHoSo: required, a real time, not in the future and at most 30 days old. */
function readSubmittedAt({ o, add }: HoSoReader, now: Date): Date | null {
  const submittedAt = parsePortalDate(o.NgayNopHoSo);
  if (o.NgayNopHoSo === undefined || o.NgayNopHoSo === null || o.NgayNopHoSo === '')
    add(
      'NgayNopHoSo',
      'cần có ngày nộp hồ sơ (yyyyMMddHHmmss, giờ Việt Nam).',
      'the submission time is required (yyyyMMddHHmmss, Vietnam time).',
    );
  else if (!submittedAt)
    add(
      'NgayNopHoSo',
      `“${String(o.NgayNopHoSo).slice(0, 30)}” không phải ngày giờ dạng yyyyMMddHHmmss (ví dụ 20261125093000).`,
      `“${String(o.NgayNopHoSo).slice(0, 30)}” is not a yyyyMMddHHmmss time (e.g. 20261125093000).`,
    );
  else if (submittedAt.getTime() > now.getTime())
    add('NgayNopHoSo', 'ngày nộp ở tương lai.', 'the submission time is in the future.');
  // Imports bring in recent online submissions; an older date would rewrite deadlines and scores
  // (back-dating stays an administrator's permission).
  else if (now.getTime() - submittedAt.getTime() > MAX_IMPORT_AGE_DAYS * 86_400_000)
    add(
      'NgayNopHoSo',
      `ngày nộp quá ${String(MAX_IMPORT_AGE_DAYS)} ngày trước; hồ sơ cũ hơn cần quản trị nhập.`,
      `the submission is more than ${String(MAX_IMPORT_AGE_DAYS)} days old; older dossiers need an administrator.`,
    );
  return submittedAt;
}

/** TrichYeuHoSo; undefined for none (or Thanh Hóa's placeholder "Dinhkem"). */
function readSubject({ str, add }: HoSoReader): string | undefined {
  const subject = str('TrichYeuHoSo');
  if ([...subject].length > MAX_TRICH_YEU)
    add(
      'TrichYeuHoSo',
      `trích yếu dài quá ${String(MAX_TRICH_YEU)} ký tự.`,
      `the abstract is longer than ${String(MAX_TRICH_YEU)} characters.`,
    );
  return !subject || subject === 'Dinhkem' ? undefined : subject;
}

/** One TaiLieuNop entry as a received component; null when deleted or not an object. */
function readDocument(t: unknown, p: string, add: HoSoReader['add']): NonNullable<Components>[number] | null {
  if (!isObj(t)) {
    add(p, 'phải là một đối tượng.', 'must be an object.');
    return null;
  }
  if (t.IsDeleted === true || codeOf(t.IsDeleted) === 1) return null;
  const n = typeof t.TenTepDinhKem === 'string' ? nfc(t.TenTepDinhKem).trim() : '';
  if (!n) add(`${p}.TenTepDinhKem`, 'cần tên giấy tờ.', 'the document’s name is required.');
  else if ([...n].length > 300)
    add(`${p}.TenTepDinhKem`, 'tên dài quá 300 ký tự.', 'the name is longer than 300 characters.');
  const soHoa = codeOf(t.DuocSoHoa) ?? 0;
  const taiSuDung = codeOf(t.DuocTaiSuDung) ?? 0;
  if (soHoa !== 0 && soHoa !== 1) add(`${p}.DuocSoHoa`, 'phải là 0 hoặc 1.', 'must be 0 or 1.');
  if (![0, 1, 2].includes(taiSuDung)) add(`${p}.DuocTaiSuDung`, 'phải là 0, 1 hoặc 2.', 'must be 0, 1 or 2.');
  return { name: n, originals: 0, copies: 0, digitised: soHoa === 1, reused: taiSuDung === 1 || taiSuDung === 2 };
}

/** TaiLieuNop (at most 50); undefined when absent or empty: the procedure's own list is used. */
function readDocuments({ o, add }: HoSoReader): Components {
  if (o.TaiLieuNop === undefined || o.TaiLieuNop === null) return undefined;
  if (!Array.isArray(o.TaiLieuNop)) add('TaiLieuNop', 'phải là danh sách.', 'must be a list.');
  else if (o.TaiLieuNop.length > 50) add('TaiLieuNop', 'tối đa 50 giấy tờ.', 'at most 50 documents.');
  else {
    const components: NonNullable<Components> = [];
    o.TaiLieuNop.forEach((t, i) => {
      const c = readDocument(t, `TaiLieuNop[${String(i)}]`, add);
      if (c) components.push(c);
    });
    return components.length ? components : undefined;
  }
  return undefined;
}

function readVneid({ o, add }: HoSoReader): boolean {
  const vneid = codeOf(o.TaiKhoanDuocXacThucVoiVNeID);
  if (vneid !== undefined && vneid !== 0 && vneid !== 1)
    add('TaiKhoanDuocXacThucVoiVNeID', 'phải là 0 hoặc 1.', 'must be 0 or 1.');
  return vneid === 1;
}

function readerOf(o: Obj, where: string, problems: ErrorDetail[]): HoSoReader {
  return {
    o,
    str: (k) => (typeof o[k] === 'string' ? nfc(o[k]).trim() : typeof o[k] === 'number' ? String(o[k]) : ''),
    add: (path, vi, en) =>
      problems.push({ field: `${where}.${path}`, vi: `${where}, ${path}: ${vi}`, en: `${where}, ${path}: ${en}` }),
  };
}

/**
 * Reads one HoSo as an online submission. Every problem is listed with its path (e.g.
 * "HoSo[2].MaTTHC" for `index` 2, "HoSo.MaTTHC" without an index), in Vietnamese and English, in the style of the catalogue import.
 * `hasProcedure` says whether the centre's published catalogue has a national code (not checked
 * when absent). The steps run in the order of the problems they report.
 */
export function fromHoSo(
  input: unknown,
  opts: ReadOptions & { index?: number },
): { value: ImportedHoSo | null; problems: ErrorDetail[] } {
  const index = opts.index ?? 0;
  const where = opts.index === undefined ? 'HoSo' : `HoSo[${String(index)}]`;
  const problems: ErrorDetail[] = [];
  if (!isObj(input)) {
    problems.push({
      field: where,
      vi: `${where}: mỗi hồ sơ phải là một đối tượng JSON.`,
      en: `${where}: each dossier must be a JSON object.`,
    });
    return { value: null, problems };
  }
  const r = readerOf(input, where, problems);
  checkScalars(r);
  const portalCode = readPortalCode(r);
  const code = readProcedureCode(r, opts.hasProcedure);
  checkOnlineAndNew(r);
  const org = readIsOrganisation(r);
  const applicant = readApplicant(r, org, readOwnerId(r));
  const submittedAt = readSubmittedAt(r, opts.now);
  const subject = readSubject(r);
  const components = readDocuments(r);
  const vneidVerified = readVneid(r);
  if (problems.length || !submittedAt) return { value: null, problems };
  const intake: ImportedHoSo['intake'] = {
    procedureCode: code,
    applicant,
    channel: 'online',
    submittedOnline: true,
    receivedAt: submittedAt.toISOString(),
    ...(subject ? { subject } : {}),
    ...(components ? { components } : {}),
    vneidVerified,
  };
  return { value: { index, portalCode, submittedAt, intake }, problems };
}

/**
 * Reads `{ "HoSo": [...] }` (or a bare list): every dossier is checked and every problem listed;
 * duplicates of MaHoSo inside the payload are refused. Returns the problems (empty when all valid).
 */
export function readHoSoPayload(body: unknown, opts: ReadOptions): { items: ImportedHoSo[]; problems: ErrorDetail[] } {
  const list = Array.isArray(body) ? body : isObj(body) && Array.isArray(body.HoSo) ? body.HoSo : null;
  if (!list)
    return {
      items: [],
      problems: [
        { field: 'HoSo', vi: 'Nội dung phải là { "HoSo": [ ... ] }.', en: 'The body must be { "HoSo": [ ... ] }.' },
      ],
    };
  if (list.length === 0)
    return {
      items: [],
      problems: [{ field: 'HoSo', vi: 'Danh sách hồ sơ trống.', en: 'The list of dossiers is empty.' }],
    };
  if (list.length > MAX_HOSO_PER_IMPORT)
    return {
      items: [],
      problems: [
        {
          field: 'HoSo',
          vi: `Tối đa ${MAX_HOSO_PER_IMPORT} hồ sơ mỗi lần nhập.`,
          en: `At most ${MAX_HOSO_PER_IMPORT} dossiers per import.`,
        },
      ],
    };
  const items: ImportedHoSo[] = [];
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  list.forEach((h, i) => {
    const where = `HoSo[${i}]`;
    const r = fromHoSo(h, { ...opts, index: i });
    problems.push(...r.problems);
    if (!r.value) return;
    const first = seen.get(r.value.portalCode);
    if (first !== undefined) {
      problems.push({
        field: `${where}.MaHoSo`,
        vi: `${where}, MaHoSo: mã ${r.value.portalCode} trùng với HoSo[${first}].`,
        en: `${where}, MaHoSo: code ${r.value.portalCode} repeats HoSo[${first}].`,
      });
      return;
    }
    seen.set(r.value.portalCode, i);
    items.push(r.value);
  });
  return { items, problems };
}
