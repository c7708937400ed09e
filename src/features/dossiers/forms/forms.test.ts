/**
 * The dossier forms as pure renderers: valid PDFs on the right paper with Tinos embedded, the
 * receipt's lookup QR code, forms that do not apply, the DOCX apology, the control-slip rows.
 * Set FORMS_PREVIEW_DIR=/tmp/forms-preview to keep the rendered files for looking at them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { inspectPdf } from '../../../core/documents/inspect.ts';
import type { Center } from '../../../core/db/schema.ts';
import type { ProcedureData } from '../../catalog/model.ts';
import { proc } from '../../boards/test-fixtures.ts';
import type { DossierEvent, DossierView } from '../service.ts';
import {
  APOLOGY_TEXT,
  FormNotApplicable,
  applicableForms,
  controlRows,
  dateWords,
  form01,
  form02,
  form03,
  form04,
  form04Docx,
  form05,
  form05Docx,
  form06,
  lookupUrl,
  numberWordsVi,
  phoneText,
  timeLimitWords,
  timeWords,
  type FormInput,
} from './forms.ts';

const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;
const PREVIEW = process.env.FORMS_PREVIEW_DIR;
/** Dates and times are printed with no-break spaces (never "17" at a line end and "giờ" on the next). */
const sp = (s: string) => s.replace(/\u00a0/g, ' ');
const hasPoppler =
  spawnSync('pdftoppm', ['-v']).error === undefined && spawnSync('pdftotext', ['-v']).error === undefined;

const CENTER_ROW: Center = {
  id: 1,
  slug: 'cam-giang',
  name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
  short_name: 'Trung tâm PVHCC xã Cẩm Giàng',
  parent_body: 'UBND xã Cẩm Giàng',
  province: 'Thành phố Hải Phòng',
  agency_code: 'H26.99.01',
  address: 'Trụ sở UBND xã Cẩm Giàng, thành phố Hải Phòng',
  phones: JSON.stringify([{ label: 'Bộ phận Một cửa', number: '02203000001' }]),
  email: 'trungtam.camgiang@example.gov.vn',
  website: 'https://camgiang.example.gov.vn',
  working_sessions: JSON.stringify([
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ]),
  same_day_cutoff: '15:00',
  same_day_weekdays: '[2,5]',
  culture_day_enabled: 1,
  culture_day_confirmed: 0,
  leader_name: 'Trần Thị Bình',
  leader_title: 'Phó Giám đốc',
  max_reappointments: 1,
  guidance_takes_code: 0,
  apology_warning_hours: 8,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

const BASE_URL = 'https://motcua.example.gov.vn';

const PROCEDURE: ProcedureData = proc({
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  implementingBody: 'UBND xã Cẩm Giàng (công chức Tư pháp – Hộ tịch)',
  coordinatingBodies: ['Công an xã Cẩm Giàng'],
  components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, form: null, note: '' }],
});

function dossierView(over: Partial<DossierView> = {}): DossierView {
  return {
    code: 'H26.99.01-261125-0007',
    status: 10,
    procedureCode: PROCEDURE.code,
    procedureName: PROCEDURE.name,
    field: 'Hộ tịch',
    channel: 'direct',
    applicant: {
      kind: 'citizen',
      fullName: 'Nguyễn Văn An',
      idNumber: '031086001234',
      phone: '0912345678',
      email: 'an.nguyen@example.com',
      address: 'Thôn Đông, xã Cẩm Giàng, thành phố Hải Phòng',
      orgName: '',
      taxCode: '',
    },
    owner: null,
    subject: 'Đăng ký khai sinh cho con: Nguyễn Thị Hoa, sinh ngày 20/11/2026',
    sets: 1,
    components: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1, copies: 0, digitised: true, reused: false },
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', originals: 1, copies: 0, digitised: true, reused: false },
      { name: 'Giấy chứng nhận kết hôn của cha, mẹ', originals: 0, copies: 1, digitised: false, reused: true },
    ],
    receivedAt: '2026-11-25T02:05:00.000Z',
    dueAt: '2026-11-30T10:00:00.000Z',
    extendedDueAt: null,
    sameDay: false,
    lookupSecret: 'K7MQ2P',
    supplementCount: 0,
    holder: 'Bộ phận Một cửa',
    processedAt: '2026-11-27T08:00:00.000Z',
    returnedAt: '2026-11-28T02:30:00.000Z',
    returnMethod: 'desk',
    endedAt: '2026-11-27T08:00:00.000Z',
    flags: { digitised: true, reused: true, electronicResult: false, vneidVerified: true },
    fee: null,
    verdict: 'early',
    effectiveDueAt: '2026-11-30T10:00:00.000Z',
    noAppointment: false,
    clock: null,
    version: 5,
    ...over,
  };
}

