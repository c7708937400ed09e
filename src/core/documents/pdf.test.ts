import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import {
  PAPER_POINTS,
  createPdf,
  decree30Margins,
  drawQr,
  drawTable,
  fitLines,
  lineCount,
  mm,
  nationalHeader,
  numberPages,
  pageBody,
  pdfToBuffer,
  placeDateLine,
  titleBlock,
  upperVi,
} from './pdf.ts';
import type { Layout, PaperSize, TableRow } from './pdf.ts';
import { inspectPdf } from './inspect.ts';

const close = (a: number, b: number, eps = 0.01) => Math.abs(a - b) < eps;
// jsqr ships CommonJS whose module.exports is the function itself; its typings describe an ES default.
const jsQR = typeof jsqr === 'function' ? jsqr : jsqr.default;

test('placeDateLine: leading zero for days below 10 and for January and February only (Decree 30)', () => {
  assert.equal(placeDateLine('Cẩm Giàng', '2026-01-05'), 'Cẩm Giàng, ngày 05 tháng 01 năm 2026');
  assert.equal(placeDateLine('Cẩm Giàng', '2026-02-09'), 'Cẩm Giàng, ngày 09 tháng 02 năm 2026');
  assert.equal(placeDateLine('Cẩm Giàng', '2026-03-15'), 'Cẩm Giàng, ngày 15 tháng 3 năm 2026');
  assert.equal(placeDateLine('Hải Phòng', '2026-09-02'), 'Hải Phòng, ngày 02 tháng 9 năm 2026');
  assert.equal(placeDateLine('Hà Nội', '2025-12-31'), 'Hà Nội, ngày 31 tháng 12 năm 2025');
  assert.equal(placeDateLine('Cẩm Giàng', '2026-10-10'), 'Cẩm Giàng, ngày 10 tháng 10 năm 2026');
});

test('placeDateLine: a year alone leaves day and month blank for handwriting', () => {
  const line = placeDateLine('Cẩm Giàng', '2026');
  assert.match(line, /^Cẩm Giàng, ngày\s+tháng\s+năm 2026$/u);
});

test('placeDateLine: rejects impossible dates and normalises the place to NFC', () => {
  assert.throws(() => placeDateLine('Cẩm Giàng', '2026-02-30'), RangeError);
  assert.throws(() => placeDateLine('Cẩm Giàng', '05/01/2026'), RangeError);
  const decomposed = 'Cẩm Giàng'.normalize('NFD');
  assert.equal(placeDateLine(decomposed, '2026-01-05'), 'Cẩm Giàng, ngày 05 tháng 01 năm 2026');
});

test('upperVi keeps Vietnamese letters', () => {
  assert.equal(upperVi('UBND xã Cẩm Giàng'), 'UBND XÃ CẨM GIÀNG');
  assert.equal(upperVi('Độc lập - Tự do - Hạnh phúc'), 'ĐỘC LẬP - TỰ DO - HẠNH PHÚC');
});

test('Decree 30 margins: 20/20/30/15 mm on A4, proportional on A3 and A2', () => {
  const a4 = decree30Margins('A4');
  assert.ok(close(a4.top, mm(20)) && close(a4.bottom, mm(20)) && close(a4.left, mm(30)) && close(a4.right, mm(15)));
  const a3 = decree30Margins('A3');
  assert.ok(close(a3.left / a4.left, Math.SQRT2, 0.001));
  const a2 = decree30Margins('A2');
  assert.ok(close(a2.top / a4.top, 2, 0.001));
});

async function emptyDoc(size: PaperSize, layout: Layout) {
  const doc = createPdf({ size, layout, title: 'Thử nghiệm' });
  nationalHeader(doc, {
    parentBody: 'UBND xã Cẩm Giàng',
    agency: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
    place: 'Cẩm Giàng',
    date: '2026-01-05',
  });
  return pdfToBuffer(doc);
}

