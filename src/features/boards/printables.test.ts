import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feeTable, itemLabels, postingBoard, poster, qrSheet, staffDirectory } from './printables.ts';
import { readCatalogFile } from '../catalog/import-file.ts';
import { BASE_URL, CENTER, CONTACTS, PROCEDURES, bigCatalogue, proc } from './test-fixtures.ts';
import { DEFAULT_TEXTS } from '../commitments/model.ts';
import { PAPER_POINTS } from '../../core/documents/pdf.ts';
import type { PaperSize } from '../../core/documents/pdf.ts';
import { inspectPdf } from '../../core/documents/inspect.ts';

/** Asserts a valid PDF of our making on `size` paper in `layout`; returns its page count. */
function check(pdf: Buffer, size: PaperSize, layout: 'portrait' | 'landscape'): number {
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  const f = inspectPdf(pdf);
  assert.ok(f.pages >= 1);
  const [w, h] = PAPER_POINTS[size];
  const [ew, eh] = layout === 'portrait' ? [w, h] : [h, w];
  for (const [pw, ph] of f.pageSizes)
    assert.ok(
      Math.abs(pw - ew) < 0.01 && Math.abs(ph - eh) < 0.01,
      `expected ${size} ${layout} (${ew}×${eh}), got ${pw}×${ph}`,
    );
  assert.ok(f.fonts.length > 0 && f.fonts.every((n) => n.startsWith('Tinos-')), `fonts: ${f.fonts.join(', ')}`);
  assert.ok(!pdf.toString('latin1').includes('Helvetica'), 'no PDF standard font');
  assert.equal(f.lang, 'vi-VN');
  return f.pages;
}

const LONG_NAME =
  `Thủ tục ${'giải quyết chế độ trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào, Căm-pu-chia '.repeat(5)}`.slice(
    0,
    500,
  );

test('posting board: A4 and A3 landscape, one field', async () => {
  for (const size of ['A4', 'A3'] as const) {
    const pdf = await postingBoard({
      center: CENTER,
      procedures: PROCEDURES,
      field: 'Chứng thực',
      size,
      baseUrl: BASE_URL,
      date: '2026-01-05',
    });
    assert.equal(check(pdf, size, 'landscape'), 1);
  }
});

test('posting board: all fields, one section starting on its own page per field', async () => {
  const pdf = await postingBoard({ center: CENTER, procedures: PROCEDURES, size: 'A3', baseUrl: BASE_URL });
  assert.ok(check(pdf, 'A3', 'landscape') >= 3);
});

test('posting board: 60 procedures of one field run over several pages', async () => {
  const procedures = bigCatalogue(60).map((p) => ({ ...p, field: 'Hộ tịch' }));
  const pdf = await postingBoard({
    center: CENTER,
    procedures,
    field: 'Hộ tịch',
    size: 'A4',
    baseUrl: BASE_URL,
    date: '2026-01-05',
  });
  assert.ok(check(pdf, 'A4', 'landscape') >= 5);
});

test('posting board: 500-character names, many fee items and long time notes wrap without error', async () => {
  const procedures = [
    proc({
      code: '1.000001',
      name: LONG_NAME,
      field: 'Người có công',
      timeLimit: {
        amount: null,
        unit: 'working_days',
        cutoff: false,
        note: 'Trong thời hạn 12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh thì không quá 20 ngày làm việc'.repeat(
          2,
        ),
      },
      sameDayEligible: true,
      fees: Array.from({ length: 8 }, (_, i) => ({
        name: `Khoản thu số ${i + 1} áp dụng cho trường hợp đặc biệt`,
        amount: 1000 * (i + 1),
        per: 'đồng/hồ sơ',
        condition: '',
        legalBasis: '',
      })),
    }),
    ...PROCEDURES,
  ];
  const pdf = await postingBoard({ center: CENTER, procedures, size: 'A4', baseUrl: BASE_URL });
  check(pdf, 'A4', 'landscape');
});

test('posting board: an empty catalogue or an unknown field still gives a one-page board', async () => {
  assert.equal(
    check(await postingBoard({ center: CENTER, procedures: [], size: 'A4', baseUrl: BASE_URL }), 'A4', 'landscape'),
    1,
  );
  assert.equal(
    check(
      await postingBoard({ center: CENTER, procedures: PROCEDURES, field: 'Đất đai', size: 'A4', baseUrl: BASE_URL }),
      'A4',
      'landscape',
    ),
    1,
  );
});