let seq = 0;
const ev = (action: string, at: string, data: Record<string, unknown> = {}, actor = 'Lê Văn Tiếp'): DossierEvent => ({
  seq: ++seq,
  action,
  fromStatus: null,
  // a desk intake is received at status 2 (accepted): it has a receipt (form 01)
  toStatus: action === 'received' ? 2 : null,
  actor,
  at,
  data,
});

const EVENTS: DossierEvent[] = [
  ev('received', '2026-11-25T02:05:00.000Z', { channel: 'direct' }),
  ev('handoff', '2026-11-25T03:00:00.000Z', {
    from: 'Bộ phận Một cửa',
    to: 'Công chức Tư pháp – Hộ tịch',
    onTime: true,
    note: 'Chuyển xử lý',
  }),
  ev(
    'request_supplement',
    '2026-11-25T07:00:00.000Z',
    {
      reason: 'Thiếu bản sao giấy chứng nhận kết hôn có chứng thực',
      components: ['Giấy chứng nhận kết hôn của cha, mẹ', 'Văn bản ủy quyền (nếu có)'],
    },
    'Phạm Thu Hà',
  ),
  ev('complete_supplement', '2026-11-26T02:00:00.000Z'),
  ev(
    'extend',
    '2026-11-26T04:00:00.000Z',
    {
      before: '2026-11-30T10:00:00.000Z',
      after: '2026-12-02T10:00:00.000Z',
      reason: 'Cần xác minh thông tin cư trú của người mẹ',
    },
    'Trần Thị Bình',
  ),
  ev('mark_processed', '2026-11-27T08:00:00.000Z', { result: 'Đã ký Giấy khai sinh' }, 'Phạm Thu Hà'),
  ev('return_result', '2026-11-28T02:30:00.000Z', { method: 'desk' }),
];

function input(over: Partial<FormInput> = {}): FormInput {
  return {
    center: CENTER_ROW,
    dossier: dossierView({ extendedDueAt: '2026-12-02T10:00:00.000Z' }),
    events: EVENTS,
    procedure: PROCEDURE,
    baseUrl: BASE_URL,
    ...over,
  };
}

const A4: [number, number] = [595.28, 841.89];
const A5: [number, number] = [419.53, 595.28];

function check(pdf: Buffer, size: [number, number], name?: string): number {
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  const f = inspectPdf(pdf);
  assert.ok(f.pages >= 1);
  for (const [w, h] of f.pageSizes)
    assert.ok(
      Math.abs(w - size[0]) < 0.01 && Math.abs(h - size[1]) < 0.01,
      `page ${w}×${h}, expected ${size.join('×')}`,
    );
  assert.ok(f.fonts.length > 0 && f.fonts.every((n) => n.startsWith('Tinos-')), `fonts: ${f.fonts.join(', ')}`);
  assert.ok(!pdf.toString('latin1').includes('Helvetica'), 'no PDF standard font');
  assert.equal(f.lang, 'vi-VN');
  if (PREVIEW && name) {
    mkdirSync(PREVIEW, { recursive: true });
    writeFileSync(join(PREVIEW, name), pdf);
  }
  return f.pages;
}

