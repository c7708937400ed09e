/** Form 07, the dossier tracking register: period validation, PDF (A4 landscape, grows with the period) and XLSX. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { inspectPdf } from '../../../core/documents/inspect.ts';
import { AppError } from '../../../core/http/errors.ts';
import {
  BOOK_COLUMNS,
  MAX_BOOK_DAYS,
  bookPdf,
  bookVerdictText,
  bookXlsx,
  excelWallTime,
  parsePeriod,
  type BookEntry,
  type BookInput,
} from './book.ts';
import type { Center } from '../../../core/db/schema.ts';

const PREVIEW = process.env.FORMS_PREVIEW_DIR;

const CENTER_ROW = {
  id: 1,
  slug: 'cam-giang',
  name: 'Trung tâm Phục vụ hành chính công xã Cẩm Giàng',
  short_name: 'Trung tâm PVHCC xã Cẩm Giàng',
  parent_body: 'UBND xã Cẩm Giàng',
  province: 'Thành phố Hải Phòng',
  agency_code: 'H26.99.01',
  address: 'Trụ sở UBND xã Cẩm Giàng',
  phones: '[]',
  leader_name: null,
  leader_title: null,
} as Partial<Center> as Center;

function entry(i: number, over: Partial<BookEntry> = {}): BookEntry {
  const received = Date.parse('2026-11-02T01:30:00.000Z') + i * 5_400_000;
  return {
    code: `H26.99.01-2611${String(2 + Math.floor(i / 6)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
    procedureCode: '1.001193',
    procedureName:
      i % 3 === 0
        ? 'Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng'
        : 'Đăng ký khai sinh',
    sets: 1,
    applicantName: i % 4 === 0 ? 'Hộ kinh doanh Quán ăn Hương Quê (Đỗ Minh Khang)' : `Nguyễn Văn An ${i + 1}`,
    address: 'Thôn Đông, xã Cẩm Giàng, thành phố Hải Phòng',
    phone: '0912345678',
    leadAgency: 'Công chức Tư pháp – Hộ tịch',
    receivedAt: new Date(received).toISOString(),
    dueAt: new Date(received + 3 * 86_400_000).toISOString(),
    extendedDueAt: i % 7 === 0 ? new Date(received + 6 * 86_400_000).toISOString() : null,
    transferredAt: new Date(received + 3_600_000).toISOString(),
    processedAt: i % 2 ? new Date(received + 2 * 86_400_000).toISOString() : null,
    returnedAt: i % 2 ? new Date(received + 2.1 * 86_400_000).toISOString() : null,
    status: i % 2 ? 10 : 4,
    note: i % 2 ? '' : 'Đang xử lý',
    verdict: i % 2 ? (i % 3 ? 'early' : 'late') : i % 4 ? 'in_time' : 'overdue',
    ...over,
  };
}

const book = (n: number): BookInput => ({
  center: CENTER_ROW,
  from: '2026-11-01',
  to: '2026-11-30',
  entries: Array.from({ length: n }, (_, i) => entry(i)),
  date: '2026-12-01',
});

test('parsePeriod: two dates, in order, at most 366 days; catalogue errors otherwise', () => {
  assert.deepEqual(parsePeriod('2026-11-01', '2026-11-30'), { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(
    parsePeriod('2028-01-01', '2028-12-31'),
    { from: '2028-01-01', to: '2028-12-31' },
    'a leap year is 366 days',
  );
  assert.equal(MAX_BOOK_DAYS, 366);
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof AppError ? e.code : 'other';
    }
    return 'none';
  };
  assert.equal(
    code(() => parsePeriod('2026-11-31', '2026-12-01')),
    'VALIDATION_FAILED',
  );
  assert.equal(
    code(() => parsePeriod('01/11/2026', '2026-12-01')),
    'VALIDATION_FAILED',
  );
  assert.equal(
    code(() => parsePeriod('2026-11-01', undefined)),
    'VALIDATION_FAILED',
  );
  assert.equal(
    code(() => parsePeriod('2026-12-01', '2026-11-01')),
    'VALIDATION_FAILED',
  );
  assert.equal(
    code(() => parsePeriod('2026-01-01', '2027-01-02')),
    'RANGE_TOO_LARGE',
  );
});

test('book PDF: A4 landscape, Tinos, one page for a few dossiers, more pages for a long period', async () => {
  const check = (pdf: Buffer, name: string) => {
    const f = inspectPdf(pdf);
    for (const [w, h] of f.pageSizes)
      assert.ok(Math.abs(w - 841.89) < 0.01 && Math.abs(h - 595.28) < 0.01, `${w}×${h}`);
    assert.ok(f.fonts.every((n) => n.startsWith('Tinos-')));
    assert.equal(f.lang, 'vi-VN');
    if (PREVIEW) {
      mkdirSync(PREVIEW, { recursive: true });
      writeFileSync(join(PREVIEW, name), pdf);
    }
    return f.pages;
  };
  assert.equal(check(await bookPdf(book(0)), 'book-empty.pdf'), 1);
  const short = check(await bookPdf(book(4)), 'book-short.pdf');
  const long = check(await bookPdf(book(120)), 'book-long.pdf');
  assert.equal(short, 1);
  assert.ok(long >= 8, `120 dossiers take ${long} pages`);
});

test('book XLSX: opens with exceljs; header bold and frozen; one row per dossier; times as Excel dates in +07:00 wall time', async () => {
  const input = book(25);
  const xlsx = await bookXlsx(input);
  if (PREVIEW) writeFileSync(join(PREVIEW, 'book.xlsx'), xlsx);
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  // header, 25 dossiers, and the closing line with the fees summed
  assert.equal(ws.rowCount, 27);
  assert.match(ws.getRow(27).getCell(2).text, /^Phí, lệ phí đã thu: /);
  assert.deepEqual(
    (ws.getRow(1).values as unknown[]).slice(1),
    BOOK_COLUMNS.map((c) => c.header),
  );
  assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
  assert.equal(ws.getColumn(3).width, BOOK_COLUMNS[2]!.xlsxWidth);
  const first = input.entries[0]!;
  const r2 = ws.getRow(2);
  assert.equal(r2.getCell(1).value, 1);
  assert.equal(r2.getCell(2).value, first.code);
  assert.equal(r2.getCell(4).value, 1);
  const received = r2.getCell(8).value;
  assert.ok(received instanceof Date);
  // 2026-11-02T01:30Z is 08:30 in Vietnam: the cell shows 02/11/2026 08:30
  assert.equal(received.toISOString(), '2026-11-02T08:30:00.000Z');
  assert.equal(received.getTime(), excelWallTime(first.receivedAt).getTime());
  assert.equal(r2.getCell(8).numFmt, 'dd/mm/yyyy hh:mm');
  assert.equal(r2.getCell(12).value, null, 'not returned yet: empty');
  assert.ok(ws.getRow(3).getCell(12).value instanceof Date, 'returned: a date');
  assert.match(String(r2.getCell(15).value), /Hẹn lại: 08\/11\/2026 08:30/);
  // "Kết quả giải quyết": the clock's verdict of each row, in the register's words.
  assert.equal(ws.getRow(1).getCell(13).value, 'Kết quả giải quyết');
  for (const [i, e] of input.entries.entries())
    assert.equal(ws.getRow(i + 2).getCell(13).value, bookVerdictText(e.verdict), e.code);
  assert.equal(r2.getCell(13).value, 'Đang giải quyết (quá hạn)');
  assert.equal(ws.getRow(3).getCell(13).value, 'Sớm hạn');
  assert.equal(ws.getRow(4).getCell(13).value, 'Đang giải quyết (trong hạn)');
  assert.equal(ws.getRow(5).getCell(13).value, 'Trễ hạn');
});

test('the verdict words of the register: one per clock verdict', () => {
  assert.equal(bookVerdictText('early'), 'Sớm hạn');
  assert.equal(bookVerdictText('on_time'), 'Đúng hạn');
  assert.equal(bookVerdictText('late'), 'Trễ hạn');
  assert.equal(bookVerdictText('in_time'), 'Đang giải quyết (trong hạn)');
  assert.equal(bookVerdictText('overdue'), 'Đang giải quyết (quá hạn)');
  assert.equal(bookVerdictText('awaiting'), 'Chờ tiếp nhận');
  assert.equal(bookVerdictText('not_counted'), '');
  assert.equal(bookVerdictText(null), '');
});
