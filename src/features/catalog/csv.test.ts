import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvToProcedureInputs, parseCsv, CsvError } from './csv.ts';
import { parseProcedure } from './model.ts';

test('CSV: quotes, doubled quotes, line breaks inside quotes, BOM, CRLF', () => {
  const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n');
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['x, y', 'say "hi"', 'line1\nline2'] },
  ]);
});

test('CSV: semicolon separator as Excel writes it in Vietnamese locales', () => {
  assert.deepEqual(
    parseCsv('a;b\n1;2').map((r) => r.cells),
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  );
});

test('CSV: an unterminated quote is reported with its line', () => {
  assert.throws(
    () => parseCsv('a,b\n"oops,2\n'),
    (e: unknown) => e instanceof CsvError && e.line === 2,
  );
});

test('CSV row → procedure: lists, fees and components in the short form', () => {
  const csv = [
    'code,name,field,timeLimitAmount,timeLimitUnit,timeLimitCutoff,fees,components,steps,sameDayEligible,legalBasis',
    '2.000815,Chứng thực bản sao từ bản chính,Chứng thực,,same_day,true,"Trang 1–2: 2.000:đồng/trang | Từ trang 3:1000:đồng/trang","Bản chính giấy tờ:1:0 | Bản sao cần chứng thực:0:1",Nộp hồ sơ | Nhận kết quả,x,Nghị định 23/2015/NĐ-CP | Thông tư 226/2016/TT-BTC',
  ].join('\n');
  const [row] = csvToProcedureInputs(csv);
  const p = parseProcedure(row!.input);
  assert.equal(p.code, '2.000815');
  assert.deepEqual(p.timeLimit, { amount: 1, unit: 'same_day', cutoff: true, note: '' });
  assert.deepEqual(
    p.fees.map((f) => [f.name, f.amount, f.per]),
    [
      ['Trang 1–2', 2000, 'đồng/trang'],
      ['Từ trang 3', 1000, 'đồng/trang'],
    ],
  );
  assert.deepEqual(
    p.components.map((c) => [c.name, c.originals, c.copies]),
    [
      ['Bản chính giấy tờ', 1, 0],
      ['Bản sao cần chứng thực', 0, 1],
    ],
  );
  assert.deepEqual(p.steps, ['Nộp hồ sơ', 'Nhận kết quả']);
  assert.equal(p.sameDayEligible, true);
  assert.equal(p.legalBasis.length, 2);
});

test('CSV: unknown or missing columns and ragged rows are errors', () => {
  assert.throws(() => csvToProcedureInputs('code,name,bogus\n1,2,3'), /unknown columns: bogus/);
  assert.throws(() => csvToProcedureInputs('code,name\n1,2'), /missing column: field/);
  assert.throws(() => csvToProcedureInputs('code,name,field,timeLimitUnit\n1,2,3'), /3 cells/);
  assert.throws(() => csvToProcedureInputs('code,name,name,field,timeLimitUnit\n1,2,2,3,4'), /repeated columns: name/);
  assert.throws(
    () => csvToProcedureInputs('code,name,field,timeLimitUnit,timeLimitCutoff\n1,2,3,same_day,maybe'),
    /must be true or false/,
  );
});