/** The text of a PDF through poppler (only where pdftotext is installed). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'form-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    const r = spawnSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return sp(r.stdout.normalize('NFC'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('wording helpers: numbers in words, Decree 30 dates, times, phones, the lookup URL', () => {
  assert.equal(numberWordsVi(3), 'ba');
  assert.equal(numberWordsVi(10), 'mười');
  assert.equal(numberWordsVi(15), 'mười lăm');
  assert.equal(numberWordsVi(21), 'hai mươi mốt');
  assert.equal(numberWordsVi(24), 'hai mươi tư');
  assert.equal(numberWordsVi(105), 'một trăm linh năm');
  assert.equal(numberWordsVi(1015), 'một nghìn không trăm mười lăm');
  assert.equal(numberWordsVi(3650), 'ba nghìn sáu trăm năm mươi');
  assert.equal(timeLimitWords(PROCEDURE), '03 (ba) ngày làm việc');
  assert.equal(
    timeLimitWords({ ...PROCEDURE, timeLimit: { amount: 15, unit: 'calendar_days', cutoff: false, note: '' } }),
    '15 (mười lăm) ngày',
  );
  assert.match(
    timeLimitWords({ ...PROCEDURE, timeLimit: { amount: null, unit: 'same_day', cutoff: true, note: '' } }),
    /^Trong ngày/,
  );
  assert.equal(sp(dateWords('2026-01-05')), 'ngày 05 tháng 01 năm 2026');
  assert.equal(sp(dateWords('2026-11-25')), 'ngày 25 tháng 11 năm 2026');
  assert.equal(sp(timeWords('2026-11-25T02:05:00.000Z')), '09 giờ 05 phút, ngày 25 tháng 11 năm 2026');
  assert.equal(sp(timeWords('2026-02-28T17:30:00.000Z')), '00 giờ 30 phút, ngày 01 tháng 3 năm 2026');
  assert.equal(phoneText('0912345678'), '0912 345 678');
  assert.equal(phoneText('02203000001'), '0220 3000 001');
  assert.equal(
    lookupUrl('https://motcua.example.gov.vn/', 'cam-giang', 'H26.99.01-261125-0007', 'K7MQ2P'),
    'https://motcua.example.gov.vn/cam-giang/tra-cuu?ma=H26.99.01-261125-0007&bi-mat=K7MQ2P',
  );
});

test('form 01: A5 by default, A4 on request, one page, Tinos only', async () => {
  assert.equal(check(await form01(input()), A5, 'form-01-a5.pdf'), 1);
  assert.equal(check(await form01(input(), { size: 'A4' }), A4, 'form-01-a4.pdf'), 1);
  const sameDay = input({
    dossier: dossierView({
      sameDay: true,
      dueAt: '2026-11-25T10:00:00.000Z',
      status: 2,
      returnedAt: null,
      processedAt: null,
      returnMethod: null,
    }),
    events: EVENTS.slice(0, 1),
  });
  assert.equal(check(await form01(sameDay), A5, 'form-01-same-day-a5.pdf'), 1);
});

test('form 01: an organisation with an owner, many long components, flows onto more pages without error', async () => {
  const components = Array.from({ length: 14 }, (_, i) => ({
    name: `Giấy tờ số ${i + 1}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất`,
    originals: 1,
    copies: 2,
    digitised: i % 2 === 0,
    reused: false,
  }));
  const d = dossierView({
    applicant: {
      kind: 'organization',
      fullName: 'Đỗ Minh Khang',
      idNumber: '',
      phone: '',
      email: '',
      address: 'Số 12 đường Trần Phú, xã Cẩm Giàng',
      orgName: 'Hộ kinh doanh Quán ăn Hương Quê',
      taxCode: '0801234567',
    },
    owner: {
      kind: 'citizen',
      fullName: 'Đỗ Thị Lan',
      idNumber: '',
      phone: '',
      email: '',
      address: 'Thôn Tây, xã Cẩm Giàng',
      orgName: '',
      taxCode: '',
    },
    components,
    channel: 'online',
  });
  assert.ok(check(await form01(input({ dossier: d })), A5, 'form-01-long-a5.pdf') >= 2);
  assert.ok(check(await form01(input({ dossier: d }), { size: 'A4' }), A4, 'form-01-long-a4.pdf') >= 1);
});

test(
  'form 01: the QR code scans to the lookup URL and the lookup code is printed in clear (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const pdf = await form01(input(), { size: 'A4' });
    const text = pdfText(pdf);
    assert.match(text, /Mã tra cứu: K7MQ2P/);
    assert.match(text, /GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ/);
    assert.match(text, /031086001234/, 'the citizen’s own copy carries the ID number');
    assert.match(text, /03 \(ba\) ngày làm việc/);
    assert.match(text, /09 giờ 05 phút, ngày 25 tháng 11 năm 2026/);
    assert.match(text, /Vào Sổ theo dõi hồ sơ/);
    const dir = mkdtempSync(join(tmpdir(), 'form01-'));
    try {
      writeFileSync(join(dir, 'f.pdf'), pdf);
      const r = spawnSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'f.pdf'), join(dir, 'f')]);
      assert.equal(r.status, 0, String(r.stderr));
      const img = PNG.sync.read(readFileSync(join(dir, 'f.png')));
      const found = jsQR(
        new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
        img.width,
        img.height,
      );
      assert.equal(found?.data, lookupUrl(BASE_URL, 'cam-giang', 'H26.99.01-261125-0007', 'K7MQ2P'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('forms 02, 03, 04, 06 render on A4; 02/03/04 refuse a dossier without their event', async () => {
  assert.equal(check(await form02(input()), A4, 'form-02.pdf'), 1);
  assert.equal(check(await form04(input()), A4, 'form-04.pdf'), 1);
  assert.ok(check(await form06(input()), A4, 'form-06.pdf') <= 2);
  const refused = input({
    dossier: dossierView({
      status: 3,
      channel: 'online',
      processedAt: null,
      returnedAt: null,
      returnMethod: null,
      verdict: 'on_time',
    }),
    events: [
      { ...ev('received', '2026-11-25T02:05:00.000Z'), toStatus: 1 },
      ev('refuse', '2026-11-25T03:00:00.000Z', {
        reason: 'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã; đề nghị nộp tại Sở Tư pháp thành phố.',
      }),
    ],
  });
  assert.equal(check(await form03(refused), A4, 'form-03.pdf'), 1);
  // A refused dossier has form 03 only: no receipt (409 at the route), no control slip.
  assert.deepEqual(applicableForms(refused.events), ['03']);
  await assert.rejects(
    () => form01(refused),
    (e: unknown) => e instanceof FormNotApplicable && e.kind === 'refused' && e.vi.includes('từ chối'),
  );
  const bare = input({ events: [ev('received', '2026-11-25T02:05:00.000Z')] });
  for (const f of [form02, form03, form04, form04Docx, form05, form05Docx])
    await assert.rejects(() => f(bare), FormNotApplicable);
  assert.equal(check(await form06(bare), A4, 'form-06-empty.pdf'), 1);
  assert.deepEqual(applicableForms(bare.events), ['01', '06']);
  assert.deepEqual(applicableForms(EVENTS), ['01', '02', '04', '06']);
});

test(
  'form 04: signed by the leader (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC), numbered …/PXL, with the apology and both appointments (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const text = pdfText(await form04(input())).replace(/\s+/g, ' ');
    assert.match(text, /Số: +\/PXL/);
    assert.match(text, /KT\. GIÁM ĐỐC/);
    assert.match(text, /PHÓ GIÁM ĐỐC/);
    assert.match(text, /Trần Thị Bình/);
    assert.match(text, /Nơi nhận:/);
    assert.match(text, /Lưu: VT, Bộ phận Một cửa\./);
    assert.match(text, /VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ/);
    assert.match(text, /đề nghị gia hạn thời gian giải quyết hồ sơ/);
    assert.doesNotMatch(text, /xin hẹn lại/);
    assert.match(text, /Nghị định số 118\/2025\/NĐ-CP/);
    assert.match(text, /Thông tư số 03\/2025\/TT-VPCP/);
    assert.match(text, /thành thật xin lỗi ông\/bà/);
    assert.match(text, /17 giờ 00 phút, ngày 30 tháng 11 năm 2026/, 'the original appointment');
    assert.match(text, /17 giờ 00 phút, ngày 02 tháng 12 năm 2026/, 'the new appointment');
    assert.match(text, /Cần xác minh thông tin cư trú của người mẹ/);
  },
);

test('form 04 as DOCX: a zip with word/document.xml holding the apology in Times New Roman', async () => {
  const docx = await form04Docx(input());
  if (PREVIEW) writeFileSync(join(PREVIEW, 'form-04.docx'), docx);
  assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
  const xml = unzipEntry(docx, 'word/document.xml').normalize('NFC');
  const plain = sp(xml.replace(/<[^>]+>/g, ''));
  assert.ok(plain.includes(APOLOGY_TEXT.replace('{center}', CENTER_ROW.name)), 'apology wording');
  assert.ok(plain.includes('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ'));
  assert.ok(plain.includes('KT. GIÁM ĐỐC'));
  assert.ok(plain.includes('Lưu: VT, Bộ phận Một cửa.'));
  assert.ok(plain.includes('ngày 02 tháng 12 năm 2026'));
  assert.match(xml, /w:ascii="Times New Roman"/);
});

test('form 06: one row per hand-off, the processed result back to the desk, the return; notes in between', () => {
  const rows = controlRows(dossierView({ extendedDueAt: '2026-12-02T10:00:00.000Z' }), EVENTS);
  assert.deepEqual(
    rows.map((r) => [r.giver, r.receiver]),
    [
      ['Bộ phận Một cửa', 'Công chức Tư pháp – Hộ tịch'],
      ['Công chức Tư pháp – Hộ tịch', 'Bộ phận Một cửa'],
      ['Bộ phận Một cửa', 'Người nộp hồ sơ: Nguyễn Văn An'],
    ],
  );
  assert.deepEqual(
    rows.map((r) => r.result),
    ['Trước hạn', 'Trước hạn', 'Trước hạn'],
  );
  assert.ok(rows[0]!.notes.some((n) => n.startsWith('Yêu cầu bổ sung hồ sơ ngày 25/11')));
  assert.ok(rows[0]!.notes.some((n) => n.startsWith('Hẹn lại ngày trả kết quả')));
  // a late hand-off (data.onTime false) and a late return
  const late = controlRows(dossierView({ verdict: 'late', dueAt: '2026-11-25T10:00:00.000Z' }), [
    ev('received', '2026-11-25T02:05:00.000Z'),
    ev('handoff', '2026-11-26T02:00:00.000Z', { from: 'Bộ phận Một cửa', to: 'Công chức Địa chính', onTime: false }),
    ev('mark_processed', '2026-11-26T05:00:00.000Z'),
    ev('return_result', '2026-11-25T09:00:00.000Z'),
  ]);
  assert.deepEqual(
    late.map((r) => r.result),
    ['Quá hạn', 'Quá hạn', 'Đúng hạn'],
  );
});

test('form 06: forty hand-offs run over several pages under a repeated header', async () => {
  const many: DossierEvent[] = [ev('received', '2026-11-25T02:05:00.000Z')];
  for (let i = 0; i < 40; i++)
    many.push(
      ev('handoff', new Date(Date.parse('2026-11-25T03:00:00.000Z') + i * 3_600_000).toISOString(), {
        from: i ? `Cán bộ ${i}` : 'Bộ phận Một cửa',
        to: `Cán bộ ${i + 1}`,
        onTime: true,
      }),
    );
  assert.ok(check(await form06(input({ events: many })), A4, 'form-06-long.pdf') >= 3);
});

/** One entry of a zip archive (stored or deflated), read through its central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip archive');
  let p = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the archive`);
}

// ---- Issue 11: what was received, the book's number, the fee, the legal basis, form 05 ----

const CHECKLIST: DossierView['components'] = [
  {
    name: 'Tờ khai đăng ký khai sinh',
    requirement: 'required',
    originals: 1,
    copies: 0,
    digitised: false,
    reused: false,
  },
  {
    name: 'Căn cước, Căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng',
    requirement: 'shown',
    shown: true,
    originals: 1,
    copies: 0,
    digitised: false,
    reused: false,
  },
  {
    name: 'Giấy chứng nhận kết hôn của cha, mẹ',
    requirement: 'required',
    originals: 0,
    certifiedCopies: 2,
    copies: 3,
    digitised: false,
    reused: false,
  },
];

test(
  'form 01: shown items print as shown (not received), copies split into certified and photocopies, book volume and number, fee, legal basis (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const pdf = await form01(
      input({
        dossier: dossierView({
          components: CHECKLIST,
          fee: { total: 21000, status: 'paid', method: 'cash', receipt: '0001234', lines: [], capped: false },
        }),
        book: { volume: 2026, number: 4217 },
      }),
      { size: 'A4' },
    );
    check(pdf, A4, 'form-01-issue11.pdf');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    // the column headers wrap ("Bản / chứng thực", "Bản / photo")
    assert.match(text, /chứng/);
    assert.match(text, /photo/);
    assert.doesNotMatch(text, /Bản sao /, 'no single “copies” column any more');
    assert.match(text, /xuất trình bản chính để đối chiếu, không nộp/);
    assert.match(text, /Xuất trình/);
    // the marriage certificate: 0 originals, 2 certified copies, 3 photocopies
    assert.match(text, /Giấy chứng nhận kết hôn của cha, mẹ 0 2 3/);
    assert.match(text, /Quyển số: 2026, Số thứ tự: 4217/);
    assert.match(text, /Phí, lệ phí: 21\.000 đồng – đã nộp \(tiền mặt\), biên lai số 0001234/);
    assert.match(text, /Mẫu số 01/);
    assert.match(text, /Nghị định số 118\/2025\/NĐ-CP/);
  },
);

test(
  'forms are versioned by the receipt date: a dossier received before 01/07/2025 prints the 2018 set (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const old = input({
      dossier: dossierView({ receivedAt: '2025-06-20T02:05:00.000Z', dueAt: '2025-06-25T10:00:00.000Z' }),
    });
    const t01 = pdfText(await form01(old)).replace(/\s+/g, ' ');
    assert.match(t01, /Thông tư số 01\/2018\/\s?TT-VPCP/);
    assert.match(t01, /Nghị định số 61\/2018\/NĐ-CP/);
    assert.doesNotMatch(t01, /118\/2025/);
    const t04 = pdfText(await form04(old)).replace(/\s+/g, ' ');
    assert.match(t04, /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    // the 2018 set numbers the control slip 05
    assert.match(pdfText(await form06(old)).replace(/\s+/g, ' '), /Mẫu số 05/);
  },
);

test(
  'form 05: the stop notice from the stop event, signed, Lưu: VT, <unit>; PDF and DOCX (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const stopped = input({
      dossier: dossierView({ status: 8, processedAt: null, returnedAt: null, returnMethod: null }),
      events: [
        ev('received', '2026-11-25T02:05:00.000Z'),
        ev('stop', '2026-11-26T03:00:00.000Z', {
          reason: 'Người yêu cầu đề nghị dừng giải quyết',
          responsibleUnit: 'Phòng Văn hóa - Xã hội',
          signerTitle: 'Trưởng phòng',
          signerName: 'Đỗ Minh Quang',
        }),
      ],
    });
    assert.deepEqual(applicableForms(stopped.events), ['01', '05', '06']);
    const pdf = await form05(stopped);
    check(pdf, A4, 'form-05.pdf');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    assert.match(text, /THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ/);
    assert.match(text, /Người yêu cầu đề nghị dừng giải quyết/);
    assert.match(text, /Lưu: VT, Phòng Văn hóa - Xã hội\./);
    assert.match(text, /TRƯỞNG PHÒNG/);
    assert.match(text, /Đỗ Minh Quang/);
    assert.match(text, /Mẫu số 05/);
    const xml = unzipEntry(await form05Docx(stopped), 'word/document.xml').normalize('NFC');
    assert.ok(sp(xml.replace(/<[^>]+>/g, '')).includes('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'));
  },
);

test(
  'form 04: signed by the head of the body that caused the delay when the extension names it (needs poppler)',
  { skip: !hasPoppler },
  async () => {
    const events = EVENTS.map((e) =>
      e.action === 'extend'
        ? {
            ...e,
            data: {
              ...e.data,
              responsibleUnit: 'Công an xã Cẩm Giàng',
              signerTitle: 'Trưởng Công an xã',
              signerName: 'Vũ Văn Hùng',
            },
          }
        : e,
    );
    const text = pdfText(await form04(input({ events }))).replace(/\s+/g, ' ');
    assert.match(text, /TRƯỞNG CÔNG AN XÃ/);
    assert.match(text, /Vũ Văn Hùng/);
    assert.match(text, /Lưu: VT, Công an xã Cẩm Giàng\./);
    assert.doesNotMatch(text, /Trần Thị Bình/);
  },
);