test('createPdf: valid PDF, page size and orientation, Tinos embedded, no standard font', async () => {
  for (const size of ['A4', 'A3', 'A2'] as const) {
    for (const layout of ['portrait', 'landscape'] as const) {
      const buf = await emptyDoc(size, layout);
      assert.equal(buf.subarray(0, 5).toString('latin1'), '%PDF-');
      const facts = inspectPdf(buf);
      assert.equal(facts.pages, 1);
      const [w, h] = PAPER_POINTS[size];
      const [pw, ph] = facts.pageSizes[0] ?? [0, 0];
      assert.ok(
        close(pw, layout === 'portrait' ? w : h) && close(ph, layout === 'portrait' ? h : w),
        `${size} ${layout}: ${pw}×${ph}`,
      );
      assert.ok(facts.fonts.length > 0 && facts.fonts.every((f) => f.startsWith('Tinos-')), facts.fonts.join(','));
      assert.ok(facts.fonts.includes('Tinos-Bold') && facts.fonts.includes('Tinos-Italic'));
      assert.equal(facts.lang, 'vi-VN');
      assert.ok(!/Helvetica|Times-Roman|Times-Bold/.test(buf.toString('latin1')));
    }
  }
});

test('createPdf: title and author in the metadata', async () => {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 'Bảng niêm yết' });
  assert.equal(doc.info.Title, 'Bảng niêm yết');
  assert.equal(doc.info.Author, 'Một Cửa Thân Thiện');
  const buf = await pdfToBuffer(doc);
  assert.match(buf.toString('latin1'), /\/Author/);
});

test('nationalHeader: a long agency name wraps inside the left column and the block ends below its start', async () => {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 't' });
  const top = pageBody(doc).top;
  const y = nationalHeader(doc, {
    parentBody: 'Ủy ban nhân dân xã Cẩm Giàng, thành phố Hải Phòng',
    agency:
      'Trung tâm Phục vụ hành chính công xã Cẩm Giàng và các tổ chức phối hợp thực hiện thủ tục hành chính liên thông',
    place: 'Cẩm Giàng',
    date: '2026-01-05',
    number: '12/TB-TTPVHCC',
  });
  assert.ok(y > top + 60 && y < top + 250, `header bottom ${y}`);
  assert.equal(doc.bufferedPageRange().count, 1, 'the header never adds a page');
  const y2 = titleBlock(doc, { title: 'Thông báo', subtitle: 'Về việc niêm yết thủ tục hành chính' });
  assert.ok(y2 > y);
  assert.equal(inspectPdf(await pdfToBuffer(doc)).pages, 1);
});

test('fitLines cuts at a word with an ellipsis, within the line budget', () => {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 't' });
  const long =
    'Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng, hưởng mai táng phí';
  const s = { font: 'serif-bold' as const, size: 10.5 };
  const cut = fitLines(doc, long, 150, 3, s);
  assert.ok(cut.endsWith('…'));
  assert.ok(lineCount(doc, cut, 150, s) <= 3);
  assert.ok(long.startsWith(cut.slice(0, -1)));
  assert.equal(fitLines(doc, 'Đăng ký khai sinh', 150, 3, s), 'Đăng ký khai sinh');
  const word = fitLines(doc, 'x'.repeat(400), 60, 1, s);
  assert.ok(word.endsWith('…') && lineCount(doc, word, 60, s) === 1);
});

function rows(n: number): TableRow[] {
  return Array.from({ length: n }, (_, i) => ({
    cells: [
      String(i + 1),
      `Thủ tục số ${i + 1}: chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận`,
      '3 ngày làm việc',
      [{ qr: `https://x.example/t/${i}`, size: 40 }],
    ],
  }));
}
const COLUMNS = [
  { header: 'STT', width: 6, align: 'center' as const },
  { header: 'Tên thủ tục', width: 54 },
  { header: 'Thời hạn', width: 25 },
  { header: 'QR', width: 15, align: 'center' as const },
];

test('drawTable: 60 rows run over several pages with the header row repeated on each', async () => {
  const doc = createPdf({ size: 'A4', layout: 'landscape', title: 't' });
  const r = drawTable(doc, { columns: COLUMNS, rows: rows(60), fontSize: 12 });
  assert.ok(r.pagesAdded >= 3, `${r.pagesAdded} pages added`);
  assert.equal(r.headerRows, r.pagesAdded + 1);
  assert.equal(r.rowPieces, 60, 'no row was split');
  numberPages(doc);
  assert.equal(inspectPdf(await pdfToBuffer(doc)).pages, r.pagesAdded + 1);
});

