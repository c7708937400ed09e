/** Digitisation rules: type sniffing, size limits, names, flags, the content-addressed store, the page section. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { AppError } from '../../../core/http/errors.ts';
import {
  MAX_BYTES,
  acceptsInStatus,
  attachmentsFromEvents,
  checkFile,
  contentDisposition,
  fileName,
  flagsAfter,
  parseComponentIndex,
  putBlob,
  readBlob,
  sha256Of,
  sniff,
  storageKeyOf,
  type Flags,
} from './attachments.ts';
import { AttachmentsSection, formatBytes } from '../pages/attachments.tsx';
import type { DossierEvent, DossierView } from '../service.ts';
import { minimalPdf, smallPng } from '../../../../test/support/files.ts';

const png = () => smallPng(200, 2);

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code} ${e.status}`;
    throw e;
  }
  return 'ok';
}

test('types are sniffed from the first bytes only', () => {
  assert.equal(sniff(minimalPdf()), 'application/pdf');
  assert.equal(sniff(png()), 'image/png');
  assert.equal(sniff(JPEG), 'image/jpeg');
  assert.equal(sniff(Buffer.from('Đây là tệp văn bản, không phải PDF')), null);
  assert.equal(sniff(Buffer.from('%PDF')), null, 'the header needs its dash');
  assert.equal(sniff(Buffer.from(' %PDF-1.4')), null, 'nothing before the magic bytes');
  assert.equal(sniff(Buffer.from('<html><body>%PDF-</body></html>')), null);
  assert.equal(sniff(Buffer.from([0xff, 0xd8])), null);
  assert.equal(sniff(png().subarray(0, 7)), null);
  assert.equal(sniff(new Uint8Array(0)), null);
});

test('a file is refused when missing or empty (400), over 5 MB (413) or of another type (415)', () => {
  assert.equal(
    code(() => checkFile(undefined)),
    'VALIDATION_FAILED 400',
  );
  assert.equal(
    code(() => checkFile('%PDF-1.4')),
    'VALIDATION_FAILED 400',
    'a text field is not a file',
  );
  assert.equal(
    code(() => checkFile(Buffer.alloc(0))),
    'VALIDATION_FAILED 400',
  );
  const big = Buffer.alloc(MAX_BYTES + 1);
  big.write('%PDF-1.4');
  assert.equal(
    code(() => checkFile(big)),
    'PAYLOAD_TOO_LARGE 413',
  );
  const limit = Buffer.alloc(MAX_BYTES);
  limit.write('%PDF-1.4');
  assert.equal(checkFile(limit).contentType, 'application/pdf', 'exactly 5 MB is accepted');
  try {
    checkFile(Buffer.from('plain text renamed to .pdf'));
    assert.fail('accepted a text file');
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(e.status, 415);
    assert.match(e.details[0]!.vi, /PDF, JPEG hoặc PNG/);
    assert.match(e.details[0]!.en, /PDF, JPEG or PNG/);
  }
  assert.equal(checkFile(png()).contentType, 'image/png');
});

test('components until the dossier ends; results only once processed (9) or returned (10)', () => {
  for (const s of [1, 2, 4, 5, 6, 9]) assert.equal(acceptsInStatus('component', s), true, `component in ${s}`);
  for (const s of [3, 7, 8, 10]) assert.equal(acceptsInStatus('component', s), false, `component in ${s}`);
  for (const s of [1, 2, 3, 4, 5, 6, 7, 8]) assert.equal(acceptsInStatus('result', s), false, `result in ${s}`);
  for (const s of [9, 10]) assert.equal(acceptsInStatus('result', s), true, `result in ${s}`);
});

test('component index: within the dossier’s components, from a number or a form string', () => {
  assert.equal(parseComponentIndex(0, 3), 0);
  assert.equal(parseComponentIndex('2', 3), 2);
  assert.equal(parseComponentIndex(' 1 ', 3), 1);
  for (const bad of [3, -1, 1.5, '1.5', 'abc', '', null, undefined, '-1'])
    assert.equal(
      code(() => parseComponentIndex(bad, 3)),
      'VALIDATION_FAILED 400',
      String(bad),
    );
  assert.equal(
    code(() => parseComponentIndex(0, 0)),
    'VALIDATION_FAILED 400',
  );
});

test('file names: cleaned, NFC, with the extension of the real type', () => {
  assert.equal(fileName(undefined, 'application/pdf', 'Tờ khai đăng ký khai sinh'), 'Tờ khai đăng ký khai sinh.pdf');
  assert.equal(fileName('  ', 'image/png', 'Giấy chứng sinh'), 'Giấy chứng sinh.png');
  assert.equal(fileName('scan.pdf', 'image/png', 'x'), 'scan.png', 'a PNG named .pdf is stored as .png');
  assert.equal(fileName('ảnh.JPEG', 'image/jpeg', 'x'), 'ảnh.JPEG');
  assert.equal(fileName('ảnh.jpg', 'image/jpeg', 'x'), 'ảnh.jpg');
  assert.equal(fileName('../../etc/passwd', 'application/pdf', 'x'), '.. .. etc passwd.pdf');
  assert.equal(fileName('a\u0000b\r\nc', 'application/pdf', 'x'), 'a b c.pdf');
  assert.equal(fileName('Ho\u0302\u0300 so\u031b', 'application/pdf', 'x'), 'Hồ sơ.pdf', 'NFC');
  assert.equal(fileName('.pdf', 'application/pdf', 'x'), '.pdf.pdf', 'an extension alone is not a name');
  assert.equal([...fileName('ạ'.repeat(400), 'application/pdf', 'x')].length, 154);
  assert.equal(fileName('...', 'application/pdf', 'Kết quả'), 'Kết quả.pdf');
});

test('Content-Disposition keeps Vietnamese names and gives old clients ASCII', () => {
  const h1 = contentDisposition('Giấy chứng nhận kết hôn (bản sao).pdf');
  assert.match(h1, /^attachment; filename="Giay chung nhan ket hon _ban sao_.pdf"; filename\*=UTF-8''/);
  assert.equal(decodeURIComponent(h1.split("UTF-8''")[1]!), 'Giấy chứng nhận kết hôn (bản sao).pdf');
  assert.ok(h1.includes('%28b%E1%BA%A3n'), 'parentheses are percent-encoded');
  assert.match(contentDisposition('Đơn "x".pdf'), /filename="Don _x_.pdf"/);
  assert.doesNotMatch(contentDisposition('a\r\nb.pdf'), /[\r\n]/);
});

const comps = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `Giấy tờ ${i}`,
    originals: 1,
    copies: 0,
    digitised: false,
    reused: false,
  }));

test('flags: a component file digitises it; reuse marks it reused; a PDF result is electronic', () => {
  const f0: Flags = { components: comps(3), digitised: 0, reused: 0, electronicResult: 0 };
  const f1 = flagsAfter(f0, { kind: 'component', componentIndex: 1, contentType: 'image/png', reused: false });
  assert.deepEqual(
    f1.components.map((c) => [c.digitised, c.reused]),
    [
      [false, false],
      [true, false],
      [false, false],
    ],
  );
  assert.equal(f1.digitised, 1);
  assert.equal(f1.reused, 0);
  assert.equal(f1.electronicResult, 0);
  assert.equal(f0.components[1]!.digitised, false, 'the input is not changed');
  const f2 = flagsAfter(f1, { kind: 'component', componentIndex: 2, contentType: 'application/pdf', reused: true });
  assert.deepEqual(
    f2.components.map((c) => [c.digitised, c.reused]),
    [
      [false, false],
      [true, false],
      [true, true],
    ],
  );
  assert.equal(f2.reused, 1);
  const f3 = flagsAfter(f2, { kind: 'component', componentIndex: 2, contentType: 'application/pdf', reused: false });
  assert.equal(f3.components[2]!.reused, true, 'flags only turn on');
  const img = flagsAfter(f0, { kind: 'result', componentIndex: null, contentType: 'image/jpeg', reused: false });
  assert.equal(img.digitised, 1, 'a result file digitises the dossier (4.2)');
  assert.equal(img.electronicResult, 0, 'a photographed result is not an electronic result');
  assert.deepEqual(img.components, f0.components);
  assert.equal(
    flagsAfter(img, { kind: 'result', componentIndex: null, contentType: 'application/pdf', reused: false })
      .electronicResult,
    1,
  );
  const declared: Flags = {
    components: comps(1).map((c) => ({ ...c, reused: true })),
    digitised: 0,
    reused: 1,
    electronicResult: 1,
  };
  const kept = flagsAfter(declared, { kind: 'component', componentIndex: 0, contentType: 'image/png', reused: false });
  assert.equal(kept.reused, 1);
  assert.equal(kept.electronicResult, 1, 'an electronic result recorded at processing stays');
});

test('the store: content-addressed, written once, nothing half-written left behind, damage detected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-blobs-'));
  try {
    const pdf = minimalPdf('store');
    const a = await putBlob(dir, pdf);
    const sha = sha256Of(pdf);
    assert.deepEqual(a, { sha256: sha, key: `${sha.slice(0, 2)}/${sha}`, created: true });
    assert.equal(storageKeyOf(sha), a.key);
    const b = await putBlob(dir, Buffer.from(pdf));
    assert.equal(b.created, false, 'the same content is not written twice');
    await Promise.all(Array.from({ length: 8 }, () => putBlob(dir, png())));
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    assert.deepEqual(files, [sha, sha256Of(png())].sort(), 'two contents, two files, no temporary files');
    assert.deepEqual(await readBlob(dir, a.key, sha), pdf);
    await assert.rejects(readBlob(dir, '../../etc/passwd', sha), /bad storage key/);
    await assert.rejects(readBlob(dir, `${sha.slice(0, 2)}/${sha}/..`, sha), /bad storage key/);
    writeFileSync(join(dir, a.key), Buffer.concat([pdf, Buffer.from('x')]));
    await assert.rejects(readBlob(dir, a.key, sha), /does not match its hash/);
    const again = await putBlob(dir, pdf);
    assert.equal(again.created, true, 'a damaged file of another size is replaced');
    assert.deepEqual(await readBlob(dir, a.key, sha), pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sizes read as people write them', () => {
  assert.equal(formatBytes(300, 'vi'), '1 KB');
  assert.equal(formatBytes(350 * 1024, 'vi'), '350 KB');
  assert.equal(formatBytes(1.25 * 1024 * 1024, 'vi'), '1,3 MB');
  assert.equal(formatBytes(1.25 * 1024 * 1024, 'en'), '1.3 MB');
});

function dossier(status: DossierView['status'], over: Partial<DossierView> = {}): DossierView {
  return {
    code: 'H26.1-261125-0001',
    status,
    procedureCode: '1.1',
    procedureName: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    channel: 'direct',
    applicant: {
      kind: 'citizen',
      fullName: 'Nguyễn Văn An',
      idNumber: '031086001234',
      phone: '',
      email: '',
      address: '',
      orgName: '',
      taxCode: '',
    },
    owner: null,
    subject: '',
    sets: 1,
    components: [
      { name: 'Tờ khai', originals: 1, copies: 0, digitised: true, reused: false },
      { name: 'Giấy chứng sinh', originals: 1, copies: 0, digitised: true, reused: true },
    ],
    receivedAt: '2026-11-25T02:00:00.000Z',
    dueAt: '2026-11-27T10:00:00.000Z',
    extendedDueAt: null,
    sameDay: false,
    lookupSecret: 'ABCDEF',
    supplementCount: 0,
    holder: null,
    processedAt: null,
    returnedAt: null,
    returnMethod: null,
    endedAt: null,
    flags: { digitised: true, reused: true, electronicResult: false, vneidVerified: false },
    fee: null,
    verdict: null,
    effectiveDueAt: '2026-11-27T10:00:00.000Z',
    noAppointment: false,
    clock: null,
    version: 3,
    ...over,
  };
}

const events: DossierEvent[] = [
  {
    seq: 1,
    action: 'received',
    fromStatus: null,
    toStatus: 2,
    actor: 'Cán bộ A',
    at: '2026-11-25T02:00:00.000Z',
    data: {},
  },
  {
    seq: 2,
    action: 'attach',
    fromStatus: 2,
    toStatus: 2,
    actor: 'Cán bộ A',
    at: '2026-11-25T02:05:00.000Z',
    data: {
      attachmentId: 7,
      kind: 'component',
      componentIndex: 0,
      name: 'Tờ khai.pdf',
      contentType: 'application/pdf',
      bytes: 2048,
    },
  },
  {
    seq: 3,
    action: 'reuse',
    fromStatus: 2,
    toStatus: 2,
    actor: 'Cán bộ A',
    at: '2026-11-25T02:06:00.000Z',
    data: {
      attachmentId: 9,
      kind: 'component',
      componentIndex: 1,
      name: 'Giấy chứng sinh.png',
      contentType: 'image/png',
      bytes: 900,
      reusedFrom: { attachmentId: 3, dossierCode: 'H26.1-260101-0004' },
    },
  },
  {
    seq: 4,
    action: 'attach',
    fromStatus: 2,
    toStatus: 2,
    actor: 'x',
    at: '2026-11-25T02:07:00.000Z',
    data: { attachmentId: 'bad' },
  },
];

test('the dossier page’s attachments come from its attach/reuse events', () => {
  const list = attachmentsFromEvents('H26.1-261125-0001', dossier(2).components, events);
  assert.deepEqual(
    list.map((a) => [a.id, a.component, a.reusedFrom?.dossierCode ?? null]),
    [
      [7, 'Tờ khai', null],
      [9, 'Giấy chứng sinh', 'H26.1-260101-0004'],
    ],
  );
  assert.equal(list[0]!.href, '/api/v1/dossiers/H26.1-261125-0001/attachments/7');
});

test('the section shows badges, files and the forms the status allows', () => {
  const open = renderToString(h(AttachmentsSection, { lang: 'vi', csrf: 'tok', dossier: dossier(4), events }));
  assert.match(open, /data-badge="digitised">Đã số hóa</);
  assert.match(open, /data-badge="reused">Tái sử dụng</);
  assert.match(open, /href="\/console\/dossiers\/H26\.1-261125-0001\/attachments\/7"/);
  assert.match(open, /từ hồ sơ H26\.1-260101-0004/);
  assert.equal(
    (open.match(/enctype="multipart\/form-data"/g) ?? []).length,
    2,
    'one upload form per component, none for the result yet',
  );
  assert.match(open, /name="_csrf" value="tok"/);
  assert.match(open, /data-testid="reuse-link"/);
  assert.match(open, /Đính kèm kết quả khi hồ sơ đã xử lý xong/);
  const processed = renderToString(h(AttachmentsSection, { lang: 'en', csrf: 'tok', dossier: dossier(9), events }));
  assert.match(processed, /data-upload="result"/);
  assert.equal((processed.match(/enctype="multipart\/form-data"/g) ?? []).length, 3);
  const returned = renderToString(h(AttachmentsSection, { lang: 'vi', csrf: 'tok', dossier: dossier(10), events }));
  assert.equal(
    (returned.match(/enctype="multipart\/form-data"/g) ?? []).length,
    1,
    'only the result form once returned',
  );
  assert.doesNotMatch(returned, /reuse-link/);
  const readOnly = renderToString(
    h(AttachmentsSection, { lang: 'vi', csrf: 'tok', dossier: dossier(4), events, canAttach: false }),
  );
  assert.doesNotMatch(readOnly, /<form/);
  const inline = renderToString(
    h(AttachmentsSection, {
      lang: 'vi',
      csrf: 'tok',
      dossier: dossier(4),
      events,
      reusable: [
        {
          id: 3,
          kind: 'result',
          component: null,
          name: 'Giấy khai sinh.pdf',
          contentType: 'application/pdf',
          bytes: 5000,
          uploadedAt: '2026-01-01T02:00:00.000Z',
          dossier: {
            code: 'H26.1-260101-0004',
            procedureName: 'Đăng ký khai sinh',
            receivedAt: '2026-01-01T02:00:00.000Z',
          },
        },
      ],
    }),
  );
  assert.match(inline, /data-testid="reusable"/);
  assert.match(inline, /name="fromAttachmentId" value="3"/);
});