test('QR sheet: 12 cards per A4 portrait page; abolished procedures left out', async () => {
  const twelve = bigCatalogue(12);
  assert.equal(
    check(await qrSheet({ center: CENTER, procedures: twelve, baseUrl: BASE_URL, size: 'A4' }), 'A4', 'portrait'),
    1,
  );
  const withAbolished = [
    ...twelve,
    proc({ code: '1.999999', name: 'Đã bãi bỏ', field: 'Hộ tịch', status: 'abolished' }),
  ];
  assert.equal(
    inspectPdf(await qrSheet({ center: CENTER, procedures: withAbolished, baseUrl: BASE_URL, size: 'A4' })).pages,
    1,
  );
  assert.equal(
    inspectPdf(await qrSheet({ center: CENTER, procedures: bigCatalogue(13), baseUrl: BASE_URL, size: 'A4' })).pages,
    2,
  );
  const long = [proc({ code: '1.000001', name: LONG_NAME, field: 'x' })];
  assert.equal(
    check(await qrSheet({ center: CENTER, procedures: long, baseUrl: BASE_URL, size: 'A4' }), 'A4', 'portrait'),
    1,
  );
  assert.equal(
    check(await qrSheet({ center: CENTER, procedures: [], baseUrl: BASE_URL, size: 'A4' }), 'A4', 'portrait'),
    1,
  );
});

test('fee table: A4 landscape; a 60-procedure catalogue runs over several pages', async () => {
  assert.ok(
    check(await feeTable({ center: CENTER, procedures: PROCEDURES, date: '2026-01-05' }), 'A4', 'landscape') >= 1,
  );
  assert.ok(check(await feeTable({ center: CENTER, procedures: bigCatalogue(60) }), 'A4', 'landscape') >= 3);
  assert.equal(check(await feeTable({ center: CENTER, procedures: [] }), 'A4', 'landscape'), 1);
});

test('fee table: a procedure with a fee condition longer than a page splits instead of overflowing', async () => {
  const huge = proc({
    code: '1.000002',
    name: 'Thủ tục có điều kiện dài',
    field: 'Hộ tịch',
    fees: [
      {
        name: 'Lệ phí',
        amount: 5000,
        per: 'đồng/bản',
        condition: 'Điều kiện áp dụng. '.repeat(500),
        legalBasis: 'Thông tư 85/2019/TT-BTC',
      },
    ],
  });
  assert.ok(check(await feeTable({ center: CENTER, procedures: [...PROCEDURES, huge] }), 'A4', 'landscape') >= 3);
});

test('staff directory: A4 portrait; a long list runs over pages', async () => {
  assert.equal(
    check(await staffDirectory({ center: CENTER, contacts: CONTACTS, date: '2026-01-05' }), 'A4', 'portrait'),
    1,
  );
  const many = Array.from({ length: 40 }, (_, i) => ({
    ...CONTACTS[3]!,
    id: 100 + i,
    sortOrder: i,
    name: `Cán bộ số ${i + 1}`,
  }));
  assert.ok(check(await staffDirectory({ center: CENTER, contacts: many }), 'A4', 'portrait') >= 2);
  assert.equal(check(await staffDirectory({ center: { ...CENTER, phones: [] }, contacts: [] }), 'A4', 'portrait'), 1);
});

test('posters: every kind on A3 and A2 portrait, one sheet with the default wording', async () => {
  for (const kind of ['commitments', 'four-on-spot', 'rules'] as const) {
    for (const size of ['A3', 'A2'] as const) {
      assert.equal(
        check(await poster({ center: CENTER, texts: DEFAULT_TEXTS, kind, size }), size, 'portrait'),
        1,
        `${kind} ${size}`,
      );
    }
  }
});