test('drawTable: a row taller than a page is split between lines, never clipped', () => {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 't' });
  const huge = 'Điều kiện áp dụng rất dài. '.repeat(300);
  const r = drawTable(doc, {
    columns: COLUMNS,
    rows: [...rows(2), { cells: ['3', huge, 'x', ''] }, ...rows(1)],
    fontSize: 12,
  });
  assert.ok(r.pagesAdded >= 2);
  assert.ok(r.rowPieces > 4, `${r.rowPieces} pieces`);
  assert.equal(r.headerRows, r.pagesAdded + 1);
  assert.ok(r.y <= pageBody(doc).bottom);
});

test('drawTable: merged cells and spanning headings; a heading is never left alone at a page bottom', async () => {
  const body: TableRow[] = [];
  for (let g = 0; g < 6; g++) {
    body.push({ span: [{ text: `Lĩnh vực ${g + 1}`, font: 'serif-bold' }], fill: '#eeeeee' });
    for (let i = 0; i < 4; i++)
      body.push({
        cells: [i === 0 ? String(g) : '', i === 0 ? 'Tên thủ tục có nhiều khoản thu' : '', `Khoản ${i + 1}`, ''],
        continues: i === 0 ? undefined : [true, true, false, false],
      });
  }
  // start the table at many heights so that headings fall at every position of a page
  for (let offset = 0; offset < 400; offset += 25) {
    const doc = createPdf({ size: 'A4', layout: 'portrait', title: 't' });
    const r = drawTable(doc, { columns: COLUMNS, rows: body, fontSize: 12, y: pageBody(doc).top + offset });
    assert.equal(r.headerRows, r.pagesAdded + 1);
    assert.equal(r.rowPages.length, body.length);
    body.forEach((row, i) => {
      if ('span' in row)
        assert.equal(
          r.rowPages[i],
          r.rowPages[i + 1],
          `offset ${offset}: heading ${i} is on the page of its first row`,
        );
    });
    if (offset === 0) assert.equal(inspectPdf(await pdfToBuffer(doc)).pages, r.pagesAdded + 1);
  }
});

test('drawTable: starts on a new page when the header and the first row do not fit', () => {
  const doc = createPdf({ size: 'A4', layout: 'portrait', title: 't' });
  const r = drawTable(doc, { columns: COLUMNS, rows: rows(1), fontSize: 12, y: pageBody(doc).bottom - 20 });
  assert.equal(r.pagesAdded, 1);
  assert.equal(r.headerRows, 1, 'no orphan header row on the first page');
});

// Optional: when poppler's pdftoppm is installed, rasterise a vector QR code and scan it.
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;
test(
  'drawQr: the vector code scans once printed (needs pdftoppm, skipped without it)',
  { skip: !hasPdftoppm },
  async () => {
    const url = 'https://motcua.example.gov.vn/cam-giang/thu-tuc/1.000656';
    const doc = createPdf({
      size: 'A4',
      layout: 'portrait',
      title: 'qr',
      margins: { top: 10, left: 10, right: 10, bottom: 10 },
    });
    drawQr(doc, url, 20, 20, mm(17));
    const dir = mkdtempSync(join(tmpdir(), 'qr-'));
    try {
      writeFileSync(join(dir, 'q.pdf'), await pdfToBuffer(doc));
      const r = spawnSync('pdftoppm', [
        '-png',
        '-r',
        '150',
        '-singlefile',
        '-x',
        '0',
        '-y',
        '0',
        '-W',
        '200',
        '-H',
        '200',
        join(dir, 'q.pdf'),
        join(dir, 'q'),
      ]);
      assert.equal(r.status, 0, String(r.stderr));
      const img = PNG.sync.read(readFileSync(join(dir, 'q.png')));
      const found = jsQR(
        new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength),
        img.width,
        img.height,
      );
      assert.equal(found?.data, url);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