test('posters: long custom wording shrinks to fit, and continues on a second sheet only when it must', async () => {
  const texts = {
    ...DEFAULT_TEXTS,
    fiveNo: DEFAULT_TEXTS.fiveNo.map((t) => `${t}; ${t.toLowerCase()}`),
    fourOnSpot: [
      'Tiếp nhận hồ sơ và hướng dẫn tận tình tại chỗ',
      'Thẩm định tại chỗ',
      'Phê duyệt tại chỗ',
      'Trả kết quả tại chỗ',
    ],
  };
  assert.equal(inspectPdf(await poster({ center: CENTER, texts, kind: 'commitments', size: 'A3' })).pages, 1);
  assert.equal(inspectPdf(await poster({ center: CENTER, texts, kind: 'four-on-spot', size: 'A3' })).pages, 1);
  const rules = Array.from({ length: 30 }, (_, i) =>
    `${DEFAULT_TEXTS.rules[i % DEFAULT_TEXTS.rules.length]} `.repeat(3).trim(),
  );
  assert.equal(
    check(
      await poster({ center: CENTER, texts: { ...DEFAULT_TEXTS, rules }, kind: 'rules', size: 'A3' }),
      'A3',
      'portrait',
    ),
    2,
  );
});

// ---- Paper that fits (issue 12) ------------------------------------------------------------

const DEMO_PROCEDURES = readCatalogFile('cam-giang.json', readFileSync('data/catalog/cam-giang.json')).procedures;
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

/** Text of the pages of a PDF (poppler's pdftotext), one string per page. */
function pagesText(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return spawnSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).stdout.split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Smallest type size of the words of a PDF, in points (word box height ÷ Tinos' line box ratio). */
function smallestType(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pdf-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    const html = spawnSync('pdftotext', ['-bbox', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const heights = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
      (m) => Number(m[2]) - Number(m[1]),
    );
    return Math.min(...heights) / 1.1074;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('fee table: the demo catalogue (56 procedures) fits in 4 A4 pages, at 11 pt or more', async (t) => {
  assert.equal(DEMO_PROCEDURES.length, 56);
  const pdf = await feeTable({ center: CENTER, procedures: DEMO_PROCEDURES, date: '2026-12-07' });
  const pages = check(pdf, 'A4', 'landscape');
  assert.ok(pages <= 4, `${pages} pages`);
  if (!hasPoppler) {
    t.skip('pdftotext (poppler-utils) not installed');
    return;
  }
  assert.ok(smallestType(pdf) >= 10.95, `smallest type ${smallestType(pdf).toFixed(2)} pt`);
  const text = pagesText(pdf).join('\n');
  // the legal basis once per field, as a numbered note; every procedure named once
  const basis = 'Thông tư số 226/2016/TT-BTC';
  assert.equal(text.split(basis).length - 1, 1, `${basis} printed more than once`);
  for (const p of DEMO_PROCEDURES) assert.ok(text.replace(/\s+/g, ' ').includes(p.code), p.code);
});

test('fee table: items of a procedure are told apart by what differs in their names', () => {
  assert.deepEqual(itemLabels(['Phí chứng thực – trang thứ nhất', 'Phí chứng thực – từ trang thứ ba']), [
    'Trang thứ nhất',
    'Từ trang thứ ba',
  ]);
  assert.deepEqual(itemLabels(['Lệ phí đăng ký', 'Lệ phí đăng ký (nộp trực tuyến)']), ['', 'Nộp trực tuyến']);
  assert.deepEqual(itemLabels(['Lệ phí A', 'Lệ phí B']), ['Lệ phí A', 'Lệ phí B']);
  assert.deepEqual(itemLabels(['Lệ phí A']), ['']);
});

test('staff directory: no lone rows on a last page, whatever the length of the list', async (t) => {
  if (!hasPoppler) {
    t.skip('pdftotext (poppler-utils) not installed');
    return;
  }
  const base = CONTACTS[3];
  assert.ok(base);
  for (const n of [8, 11, 14, 17, 20, 24]) {
    const contacts = Array.from({ length: n }, (_, i) => ({
      ...base,
      id: 100 + i,
      sortOrder: i,
      name: `Cán bộ số ${i + 1}`,
    }));
    const pdf = await staffDirectory({ center: CENTER, contacts, date: '2026-01-05' });
    const pages = pagesText(pdf).filter((p) => p.trim());
    const last = pages[pages.length - 1] ?? '';
    const rows = (last.match(/Cán bộ số \d+/g) ?? []).length;
    if (pages.length > 1) assert.ok(rows >= 3, `${n} contacts: ${rows} row(s) alone on page ${pages.length}`);
  }
});
